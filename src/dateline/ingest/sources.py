"""Finding source files and splitting them into raw records, streaming.

Nothing here holds more than one record in memory: a 20,000-line JSONL.gz is read line by line, and a
single file is never read past the size limit, which also bounds decompression bombs.
"""

from __future__ import annotations

import glob
import gzip
import os
import stat
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from dateline.lock import LOCK_FILE
from dateline.models import RawRecord, Reject, RejectReason

FORMATS = {
    ".txt": "txt",
    ".text": "txt",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".warc": "warc",
}
DEFAULT_MAX_BYTES = 20_000_000
_GZIP_MAGIC = b"\x1f\x8b"
_CHUNK = 1 << 20
# What a truncated gzip stream or a failing disk raises mid-read (BadGzipFile is an OSError).
_READ_ERRORS = (OSError, EOFError, zlib.error)


class SourceNotFound(FileNotFoundError):
    pass


def discover(source: str | os.PathLike[str], outputs: list[str] | None = None) -> list[str]:
    """SOURCE as a file, a directory (recursive) or a glob, in a stable sorted order.

    Hidden files and folders are passed over in directory walks (editor and VCS droppings are not
    articles); symlinked folders are not followed, so a symlink loop cannot trap the walk. So are
    Dateline outputs (folders holding an output's lock file), whose paths go to `outputs` for the
    caller to say so: `dateline run .` with the default output `./output` would otherwise read
    back, on its second run, its own Data Docs and reports as articles and its Parquet files as
    rejects, more of them every run.
    """
    source = os.fspath(source)
    path = Path(source)
    if path.is_dir():
        found = []
        # A folder the walk cannot list is kept as an input of its own: `iter_records` rejects it
        # with the reason, so that it is counted, not skipped without a word.
        for root, dirs, files in os.walk(path, onerror=lambda error: found.append(error.filename)):
            if LOCK_FILE in files:
                if outputs is not None:
                    outputs.append(root)
                dirs.clear()
                continue
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            found.extend(os.path.join(root, f) for f in sorted(files) if not f.startswith("."))
        return found
    if path.exists() or path.is_symlink():
        return [source]
    matches = sorted(m for m in glob.glob(source, recursive=True) if not Path(m).is_dir())
    if not matches:
        raise SourceNotFound(
            f"{source!r} is not a file, a folder or a glob that matches any file; "
            "give a path to an article file, a folder of them, or a quoted glob like 'data/**/*.jsonl.gz'"
        )
    output_of: dict[Path, Path | None] = {}
    kept = [m for m in matches if _output_holding(Path(m).parent, output_of) is None]
    if outputs is not None:
        outputs.extend(sorted({str(o) for o in output_of.values() if o is not None}))
    return kept


def _output_holding(folder: Path, known: dict[Path, Path | None]) -> Path | None:
    """The Dateline output `folder` lies in (itself or an ancestor holding the lock file), if any;
    `known` remembers each folder's answer, as a glob's matches share their folders."""
    if folder not in known:
        if (folder / LOCK_FILE).is_file():
            known[folder] = folder
        else:
            parent = folder.parent
            known[folder] = None if parent == folder else _output_holding(parent, known)
    return known[folder]


def format_of(path: str) -> tuple[str | None, bool]:
    """(format, gzip-compressed by name) from the file name, `.gz` stripped first."""
    name = path.lower()
    compressed = name.endswith(".gz")
    if compressed:
        name = name[:-3]
    return FORMATS.get(os.path.splitext(name)[1]), compressed


def iter_records(
    path: str, max_bytes: int = DEFAULT_MAX_BYTES, opened: Callable[[BinaryIO], None] | None = None
) -> Iterator[RawRecord | Reject]:
    """The raw records of one file, or rejects saying why (part of) it could not be read.
    `opened` is given the file as opened on disk, whose position says how far reading has come."""
    if os.path.isdir(path):
        try:
            os.listdir(path)
            detail = "a folder given as a file"
        except OSError as exc:
            detail = f"cannot list the folder: {exc.strerror or exc}"
        yield Reject(path, RejectReason.UNREADABLE, detail)
        return
    fmt, _ = format_of(path)
    if fmt is None:
        known = ", ".join(sorted(FORMATS))
        yield Reject(
            path,
            RejectReason.UNSUPPORTED_FORMAT,
            f"file type not read by Dateline; supported: {known}, each optionally .gz",
        )
        return
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            # A FIFO or a device would block the whole run waiting for a writer.
            yield Reject(path, RejectReason.UNREADABLE, "not a regular file (a pipe, socket or device)")
            return
        raw = open(path, "rb")  # noqa: SIM115 - closed below, after the stream is drained
    except OSError as exc:
        yield Reject(path, RejectReason.UNREADABLE, f"cannot open: {exc.strerror or exc}")
        return
    if opened is not None:
        opened(raw)
    with raw:
        try:
            compressed = raw.read(2) == _GZIP_MAGIC
            raw.seek(0)
        except OSError as exc:
            yield Reject(path, RejectReason.UNREADABLE, f"cannot read: {exc.strerror or exc}")
            return
        stream: BinaryIO = gzip.GzipFile(fileobj=raw, mode="rb") if compressed else raw
        if fmt == "warc":
            yield from _warc_records(path, raw, max_bytes)  # warcio reads per-record gzip itself
        elif fmt == "jsonl":
            yield from _jsonl_records(path, stream, compressed, max_bytes)
        else:
            yield from _whole_file_record(path, fmt, stream, compressed, max_bytes)


