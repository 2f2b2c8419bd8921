"""Dateline: news articles in, validated analysis-ready Parquet tables out.

Importing the package stays cheap (no spaCy, Prefect or Great Expectations at import time) so that
`import dateline` in a notebook or a worker process costs nothing until a table is actually built.
"""

__version__ = "0.1.0"
