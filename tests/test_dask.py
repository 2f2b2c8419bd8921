"""The flow on a real Dask LocalCluster of two worker processes gives the same tables as in-process."""

import gzip
from itertools import islice

import pyarrow.dataset as ds

from conftest import FIXTURES, comparable
from dateline.batch import TABLES
from dateline.stories.link import AGGREGATE_TABLES

# Columns that record when and in which run a row was made, not what it holds.
RUN_COLUMNS = {"run_id", "ingested_at", "rejected_at"}


def _tables(output):
    result = {}
    for table in [*TABLES, *AGGREGATE_TABLES]:
        frame = ds.dataset(output / table, format="parquet").to_table().to_pandas()
        frame = frame.drop(columns=[c for c in frame.columns if c in RUN_COLUMNS])
        result[table] = comparable(frame, list(frame.columns[:2]))
    return result


def test_two_dask_workers_give_the_same_tables_as_one_process(tmp_path, prefect_server, reuters):
    from dateline.flows.pipeline import run_pipeline

    source = tmp_path / "source"
    source.mkdir()
    with gzip.open(reuters, "rb") as lines:
        (source / "reuters.jsonl").write_bytes(b"".join(islice(lines, 12)))
    (source / "pages.warc.gz").write_bytes((FIXTURES / "cc-news-sample.warc.gz").read_bytes())
    alone, cluster = tmp_path / "alone", tmp_path / "cluster"
    run_pipeline(source=str(source), output=str(alone), batch_size=4)
    run_pipeline(workers=2, source=str(source), output=str(cluster), batch_size=4)
    expected, got = _tables(alone), _tables(cluster)
    assert len(expected["documents"]) == 15
    for table in [*TABLES, *AGGREGATE_TABLES]:
        assert got[table].equals(expected[table]), table
    # one Parquet file per batch in either run, numbered in input order
    files = [sorted((out / "documents").rglob("*.parquet")) for out in (alone, cluster)]
    assert [p.name.rsplit("-", 1)[-1] for p in files[1]] == [p.name.rsplit("-", 1)[-1] for p in files[0]]
    assert len(files[0]) == 4
