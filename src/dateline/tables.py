"""Rows to Arrow tables that match the contracts in `schemas/` exactly."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

import pyarrow as pa

from dateline.ingest.normalize import count_words
from dateline.models import Document, Reject
from dateline.schemas import load_contract

Row = Mapping[str, Any]


class ContractViolation(ValueError):
    """Rows that cannot be stored under their table's contract: a bug, never bad input."""


def to_arrow(table: str, rows: Iterable[Row]) -> pa.Table:
    """The rows as the table's Arrow table. A key the contract does not have is a bug (a misspelled
    column would otherwise come out as a column of nulls, its values dropped without a word)."""
    contract = load_contract(table)
    rows = list(rows)
    unknown = set().union(*rows) - set(contract.column_names) if rows else set()
    if unknown:
        raise ContractViolation(f"{table} has no column {', '.join(sorted(unknown))}")
    for column in contract.columns:
        if column.nullable:
            continue
        missing = sum(1 for row in rows if row.get(column.name) is None)
        if missing:
            raise ContractViolation(
                f"{table}.{column.name} is declared not null but {missing} row(s) lack it"
            )
    return pa.Table.from_pylist(rows, schema=contract.arrow_schema)


def document_row(document: Document, run_id: str, ingested_at: datetime) -> dict[str, Any]:
    return {
        "doc_id": document.doc_id,
        "cluster_id": document.doc_id,  # its own story until the flow finds it a near duplicate
        "source": document.source,
        "source_format": document.source_format,
        "title": document.title,
        "published": document.published,
        "publisher": document.publisher,
        "url": document.url,
        "fetched": document.fetched,
        "author": document.author,
        "language": document.language,
        "text": document.text,
        "n_chars": len(document.text),
        "n_words": count_words(document.text),
        "run_id": run_id,
        "ingested_at": ingested_at,
    }


def reject_row(reject: Reject, run_id: str, rejected_at: datetime) -> dict[str, Any]:
    return {
        "source": reject.source,
        "reason": str(reject.reason),
        "detail": reject.detail,
        "run_id": run_id,
        "rejected_at": rejected_at,
    }
