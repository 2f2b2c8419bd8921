"""What a small run costs when the output already holds a large archive (issue #29).

    python benchmarks/incremental.py [--archive-source ../shared/corpora/reuters21578.jsonl.gz]
                                     [--archive PATH] [--repeat 3]

Builds (once, kept at --archive) an output holding every Reuters-21578 story, then times `dateline run
seeds/` as a user runs it (a fresh process, wall clock) into a copy of that archive and into an empty
output, alternating, and prints the median of each and their ratio. A run's cost should follow what
it adds, not what is stored: target at most 1.15x.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from dateline.store import INDEX_DIR, OutputStore
from dateline.stories.link import StoryLinker

ROOT = Path(__file__).resolve().parents[1]
DATELINE = [sys.executable, "-m", "dateline"]


def _run(source: Path, output: Path, *extra: str) -> float:
    started = time.perf_counter()
    done = subprocess.run(
        [*DATELINE, "run", str(source), "--output", str(output), *extra],
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"dateline run failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--archive-source", type=Path, default=ROOT.parent / "shared" / "corpora" / "reuters21578.jsonl.gz"
    )
    parser.add_argument(
        "--archive", type=Path, default=Path(tempfile.gettempdir()) / "dateline-reuters-archive"
    )
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    if not (args.archive / "documents").is_dir():
        print(f"building the archive at {args.archive} (all of {args.archive_source.name}) ...", flush=True)
        seconds = _run(args.archive_source, args.archive, "--workers", "2")
        print(f"  built in {seconds:.0f} s", flush=True)
    if not (args.archive / INDEX_DIR).is_dir():
        # An archive written before indexes were stored with each batch: the first run into it
        # writes them (once); do that here, so that every timed run meets the archive alike.
        seconds = time.perf_counter()
        StoryLinker.load(OutputStore(args.archive))
        print(f"wrote the archive's indexes in {time.perf_counter() - seconds:.1f} s", flush=True)
    stored = sum(1 for _ in (args.archive / "documents").glob("*.parquet"))
    seeds = ROOT / "seeds"
    into_archive, into_empty = [], []
    with tempfile.TemporaryDirectory() as scratch:
        for round_ in range(args.repeat):
            full = Path(scratch) / f"full-{round_}"
            shutil.copytree(args.archive, full)
            into_archive.append(_run(seeds, full))
            into_empty.append(_run(seeds, Path(scratch) / f"empty-{round_}"))
            shutil.rmtree(full)
    archive_s, empty_s = statistics.median(into_archive), statistics.median(into_empty)
    print(f"archive: {args.archive} ({stored} batch files)")
    print(
        f"seed run into the archive: {archive_s:.1f} s (runs: {', '.join(f'{s:.1f}' for s in into_archive)})"
    )
    print(
        f"seed run into an empty output: {empty_s:.1f} s (runs: {', '.join(f'{s:.1f}' for s in into_empty)})"
    )
    print(f"ratio: {archive_s / empty_s:.2f}x (target at most 1.15x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
