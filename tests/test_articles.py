import gzip
import json
from datetime import UTC, datetime

from conftest import FIXTURES
from dateline.ingest.articles import parse_published, read_record
from dateline.models import Document, RawRecord, Reject, RejectReason


def _read(fmt: str, payload: bytes, source: str = "input") -> list:
    return read_record(RawRecord(source, fmt, payload))


def test_plain_text_becomes_a_document_with_detected_language(seed_text):
    (doc,) = _read("txt", seed_text.encode())
    assert isinstance(doc, Document)
    assert doc.text.startswith("The declarations from the two sides")
    assert doc.language == "en"
    assert doc.title is None


def test_schema_org_style_json_fields_are_mapped():
    article = {
        "headline": "Talks end",
        "articleBody": "Kirby said the talks ended.",
        "author": [{"@type": "Person", "name": "Isabelle Khurshudyan"}, {"name": "Mary Ilyushina"}],
        "datePublished": "2022-03-29T14:05:00-04:00",
        "url": "https://example.com/talks",
        "publisher": {"name": "The Washington Post"},
    }
    (doc,) = _read("json", json.dumps(article).encode())
    assert doc.title == "Talks end"
    assert doc.author == "Isabelle Khurshudyan; Mary Ilyushina"
    assert doc.published == datetime(2022, 3, 29, 18, 5, tzinfo=UTC)
    assert doc.publisher == "The Washington Post"
    assert doc.url == "https://example.com/talks"


def test_json_list_yields_each_item_and_rejects_the_bad_ones():
    items = [{"text": "One story."}, "just a string", {"body": "Two story."}, {"title": "No body"}]
    outcomes = _read("json", json.dumps(items).encode(), source="list.json")
    assert [o.source for o in outcomes] == [f"list.json#{i}" for i in range(4)]
    assert isinstance(outcomes[0], Document) and isinstance(outcomes[2], Document)
    assert outcomes[1].reason is RejectReason.NOT_AN_ARTICLE
    assert outcomes[3].reason is RejectReason.NO_TEXT
    assert "title" in outcomes[3].detail


def test_an_article_longer_than_the_character_limit_is_rejected_with_its_length():
    items = [{"text": "A short story."}, {"text": "A dump of a whole archive in one field. " * 40}]
    short, long = read_record(RawRecord("dump.json", "json", json.dumps(items).encode()), max_chars=1000)
    assert isinstance(short, Document)
    assert isinstance(long, Reject) and long.reason is RejectReason.TOO_LARGE
    assert long.source == "dump.json#1" and "1,599 characters" in long.detail and "--max-chars" in long.detail


def test_invalid_json_is_rejected_with_the_position():
    (reject,) = _read("jsonl", b'{"text": "unterminated}\n')
    assert isinstance(reject, Reject)
    assert reject.reason is RejectReason.INVALID_JSON
    assert "line 1 column" in reject.detail


def test_reuters_story_keeps_its_dateline_title_and_date(reuters):
    with gzip.open(reuters, "rb") as lines:
        line = next(lines)
    (doc,) = _read("jsonl", line)
    story = json.loads(line)
    assert doc.title == story["title"]
    assert doc.text.startswith("SALVADOR, Feb 26 - Showers continued")
    assert doc.published == datetime(1987, 2, 26, 15, 1, 1, 790000, tzinfo=UTC)


def test_html_page_gives_text_and_metadata():
    payload = gzip.decompress((FIXTURES / "realclearpolitics-abortion.html.gz").read_bytes())
    (doc,) = _read("html", payload)
    assert doc.title.startswith("On Abortion, One Size Won’t Fit All")
    assert (
        doc.author == "By Thomas W. Smith"
    )  # the page's own byline, unparsed (trafilatura: "Thomas W Smith")
    assert doc.url.startswith("https://www.realclearpolitics.com/articles/2023/12/16/")
    assert doc.published == datetime(2023, 12, 16, tzinfo=UTC)
    assert doc.language == "en"
    assert len(doc.text) > 2000
    assert "<" not in doc.text[:200]


def test_html_without_an_article_is_rejected():
    page = b"<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a></nav></body></html>"
    (reject,) = _read("html", page)
    assert reject.reason is RejectReason.NO_TEXT


def test_dates_parse_to_utc_or_none():
    assert parse_published("26-FEB-1987 15:01:01.79") == datetime(1987, 2, 26, 15, 1, 1, 790000, tzinfo=UTC)
    assert parse_published(1648576800) == datetime(2022, 3, 29, 18, 0, tzinfo=UTC)
    assert parse_published("not a date") is None
    assert parse_published("2-MAR-1987 10:05:34.17 RM") == datetime(1987, 3, 2, 10, 5, 34, 170000, tzinfo=UTC)
    assert parse_published("Tue, 29 Mar 2022 14:05:00 GMT") == datetime(2022, 3, 29, 14, 5, tzinfo=UTC)
