"""Reading the published tables: dateline.load / dataset / sql on the seed run."""

from __future__ import annotations

import pandas as pd
import pyarrow.compute as pc
import pytest

import dateline
from dateline.outputs import NoOutput, UnknownTable
from dateline.schemas import load_contract


def test_load_gives_every_column_with_the_contracts_types(seed_output, seed_text):
    quotes = dateline.load("quotes", seed_output)
    assert list(quotes.columns) == load_contract("quotes").column_names
    assert quotes["speaker_start"].dtype == pd.Int64Dtype()
    assert isinstance(quotes["speaker"].dtype, pd.StringDtype)
    # A nullable integer column stays integer where values are missing, instead of turning float:
    # the Bosporus has no GeoNames id in the gazetteer.
    ids = dateline.load("locations", seed_output)["geonames_id"]
    assert ids.dtype == pd.Int64Dtype() and ids.isna().any() and ids.notna().any()
    row = quotes.dropna(subset=["speaker_start"]).iloc[0]
    text = dateline.load("documents", seed_output).set_index("doc_id").loc[row.doc_id, "text"]
    assert text[row.start : row.end] == row.quote


def test_dataset_reads_only_the_columns_and_rows_asked_for(seed_output):
    mentions = dateline.dataset("mentions", seed_output)
    persons = mentions.to_table(columns=["text"], filter=pc.field("label") == "PERSON")
    assert persons.column_names == ["text"]
    assert 0 < persons.num_rows < mentions.count_rows()
    assert "John Kirby" in persons.column("text").to_pylist()


def test_an_empty_table_loads_with_its_schema(seed_output):
    rejects = dateline.load("rejects", seed_output)
    assert rejects.empty
    assert list(rejects.columns) == load_contract("rejects").column_names


def test_sql_joins_tables_by_name(seed_output):
    answer = dateline.sql(
        """select q.speaker, count(*) as n, any_value(e.role) as role
           from quotes q join entities e on q.speaker_entity_id = e.entity_id
           group by 1 order by n desc, 1""",
        seed_output,
    )
    assert "John Kirby" in set(answer.speaker)
    assert answer.n.is_monotonic_decreasing
    assert "Pentagon spokesman" in answer.set_index("speaker").loc["John Kirby", "role"]


def test_wrong_names_say_what_to_do(seed_output, tmp_path):
    with pytest.raises(UnknownTable, match="did you mean 'quotes'"):
        dateline.load("quote", seed_output)
    with pytest.raises(NoOutput, match="dateline run SOURCE --output"):
        dateline.load("quotes", tmp_path / "nowhere")


def test_old_run_reports_are_pruned_to_the_newest_few(tmp_path):
    from dateline.store import REPORTS_DIR, OutputStore

    reports = tmp_path / REPORTS_DIR
    reports.mkdir()
    names = [f"run-2026120{day}T120000-abcdef{day}0.html" for day in range(1, 6)]
    for name in [*names, "latest.html"]:
        (reports / name).write_text("<html></html>")
    deleted = OutputStore(tmp_path).prune_reports(keep=2)
    assert sorted(p.split("/")[-1] for p in deleted) == names[:3]
    assert sorted(p.name for p in reports.iterdir()) == ["latest.html", *names[3:]]
