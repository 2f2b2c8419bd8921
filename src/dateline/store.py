"""The Parquet output: one dataset folder per table, written atomically, batch by batch.

Layout: `<output>/<table>/part-<batch key>.parquet`. Each file appears by rename, so readers (pandas,
pyarrow, polars, DuckDB) never see half a file. Within a batch the `documents` file is renamed last and
acts as the batch's commit: a batch whose documents file is missing did not happen, and `recover()`
removes whatever it left in other tables, so a rerun redoes it without duplicates.

The output is a local folder or any filesystem URL pyarrow or fsspec knows (`s3://bucket/news`
with credentials from the environment, `gs://`, `file://`, `memory://`...); every file operation
goes through one pyarrow filesystem. On object stores a rename is a copy, but each object still
appears whole, and the commit order holds.
"""

from __future__ import annotations

import posixpath
import uuid
from collections.abc import Mapping
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from dateline.schemas import arrow_schema

COMMIT_TABLE = "documents"
PART_PREFIX = "part-"
EMPTY_PART = "part-empty.parquet"
AGGREGATE_PART = "part-all.parquet"  # a table built from all batches (speakers), replaced whole
TMP_SUFFIX = ".tmp"
QUALITY_DIR = "_quality"
REPORTS_DIR = "_reports"
DEFAULT_KEEP_REPORTS = 30  # run reports kept under REPORTS_DIR, newest first (an hourly run makes 24 a day)
QUARANTINE_DIR = "_quarantine"
INDEX_DIR = "_index"  # what a run loads instead of the tables it was derived from, a file per batch
# Inputs per batch, and so per Parquet file of each table. Great Expectations costs about 0.8 s per
# batch whatever its size, and readers prefer fewer, larger files; a worker's memory does not grow
# with it (documents are parsed a few at a time and released).
DEFAULT_BATCH_SIZE = 200


def is_url(location: str | Path) -> bool:
    return "://" in str(location)


def resolve_filesystem(location: str | Path) -> tuple[pafs.FileSystem, str]:
    """The filesystem holding `location` and the path inside it. A plain path is local; a URL goes
    to pyarrow's own filesystems first (s3, gs, hdfs, file) and to fsspec for every other scheme."""
    if not is_url(location):
        return pafs.LocalFileSystem(), Path(location).absolute().as_posix()
    try:
        return pafs.FileSystem.from_uri(str(location))
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        import fsspec

        filesystem, path = fsspec.core.url_to_fs(str(location))
        return pafs.PyFileSystem(pafs.FSSpecHandler(filesystem)), path


def uncommitted(table: str, path: str, committed: set[str]) -> bool:
    """Whether `path` is a part file of `table` left by a batch whose commit file never appeared."""
    name = posixpath.basename(path)
    return (
        table != COMMIT_TABLE
        and name.startswith(PART_PREFIX)
        and name not in (EMPTY_PART, AGGREGATE_PART)
        and name not in committed
    )


def _is_part(name: str) -> bool:
    """A table file a batch writes (or an aggregate or empty part): `part-<...>.parquet`."""
    return name.startswith(PART_PREFIX) and name.endswith(".parquet")


