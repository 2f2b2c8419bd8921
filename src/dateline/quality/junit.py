"""The validation report as JUnit XML, the format every CI system shows as a list of tests.

One test suite per table, one test case per expectation: a failed critical expectation is a
<failure>, a failed warning is a passing case with the finding in <system-out> (CI shows it without
failing the build, as the gate itself does), an expectation that could not run is an <error>.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dateline.quality.dataset import DatasetReport
    from dateline.quality.validator import Outcome


def case_name(outcome: Outcome) -> str:
    """Names an expectation by its type and the columns or values it checks, so the same
    expectation keeps the same test name from run to run."""
    args = outcome.arguments
    subject = [str(args[k]) for k in ("column", "column_A", "column_B") if k in args]
    if "column_list" in args:
        subject.append("+".join(map(str, args["column_list"])))
    return f"{outcome.expectation}({', '.join(subject)})" if subject else outcome.expectation


def junit_xml(report: DatasetReport) -> str:
    root = ET.Element("testsuites", name="dateline data quality")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for table in report.missing:
        suite = ET.SubElement(root, "testsuite", name=table, tests="1", failures="1", errors="0")
        case = ET.SubElement(suite, "testcase", classname=f"dateline.{table}", name="dataset exists")
        ET.SubElement(case, "failure", message=f"no dataset for {table} under {report.output}")
        totals["tests"] += 1
        totals["failures"] += 1
    if report.damaged:
        n = str(len(report.damaged))
        suite = ET.SubElement(root, "testsuite", name="files", tests=n, failures=n, errors="0")
        for number, problem in enumerate(report.damaged, start=1):
            case = ET.SubElement(suite, "testcase", classname="dateline.files", name=f"file {number}")
            ET.SubElement(case, "failure", message=problem)
        totals["tests"] += len(report.damaged)
        totals["failures"] += len(report.damaged)
    for table, verdict in sorted(report.verdicts.items()):
        suite = ET.SubElement(root, "testsuite", name=table)
        counts = {"tests": 0, "failures": 0, "errors": 0}
        seen: dict[str, int] = {}
        for outcome in verdict.outcomes:
            name = case_name(outcome)
            seen[name] = seen.get(name, 0) + 1
            if seen[name] > 1:  # two expectations of one type on one column: keep names unique
                name = f"{name} #{seen[name]}"
            case = ET.SubElement(suite, "testcase", classname=f"dateline.{table}", name=name)
            counts["tests"] += 1
            details = json.dumps(
                {"severity": outcome.severity, "arguments": outcome.arguments}, default=str, sort_keys=True
            )
            if outcome.success:
                continue
            if outcome.error:
                counts["errors"] += 1
                ET.SubElement(case, "error", message=outcome.describe()).text = details
            elif outcome.severity == "critical":
                counts["failures"] += 1
                ET.SubElement(case, "failure", message=outcome.describe()).text = details
            else:
                ET.SubElement(case, "system-out").text = f"warning: {outcome.describe()}"
        suite.set("rows", str(verdict.rows))
        for key, value in counts.items():
            suite.set(key, str(value))
            totals[key] += value
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def write_junit(report: DatasetReport, path: str | Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(junit_xml(report), encoding="utf-8")
    return path
