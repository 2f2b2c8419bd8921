"""Raw records to `Document`s: one reader per format, one mapping of metadata field names.

Every failure becomes a `Reject` with a reason a person can act on; nothing here raises on bad input.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, datetime, tzinfo
from functools import cache
from typing import Any

from dateutil import parser as dateparser
from dateutil import tz

from dateline.bylines.html import choose_byline, page_bylines
from dateline.ingest.decode import DecodeError, decode_bytes, without_stray_nuls
from dateline.ingest.language import detect_language
from dateline.ingest.normalize import clean_field, count_words, doc_id_for, normalize_text
from dateline.models import Document, RawRecord, Reject, RejectReason

# Field names seen in news exports (NewsAPI, schema.org NewsArticle, scrapers, Reuters-21578), in order
# of preference.
TEXT_FIELDS = ("text", "body", "content", "articleBody", "article", "full_text", "maintext")
TITLE_FIELDS = ("title", "headline", "name")
AUTHOR_FIELDS = ("author", "authors", "byline", "creator")
DATE_FIELDS = (
    "date",
    "published",
    "publication_date",
    "published_at",
    "publishedAt",
    "datePublished",
    "date_publish",
    "pubDate",
)
URL_FIELDS = ("url", "link", "canonical_url", "uri")
PUBLISHER_FIELDS = ("publisher", "site_name", "sitename", "source_domain", "source", "site")
LANGUAGE_FIELDS = ("language", "lang", "inLanguage")
DATELINE_FIELDS = ("dateline",)
# Below this, what trafilatura finds on a page is menu or teaser debris, not an article.
MIN_HTML_WORDS = 10
# The longest article text accepted: War and Peace is ~3.2 million characters, the longest news
# features a few hundred thousand.
DEFAULT_MAX_CHARS = 1_000_000

Outcome = Document | Reject


def read_record(record: RawRecord, max_chars: int = DEFAULT_MAX_CHARS) -> list[Outcome]:
    """All documents a raw record holds (a JSON list holds many), or the rejects that explain why not.
    A document whose text runs over `max_chars` characters is rejected: parsing time and memory grow
    with an article's length, and no news article is that long (a whole dump in one field is)."""
    try:
        if record.fmt == "html":
            outcomes = [_read_html(record)]
        else:
            text = decode_bytes(record.payload)[0]
            outcomes = (
                [_document(record, record.source, {}, text)]
                if record.fmt == "txt"
                else list(_read_json(record, text))
            )
    except DecodeError as exc:
        return [Reject(record.source, exc.reason, exc.detail)]
    return [_within(outcome, max_chars) for outcome in outcomes]


def _within(outcome: Outcome, max_chars: int) -> Outcome:
    if isinstance(outcome, Document) and len(outcome.text) > max_chars:
        return Reject(
            outcome.source,
            RejectReason.TOO_LARGE,
            f"text of {len(outcome.text):,} characters, over the limit of {max_chars:,} (--max-chars)",
        )
    return outcome


def _read_json(record: RawRecord, text: str) -> Iterator[Outcome]:
    if not text.strip():
        yield Reject(record.source, RejectReason.EMPTY, "no content")
        return
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        yield Reject(
            record.source,
            RejectReason.INVALID_JSON,
            f"JSON syntax error at line {exc.lineno} column {exc.colno}: {exc.msg}",
        )
        return
    if record.fmt == "json" and isinstance(value, list):
        for index, item in enumerate(value):
            yield _from_mapping(record, f"{record.source}#{index}", item)
    else:
        yield _from_mapping(record, record.source, value)


def _from_mapping(record: RawRecord, source: str, item: Any) -> Outcome:
    if not isinstance(item, Mapping):
        return Reject(
            source,
            RejectReason.NOT_AN_ARTICLE,
            f"expected a JSON object with an article, found {type(item).__name__}",
        )
    body = _first_text(item, TEXT_FIELDS)
    if body is None:
        present = ", ".join(sorted(map(str, item))[:12]) or "none"
        return Reject(
            source,
            RejectReason.NO_TEXT,
            f"no article text: none of the fields {', '.join(TEXT_FIELDS)} holds text "
            f"(fields present: {present})",
        )
    dateline = clean_field(_first_value(item, DATELINE_FIELDS))
    if dateline and not body.lstrip().startswith(dateline):
        # Wire stories open with their dateline; keeping it in the text keeps it locatable.
        body = f"{dateline} {body.lstrip()}"
    return _document(record, source, item, body)


