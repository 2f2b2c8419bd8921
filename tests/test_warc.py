"""Web archives (WARC / WARC.gz, Common Crawl's CC-NEWS format): HTML responses become documents."""

from conftest import FIXTURES
from dateline.batch import read_batch
from dateline.ingest.sources import iter_records

WARC = FIXTURES / "cc-news-sample.warc.gz"  # three real pages, their requests and a robots.txt


def test_html_responses_ingest_with_url_and_fetch_date():
    batch = read_batch(iter_records(str(WARC)))
    assert batch.rejects == []
    assert [d.url.split("/")[2] for d in batch.documents] == [
        "apnews.com",
        "www.thecrimson.com",
        "apnews.com",
    ]
    assert [d.fetched.date().isoformat() for d in batch.documents] == [
        "2023-12-22",
        "2023-12-20",
        "2023-01-02",
    ]
    assert all(d.source_format == "html" and len(d.text) > 1000 for d in batch.documents)


def test_a_truncated_archive_keeps_what_came_before_and_rejects_the_rest(tmp_path):
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(WARC.read_bytes()[:60_000])
    items = list(iter_records(str(cut)))
    documents = [i for i in items if hasattr(i, "payload")]
    rejects = [i for i in items if not hasattr(i, "payload")]
    assert len(documents) >= 1 and len(rejects) == 1
    assert "truncated" in rejects[0].detail
