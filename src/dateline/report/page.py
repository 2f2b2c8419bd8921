"""The run report as one static HTML page and as Markdown (Prefect's artifact format)."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from dateline.report.facts import OutputFacts, Speaker, gather_facts
from dateline.report.figures import entity_types_chart, locations_map, speakers_chart
from dateline.store import QUALITY_DIR, is_url

if TYPE_CHECKING:
    from dateline.quality.dataset import DatasetReport
    from dateline.summary import RunSummary

# From output/_reports/<page>.html to the Data Docs the validation wrote.
DATA_DOCS_LINK = f"../{QUALITY_DIR}/data_docs/index.html"

STYLE = """
body { font: 15px/1.5 system-ui, sans-serif; color: #1f2937; margin: 2rem auto; max-width: 70rem;
       padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; } h2 { margin-top: 2rem; font-size: 1.2rem; }
.meta { color: #6b7280; } .passed { color: #15803d; } .failed { color: #b91c1c; font-weight: bold; }
table { border-collapse: collapse; margin: 0.5rem 0; } td, th { padding: 0.2rem 0.8rem;
       border-bottom: 1px solid #e5e7eb; text-align: left; } td.n { text-align: right; }
.charts { display: grid; gap: 1rem; }
img { max-width: 100%; } figure { margin: 0; }
"""


@dataclass(frozen=True)
class RunReport:
    html: str
    markdown: str
    speakers: list[Speaker]

    def speaker_rows(self) -> list[dict[str, object]]:
        return [{"speaker": s.name, "quotes": s.quotes, "articles": s.articles} for s in self.speakers]


def build_report(summary: RunSummary, validation: DatasetReport) -> RunReport:
    facts = gather_facts(summary.output)
    return RunReport(
        html=_html(summary, validation, facts),
        markdown=_markdown(summary, validation, facts),
        speakers=facts.speakers,
    )


def report_name(summary: RunSummary) -> str:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    return f"run-{stamp}-{summary.run_id[:8]}.html"


def _verdict_rows(validation: DatasetReport) -> list[tuple[str, int, str, bool]]:
    rows = []
    for table, verdict in sorted(validation.verdicts.items()):
        rows.append((table, verdict.rows, verdict.met, verdict.passed))
    rows.extend((table, 0, "no dataset", False) for table in validation.missing)
    return rows


def _html(summary: RunSummary, validation: DatasetReport, facts: OutputFacts) -> str:
    e = html.escape
    verdict = "passed" if summary.passed else "FAILED"
    reasons = "".join(
        f"<tr><td>{e(r)}</td><td class=n>{n:,}</td></tr>" for r, n in summary.reject_reasons.most_common()
    )
    counts = "".join(
        f"<tr><td>{e(t)}</td><td class=n>{written:,}</td><td class=n>{total:,}</td></tr>"
        for t, written, total in summary.table_counts()
    )
    verdicts = "".join(
        f"<tr><td>{e(t)}</td><td class=n>{rows:,}</td><td>{met}</td>"
        f"<td class={'passed' if ok else 'failed'}>{'passed' if ok else 'FAILED'}</td></tr>"
        for t, rows, met, ok in _verdict_rows(validation)
    )
    problems = "".join(f"<li>{e(p)}</li>" for p in summary.problems[:20])
    speakers = "".join(
        f"<tr><td>{e(s.name)}</td><td class=n>{s.quotes:,}</td><td class=n>{s.articles:,}</td></tr>"
        for s in facts.speakers
    )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Dateline run {e(summary.run_id[:8])}</title><style>{STYLE}</style></head>
<body>
<h1>Dateline run report</h1>
<p class=meta>run {e(summary.run_id)} · source {e(summary.source)} · output {e(summary.output)} ·
{summary.seconds:.1f} s · written {datetime.now(UTC):%Y-%m-%d %H:%M} UTC</p>
<p>Validation: <span class={verdict.lower()}>{verdict}</span> ({e(summary.batch_counts())}) ·
<a href="{DATA_DOCS_LINK}">Data Docs</a></p>
{f"<ul>{problems}</ul>" if problems else ""}
<h2>Inputs</h2>
<table><tr><td>inputs</td><td class=n>{summary.inputs:,}</td></tr>
<tr><td>new documents</td><td class=n>{summary.documents:,}</td></tr>
<tr><td>duplicates in this run</td><td class=n>{summary.duplicates:,}</td></tr>
<tr><td>already stored</td><td class=n>{summary.already_stored:,}</td></tr>
<tr><td>rejects</td><td class=n>{summary.rejects:,}</td></tr>{reasons}</table>
<h2>Tables</h2>
<table><tr><th>table</th><th>rows written</th><th>rows in the table</th></tr>{counts}</table>
<h2>Validation</h2>
<p class=meta>Rows of {e(validation.scope)}; ids unique and rows linked across the whole output.</p>
<table><tr><th>table</th><th>rows</th><th>expectations met</th><th>verdict</th></tr>{verdicts}</table>
<h2>What the output holds</h2>
<div class=charts>
<figure><img alt="Quotes per named speaker" src="{speakers_chart(facts.speakers)}"></figure>
<figure><img alt="Entity types" src="{entity_types_chart(facts.entity_types)}"></figure>
</div>
<figure><img alt="Map of resolved locations" src="{locations_map(facts.places)}">
<figcaption class=meta>{len(facts.places):,} places resolved to GeoNames;
{facts.unresolved_places:,} mentions of places without coordinates.</figcaption></figure>
<h2>Most quoted speakers</h2>
<p class=meta>People and organisations the articles name; described speakers ("a spokesman",
"analysts") are left out.</p>
<table><tr><th>speaker</th><th>quotes</th><th>articles</th></tr>{speakers}</table>
</body></html>
"""


def _markdown(summary: RunSummary, validation: DatasetReport, facts: OutputFacts) -> str:
    verdict = "passed" if summary.passed else "**FAILED**"
    docs = validation.data_docs
    link = docs if is_url(docs) else Path(docs).absolute().as_uri()
    lines = [
        f"# Dateline run {summary.run_id[:8]}",
        "",
        f"Source `{summary.source}` → output `{summary.output}`, {summary.seconds:.1f} s. "
        f"Validation {verdict}; [Data Docs]({link}).",
        "",
        "| inputs | new documents | duplicates | already stored | rejects |",
        "|---:|---:|---:|---:|---:|",
        f"| {summary.inputs:,} | {summary.documents:,} | {summary.duplicates:,} | "
        f"{summary.already_stored:,} | {summary.rejects:,} |",
        "",
        "| table | rows written | rows in the table | expectations met | verdict |",
        "|---|---:|---:|---:|---|",
    ]
    verdicts = {t: (met, ok) for t, _, met, ok in _verdict_rows(validation)}
    for table, written, total in summary.table_counts():
        met, ok = verdicts.get(table, ("–", True))
        lines.append(f"| {table} | {written:,} | {total:,} | {met} | {'passed' if ok else '**FAILED**'} |")
    if summary.reject_reasons:
        lines += ["", "Rejects: " + ", ".join(f"{n} {r}" for r, n in summary.reject_reasons.most_common())]
    if summary.problems:
        lines += ["", "Problems:", *(f"- {p}" for p in summary.problems[:20])]
    if facts.speakers:
        top = ", ".join(f"{s.name} ({s.quotes})" for s in facts.speakers[:5])
        lines += ["", f"Most quoted: {top}."]
    return "\n".join(lines) + "\n"
