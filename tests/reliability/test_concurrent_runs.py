"""Two runs on one output: the second fails fast with a clear message, and nothing interleaves."""

from __future__ import annotations

import subprocess
import sys
import time

import pandas as pd
import pytest

from conftest import SEEDS
from dateline.lock import LOCK_FILE, OutputLocked, output_lock
from dateline.store import OutputStore

HOLD_LOCK = """
import sys, time
from dateline.lock import output_lock
from dateline.store import OutputStore
with output_lock(OutputStore(sys.argv[1]), purpose="test run"):
    print("locked", flush=True)
    time.sleep(120)
"""


@pytest.fixture
def other_run(tmp_path):
    """Another process holding the output's lock, as a run in progress does."""
    output = tmp_path / "output"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(output)], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout.readline().strip() == "locked"
    yield output, holder
    holder.kill()
    holder.wait()


def test_a_second_run_on_a_locked_output_fails_fast_and_says_why(other_run, prefect_server):
    from dateline.flows.pipeline import pipeline

    output, holder = other_run
    started = time.perf_counter()
    with pytest.raises(OutputLocked) as locked:
        pipeline(source=str(SEEDS), output=str(output))
    assert time.perf_counter() - started < 30
    message = str(locked.value)
    assert f"process {holder.pid}" in message and "test run" in message
    assert "another --output" in message
    assert not (output / "documents").exists()  # it wrote nothing

    holder.kill()
    holder.wait()  # the holder dies without unlocking: the kernel drops its lock
    summary = pipeline(source=str(SEEDS), output=str(output))
    assert summary["passed"] and summary["documents"] == 1


def test_the_cli_exits_3_with_the_holder_named(other_run, capsys):
    from dateline.cli import EXIT_LOCKED, main

    output, holder = other_run
    started = time.perf_counter()
    code = main(["run", str(SEEDS), "--output", str(output)])
    assert code == EXIT_LOCKED == 3
    err = capsys.readouterr().err
    assert f"process {holder.pid}" in err
    # one line, before Prefect starts: no flow run logging the exception with its traceback
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert time.perf_counter() - started < 5


def test_runs_one_after_another_share_the_output(seed_output_copy, prefect_server):
    """The lock is released at the end of a run, also when the run fails: the next one goes ahead."""
    from dateline.flows.pipeline import pipeline

    assert (seed_output_copy / LOCK_FILE).is_file()
    with output_lock(OutputStore(seed_output_copy)):
        pass  # free again after the seed run
    summary = pipeline(source=str(SEEDS), output=str(seed_output_copy))
    assert summary["already_stored"] == 1
    assert pd.read_parquet(seed_output_copy / "documents").doc_id.is_unique
