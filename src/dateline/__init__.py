"""Dateline: news articles in, validated analysis-ready Parquet tables out.

    >>> import dateline
    >>> dateline.load("quotes").head()            # a table as a pandas DataFrame
    >>> dateline.dataset("mentions")              # ... as a lazy pyarrow dataset
    >>> dateline.sql("select speaker, count(*) n from quotes group by 1 order by n desc")

Importing the package stays cheap (no spaCy, Prefect or Great Expectations at import time, and the
readers above import pandas, pyarrow and DuckDB only when first called) so that `import dateline` in a
notebook or a worker process costs nothing until a table is actually read or built.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["connect", "dataset", "load", "sql"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from dateline import outputs

        return getattr(outputs, name)
    raise AttributeError(f"module 'dateline' has no attribute {name!r}")