def _document(record: RawRecord, source: str, meta: Mapping[str, Any], raw_text: str) -> Outcome:
    text = normalize_text(raw_text)
    if not text:
        return Reject(source, RejectReason.EMPTY, "no text once whitespace is removed")
    title = clean_field(_first_value(meta, TITLE_FIELDS))
    url = clean_field(_first_value(meta, URL_FIELDS)) or record.url
    return Document(
        doc_id=doc_id_for(text, title, url),
        source=source,
        source_format=record.source_format,
        text=text,
        title=title,
        published=parse_published(_first_value(meta, DATE_FIELDS)),
        publisher=clean_field(_name_of(_first_value(meta, PUBLISHER_FIELDS))),
        url=url,
        author=_authors(_first_value(meta, AUTHOR_FIELDS)),
        language=_language(_first_value(meta, LANGUAGE_FIELDS), text),
        fetched=parse_published(record.fetched),
    )


def _read_html(record: RawRecord) -> Outcome:
    import trafilatura  # heavy import, paid only by runs that meet HTML

    if not record.payload.strip():
        return Reject(record.source, RejectReason.EMPTY, "no content")
    try:
        payload = without_stray_nuls(record.payload)
    except DecodeError as exc:
        return Reject(record.source, exc.reason, "contains NUL bytes: not an HTML page")
    try:
        page = trafilatura.bare_extraction(
            payload,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            config=_trafilatura_config(),
        )
    except Exception as exc:  # trafilatura/lxml raise many types on hostile markup
        return Reject(record.source, RejectReason.NO_TEXT, f"HTML could not be parsed: {exc}")
    words = count_words(page.text or "") if page is not None else 0
    if words < MIN_HTML_WORDS:
        return Reject(
            record.source,
            RejectReason.NO_TEXT,
            f"HTML page has no article text: {words} word(s) outside navigation and boilerplate",
        )
    meta = {
        "title": page.title,
        "date": page.date,
        "publisher": page.sitename,
        "url": page.url,
        # trafilatura's author field is one guess; the page's own byline, JSON-LD and meta tags
        # are weighed against it (src/dateline/bylines/html.py).
        "author": choose_byline(page_bylines(payload), page.author, page.sitename),
        "language": page.language,
    }
    return _document(record, record.source, meta, page.text)


@cache
def _trafilatura_config():  # type: ignore[no-untyped-def]
    from trafilatura.settings import use_config

    config = use_config()
    # Its timeout uses SIGALRM, which only works in the main thread; tasks run in worker threads.
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
    return config


def _first_value(item: Mapping[str, Any], names: Iterable[str]) -> Any:
    for name in names:
        value = item.get(name)
        if value not in (None, "", [], {}):
            return value
    return None


def _first_text(item: Mapping[str, Any], names: Iterable[str]) -> str | None:
    for name in names:
        value = item.get(name)
        if isinstance(value, str) and value.strip():
            return value
    return None


def _name_of(value: Any) -> Any:
    """schema.org and NewsAPI nest people and outlets as objects with a `name`."""
    if isinstance(value, Mapping):
        return value.get("name")
    return value


def _authors(value: Any) -> str | None:
    if isinstance(value, list):
        names = [clean_field(_name_of(v)) for v in value]
        return "; ".join(n for n in names if n) or None
    return clean_field(_name_of(value))


def parse_published(value: Any) -> datetime | None:
    """A UTC timestamp from whatever a source calls a date; None rather than a wrong guess."""
    if value is None:
        return None
    try:
        if isinstance(value, int | float) and not isinstance(value, bool):
            seconds = value / 1000 if value > 10**11 else value  # epoch milliseconds
            return datetime.fromtimestamp(seconds, tz=UTC)
        parsed = dateparser.parse(str(value).strip(), tzinfos=_known_zone)
    except (ValueError, OverflowError, OSError):
        return None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def _known_zone(name: str | None, offset: int | None) -> tzinfo | None:
    """Explicit offsets and UTC names only. Wire feeds append desk codes ("RM", "F") that are not
    zones; dateutil would warn and guess, so those times are read as UTC like any naive time."""
    if offset is not None:
        return tz.tzoffset(name, offset)
    return UTC if name in {"UTC", "GMT", "Z", "UT"} else None


def _language(declared: Any, text: str) -> str | None:
    if isinstance(declared, str) and declared.strip():
        code = declared.strip().lower().replace("_", "-").split("-")[0]
        if 2 <= len(code) <= 3 and code.isalpha():
            return code
    return detect_language(text)
