"""The flow end to end on real articles: seed run, reruns, a folder of every format and every bad case."""

from __future__ import annotations

import codecs
import gzip
import json
import shutil
from collections import Counter
from itertools import islice
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from conftest import FIXTURES, SEED_ARTICLE
from dateline.batch import TABLES
from dateline.quality.dataset import validate_output
from dateline.store import OutputStore
from dateline.stories.link import AGGREGATE_TABLES
from dateline.summary import RunSummary


def _lines(path, n):
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return list(islice(f, n))


def _row_counts(output):
    return {t: pq.ParquetDataset(output / t).read().num_rows for t in [*TABLES, *AGGREGATE_TABLES]}


def _run(**kwargs):
    from dateline.flows.pipeline import pipeline

    return pipeline(**{k: str(v) if hasattr(v, "parts") else v for k, v in kwargs.items()})


def test_seed_run_stores_the_article_its_mentions_and_a_passing_report(seed_output, seed_text):
    documents = pd.read_parquet(seed_output / "documents")
    assert len(documents) == 1
    row = documents.iloc[0]
    assert row.source.endswith("seeds/istanbul-peace-talks.txt")
    assert row.source_format == "txt"
    assert row.text == seed_text.strip()
    assert row.n_chars == len(row.text)
    assert row.language == "en"
    mentions = pd.read_parquet(seed_output / "mentions")
    assert len(mentions) > 80 and set(mentions.doc_id) == {row.doc_id}
    report = json.loads((seed_output / "_quality" / "validation.json").read_text())
    assert report["passed"] is True
    assert set(report["tables"]) == {
        "documents",
        "mentions",
        "entities",
        "quotes",
        "locations",
        "bylines",
        "rejects",
        "signatures",
        "speakers",
        "speaker_roles",
    }
    assert (seed_output / "_quality" / "data_docs" / "index.html").is_file()


def test_rerun_adds_nothing_and_full_refresh_rebuilds(seed_output_copy):
    before = _row_counts(seed_output_copy)
    summary = _run(source=SEED_ARTICLE.parent, output=seed_output_copy)
    assert summary["already_stored"] == 1 and summary["documents"] == 0
    assert _row_counts(seed_output_copy) == before
    assert summary["totals"] == before
    # the summary and the report count batches as validation does: none published by this run
    counts = "1 batches: 0 published, 0 held back, 1 with nothing new"
    assert counts in RunSummary.from_dict(summary).render()
    page = Path(summary["report"]).read_text(encoding="utf-8")
    assert counts in page and "the 0 batches this run published" in page

    summary = _run(source=SEED_ARTICLE.parent, output=seed_output_copy, full_refresh=True)
    assert summary["documents"] == 1
    assert _row_counts(seed_output_copy) == before


def test_outputs_load_in_pandas_pyarrow_polars_and_duckdb(seed_output):
    import duckdb
    import polars as pl
    import pyarrow.dataset as ds

    n = len(pd.read_parquet(seed_output / "mentions"))
    assert ds.dataset(seed_output / "mentions", format="parquet").count_rows() == n
    assert pl.read_parquet(seed_output / "mentions" / "*.parquet").height == n
    glob = str(seed_output / "mentions" / "**" / "*.parquet")
    top = duckdb.sql(
        f"select label, count(*) n from read_parquet('{glob}') group by 1 order by n desc"
    ).fetchall()
    assert sum(count for _, count in top) == n
    assert {"PERSON", "GPE", "ORG"} <= {label for label, _ in top}


