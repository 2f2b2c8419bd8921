import gzip
import json
import os

import pytest

from dateline.ingest.sources import SourceNotFound, discover, iter_records
from dateline.models import RawRecord, Reject, RejectReason


def _records(path, **kwargs):
    return list(iter_records(str(path), **kwargs))


def test_discover_file_folder_and_glob(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("One.")
    (tmp_path / "a" / "two.jsonl.gz").write_bytes(gzip.compress(b'{"text": "Two."}\n'))
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config.txt").write_text("hidden")
    (tmp_path / ".DS_Store").write_bytes(b"\x00")

    folder = discover(tmp_path)
    assert [p.split("/")[-1] for p in folder] == ["one.txt", "two.jsonl.gz"]
    assert discover(tmp_path / "a" / "one.txt") == [str(tmp_path / "a" / "one.txt")]
    assert discover(f"{tmp_path}/**/*.gz") == [str(tmp_path / "a" / "two.jsonl.gz")]


def test_discover_passes_over_dateline_outputs_and_names_them(tmp_path):
    from dateline.lock import output_lock
    from dateline.store import OutputStore

    (tmp_path / "news.html").write_text("<p>News.</p>")
    output = tmp_path / "output"
    with output_lock(OutputStore(output)):
        (output / "_reports").mkdir()
        (output / "_reports" / "latest.html").write_text("<p>Run report.</p>")
    outputs: list[str] = []
    assert discover(tmp_path, outputs) == [str(tmp_path / "news.html")]
    assert outputs == [str(output)]
    outputs.clear()
    assert discover(f"{tmp_path}/**/*.html", outputs) == [str(tmp_path / "news.html")]
    assert outputs == [str(output)]
    assert discover(output) == []
    # named on its own, a file inside an output is read
    assert discover(output / "_reports" / "latest.html") == [str(output / "_reports" / "latest.html")]


def test_discover_says_what_to_do_when_nothing_matches(tmp_path):
    with pytest.raises(SourceNotFound, match="glob"):
        discover(tmp_path / "missing" / "*.jsonl")


def test_a_folder_that_cannot_be_listed_becomes_a_reject_not_a_silent_gap(tmp_path, monkeypatch):
    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "one.txt").write_text("One.")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "two.txt").write_text("Two.")
    # Permissions do not bind root (as CI runs); the walk and the listing fail as they would for others.
    real_scandir, real_listdir = os.scandir, os.listdir

    def refuse(function):
        def call(path="."):
            if os.fspath(path) == str(locked):
                raise PermissionError(13, "Permission denied", str(locked))
            return function(path)

        return call

    monkeypatch.setattr(os, "scandir", refuse(real_scandir))
    monkeypatch.setattr(os, "listdir", refuse(real_listdir))
    found = discover(tmp_path)
    assert found == [str(locked), str(tmp_path / "ok" / "one.txt")]
    (reject,) = _records(locked)
    assert isinstance(reject, Reject) and reject.reason is RejectReason.UNREADABLE
    assert "Permission denied" in reject.detail


def test_jsonl_lines_become_records_with_line_numbers(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text('{"text": "First."}\n\n{"text": "Second."}\n')
    records = _records(path)
    assert [r.source for r in records] == [f"{path}#L1", f"{path}#L3"]
    assert all(isinstance(r, RawRecord) and r.fmt == "jsonl" for r in records)


def test_truncated_gzip_keeps_good_lines_and_rejects_the_rest(tmp_path):
    lines = b"".join(json.dumps({"text": f"Story {i}. " * 50}).encode() + b"\n" for i in range(200))
    data = gzip.compress(lines)
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    records = _records(path)
    good = [r for r in records if isinstance(r, RawRecord)]
    rejects = [r for r in records if isinstance(r, Reject)]
    assert 0 < len(good) < 200
    assert good[0].source_format == "jsonl+gzip"
    assert len(rejects) == 1
    assert rejects[0].reason is RejectReason.CORRUPT_ARCHIVE
    assert "lines after" in rejects[0].detail


def test_size_limit_applies_to_files_and_jsonl_lines(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("word " * 1000)
    (reject,) = _records(big, max_bytes=1000)
    assert reject.reason is RejectReason.TOO_LARGE and "--max-bytes" in reject.detail

    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"text": "x" * 5000}) + "\n" + json.dumps({"text": "ok"}) + "\n")
    first, second = _records(feed, max_bytes=1000)
    assert isinstance(first, Reject) and first.reason is RejectReason.TOO_LARGE
    assert isinstance(second, RawRecord) and second.source.endswith("#L2")


def test_gzip_bomb_is_read_only_up_to_the_limit(tmp_path):
    path = tmp_path / "bomb.txt.gz"
    path.write_bytes(gzip.compress(b"a" * 50_000_000))
    (reject,) = _records(path, max_bytes=1_000_000)
    assert reject.reason is RejectReason.TOO_LARGE and "decompressed" in reject.detail


def test_unsupported_and_unreadable_files_are_rejects(tmp_path):
    (unsupported,) = _records(tmp_path / "notes.docx")
    assert unsupported.reason is RejectReason.UNSUPPORTED_FORMAT
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    (unreadable,) = _records(loop)
    assert unreadable.reason is RejectReason.UNREADABLE


def test_reading_progress_follows_the_source_files_bytes(tmp_path, reuters):
    """What a long run's expected finish rests on: the share of the sources' bytes read, compressed
    files by their compressed bytes, rising as records are read and whole at the end."""
    from itertools import islice

    from conftest import SEED_ARTICLE
    from dateline.batch import SourceProgress, stream_inputs

    wire = tmp_path / "wire.jsonl.gz"
    with gzip.open(reuters, "rt", encoding="utf-8") as lines, gzip.open(wire, "wt", encoding="utf-8") as out:
        out.writelines(islice(lines, 2000))
    paths = [str(wire), str(SEED_ARTICLE)]
    progress = SourceProgress(paths)
    assert progress.total == wire.stat().st_size + SEED_ARTICLE.stat().st_size
    seen = [progress.fraction for _ in stream_inputs(paths, 20_000_000, progress)]
    assert len(seen) == 2001 and seen == sorted(seen)
    assert 0.3 < seen[1000] < 0.7  # half the stories read, about half the bytes
    assert progress.fraction == 1.0
