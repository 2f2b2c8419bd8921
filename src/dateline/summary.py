"""What a run did, counted so that every input is accounted for."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from dateline.store import QUARANTINE_DIR


@dataclass
class RunSummary:
    run_id: str
    source: str
    output: str
    documents: int = 0
    duplicates: int = 0  # same text met earlier in this run
    already_stored: int = 0  # same text published by an earlier run
    rejects: int = 0
    reject_reasons: Counter[str] = field(default_factory=Counter)
    rows: Counter[str] = field(default_factory=Counter)  # written by this run
    totals: dict[str, int] = field(default_factory=dict)  # in the output after this run
    stories: int | None = None  # distinct documents.cluster_id in the output after this run
    batches: int = 0  # read: published, held back, or with nothing new to write
    published_batches: int = 0
    failed_batches: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    validation_passed: bool | None = None
    data_docs: str | None = None
    quality_summary: str | None = None
    report: str | None = None  # the run's HTML report page
    seconds: float = 0.0

    @property
    def inputs(self) -> int:
        return self.documents + self.duplicates + self.already_stored + self.rejects

    def batch_counts(self) -> str:
        """ "5 batches: 3 published, 0 held back, 2 with nothing new": the run summary's words and
        the report's, which validation's "the 3 batches this run published" agrees with."""
        unchanged = self.batches - self.published_batches - len(self.failed_batches)
        held = len(self.failed_batches)
        counts = f"{self.batches:,} batches: {self.published_batches:,} published, {held} held back"
        return counts + (f", {unchanged:,} with nothing new" if unchanged > 0 else "")

    @property
    def passed(self) -> bool:
        return not self.failed_batches and bool(self.validation_passed)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["inputs"] = self.inputs
        data["passed"] = self.passed
        data["reject_reasons"] = dict(self.reject_reasons)
        data["rows"] = dict(self.rows)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RunSummary:
        """Inverse of to_dict (a flow's return value crosses the Prefect API as plain JSON)."""
        fields = {k: v for k, v in data.items() if k not in ("inputs", "passed")}
        fields["reject_reasons"] = Counter(fields.get("reject_reasons") or {})
        fields["rows"] = Counter(fields.get("rows") or {})
        return cls(**fields)

    def table_counts(self) -> list[tuple[str, int, int]]:
        """(table, rows this run wrote, rows the table now holds), by table name."""
        tables = sorted(set(self.rows) | set(self.totals))
        return [(t, self.rows.get(t, 0), self.totals.get(t, 0)) for t in tables]

    def render(self) -> str:
        """The few lines a person reads at the end of `dateline run`."""
        reasons = ", ".join(f"{n} {r}" for r, n in self.reject_reasons.most_common())
        lines = [
            f"Dateline run {self.run_id} on {self.source}",
            f"  inputs      {self.inputs:>8,} = {self.documents:,} new documents"
            f" + {self.duplicates:,} duplicates in this run"
            f" + {self.already_stored:,} already stored + {self.rejects:,} rejects",
        ]
        if reasons:
            lines.append(f"  rejects     {reasons}")
        counts = self.table_counts()
        width = max([11, *(len(table) for table, _, _ in counts)])
        for table, written, total in counts:
            line = f"  {table:<{width}} {written:>8,} rows written, {total:,} in the table"
            if table == "documents" and self.stories is not None:
                line += f", {self.stories:,} distinct stories"
            lines.append(line)
        verdict = "passed" if self.passed else "FAILED"
        where = f"; held back in {self.output.rstrip('/')}/{QUARANTINE_DIR}/" if self.failed_batches else ""
        lines.append(f"  validation  {verdict} ({self.batch_counts()}{where})")
        lines.extend(f"    ! {p}" for p in self.problems[:10])
        if self.warnings:
            lines.append(f"  warnings    {len(self.warnings)} (see the quality report)")
        lines.append(f"  output      {self.output}")
        if self.report:
            lines.append(f"  report      {self.report}")
        if self.data_docs:
            lines.append(f"  data docs   {self.data_docs}")
        lines.append(f"  time        {self.seconds:.1f} s")
        return "\n".join(lines)