def _describe_read_error(exc: BaseException, compressed: bool) -> tuple[RejectReason, str]:
    if compressed and isinstance(exc, EOFError | zlib.error | gzip.BadGzipFile):
        return RejectReason.CORRUPT_ARCHIVE, f"gzip stream is corrupt or truncated ({exc})"
    if isinstance(exc, OSError) and exc.strerror:
        return RejectReason.UNREADABLE, f"read failed: {exc.strerror}"
    return RejectReason.UNREADABLE, f"read failed: {exc}"


def _whole_file_record(
    path: str, fmt: str, stream: BinaryIO, compressed: bool, max_bytes: int
) -> Iterator[RawRecord | Reject]:
    try:
        data = stream.read(max_bytes + 1)
    except _READ_ERRORS as exc:
        reason, detail = _describe_read_error(exc, compressed)
        yield Reject(path, reason, detail)
        return
    if len(data) > max_bytes:
        yield Reject(
            path,
            RejectReason.TOO_LARGE,
            f"more than {max_bytes:,} bytes{' once decompressed' if compressed else ''}; "
            "raise the limit with --max-bytes if this really is one article",
        )
        return
    yield RawRecord(path, fmt, data, compressed)


def _jsonl_records(
    path: str, stream: BinaryIO, compressed: bool, max_bytes: int
) -> Iterator[RawRecord | Reject]:
    lineno = 0
    try:
        while True:
            line = stream.readline(max_bytes + 1)
            if not line:
                return
            lineno += 1
            source = f"{path}#L{lineno}"
            if len(line) > max_bytes and not line.endswith(b"\n"):
                _skip_rest_of_line(stream)
                yield Reject(
                    source,
                    RejectReason.TOO_LARGE,
                    f"line longer than {max_bytes:,} bytes; raise the limit with --max-bytes",
                )
                continue
            if line.strip():
                yield RawRecord(source, "jsonl", line, compressed)
    except _READ_ERRORS as exc:
        reason, detail = _describe_read_error(exc, compressed)
        yield Reject(f"{path}#L{lineno + 1}", reason, f"{detail}; lines after {lineno} are lost")


def _warc_records(path: str, raw: BinaryIO, max_bytes: int) -> Iterator[RawRecord | Reject]:
    """HTML responses of a web archive (Common Crawl's CC-NEWS), record by record, with the URL and
    fetch date each was captured with; requests, metadata and non-HTML responses are passed over."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    number = 0
    try:
        for record in ArchiveIterator(raw):
            if record.rec_type != "response":
                continue
            number += 1
            headers = record.http_headers
            content_type = (headers.get_header("Content-Type") or "") if headers else ""
            if "html" not in content_type.lower():
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            source = f"{path}#{record.rec_headers.get_header('WARC-Record-ID') or number}"
            payload = record.content_stream().read(max_bytes + 1)
            if len(payload) > max_bytes:
                yield Reject(source, RejectReason.TOO_LARGE, f"response longer than {max_bytes:,} bytes")
                continue
            if getattr(record.raw_stream, "limit", 0) > 0:
                # The record ended before its declared length: the archive is cut short here.
                missing = record.raw_stream.limit
                yield Reject(
                    source,
                    RejectReason.CORRUPT_ARCHIVE,
                    f"web archive record truncated ({missing:,} bytes missing)",
                )
                return
            fetched = record.rec_headers.get_header("WARC-Date")
            yield RawRecord(source, "html", payload, False, url, fetched)
    except (ArchiveLoadFailed, *_READ_ERRORS) as exc:
        yield Reject(
            path, RejectReason.CORRUPT_ARCHIVE, f"web archive unreadable after {number} record(s): {exc}"
        )


def _skip_rest_of_line(stream: BinaryIO) -> None:
    while True:
        chunk = stream.readline(_CHUNK)
        if not chunk or chunk.endswith(b"\n"):
            return
