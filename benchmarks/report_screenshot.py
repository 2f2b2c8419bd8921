"""Open the run report in headless Chromium, fail on any console error, and save a screenshot.

    python benchmarks/report_screenshot.py [--output output] [--to output/_reports/latest.png]

Needs a Chromium binary (`apt-get install chromium` on Debian/Ubuntu); the page itself needs no
network, and Chromium is started with networking features off. Prints the page, the screenshot
path and size, the images the page rendered, and any console errors (exit 1 if there are some).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "chrome")
FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--hide-scrollbars",
    "--disable-background-networking",
    "--no-first-run",
    "--enable-logging=stderr",
    "--v=0",
]
# Chromium's log lines for the page's own console and for resources it could not load.
CONSOLE_ERROR = re.compile(r"CONSOLE\(\d+\)\].*|Uncaught .*|Failed to load resource.*|net::ERR_\w+")


def chromium() -> str:
    for name in BROWSERS:
        if found := shutil.which(name):
            return found
    raise SystemExit("no Chromium found: install it (apt-get install chromium) and run again")


def _run(browser: str, *args: str) -> subprocess.CompletedProcess[str]:
    with tempfile.TemporaryDirectory(prefix="dateline-chromium-") as profile:
        return subprocess.run(
            [browser, *FLAGS, f"--user-data-dir={profile}", *args],
            capture_output=True,
            text=True,
            timeout=120,
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=Path("output"))
    parser.add_argument("--to", type=Path, help="screenshot file (default: beside the page, .png)")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=3000)
    args = parser.parse_args()

    page = (args.output / "_reports" / "latest.html").resolve()
    if not page.is_file():
        raise SystemExit(f"no report at {page}: run `dateline run SOURCE --output {args.output}` first")
    target = (args.to or page.with_suffix(".png")).resolve()
    browser = chromium()

    dom = _run(browser, "--dump-dom", page.as_uri())
    shot = _run(browser, f"--screenshot={target}", f"--window-size={args.width},{args.height}", page.as_uri())
    errors = sorted({m.group(0) for log in (dom.stderr, shot.stderr) for m in CONSOLE_ERROR.finditer(log)})
    images = re.findall(r'<img alt="([^"]+)" src="data:image/png', dom.stdout)

    print(f"page        {page}")
    print(f"browser     {browser}")
    print(f"images      {len(images)}: {', '.join(images)}")
    if target.is_file():
        print(f"screenshot  {target} ({target.stat().st_size:,} bytes, {args.width}x{args.height})")
    else:
        print(f"screenshot  not written: {shot.stderr[-500:]}")
    print(f"console errors {len(errors)}")
    for line in errors:
        print(f"  {line}")
    return 0 if target.is_file() and not errors and dom.returncode == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
