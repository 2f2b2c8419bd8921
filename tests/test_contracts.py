"""schemas/ is the single source of truth: code, suites and written Parquet all agree with it."""

import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from dateline.batch import TABLES
from dateline.quality.validator import EXPECTATIONS_DIR, suite_names
from dateline.schemas import arrow_schema, arrow_type, load_contract, table_names


def test_the_tables_the_pipeline_writes_are_the_contracts_and_the_suites():
    """Batches write TABLES, a run's end rebuilds AGGREGATE_TABLES: together, every contract in
    schemas/ and every suite in expectations/, no table without one and no contract unwritten."""
    from dateline.stories.link import AGGREGATE_TABLES

    written = {*TABLES, *AGGREGATE_TABLES}
    assert written == set(table_names()) == set(suite_names())
    assert not set(TABLES) & set(AGGREGATE_TABLES)


@pytest.mark.parametrize("table", table_names())
def test_contract_columns_are_typed_and_described(table):
    contract = load_contract(table)
    assert contract.description
    assert len(set(contract.column_names)) == len(contract.columns)
    for column in contract.columns:
        assert column.description, f"{table}.{column.name} has no description"
        assert isinstance(arrow_type(column.type), pa.DataType)


@pytest.mark.parametrize("table", suite_names())
def test_suites_only_name_contract_columns_or_derived_checks(table):
    suite = json.loads((EXPECTATIONS_DIR / f"{table}.json").read_text())
    columns = set(load_contract(table).column_names)
    for expectation in suite["expectations"]:
        assert expectation["severity"] in {"critical", "warning", "info"}
        kwargs = expectation["kwargs"]
        for key in ("column", "column_A", "column_B"):
            if key in kwargs:
                assert kwargs[key] in columns or kwargs[key].startswith("_"), kwargs[key]


def test_type_language():
    assert arrow_type("timestamp[us, tz=UTC]") == pa.timestamp("us", tz="UTC")
    assert arrow_type("list<string>") == pa.list_(pa.string())
    with pytest.raises(ValueError, match="unknown Arrow type"):
        arrow_type("varchar")


@pytest.mark.parametrize("table", TABLES)
def test_written_parquet_matches_the_contract_exactly(seed_output, table):
    files = sorted((seed_output / table).glob("*.parquet"))
    assert files
    for path in files:
        written = pq.read_schema(path)
        assert written.equals(arrow_schema(table), check_metadata=False), path
        assert [f.nullable for f in written] == [f.nullable for f in arrow_schema(table)]


def test_output_folders_hold_no_temporary_files(seed_output):
    leftovers = [p for p in seed_output.rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == []


def test_a_row_key_the_contract_lacks_is_an_error_not_a_column_of_nulls(seed_output):
    from dateline.tables import ContractViolation, to_arrow

    row = pq.read_table(seed_output / "quotes").slice(0, 1).to_pylist()[0]
    assert to_arrow("quotes", [row]).to_pylist() == [row]
    misspelled = dict(row)
    misspelled["speakr"] = misspelled.pop("speaker")
    with pytest.raises(ContractViolation, match="quotes has no column speakr"):
        to_arrow("quotes", [misspelled])
