"""The command line as a user meets it: a real process, its exit code and what it prints."""

import subprocess
import sys

from conftest import ROOT, SEEDS
from dateline.cli import build_parser


def _dateline(*args, cwd=ROOT):
    return subprocess.run(
        [sys.executable, "-m", "dateline", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_run_prints_a_clean_summary_and_exits_zero(tmp_path):
    # A relative --output, as users type it, resolved against the working directory.
    result = _dateline("run", str(SEEDS), "--output", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "inputs" in result.stdout and "1 new documents" in result.stdout
    assert "validation  passed" in result.stdout
    assert "out/_quality/data_docs/index.html" in result.stdout
    assert "Traceback" not in result.stderr and "CancelledError" not in result.stderr
    assert "telemetry" not in result.stderr.lower()
    assert (tmp_path / "out" / "documents").is_dir()
    assert (tmp_path / "out" / "_quality" / "data_docs" / "index.html").is_file()

    again = _dateline("validate", "out", cwd=tmp_path)
    assert again.returncode == 0, again.stdout + again.stderr
    assert again.stdout.rstrip().splitlines()[-1].startswith("passed")


def test_run_on_a_missing_source_says_what_to_do(tmp_path):
    result = _dateline("run", str(tmp_path / "nothing-here"))
    assert result.returncode == 2
    assert "not a file, a folder or a glob" in result.stderr
    assert "Traceback" not in result.stderr


def test_help_lists_every_command():
    text = build_parser().format_help()
    for command in ("run", "validate", "serve"):
        assert command in text
