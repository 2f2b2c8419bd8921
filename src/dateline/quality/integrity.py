"""Facts about the whole output that no slice of it can check alone: every id unique across all
batches and runs, every row's document and entity published.

Great Expectations sees one frame at a time, and a large output is validated a slice at a time
(dateline.quality.dataset), so these are asked of the Parquet files directly, through DuckDB, which
streams them: the memory they take grows with the ids, not with the tables.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dateline.quality.checks import ENTITY_LINKS
from dateline.quality.validator import EXAMPLES, Outcome, load_suite_json
from dateline.schemas import load_contract
from dateline.store import OutputStore, uncommitted

if TYPE_CHECKING:
    import duckdb

WHOLE_OUTPUT = "the whole output"


def file_problems(store: OutputStore, tables: list[str]) -> list[str]:
    """What a reader going straight to the files could trip over: a file no batch wrote (a copy
    dropped into the folder), a part file that is not whole Parquet, or one of a batch whose
    documents file never appeared (left by a crash until the next
    run's recovery; Dateline's own readers pass over it, pandas on the folder would not)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    committed = store.committed()
    problems = []
    for table in tables:
        for path in store.foreign_files(table):
            problems.append(
                f"{table}: {path} is not a file of a Dateline batch, but readers of the folder (pandas, "
                "polars, DuckDB) read it as rows of the table: remove it or move it out"
            )
        for path in store.part_files(table):
            if uncommitted(table, path, committed):
                problems.append(f"{table}: {path} holds rows of a batch that was never committed")
            try:
                pq.read_metadata(path, filesystem=store.fs)
            except (pa.ArrowInvalid, OSError) as exc:
                problems.append(f"{table}: {path} is not a readable Parquet file ({exc})")
    return problems


def consistency_problems(output: str) -> list[str]:
    """Everything that should hold of an output at any moment, even right after a crash: whole
    files, no visible rows of unfinished batches, unique ids, links published. Empty when it holds."""
    from dateline.schemas import table_names

    store = OutputStore(output)
    tables = table_names()
    present = [t for t in tables if store.parts(t)]
    checks = integrity_outcomes(store, present)
    return [
        *file_problems(store, tables),
        *(o.describe() for outcomes in checks.values() for o in outcomes if not o.success),
    ]


def unique_columns(table: str) -> list[str]:
    """The columns the table's suite declares unique (the suites are the one list of them)."""
    try:
        suite = load_suite_json(table)
    except KeyError:
        return []
    return [
        e["kwargs"]["column"]
        for e in suite["expectations"]
        if e["type"] == "expect_column_values_to_be_unique"
    ]


def integrity_outcomes(store: OutputStore, tables: list[str]) -> dict[str, list[Outcome]]:
    """Each table's whole-output checks; `tables` are those with published parts. Tables without
    an expectation suite (a contract only) have no unique columns to check."""
    import duckdb

    connection = duckdb.connect()
    for table in tables:
        connection.register(table, store.dataset(table))
    outcomes: dict[str, list[Outcome]] = {table: [] for table in tables}
    for table in tables:
        for column in unique_columns(table):
            outcomes[table].append(_unique(connection, table, column))
        has_doc_id = "doc_id" in load_contract(table).column_names
        if table not in ("documents", "rejects") and has_doc_id and "documents" in tables:
            outcomes[table].append(_published(connection, table, "doc_id", "documents", "doc_id"))
        if table in ENTITY_LINKS and "entities" in tables:
            column, _ = ENTITY_LINKS[table]
            outcomes[table].append(_published(connection, table, column, "entities", "entity_id"))
    return outcomes


def _unique(connection: duckdb.DuckDBPyConnection, table: str, column: str) -> Outcome:
    repeated = connection.sql(
        f'select "{column}" as id, count(*) as n from "{table}" where "{column}" is not null '
        "group by 1 having count(*) > 1 order by n desc, id"
    )
    return _critical(
        repeated,
        "sum(n - 1)",
        table=table,
        expectation="expect_column_values_to_be_unique",
        arguments={"column": column},  # as in the suite: this outcome replaces the slices' own
        why=f"one id names one row, whichever batch or run wrote it (checked across {WHOLE_OUTPUT})",
    )


def _published(
    connection: duckdb.DuckDBPyConnection, table: str, column: str, target: str, target_column: str
) -> Outcome:
    orphans = connection.sql(
        f'select t."{column}" as id from "{table}" t where t."{column}" is not null '
        f'and not exists (select 1 from "{target}" u where u."{target_column}" = t."{column}") '
        "order by id"
    )
    return _critical(
        orphans,
        "count(*)",
        table=table,
        expectation="expect_column_values_to_be_published_in",
        arguments={"column": column, "table": f"{target}.{target_column}", "across": WHOLE_OUTPUT},
        why=f"every {column} refers to a row of {target} in the same output",
    )


def _critical(relation: duckdb.DuckDBPyRelation, total: str, **fields: Any) -> Outcome:
    """A critical outcome from a query listing the offending ids (its first column); `total`
    aggregates the query's rows into the number of offending rows."""
    ((count,),) = relation.aggregate(f"coalesce({total}, 0)").fetchall()
    examples = [row[0] for row in relation.limit(EXAMPLES).fetchall()] if count else []
    return Outcome(
        severity="critical", success=count == 0, unexpected_count=int(count), examples=examples, **fields
    )
