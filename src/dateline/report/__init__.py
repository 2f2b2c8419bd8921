"""The run report: what a run did and what the output now holds, for people rather than CI.

`facts` asks the published tables a few questions with DuckDB, `figures` draws the answers with
matplotlib, `page` lays them out as a static HTML page and a Markdown summary (the Prefect artifact).
"""

from dateline.report.page import RunReport, build_report

__all__ = ["RunReport", "build_report"]
