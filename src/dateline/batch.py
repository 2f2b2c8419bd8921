"""The work done on one batch of inputs, as plain functions the flow wraps in tasks.

Kept free of Prefect so that it can be called from tests, notebooks and benchmarks directly, and so
that the flow stays a readable list of steps.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import islice
from typing import BinaryIO

import pyarrow as pa

from dateline.docs import release
from dateline.extract import EXTRACTORS
from dateline.ingest.articles import DEFAULT_MAX_CHARS, read_record
from dateline.ingest.sources import iter_records
from dateline.models import Document, RawRecord, Reject, RejectReason
from dateline.nlp import analyse, memory_zone, parse
from dateline.runtime import collector_paused
from dateline.tables import document_row, reject_row, to_arrow

# Every table a run writes; `documents` commits a batch (see dateline.store).
TABLES = ("documents", *EXTRACTORS, "rejects")


@dataclass
class ReadBatch:
    documents: list[Document] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)


def warm_up(parse: bool = True) -> None:
    """Load what every batch needs (the spaCy model, the attribution models, the gazetteer, the
    batch gate's Great Expectations context, datasketch): about 5 s, which a run can spend while it
    waits for Prefect's server. With `parse=False`, only what the final checks need (the gazetteer,
    Great Expectations): the flow process of a Dask run, which parses nothing, would otherwise load
    them after the last batch (~3.5 s of its final validation)."""
    from dateline.geo.gazetteer import load_gazetteer
    from dateline.quality.validator import shared_validator

    with collector_paused():
        load_gazetteer()
        shared_validator()
        if not parse:
            return
        import datasketch  # noqa: F401

        from dateline.nlp import load_model
        from dateline.quotes.model import shipped_models

        load_model()
        shipped_models()
        load_gazetteer().country_prefixes  # noqa: B018 -- built on first use: ~0.2 s of the first batch


class SourceProgress:
    """How far reading the source files has come, by their bytes on disk (compressed ones as
    compressed): the share of the run done, which a progress display turns into an expected finish.
    Articles are not counted ahead, which would mean reading every file twice."""

    def __init__(self, paths: Sequence[str]) -> None:
        self._sizes = {path: _size(path) for path in paths}
        self.total = sum(self._sizes.values())
        self._done = 0
        self._current: BinaryIO | None = None

    def opened(self, raw: BinaryIO) -> None:
        self._current = raw

    def finished(self, path: str) -> None:
        self._done += self._sizes.get(path, 0)
        self._current = None

    @property
    def fraction(self) -> float | None:
        """The share of the sources' bytes read so far; None when their size is unknown."""
        if not self.total:
            return None
        position = 0
        if self._current is not None:
            with suppress(ValueError, OSError):  # closed between its last record and `finished`
                position = self._current.tell()
        return min(1.0, (self._done + position) / self.total)


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0  # unreadable: a reject, which takes no time


def stream_inputs(
    paths: Iterable[str], max_bytes: int, progress: SourceProgress | None = None
) -> Iterator[RawRecord | Reject]:
    for path in paths:
        yield from iter_records(path, max_bytes, progress.opened if progress else None)
        if progress is not None:
            progress.finished(path)


def batched(items: Iterable[RawRecord | Reject], size: int) -> Iterator[list[RawRecord | Reject]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def read_batch(items: Iterable[RawRecord | Reject], max_chars: int = DEFAULT_MAX_CHARS) -> ReadBatch:
    """Decode and parse raw records; rejects met while splitting files pass straight through."""
    batch = ReadBatch()
    for item in items:
        outcomes = [item] if isinstance(item, Reject) else read_record(item, max_chars)
        for outcome in outcomes:
            if isinstance(outcome, Reject):
                batch.rejects.append(outcome)
            else:
                batch.documents.append(outcome)
    return batch


def build_tables(documents: list[Document], rejects: list[Reject], run_id: str) -> dict[str, pa.Table]:
    """Parse the documents once and build every table of the batch from the parse.

    An extractor that fails on one article costs that article, not the batch or the run: the
    article becomes a reject (`extraction_failed`, with the error) and none of its rows are kept."""
    now = datetime.now(UTC)
    rows: dict[str, list[dict]] = {table: [] for table in EXTRACTORS}
    extracted, failed = [], []
    with memory_zone(document.text for document in documents):
        for document, doc in parse(documents, analysed=False):
            try:
                analyse(doc)
                found = {table: extractor(document, doc) for table, extractor in EXTRACTORS.items()}
            except Exception as exc:
                detail = f"{type(exc).__name__} in an extractor: {exc}; please report it with this article"
                failed.append(Reject(document.source, RejectReason.EXTRACTION_FAILED, detail))
                continue
            finally:
                release(doc)
            extracted.append(document)
            for table, table_rows in found.items():
                rows[table].extend(table_rows)
    return {
        "documents": to_arrow("documents", (document_row(d, run_id, now) for d in extracted)),
        **{table: to_arrow(table, table_rows) for table, table_rows in rows.items()},
        "rejects": to_arrow("rejects", (reject_row(r, run_id, now) for r in [*rejects, *failed])),
    }


@dataclass
class Deduplicator:
    """Keeps each text once: against what earlier runs published and what this run already met."""

    stored: set[str]
    seen: set[str] = field(default_factory=set)
    duplicates: int = 0
    already_stored: int = 0

    def new_documents(self, documents: Iterable[Document]) -> list[Document]:
        fresh = []
        for document in documents:
            if document.doc_id in self.stored:
                self.already_stored += 1
            elif document.doc_id in self.seen:
                self.duplicates += 1
            else:
                self.seen.add(document.doc_id)
                fresh.append(document)
        return fresh
