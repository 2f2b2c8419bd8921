"""Hostile inputs: HTML is parsed, never executed or fetched from; entity expansion and
decompression bombs are bounded; a run writes under its output folder and nowhere else."""

from __future__ import annotations

import gzip
import json
import os
import socket
import time
from pathlib import Path

import pytest

from conftest import SEED_ARTICLE
from dateline.ingest.articles import read_record
from dateline.ingest.sources import iter_records
from dateline.models import Document, RawRecord, Reject, RejectReason

SECRET = Path("/etc/hostname")
PARAGRAPHS = "".join(
    f"<p>Negotiators met for the {n}th time in Istanbul on Tuesday, officials said, and agreed to "
    f"meet again next week to discuss the exchange of prisoners and the grain corridor.</p>"
    for n in range(4, 12)
)
HOSTILE_PAGE = f"""<?xml version="1.0"?>
<!DOCTYPE html [
  <!ENTITY secret SYSTEM "file://{SECRET}">
  <!ENTITY remote SYSTEM "http://198.51.100.7/dtd">
  <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
  <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
  <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
]>
<html><head><title>Talks resume</title>
<link rel="stylesheet" href="http://198.51.100.7/style.css">
<script src="http://198.51.100.7/tracker.js"></script>
<script>fetch("http://198.51.100.7/beacon"); document.write("INJECTED");</script>
<meta http-equiv="refresh" content="0; url=http://198.51.100.7/">
</head><body><article><h1>Talks resume</h1>
<img src="http://198.51.100.7/pixel.gif" onerror="fetch('http://198.51.100.7/x')">
<iframe src="http://198.51.100.7/frame"></iframe>
<p>&secret; &remote; &e;</p>
{PARAGRAPHS}
</article></body></html>"""


@pytest.fixture
def no_network(monkeypatch):
    """Any connection or name lookup during the test is recorded and refused."""
    attempts: list[object] = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("network access during a test of input handling")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    return attempts


def test_hostile_html_is_parsed_without_fetching_executing_or_expanding(no_network):
    started = time.perf_counter()
    (outcome,) = read_record(RawRecord("hostile.html", "html", HOSTILE_PAGE.encode()))
    assert time.perf_counter() - started < 10
    assert no_network == []
    assert isinstance(outcome, Document)
    assert "exchange of prisoners" in outcome.text
    assert SECRET.read_text().strip() not in outcome.text
    assert "INJECTED" not in outcome.text and "fetch(" not in outcome.text
    assert "aaaaaaaaaa" * 10 not in outcome.text  # the nested entities were not expanded
    assert len(outcome.text) < len(PARAGRAPHS)


@pytest.mark.slow
def test_a_gzip_bomb_is_read_only_up_to_the_size_limit(tmp_path):
    bomb = tmp_path / "bomb.jsonl.gz"
    with gzip.open(bomb, "wb", compresslevel=9) as out:  # 1 GB of one line, about 1 MB on disk
        out.write(b'{"text": "')
        zeros = b"0" * 10_000_000
        for _ in range(100):
            out.write(zeros)
    assert bomb.stat().st_size < 5_000_000
    started = time.perf_counter()
    (reject,) = iter_records(str(bomb), max_bytes=20_000_000)
    assert time.perf_counter() - started < 30
    assert isinstance(reject, Reject) and reject.reason is RejectReason.TOO_LARGE
    assert "--max-bytes" in reject.detail


def test_json_cannot_point_the_run_at_other_paths(tmp_path, prefect_server):
    """Paths and URLs inside articles are data: nothing is written where they point, and the source
    folder is left exactly as it was."""
    from dateline.flows.pipeline import pipeline

    source = tmp_path / "source"
    source.mkdir()
    article = {
        "text": SEED_ARTICLE.read_text(encoding="utf-8"),
        "url": "../../escaped.txt",
        "source": "/tmp/dateline-escaped",
        "title": "../../../etc/passwd",
    }
    (source / "article.json").write_text(json.dumps(article))
    before = _tree(source)
    pipeline(source=str(source), output=str(tmp_path / "output"))
    assert _tree(source) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output", "source"]
    assert not Path("/tmp/dateline-escaped").exists()


def _tree(folder: Path) -> dict[str, tuple[int, int]]:
    return {
        str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in folder.rglob("*")
        if not os.path.islink(p)
    }
