"""The records that flow between pipeline steps, before they become table rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class RejectReason(StrEnum):
    """Why an input did not become a document; the `rejects.reason` vocabulary."""

    EMPTY = "empty"
    BINARY = "binary"
    UNDECODABLE = "undecodable"
    TOO_LARGE = "too_large"
    UNREADABLE = "unreadable"
    CORRUPT_ARCHIVE = "corrupt_archive"
    INVALID_JSON = "invalid_json"
    NOT_AN_ARTICLE = "not_an_article"
    NO_TEXT = "no_text"
    UNSUPPORTED_FORMAT = "unsupported_format"
    EXTRACTION_FAILED = "extraction_failed"  # a Dateline bug met on this article, not a bad input


@dataclass(frozen=True, slots=True)
class RawRecord:
    """One article candidate as found in a source, not yet decoded or parsed.

    Splitting files into raw records is cheap I/O done while streaming; decoding and parsing
    (trafilatura, JSON) is the costly part and happens in batches, possibly on another worker.
    """

    source: str
    fmt: str  # txt | html | json | jsonl
    payload: bytes
    compressed: bool = False
    url: str | None = None  # where a web archive record was fetched from
    fetched: str | None = None  # when (WARC-Date, ISO 8601)

    @property
    def source_format(self) -> str:
        return f"{self.fmt}+gzip" if self.compressed else self.fmt


@dataclass(frozen=True, slots=True)
class Reject:
    source: str
    reason: RejectReason
    detail: str


@dataclass(frozen=True, slots=True)
class Document:
    """A normalised article. `text` is final: every offset in every table points into it."""

    doc_id: str
    source: str
    source_format: str
    text: str
    title: str | None = None
    published: datetime | None = None
    publisher: str | None = None
    url: str | None = None
    author: str | None = None
    language: str | None = None
    fetched: datetime | None = None
