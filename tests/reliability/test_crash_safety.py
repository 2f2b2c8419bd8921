"""A run killed with SIGKILL at random moments leaves a readable, consistent output, and the next run
finishes the job without duplicates."""

from __future__ import annotations

import gzip
import os
import random
import signal
import subprocess
import sys
import time
from itertools import islice
from pathlib import Path

import pandas as pd
import pytest

from conftest import ROOT
from dateline.batch import TABLES
from dateline.quality.integrity import consistency_problems
from dateline.store import COMMIT_TABLE, INDEX_DIR, OutputStore
from dateline.stories.link import QUOTE_INDEX

STORIES = 16
BATCH = 2
KILLS = 3


@pytest.fixture(scope="module")
def stories(reuters, tmp_path_factory) -> Path:
    source = tmp_path_factory.mktemp("crash-source") / "wire.jsonl"
    with gzip.open(reuters, "rt", encoding="utf-8") as lines:
        source.write_text("".join(islice(lines, STORIES)), encoding="utf-8")
    return source


def _start(source: Path, output: Path) -> subprocess.Popen:
    """`dateline run` in its own process group, as a scheduler starts it, reporting to the tests'
    Prefect server (a temporary server of its own would cost each run 5 s)."""
    from prefect.settings import PREFECT_API_URL

    env = {**os.environ, "PREFECT_API_URL": PREFECT_API_URL.value()}
    command = [sys.executable, "-m", "dateline", "run", str(source), "--output", str(output)]
    command += ["--batch-size", str(BATCH)]
    return subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def _committed(output: Path) -> int:
    folder = output / COMMIT_TABLE
    return len(list(folder.glob("part-*.parquet"))) if folder.is_dir() else 0


def row_counts(output: Path) -> dict[str, int]:
    store = OutputStore(output)
    return {table: store.count_rows(table) for table in TABLES}


def test_runs_killed_at_random_moments_lose_nothing_and_duplicate_nothing(stories, tmp_path, prefect_server):
    from dateline.flows.pipeline import pipeline

    rng = random.Random(8)
    reference, output = tmp_path / "reference", tmp_path / "output"
    pipeline(source=str(stories), output=str(reference), batch_size=BATCH)  # never interrupted
    assert consistency_problems(reference) == []
    expected = row_counts(reference)
    assert expected["documents"] > STORIES // 2

    kills = 0
    for _ in range(KILLS):
        run = _start(stories, output)
        target = _committed(output) + rng.randint(1, 3)  # a few batches into this run's work
        deadline = time.monotonic() + 300
        while _committed(output) < target and run.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(rng.uniform(0, 1.5))  # anywhere in the next batch: parsing, writing, renaming
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGKILL)
            kills += 1
        run.wait()
        assert consistency_problems(output) == []
    assert kills >= 2  # the run outlived most kill moments: it was killed in the middle

    assert _start(stories, output).wait(timeout=600) == 0
    assert consistency_problems(output) == []
    assert row_counts(output) == expected
    assert OutputStore(output).doc_ids() == OutputStore(reference).doc_ids()
    assert not [p for p in output.rglob(".*.tmp")]
    # the quotation index stored with the batches held what the killed runs had published, no more
    assert _quote_keys(output) == _quote_keys(reference)
    committed = OutputStore(output).committed()
    assert {p.name for p in (output / INDEX_DIR / QUOTE_INDEX).iterdir()} <= committed


def _quote_keys(output: Path) -> dict[str, str]:
    quotes = pd.read_parquet(output / "quotes", columns=["quote_id", "quote_key"])
    return dict(zip(quotes.quote_id, quotes.quote_key, strict=True))
