"""An extractor failing on one article (a bug) costs that article, not its batch or the run."""

from __future__ import annotations

import shutil

import pandas as pd

from conftest import FIXTURES, SEED_ARTICLE
from dateline.extract import EXTRACTORS


def test_an_article_an_extractor_fails_on_becomes_a_reject(tmp_path, monkeypatch, prefect_server):
    from dateline.flows.pipeline import pipeline

    source = tmp_path / "inbox"
    source.mkdir()
    shutil.copy(SEED_ARTICLE, source / "seed.txt")
    shutil.copy(FIXTURES / "reuters-datelines.jsonl", source / "wire.jsonl")
    real = EXTRACTORS["quotes"]

    def quotes_with_a_bug(document, doc):
        if "Kirby" in document.text:
            raise IndexError("list index out of range")
        return real(document, doc)

    monkeypatch.setitem(EXTRACTORS, "quotes", quotes_with_a_bug)
    summary = pipeline(source=str(source), output=str(tmp_path / "out"))

    rejects = pd.read_parquet(tmp_path / "out" / "rejects")
    (failed,) = rejects[rejects.reason == "extraction_failed"].itertuples()
    assert failed.source.endswith("seed.txt")
    assert "IndexError" in failed.detail and "list index out of range" in failed.detail
    documents = pd.read_parquet(tmp_path / "out" / "documents")
    assert not documents.source.str.endswith("seed.txt").any() and len(documents) > 0
    for table in ("mentions", "quotes", "entities"):  # none of its rows in any table
        assert set(pd.read_parquet(tmp_path / "out" / table).doc_id) <= set(documents.doc_id)
    assert summary["documents"] == len(documents) and summary["rejects"] == len(rejects)
    assert summary["inputs"] == summary["documents"] + summary["duplicates"] + summary["rejects"]
    assert summary["reject_reasons"] == {"extraction_failed": 1}
    assert summary["passed"] is True
