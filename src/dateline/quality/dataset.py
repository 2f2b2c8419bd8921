"""Validation of tables as pandas frames: one batch before publishing, or the whole output on disk."""

from __future__ import annotations

import json
import posixpath
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.fs as pafs

from dateline.quality.checks import check_frame
from dateline.quality.validator import Validator, Verdict, shared_validator, suite_names
from dateline.store import QUALITY_DIR, OutputStore

DATA_DOCS_DIR = "data_docs"
SUMMARY_FILE = "validation.json"


def _frames(tables: Mapping[str, pa.Table]) -> dict[str, pd.DataFrame]:
    # Arrow-backed text columns keep memory low; types stay as the contract says.
    frames = {name: table.to_pandas() for name, table in tables.items()}
    documents = frames.get("documents", pd.DataFrame({"doc_id": [], "text": []}))
    entities = frames.get("entities")
    return {name: check_frame(name, frame, documents, entities) for name, frame in frames.items()}


def validate_batch(tables: Mapping[str, pa.Table]) -> dict[str, Verdict]:
    """The publishing gate for one batch: every table that has a suite, validated in memory."""
    validator = shared_validator()
    known = set(suite_names())
    return {
        name: validator.validate(name, frame)
        for name, frame in _frames({n: t for n, t in tables.items() if n in known}).items()
    }


@dataclass(frozen=True)
class DatasetReport:
    output: str  # a folder or a filesystem URL
    verdicts: dict[str, Verdict]
    missing: list[str]

    @property
    def passed(self) -> bool:
        return not self.missing and all(v.passed for v in self.verdicts.values())

    @property
    def data_docs(self) -> str:
        return posixpath.join(self.output, QUALITY_DIR, DATA_DOCS_DIR, "index.html")

    @property
    def summary_path(self) -> str:
        return posixpath.join(self.output, QUALITY_DIR, SUMMARY_FILE)

    def problems(self) -> list[str]:
        lines = [f"{table}: no dataset at {posixpath.join(self.output, table)}" for table in self.missing]
        for verdict in self.verdicts.values():
            lines.extend(o.describe() for o in verdict.critical_failures)
        return lines

    def warnings(self) -> list[str]:
        return [
            o.describe()
            for verdict in self.verdicts.values()
            for o in verdict.failures
            if o.severity != "critical"
        ]

    def to_dict(self, **extra: Any) -> dict[str, Any]:
        return {
            "output": str(self.output),
            "validated_at": datetime.now(UTC).isoformat(),
            "passed": self.passed,
            "missing_tables": self.missing,
            "tables": {name: v.to_dict() for name, v in self.verdicts.items()},
            "data_docs": str(self.data_docs),
            **extra,
        }


def validate_output(output: str | Path, **summary_extra: Any) -> DatasetReport:
    """Validate every table on disk against its suite; write Data Docs and a JSON summary under
    `<output>/_quality/`. Whole-dataset checks catch what batch gates cannot, such as one doc_id
    published by two runs.

    One table is in memory at a time, beside the texts and entity ids the cross-table checks need,
    so the peak grows with the largest table rather than with the sum of all of them."""
    store = OutputStore(output)
    tables = suite_names()
    present = [t for t in tables if store.parts(t)]
    missing = [t for t in tables if t not in present]
    if "documents" in present:
        documents = store.read("documents", columns=["doc_id", "text"]).to_pandas()
    else:  # mentions and entities cannot be checked without texts; reported as missing documents
        present = [t for t in present if t not in ("mentions", "entities")]
        documents = pd.DataFrame({"doc_id": [], "text": []})
    entities = store.read("entities", columns=["entity_id"]).to_pandas() if "entities" in present else None
    with _data_docs_folder(store) as docs_dir:
        validator = Validator(data_docs_dir=docs_dir)
        verdicts = {}
        for table in present:
            frame = check_frame(table, store.read(table).to_pandas(), documents, entities)
            verdicts.update(validator.validate_with_docs({table: frame}))
            del frame
    report = DatasetReport(output=str(output), verdicts=verdicts, missing=missing)
    summary = json.dumps(report.to_dict(**summary_extra), indent=2, default=str) + "\n"
    store.write_text(store.path(QUALITY_DIR, SUMMARY_FILE), summary)
    return report


@contextmanager
def _data_docs_folder(store: OutputStore) -> Iterator[Path]:
    """Great Expectations renders Data Docs into a local folder: the output's own when it is local,
    else a temporary one copied to the output's filesystem afterwards."""
    target = store.path(QUALITY_DIR, DATA_DOCS_DIR)
    if isinstance(store.fs, pafs.LocalFileSystem):
        yield Path(target)
        return
    with tempfile.TemporaryDirectory(prefix="dateline-data-docs-") as local:
        yield Path(local)
        store.fs.create_dir(target, recursive=True)
        pafs.copy_files(
            local, target, source_filesystem=pafs.LocalFileSystem(), destination_filesystem=store.fs
        )
