"""Reading the published tables: the one-line way from `make run` to a DataFrame or a SQL answer.

Everything goes through the table contracts, so a table reads with the types `schemas/` promises
even when it has no rows yet, and a wrong name or folder says what to do instead of a bare
FileNotFoundError from deep inside pyarrow.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import TYPE_CHECKING

from dateline.schemas import arrow_schema, table_names

if TYPE_CHECKING:
    import duckdb
    import pandas as pd
    import pyarrow.dataset as ds

DEFAULT_OUTPUT = "output"


class UnknownTable(KeyError):
    """A table name that no contract in schemas/ defines."""

    def __str__(self) -> str:  # KeyError would print the message in quotes
        return str(self.args[0])


class NoOutput(FileNotFoundError):
    """An output location with no published tables."""


def check_table(table: str) -> str:
    known = table_names()
    if table in known:
        return table
    close = difflib.get_close_matches(table, known, n=1)
    hint = f"did you mean {close[0]!r}? " if close else ""
    raise UnknownTable(f"no table {table!r}; {hint}the tables are: {', '.join(known)}")


def _store(output: str | Path):  # type: ignore[no-untyped-def]
    from dateline.store import OutputStore

    store = OutputStore(output)
    if not store.is_folder():
        raise NoOutput(
            f"no Dateline output at {output}: run `dateline run SOURCE --output {output}` first, "
            "or pass output= the folder (or URL) a run wrote to"
        )
    return store


def dataset(table: str, output: str | Path = DEFAULT_OUTPUT) -> ds.Dataset:
    """One table as a pyarrow dataset (lazy: filters and column choices are pushed into the files)."""
    return _dataset(check_table(table), _store(output))


def _dataset(table: str, store) -> ds.Dataset:  # type: ignore[no-untyped-def]
    import pyarrow.dataset as ds

    if not store.parts(table):  # a table no run has written yet: empty, with its contract's schema
        return ds.dataset(arrow_schema(table).empty_table())
    return store.dataset(table)


def load(table: str, output: str | Path = DEFAULT_OUTPUT, columns: list[str] | None = None) -> pd.DataFrame:
    """One table as a pandas DataFrame with the contract's types: nullable integers, booleans and
    strings stay what they are (Int64, boolean, string) instead of turning into floats and objects
    where a value is missing."""
    return to_pandas(dataset(table, output).to_table(columns=columns))


def to_pandas(data) -> pd.DataFrame:  # type: ignore[no-untyped-def]
    import pandas as pd
    import pyarrow as pa

    nullable = {
        pa.int8(): pd.Int8Dtype(),
        pa.int16(): pd.Int16Dtype(),
        pa.int32(): pd.Int32Dtype(),
        pa.int64(): pd.Int64Dtype(),
        pa.float32(): pd.Float32Dtype(),
        pa.float64(): pd.Float64Dtype(),
        pa.bool_(): pd.BooleanDtype(),
        pa.string(): pd.StringDtype("pyarrow"),
        pa.large_string(): pd.StringDtype("pyarrow"),
    }
    return data.to_pandas(types_mapper=nullable.get)


def connect(output: str | Path = DEFAULT_OUTPUT) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection with one view per table, named after it (`quotes`,
    `entities`...), reading the Parquet files in place."""
    import duckdb

    store = _store(output)
    connection = duckdb.connect()
    for table in table_names():
        connection.register(table, _dataset(table, store))
    return connection


def sql(query: str, output: str | Path = DEFAULT_OUTPUT) -> pd.DataFrame:
    """The answer to one SQL query over the tables, as a DataFrame."""
    return connect(output).sql(query).df()