@pytest.fixture
def mixed_folder(tmp_path, guardian, reuters):
    """Good files in every supported format beside every kind of bad input."""
    src = tmp_path / "inbox"
    (src / "wire").mkdir(parents=True)
    shutil.copy(SEED_ARTICLE, src / "seed.txt")
    shutil.copy(SEED_ARTICLE, src / "wire" / "seed-copy.txt")  # duplicate text
    shutil.copy(FIXTURES / "realclearpolitics-abortion.html.gz", src / "page.html.gz")
    guardian = [json.loads(line) for line in _lines(guardian, 12)]
    reuters = _lines(reuters, 3)
    (src / "two.json").write_text(json.dumps(guardian[:2]))
    (src / "one.json").write_text(json.dumps(guardian[2]))
    (src / "wire" / "stories.jsonl").write_text(
        reuters[0] + "{broken json\n" + json.dumps({"title": "No body here"}) + "\n" + reuters[1]
    )
    (src / "wire" / "more.ndjson.gz").write_bytes(gzip.compress(reuters[2].encode()))
    legacy = guardian[3]["text"][:2000].replace("’", "'") + " Café – “crème brûlée”."
    (src / "legacy.txt").write_bytes(legacy.encode("cp1252"))
    (src / "utf16.txt").write_bytes(codecs.BOM_UTF16_LE + guardian[4]["text"].encode("utf-16-le"))
    # bad inputs
    (src / "empty.txt").write_bytes(b"")
    (src / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    (src / "broken.json").write_text('{"title": "Unclosed", "text": "x"')
    (src / "nav.html").write_text(
        "<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></body></html>"
    )
    tail = guardian[6:] + guardian[6:8]  # two texts repeat: duplicates within one file
    whole = gzip.compress("".join(json.dumps({"text": g["text"]}) + "\n" for g in tail).encode())
    (src / "cut.jsonl.gz").write_bytes(whole[: len(whole) // 2])
    (src / "notes.docx").write_bytes(b"PK\x03\x04")
    return src


@pytest.mark.slow
def test_mixed_folder_lands_good_inputs_and_rejects_bad_ones_with_reasons(mixed_folder, tmp_path):
    output = tmp_path / "out"
    summary = _run(source=mixed_folder, output=output, batch_size=4)

    rejects = pd.read_parquet(output / "rejects")
    by_file = {r.source.split("/inbox/")[1]: r.reason for r in rejects.itertuples()}
    assert by_file["empty.txt"] == "empty"
    assert by_file["image.txt"] == "binary"
    assert by_file["broken.json"] == "invalid_json"
    assert by_file["nav.html"] == "no_text"
    assert by_file["notes.docx"] == "unsupported_format"
    assert by_file["wire/stories.jsonl#L2"] == "invalid_json"
    assert by_file["wire/stories.jsonl#L3"] == "no_text"
    assert "corrupt_archive" in {r for f, r in by_file.items() if f.startswith("cut.jsonl.gz")}
    assert all(rejects.detail.str.len() > 10)

    documents = pd.read_parquet(output / "documents")
    formats = Counter(documents.source_format)
    assert formats["txt"] == 3  # seed, cp1252, utf-16
    assert formats["html+gzip"] == 1
    assert formats["json"] == 3
    assert formats["jsonl"] == 2
    assert formats["jsonl+gzip"] >= 3  # reuters ndjson.gz and the readable part of cut.jsonl.gz
    legacy = documents[documents.source.str.endswith("legacy.txt")].text.iloc[0]
    assert legacy.endswith("Café – “crème brûlée”.")

    assert summary["duplicates"] >= 1  # seed-copy.txt
    assert summary["documents"] == len(documents)
    assert summary["rejects"] == len(rejects)
    assert summary["inputs"] == (
        summary["documents"] + summary["duplicates"] + summary["already_stored"] + summary["rejects"]
    )
    assert summary["passed"] is True
    assert len(pd.read_parquet(output / "mentions").doc_id.unique()) == len(documents)


def test_an_output_inside_its_source_is_not_read_back_as_articles(seed_output, tmp_path):
    # `dateline run .` with the default output ./output: the second run walks the first one's
    # Data Docs, reports and Parquet files
    source = tmp_path / "news"
    source.mkdir()
    shutil.copy(SEED_ARTICLE, source)
    shutil.copytree(seed_output, source / "output")
    assert list((source / "output").rglob("*.html")) and (source / "output" / ".dateline.lock").is_file()
    summary = _run(source=source, output=source / "output")
    assert (summary["already_stored"], summary["documents"], summary["rejects"]) == (1, 0, 0)
    assert _row_counts(source / "output") == _row_counts(seed_output)


def test_leftovers_of_an_interrupted_batch_are_removed_before_a_rerun(seed_output_copy):
    store = OutputStore(seed_output_copy)
    (mentions_part,) = [Path(p) for p in store.parts("mentions")]
    orphan = mentions_part.with_name("part-20990101T000000-deadbeef-00001.parquet")
    shutil.copy(mentions_part, orphan)
    tmp = seed_output_copy / "documents" / ".part-x.parquet.abc.tmp"
    tmp.write_bytes(b"half a file")
    before = _row_counts(seed_output_copy)

    _run(source=SEED_ARTICLE, output=seed_output_copy)

    assert not orphan.exists() and not tmp.exists()
    assert _row_counts(seed_output_copy)["mentions"] == before["mentions"] // 2


def test_a_run_validates_the_rows_it_wrote_and_ids_across_the_whole_output(
    seed_output_copy, tmp_path, monkeypatch
):
    """The end of a run must not grow with the archive, nor validate a row twice: the verdicts and
    Data Docs of this run's batches are their gates' (earlier runs validated theirs as they wrote
    them); only the speakers tables, rebuilt at the end, go through Great Expectations there. Ids
    and links are still checked across everything, and `dateline validate` still reads every row."""
    from dateline.flows.pipeline import PipelineFailed
    from dateline.quality.validator import Validator

    validated_at_the_end: list[str] = []
    real = Validator.validate_with_docs

    def recording(self, frames):
        validated_at_the_end.extend(frames)
        return real(self, frames)

    monkeypatch.setattr(Validator, "validate_with_docs", recording)
    wire = tmp_path / "wire"
    wire.mkdir()
    shutil.copy(FIXTURES / "reuters-datelines.jsonl", wire)
    summary = _run(source=wire, output=seed_output_copy)
    assert summary["documents"] == 3
    assert set(validated_at_the_end) == {"speakers", "speaker_roles"}
    report = json.loads((seed_output_copy / "_quality" / "validation.json").read_text())
    assert report["passed"] and report["scope"] == "the 1 batch this run published and the speakers they name"
    for table in ("documents", "mentions", "quotes"):
        assert report["tables"][table]["rows"] == summary["rows"][table] > 0
        pages = list((seed_output_copy / "_quality" / "data_docs" / "validations" / table).rglob("*.html"))
        assert len(pages) == 1 and summary["run_id"][:8] in str(pages[0])  # the gate's result, rendered
    whole = validate_output(seed_output_copy)
    assert whole.passed and whole.verdicts["documents"].rows == 4

    # A document of this run published again inside the seed run's file: the next run, which
    # writes nothing, still finds the repeat across the two runs' files.
    seed_part = min((seed_output_copy / "documents").glob("part-2*.parquet"))  # the earlier stamp
    wire_rows = pq.read_table(seed_output_copy / "documents", filters=[("run_id", "==", summary["run_id"])])
    seed_rows = pq.read_table(seed_part)
    pq.write_table(pa.concat_tables([seed_rows, wire_rows.slice(0, 1).cast(seed_rows.schema)]), seed_part)
    repeat = r"documents: expect_column_values_to_be_unique\(column='doc_id'\)"
    with pytest.raises(PipelineFailed, match=repeat):
        _run(source=wire, output=seed_output_copy)
