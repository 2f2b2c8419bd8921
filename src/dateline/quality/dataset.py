"""Validation of tables as pandas frames: one batch before publishing, or the whole output on disk."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa

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
    output: Path
    verdicts: dict[str, Verdict]
    missing: list[str]

    @property
    def passed(self) -> bool:
        return not self.missing and all(v.passed for v in self.verdicts.values())

    @property
    def data_docs(self) -> Path:
        return self.output / QUALITY_DIR / DATA_DOCS_DIR / "index.html"

    @property
    def summary_path(self) -> Path:
        return self.output / QUALITY_DIR / SUMMARY_FILE

    def problems(self) -> list[str]:
        lines = [f"{table}: no dataset at {self.output / table}" for table in self.missing]
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
    published by two runs."""
    output = Path(output)
    store = OutputStore(output)
    tables = suite_names()
    present = {t: store.read(t) for t in tables if store.parts(t)}
    missing = [t for t in tables if t not in present]
    if "documents" not in present:
        for table in ("mentions", "entities"):
            present.pop(table, None)  # cannot be checked without texts; reported as missing documents
    quality_dir = output / QUALITY_DIR
    validator = Validator(data_docs_dir=quality_dir / DATA_DOCS_DIR)
    verdicts = validator.validate_with_docs(_frames(present))
    report = DatasetReport(output=output, verdicts=verdicts, missing=missing)
    quality_dir.mkdir(parents=True, exist_ok=True)
    report.summary_path.write_text(
        json.dumps(report.to_dict(**summary_extra), indent=2, default=str) + "\n", encoding="utf-8"
    )
    return report
