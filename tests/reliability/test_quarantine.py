"""Validation as a gate: a batch breaking a critical expectation is kept aside, not published, not lost."""

from __future__ import annotations

import json
import shutil

import pandas as pd
import pytest

from conftest import SEED_ARTICLE, SEEDS
from dateline.store import QUARANTINE_DIR, OutputStore


@pytest.fixture
def strict_suites(tmp_path, monkeypatch):
    """The committed suites plus one critical expectation no real article of more than 100 words
    meets, so that the seed's batch fails the gate."""
    import dateline.quality.validator as validator

    suites = tmp_path / "expectations"
    shutil.copytree(validator.EXPECTATIONS_DIR, suites)
    suite = json.loads((suites / "documents.json").read_text())
    suite["expectations"].append(
        {
            "type": "expect_column_values_to_be_between",
            "kwargs": {"column": "n_words", "max_value": 100},
            "severity": "critical",
        }
    )
    (suites / "documents.json").write_text(json.dumps(suite))
    monkeypatch.setattr(validator, "EXPECTATIONS_DIR", suites)
    validator.shared_validator.cache_clear()
    yield suites
    validator.shared_validator.cache_clear()


def test_a_failing_batch_is_quarantined_with_its_report_and_retried_later(
    strict_suites, tmp_path, prefect_server, monkeypatch
):
    import dateline.quality.validator as validator
    from dateline.flows.pipeline import PipelineFailed, pipeline

    output = tmp_path / "out"
    with pytest.raises(PipelineFailed) as failure:
        pipeline(source=str(SEED_ARTICLE), output=str(output))
    message = str(failure.value)
    assert "documents" in message and "expect_column_values_to_be_between" in message
    assert "n_words" in message
    (batch_key,) = failure.value.summary.failed_batches
    assert f"held back in {output}/{QUARANTINE_DIR}/" in failure.value.summary.render()

    # not published ...
    assert OutputStore(output).doc_ids() == set()
    assert pd.read_parquet(output / "mentions").empty
    # ... but kept, whole, with the verdict that stopped it
    kept = output / QUARANTINE_DIR / batch_key
    documents = pd.read_parquet(kept / "documents.parquet")
    assert documents.source.tolist() == [str(SEED_ARTICLE)]
    assert len(pd.read_parquet(kept / "mentions.parquet")) > 80
    report = json.loads((kept / "validation.json").read_text())
    assert report["batch"] == batch_key and report["passed"] is False
    (failed,) = report["tables"]["documents"]["failed"]
    assert failed["expectation"] == "expect_column_values_to_be_between" and failed["unexpected_count"] == 1
    # the datasets themselves never read the quarantine
    assert len(pd.read_parquet(output / "documents")) == 0

    # once the rule is fixed, the next run publishes the held-back article
    monkeypatch.undo()
    validator.shared_validator.cache_clear()
    summary = pipeline(source=str(SEEDS), output=str(output))
    assert summary["passed"] and summary["documents"] == 1
    assert OutputStore(output).doc_ids() == set(documents.doc_id)


def test_keys_the_flow_assigns_after_the_gate_are_checked_before_publishing(
    tmp_path, prefect_server, monkeypatch
):
    """Quotation keys are filled in by the flow against the stored index after the batch passed the
    gate with provisional ones; a key that breaks the suite holds the batch back all the same, and
    the index forgets what the held-back batch added."""
    import dateline.stories.quote_keys as quote_keys
    from dateline.flows.pipeline import PipelineFailed, pipeline

    monkeypatch.setattr(quote_keys, "own_key", lambda quote: "not a key")
    output = tmp_path / "out"
    with pytest.raises(PipelineFailed) as failure:
        pipeline(source=str(SEED_ARTICLE), output=str(output))
    assert "quote_key" in str(failure.value) and "expect_column_values_to_match_regex" in str(failure.value)
    assert OutputStore(output).doc_ids() == set()
    (batch_key,) = failure.value.summary.failed_batches
    held = pd.read_parquet(output / QUARANTINE_DIR / batch_key / "quotes.parquet")
    assert set(held.quote_key) == {"not a key"}  # kept as they would have been published

    monkeypatch.undo()
    summary = pipeline(source=str(SEEDS), output=str(output))
    assert summary["passed"] and summary["documents"] == 1
    keys = pd.read_parquet(output / "quotes").quote_key
    assert keys.str.fullmatch("[0-9a-f]{16}").all()
