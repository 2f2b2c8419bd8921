"""The run report: a static HTML page under output/_reports/ and Prefect artifacts, from the seed run."""

from __future__ import annotations

import base64
import json
import re
from html.parser import HTMLParser

import dateline
from dateline.report.facts import gather_facts


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.images: dict[str, str] = {}
        self.links: list[str] = []
        self.cells: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "img":
            self.images[attrs["alt"]] = attrs["src"]
        if tag == "a":
            self.links.append(attrs["href"])

    def handle_data(self, data):
        if data.strip():
            self.cells.append(data.strip())


def test_the_page_shows_the_charts_the_map_and_the_quoted_speakers(seed_output):
    pages = sorted((seed_output / "_reports").glob("run-*.html"))
    assert len(pages) == 1
    latest = (seed_output / "_reports" / "latest.html").read_text(encoding="utf-8")
    assert latest == pages[0].read_text(encoding="utf-8")
    page = _Page()
    page.feed(latest)
    assert set(page.images) == {"Quotes per named speaker", "Entity types", "Map of resolved locations"}
    for src in page.images.values():
        assert src.startswith("data:image/png;base64,")
        assert base64.b64decode(src.split(",", 1)[1])[:8] == b"\x89PNG\r\n\x1a\n"
    # links are relative, so the page works wherever output/ is copied
    (docs,) = [link for link in page.links if "data_docs" in link]
    assert (seed_output / "_reports" / docs).resolve().is_file()
    assert "passed" in page.cells
    facts = gather_facts(seed_output)
    assert facts.speakers[0].name in page.cells
    assert "John Kirby" in [s.name for s in facts.speakers]
    # named speakers only: the seed's "negotiators" and "Ukrainian military officials" are descriptions
    quotes = dateline.load("quotes", output=seed_output)
    described = set(quotes.loc[quotes["speaker_kind"] == "description", "speaker"])
    assert described and not described & {s.name for s in facts.speakers}
    assert facts.entity_types["PERSON"] >= 14
    assert any(p.name == "Istanbul" and p.country_code == "TR" for p in facts.places)
    assert re.search(r"\d+ places resolved to GeoNames", latest)


def test_the_run_publishes_prefect_artifacts(seed_output):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId

    run_id = json.loads((seed_output / "_quality" / "validation.json").read_text())["run_id"]
    with get_client(sync_client=True) as client:
        found = client.read_artifacts(
            artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[run_id]))
        )
    by_key = {a.key: a for a in found}
    assert set(by_key) == {"dateline-run-report", "dateline-top-speakers"}
    markdown = by_key["dateline-run-report"].data
    assert "Validation passed" in markdown and "| quotes |" in markdown and "Data Docs" in markdown
    rows = by_key["dateline-top-speakers"].data
    rows = json.loads(rows) if isinstance(rows, str) else rows
    assert {"speaker", "quotes", "articles"} <= set(rows[0])
    assert "John Kirby" in [r["speaker"] for r in rows]
