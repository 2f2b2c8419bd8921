"""The scheduled deployment of the pipeline: hourly by default, served by `dateline serve`."""

from __future__ import annotations

from dateline.flows.pipeline import pipeline

DEFAULT_CRON = "0 * * * *"


def build_deployment(
    name: str = "dateline-scheduled",
    cron: str = DEFAULT_CRON,
    source: str = "seeds",
    output: str = "output",
):
    """A deployment that `prefect.serve` runs in-process, no work pool or worker needed."""
    return pipeline.to_deployment(
        name=name,
        cron=cron,
        parameters={"source": source, "output": output},
        description="Ingest new articles from source into the Parquet datasets; already stored "
        "documents are skipped, so each run only adds what is new.",
        tags=["dateline"],
    )
