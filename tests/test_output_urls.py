"""Outputs on a filesystem URL instead of a local folder (s3://, gs://... in production).

fsspec's in-memory filesystem stands in for an object store: it has no real folders and no atomic
rename, and every file operation must go through the store's filesystem for the run to work at all.
"""

from __future__ import annotations

import json
import uuid

import fsspec
import pandas as pd

from conftest import SEEDS
from dateline.batch import TABLES
from dateline.quality.dataset import validate_output
from dateline.store import OutputStore


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values(list(frame.columns[:1])).reset_index(drop=True)


def test_a_run_into_a_url_writes_the_same_tables_as_a_local_run(seed_output):
    from dateline.flows.pipeline import pipeline

    url = f"memory://dateline-{uuid.uuid4().hex[:8]}/output"
    result = pipeline(source=str(SEEDS), output=url)
    assert result["validation_passed"] is True

    remote, local = OutputStore(url), OutputStore(seed_output)
    for table in TABLES:
        assert remote.parts(table), f"{table} has no file under {url}"
        got = remote.read(table).to_pandas()
        want = local.read(table).to_pandas()
        if table == "documents":  # the run id and time differ between the two runs
            got, want = (f.drop(columns=["run_id", "ingested_at"]) for f in (got, want))
        if table == "rejects":
            assert len(got) == len(want)
            continue
        pd.testing.assert_frame_equal(_sorted(got), _sorted(want))

    memory = fsspec.filesystem("memory")
    path = url.removeprefix("memory://")
    report = json.loads(memory.cat(f"{path}/_quality/validation.json"))
    assert report["passed"] is True
    assert memory.exists(f"{path}/_quality/data_docs/index.html")
    assert not [p for p in memory.find(path) if p.endswith(".tmp")], "temporary files left behind"

    again = pipeline(source=str(SEEDS), output=url)
    assert again["documents"] == 0 and again["already_stored"] == result["documents"]
    assert validate_output(url).passed
