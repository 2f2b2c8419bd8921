"""Every kind of broken input a scheduled run meets, in one folder, through the real flow: each
lands in the tables or has a rejects row saying why, and the run's counts add up."""

from __future__ import annotations

import codecs
import gzip
import json
import os
import shutil
from itertools import islice

import pandas as pd
import pytest

from conftest import SEED_ARTICLE
from dateline.extract import EXTRACTORS
from dateline.ingest.sources import DEFAULT_MAX_BYTES, iter_records
from dateline.models import RawRecord

EMOJI_RTL = (
    "Protesters in Tel Aviv held signs reading “שלום עכשיו” 🕊️ and “السلام الآن” 🇮🇱🇵🇸 on Saturday. "
    "“We want this to end,” said Dana Cohen 😢, a teacher. 👏👏👏\n\n"
    "In Beirut, Ahmad Khalil said the message “مرحبا” was shared 10,000 times 🔁."
)
ODD_QUOTES = (
    "The minister said “we will not back down and walked out.\n\n"
    "„Das ist falsch“, sagte er. «C'est fini», a-t-il dit. \"Unclosed at the end, said Smith.\n\n"
    "''Doubled singles'' and ‘stray’ marks ” everywhere “ said Jones ”."
)


@pytest.fixture(scope="module")
def battery(tmp_path_factory, guardian):
    """One file per case; the expected outcome is in its name's map below."""
    src = tmp_path_factory.mktemp("battery") / "inbox"
    src.mkdir()
    with gzip.open(guardian, "rt", encoding="utf-8") as lines:
        articles = [json.loads(line) for line in islice(lines, 6)]
    (src / "zero-bytes.txt").write_bytes(b"")
    (src / "photo.txt").write_bytes(bytes(range(256)) * 40)  # binary with a text extension
    text = articles[0]["text"].encode()
    cut = text.index(b" ", len(text) // 2)
    (src / "stray-byte-utf8.txt").write_bytes(text[:cut] + b"\xff" + text[cut:])  # one bad byte
    (src / "invalid-utf8.txt").write_bytes(b"Budget talks \xff\xfe\xfa stalled. " + b"\x80\x81" * 50)
    (src / "utf16-bom.txt").write_bytes(codecs.BOM_UTF16_LE + articles[0]["text"].encode("utf-16-le"))
    whole = gzip.compress(json.dumps({"text": articles[1]["text"]}).encode())
    (src / "truncated.json.gz").write_bytes(whole[: len(whole) // 2])
    (src / "syntax-error.json").write_text('{"title": "Cut", "text": "It ends here",')
    good = [json.dumps({"text": a["text"]}) for a in articles[2:5]]
    (src / "one-bad-line.jsonl").write_text("\n".join([good[0], "{oops", good[1], good[2]]) + "\n")
    (src / "no-article.html").write_text(
        "<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a></nav></body></html>"
    )
    with (src / "fifty-megabytes.txt").open("wb") as big:  # over the default 20 MB limit
        block = (articles[5]["text"] + "\n\n").encode()
        while big.tell() < 50_000_000:
            big.write(block)
    locked = src / "no-permission.txt"
    locked.write_text("You may not read this.")
    locked.chmod(0)
    (src / "loop-a.txt").symlink_to(src / "loop-b.txt")
    (src / "loop-b.txt").symlink_to(src / "loop-a.txt")
    (src / "cycle").symlink_to(src, target_is_directory=True)  # a folder loop: never walked into
    os.mkfifo(src / "named-pipe.txt")  # opening it would wait forever for a writer
    (src / "two-chars.txt").write_text("Hi")
    (src / "odd-quotes.txt").write_text(ODD_QUOTES)
    (src / "emoji-rtl.txt").write_text(EMOJI_RTL)
    shutil.copy(SEED_ARTICLE, src / "seed.txt")
    shutil.copy(SEED_ARTICLE, src / "seed-again.txt")  # a duplicate, counted as such
    return src


EXPECTED_REJECTS = {
    "zero-bytes.txt": "empty",
    "photo.txt": "binary",
    "truncated.json.gz": "corrupt_archive",
    "syntax-error.json": "invalid_json",
    "one-bad-line.jsonl#L2": "invalid_json",
    "no-article.html": "no_text",
    "fifty-megabytes.txt": "too_large",
    "loop-a.txt": "unreadable",
    "loop-b.txt": "unreadable",
    "named-pipe.txt": "unreadable",
    "invalid-utf8.txt": "undecodable",
}
EXPECTED_DOCUMENTS = {
    "stray-byte-utf8.txt",
    "utf16-bom.txt",
    "one-bad-line.jsonl#L1",
    "one-bad-line.jsonl#L3",
    "one-bad-line.jsonl#L4",
    "two-chars.txt",
    "odd-quotes.txt",
    "emoji-rtl.txt",
}


@pytest.fixture(scope="module")
def battery_run(battery, tmp_path_factory, prefect_server):
    from dateline.flows.pipeline import pipeline

    output = tmp_path_factory.mktemp("battery-output")
    summary = pipeline(source=str(battery), output=str(output), batch_size=5)
    tables = {t: pd.read_parquet(output / t) for t in ["documents", "rejects", *EXTRACTORS]}
    return summary, tables


def _name(source: str) -> str:
    return source.split("/inbox/")[1]


def test_every_bad_input_is_a_reject_with_its_reason(battery_run):
    _, tables = battery_run
    reasons = {_name(r.source): r.reason for r in tables["rejects"].itertuples()}
    for name, reason in EXPECTED_REJECTS.items():
        assert reasons.get(name) == reason, name
    assert "--max-bytes" in tables["rejects"].set_index("reason").loc["too_large", "detail"]
    if os.geteuid() != 0:  # root reads any file whatever its mode
        assert reasons["no-permission.txt"] == "unreadable"
    details = tables["rejects"].detail
    assert details.str.len().min() > 10 and not details.str.contains("Traceback").any()


def test_readable_inputs_land_in_the_tables_even_when_odd(battery_run):
    _, tables = battery_run
    documents = tables["documents"]
    names = {_name(s) for s in documents.source}
    assert names >= EXPECTED_DOCUMENTS
    assert len({"seed.txt", "seed-again.txt"} & names) == 1
    by_name = documents.assign(name=documents.source.map(_name)).set_index("name")
    assert by_name.loc["two-chars.txt", "text"] == "Hi"
    assert by_name.loc["emoji-rtl.txt", "text"] == EMOJI_RTL
    stray = by_name.loc["stray-byte-utf8.txt", "text"]
    assert stray.count("\ufffd") == 1 and stray.replace("\ufffd", "") in by_name.loc["utf16-bom.txt", "text"]
    assert by_name.loc["utf16-bom.txt", "n_words"] > 100
    # the odd texts went through every extractor, and what they found points into them
    texts = dict(zip(documents.doc_id, documents.text, strict=True))
    for table, (start, end, column) in {
        "mentions": ("start", "end", "text"),
        "quotes": ("start", "end", "quote"),
        "locations": ("start", "end", "text"),
    }.items():
        rows = tables[table]
        assert all(
            texts[r.doc_id][getattr(r, start) : getattr(r, end)] == getattr(r, column)
            for r in rows.itertuples()
        )
    emoji_doc = by_name.loc["emoji-rtl.txt", "doc_id"]
    speakers = set(tables["quotes"].loc[tables["quotes"].doc_id == emoji_doc, "speaker"].dropna())
    assert "Dana Cohen" in speakers


def test_counts_add_up_and_every_file_is_accounted_for(battery_run, battery):
    summary, tables = battery_run
    assert summary["inputs"] == (
        summary["documents"] + summary["duplicates"] + summary["already_stored"] + summary["rejects"]
    )
    assert summary["documents"] == len(tables["documents"])
    assert summary["rejects"] == len(tables["rejects"])
    assert summary["duplicates"] == 1
    assert summary["passed"] is True
    seen = {_name(s).split("#")[0] for s in [*tables["documents"].source, *tables["rejects"].source]}
    files = {p.name for p in battery.iterdir() if not p.is_dir()} - {"seed-again.txt", "seed.txt"}
    assert files <= seen | ({"no-permission.txt"} if os.geteuid() == 0 else set())


def test_the_size_limit_is_configurable(battery):
    big = str(battery / "fifty-megabytes.txt")
    (record,) = iter_records(big, max_bytes=60_000_000)
    assert isinstance(record, RawRecord) and len(record.payload) > DEFAULT_MAX_BYTES
