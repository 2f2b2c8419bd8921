"""The Parquet output: one dataset folder per table, written atomically, batch by batch.

Layout: `<output>/<table>/part-<batch key>.parquet`. Each file appears by rename, so readers (pandas,
pyarrow, polars, DuckDB) never see half a file. Within a batch the `documents` file is renamed last and
acts as the batch's commit: a batch whose documents file is missing did not happen, and `recover()`
removes whatever it left in other tables, so a rerun redoes it without duplicates.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Mapping
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from dateline.schemas import arrow_schema

COMMIT_TABLE = "documents"
PART_PREFIX = "part-"
EMPTY_PART = "part-empty.parquet"
TMP_SUFFIX = ".tmp"
QUALITY_DIR = "_quality"


class OutputStore:
    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root)

    def table_dir(self, table: str) -> Path:
        return self.root / table

    def parts(self, table: str) -> list[Path]:
        folder = self.table_dir(table)
        if not folder.is_dir():
            return []
        return sorted(folder.glob(f"{PART_PREFIX}*.parquet"))

    def dataset(self, table: str) -> ds.Dataset:
        return ds.dataset([str(p) for p in self.parts(table)], schema=arrow_schema(table), format="parquet")

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

    def write_batch(self, batch_key: str, tables: Mapping[str, pa.Table]) -> dict[str, int]:
        """Publish one batch: every table's file written under a temporary name, then renamed,
        the commit table last. Empty tables write no file, except the commit table, which marks
        even a batch of rejects only as done."""
        staged: list[tuple[Path, Path]] = []
        if not any(data.num_rows for data in tables.values()):
            return {table: 0 for table in tables}
        ordered = sorted(tables, key=lambda name: name == COMMIT_TABLE)
        for table in ordered:
            data = tables[table]
            if data.num_rows == 0 and table != COMMIT_TABLE:
                continue
            final = self.table_dir(table) / f"{PART_PREFIX}{batch_key}.parquet"
            staged.append((self._write_tmp(final, data), final))
        for tmp, final in staged:
            os.replace(tmp, final)
        return {table: data.num_rows for table, data in tables.items()}

    def _write_tmp(self, final: Path, data: pa.Table) -> Path:
        final.parent.mkdir(parents=True, exist_ok=True)
        tmp = final.with_name(f".{final.name}.{uuid.uuid4().hex[:8]}{TMP_SUFFIX}")
        pq.write_table(data, tmp, compression="zstd")
        return tmp

    def ensure_tables(self, tables: list[str]) -> None:
        """Give every table a file, even an empty one, so readers of an empty table get its schema
        instead of a 'no files' error."""
        for table in tables:
            if not self.parts(table) and not (self.table_dir(table) / EMPTY_PART).exists():
                final = self.table_dir(table) / EMPTY_PART
                os.replace(self._write_tmp(final, arrow_schema(table).empty_table()), final)

    def recover(self, tables: list[str]) -> list[Path]:
        """Remove leftovers of interrupted runs: temporary files, and parts of batches whose commit
        file never appeared. Returns what was removed."""
        committed = {p.name for p in self.parts(COMMIT_TABLE)}
        removed = []
        for table in tables:
            folder = self.table_dir(table)
            if not folder.is_dir():
                continue
            for tmp in folder.glob(f".*{TMP_SUFFIX}"):
                tmp.unlink(missing_ok=True)
                removed.append(tmp)
            if table == COMMIT_TABLE:
                continue
            for part in self.parts(table):
                if part.name != EMPTY_PART and part.name not in committed:
                    part.unlink(missing_ok=True)
                    removed.append(part)
        return removed

    def clear(self, tables: list[str]) -> None:
        """--full-refresh: drop every table this pipeline owns and its quality reports, nothing else."""
        for name in [*tables, QUALITY_DIR]:
            folder = self.root / name
            if folder.is_dir():
                shutil.rmtree(folder)