class OutputStore:
    """The datasets under one output location; paths are '/'-separated strings in `self.fs`."""

    def __init__(self, location: str | Path) -> None:
        self.location = str(location)
        self.fs, self.root = resolve_filesystem(location)

    def path(self, *parts: str) -> str:
        return posixpath.join(self.root, *parts)

    def table_dir(self, table: str) -> str:
        return self.path(table)

    def _files(self, folder: str) -> list[str]:
        selector = pafs.FileSelector(folder, allow_not_found=True)
        infos = self.fs.get_file_info(selector)
        return sorted(i.path for i in infos if i.type == pafs.FileType.File)

    def is_folder(self) -> bool:
        """Whether the output location exists as a folder (on object stores: a prefix holding objects)."""
        return self.fs.get_file_info(self.root).type == pafs.FileType.Directory

    def parts(self, table: str) -> list[str]:
        """The table's published files: those of committed batches only, so that every reader
        going through the store sees whole batches even right after a crash, before `recover()`."""
        committed = self.committed()
        return [p for p in self.part_files(table) if not uncommitted(table, p, committed)]

    def part_files(self, table: str) -> list[str]:
        """Every part file in the table's folder, committed or not (see `parts` for readers)."""
        return [path for path in self._files(self.table_dir(table)) if _is_part(posixpath.basename(path))]

    def foreign_files(self, table: str) -> list[str]:
        """Files in the table's folder that no batch wrote and that readers of the folder do not pass
        over (Arrow, pandas and DuckDB skip names starting with "." or "_", as Dateline's temporary
        files do)."""
        return [
            path
            for path in self._files(self.table_dir(table))
            if not _is_part(name := posixpath.basename(path)) and not name.startswith((".", "_"))
        ]

    def prune_reports(self, keep: int) -> list[str]:
        """Delete all but the `keep` newest run reports (`run-<UTC time>-<run id>.html`, so that the
        names sort by time); latest.html stays. Returns what was deleted."""
        reports = [p for p in self._files(self.path(REPORTS_DIR)) if posixpath.basename(p).startswith("run-")]
        old = reports[: max(0, len(reports) - keep)]
        for path in old:
            self.fs.delete_file(path)
        return old

    def committed(self) -> set[str]:
        """File names (`part-<batch key>.parquet`) of the batches that were published whole."""
        return {posixpath.basename(p) for p in self.part_files(COMMIT_TABLE)}

    def dataset(self, table: str, parts: list[str] | None = None) -> ds.Dataset:
        """The table (or some of its part files) as one lazy pyarrow dataset."""
        files = self.parts(table) if parts is None else parts
        return ds.dataset(files, schema=arrow_schema(table), format="parquet", filesystem=self.fs)

    def read(self, table: str, columns: list[str] | None = None) -> pa.Table:
        return self.dataset(table).to_table(columns=columns)

    def count_rows(self, table: str) -> int:
        return self.dataset(table).count_rows() if self.parts(table) else 0

    def doc_ids(self) -> set[str]:
        """Ids already published; the set a run skips (a few dozen bytes per document)."""
        if not self.parts(COMMIT_TABLE):
            return set()
        column = self.read(COMMIT_TABLE, columns=["doc_id"]).column("doc_id")
        return set(column.to_pylist())

    def write_batch(
        self, batch_key: str, tables: Mapping[str, pa.Table], derived: Mapping[str, pa.Table] | None = None
    ) -> dict[str, int]:
        """Publish one batch: every table's file written under a temporary name, then renamed,
        the commit table last. Empty tables write no file, except the commit table, which marks
        even a batch of rejects only as done. `derived` maps folders under INDEX_DIR to what the
        batch adds to an index (see `derived_parts`), written with the tables, empty or not."""
        staged: list[tuple[str, str]] = []
        if not any(data.num_rows for data in tables.values()):
            return {table: 0 for table in tables}
        for folder, data in (derived or {}).items():
            final = self.path(INDEX_DIR, folder, f"{PART_PREFIX}{batch_key}.parquet")
            staged.append((self._write_tmp(final, data), final))
        ordered = sorted(tables, key=lambda name: name == COMMIT_TABLE)
        for table in ordered:
            data = tables[table]
            if data.num_rows == 0 and table != COMMIT_TABLE:
                continue
            final = self.path(table, f"{PART_PREFIX}{batch_key}.parquet")
            staged.append((self._write_tmp(final, data), final))
        for tmp, final in staged:
            self.fs.move(tmp, final)
        return {table: data.num_rows for table, data in tables.items()}

    def derived_parts(self, folder: str) -> dict[str, str]:
        """The files of an index folder (under INDEX_DIR) of committed batches, by the name of the
        batch's part file. An index file is derived data: a batch without one (written before the
        index existed) is indexed from its tables and `write_derived` stores what that gives."""
        committed = self.committed()
        paths = self._files(self.path(INDEX_DIR, folder))
        return {name: p for p in paths if (name := posixpath.basename(p)) in committed}

    def _index_folders(self) -> list[str]:
        """Folders under INDEX_DIR, relative to the output (as `path` takes them)."""
        infos = self.fs.get_file_info(pafs.FileSelector(self.path(INDEX_DIR), allow_not_found=True))
        return [posixpath.relpath(i.path, self.root) for i in infos if i.type == pafs.FileType.Directory]

    def write_derived(self, folder: str, part_name: str, data: pa.Table) -> None:
        """An index file for an already published batch (its part file's name), written whole."""
        final = self.path(INDEX_DIR, folder, part_name)
        self.fs.move(self._write_tmp(final, data), final)

    def _tmp_beside(self, final: str) -> str:
        folder, name = posixpath.split(final)
        self.fs.create_dir(folder, recursive=True)
        return posixpath.join(folder, f".{name}.{uuid.uuid4().hex[:8]}{TMP_SUFFIX}")

    def _write_tmp(self, final: str, data: pa.Table) -> str:
        tmp = self._tmp_beside(final)
        pq.write_table(data, tmp, compression="zstd", filesystem=self.fs)
        return tmp

    def replace_table(self, table: str, data: pa.Table, metadata: Mapping[bytes, bytes]) -> None:
        """Write a table built from the whole output (see AGGREGATE_PART) over its previous
        version in one rename; `metadata` goes into the file's schema."""
        final = self.path(table, AGGREGATE_PART)
        data = data.replace_schema_metadata({**(data.schema.metadata or {}), **metadata})
        self.fs.move(self._write_tmp(final, data), final)

    def write_text(self, path: str, text: str) -> None:
        """A small file (a report) written whole or not at all."""
        tmp = self._tmp_beside(path)
        with self.fs.open_output_stream(tmp) as stream:
            stream.write(text.encode("utf-8"))
        self.fs.move(tmp, path)

    def ensure_tables(self, tables: list[str]) -> None:
        """Give every table a file, even an empty one, so readers of an empty table get its schema
        instead of a 'no files' error."""
        for table in tables:
            final = self.path(table, EMPTY_PART)
            if not self.parts(table):
                self.fs.move(self._write_tmp(final, arrow_schema(table).empty_table()), final)

    def recover(self, tables: list[str]) -> list[str]:
        """Remove leftovers of interrupted runs: temporary files, and parts of batches whose commit
        file never appeared. Returns what was removed."""
        committed = self.committed()
        removed = []
        index_folders = self._index_folders()
        for folder in [*tables, *index_folders, QUALITY_DIR, REPORTS_DIR]:
            for path in self._files(self.path(folder)):
                name = posixpath.basename(path)
                leftover = name.startswith(".") and name.endswith(TMP_SUFFIX)
                per_batch = folder in tables or folder in index_folders
                if leftover or (per_batch and uncommitted(folder, path, committed)):
                    self.fs.delete_file(path)
                    removed.append(path)
        return removed

    def quarantine_batch(self, batch_key: str, tables: Mapping[str, pa.Table], report: str) -> str:
        """Keep a batch the publishing gate held back, with its validation report, under
        `_quarantine/<batch key>/` (never read as part of the output), so that a person can see what
        failed on which rows; its documents stay unpublished, and a later run retries them."""
        folder = self.path(QUARANTINE_DIR, batch_key)
        for table, data in tables.items():
            if data.num_rows:
                final = posixpath.join(folder, f"{table}.parquet")
                self.fs.move(self._write_tmp(final, data), final)
        self.write_text(posixpath.join(folder, "validation.json"), report)
        return folder

    def clear(self, tables: list[str]) -> None:
        """--full-refresh: drop every table this pipeline owns, its indexes and its quality reports,
        nothing else."""
        for name in [*tables, QUALITY_DIR, INDEX_DIR]:
            if self.fs.get_file_info(self.path(name)).type == pafs.FileType.Directory:
                self.fs.delete_dir(self.path(name))
