"""The Dateline pipeline: source files in, validated Parquet tables out.

    discover -> (stream records) -> read -> extract + validate -> write, batch by batch, then
    the speakers tables, the run's verdicts (its batches' from their gates, ids and links across
    the whole output) with their Data Docs, and the run report.

Batches keep memory flat and make each write a unit that is either published whole or not at all.
Reading and deduplication happen in the flow, in input order; the costly step (spaCy parse,
extraction, validation) is submitted to the task runner, so `--workers N` runs N batches at once on a
local Dask cluster (prefect-dask) and `--dask-address` on an existing one. Results are linked to the
stored stories and quotations (dateline.stories) and written in submission order, so ids, clusters,
keys and files are the same whatever the number of workers; the speakers tables follow at the end.
"""

from __future__ import annotations

import os
import posixpath
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable
from functools import partial

from dateline.runtime import configure_environment

configure_environment()

from prefect import flow, get_run_logger, task  # noqa: E402
from prefect.cache_policies import NONE  # noqa: E402
from prefect.context import FlowRunContext  # noqa: E402
from prefect.runtime import flow_run  # noqa: E402

from dateline import batch as steps  # noqa: E402
from dateline.ingest.articles import DEFAULT_MAX_CHARS  # noqa: E402
from dateline.ingest.sources import DEFAULT_MAX_BYTES, discover  # noqa: E402
from dateline.lock import output_lock  # noqa: E402
from dateline.models import RejectReason  # noqa: E402
from dateline.progress import BatchDone, publish  # noqa: E402
from dateline.quality.dataset import (  # noqa: E402
    batch_report,
    validate_batch,
    validate_linked,
    validate_output,
)
from dateline.runtime import collector_paused, release_memory  # noqa: E402
from dateline.store import DEFAULT_BATCH_SIZE, DEFAULT_KEEP_REPORTS, REPORTS_DIR, OutputStore  # noqa: E402
from dateline.stories.link import AGGREGATE_TABLES, StoryLinker  # noqa: E402
from dateline.stories.speakers import refresh_speakers  # noqa: E402
from dateline.summary import RunSummary  # noqa: E402

OWNED_TABLES = [*steps.TABLES, *AGGREGATE_TABLES]  # what a full refresh clears


class PipelineFailed(RuntimeError):
    """Raised at the end of a run in which a batch was held back or the output failed validation;
    carries the run summary so that callers can still report what was done."""

    def __init__(self, summary: RunSummary) -> None:
        problems = "; ".join(summary.problems[:5]) or "validation failed"
        super().__init__(f"Dateline run {summary.run_id} failed: {problems}")
        self.summary = summary


@task(name="discover", cache_policy=NONE, retries=2, retry_delay_seconds=1)
def discover_task(source: str) -> list[str]:
    outputs: list[str] = []
    paths = discover(source, outputs)
    for output in outputs:
        get_run_logger().warning("passing over %s, a Dateline output inside the source", output)
    return paths


@task(name="read", cache_policy=NONE, retries=2, retry_delay_seconds=1)
def read_task(items: list, max_chars: int) -> steps.ReadBatch:
    return steps.read_batch(items, max_chars)


@task(name="extract-validate", cache_policy=NONE)
def extract_task(documents: list, rejects: list, run_id: str) -> tuple[dict, dict]:
    """Parse and extract one batch and validate its tables, on whichever worker runs it; the
    verdicts carry Great Expectations' results, from which the run's Data Docs are rendered."""
    tables = steps.build_tables(documents, rejects, run_id)
    verdicts = validate_batch(tables, keep_results=True)
    release_memory(collect=False)  # Docs are freed by reference counting (batch.build_tables)
    return tables, verdicts


@task(name="write", cache_policy=NONE, retries=3, retry_delay_seconds=2)
def write_task(output: str, batch_key: str, tables: dict, derived: dict) -> dict[str, int]:
    return OutputStore(output).write_batch(batch_key, tables, derived)


@task(name="quarantine", cache_policy=NONE, retries=3, retry_delay_seconds=2)
def quarantine_task(output: str, batch_key: str, tables: dict, report: str) -> str:
    return OutputStore(output).quarantine_batch(batch_key, tables, report)


@task(name="speakers", cache_policy=NONE, retries=2, retry_delay_seconds=1)
def speakers_task(output: str) -> dict[str, int]:
    return refresh_speakers(OutputStore(output))


@task(name="validate-output", cache_policy=NONE)
def validate_output_task(output: str, run_id: str, published: dict):
    """The run's verdicts: its batches' from their gates (`published`: the verdicts by batch key,
    with Data Docs rendered from their results), the speakers tables rebuilt at its end through
    Great Expectations, and ids and links across the whole output; the rest of the output was
    validated by the runs that wrote it."""
    return validate_output(output, batches=list(published), checked=published, run_id=run_id)


@task(name="report", cache_policy=NONE)
def report_task(
    output: str, summary: RunSummary, validation, keep_reports: int = DEFAULT_KEEP_REPORTS
) -> str | None:
    """The run report as a static page under OUTPUT/_reports/ (this run's, and latest.html) and as
    Prefect artifacts: the Markdown summary and a table of the most quoted speakers. The tables are
    published and validated by now: a report that cannot be drawn is a warning, not a failed run."""
    from prefect.artifacts import create_markdown_artifact, create_table_artifact

    from dateline.report import build_report
    from dateline.report.page import report_name

    try:
        report = build_report(summary, validation)
    except Exception as exc:
        get_run_logger().warning("run report not written: %s: %s", type(exc).__name__, exc)
        return None
    store = OutputStore(output)
    name = report_name(summary)
    for page in (name, "latest.html"):
        store.write_text(store.path(REPORTS_DIR, page), report.html)
    store.prune_reports(keep_reports)
    create_markdown_artifact(
        markdown=report.markdown,
        key="dateline-run-report",
        description="What the run did, validation verdicts",
    )
    create_table_artifact(
        table=report.speaker_rows(),
        key="dateline-top-speakers",
        description="Most quoted speakers in the output",
    )
    return posixpath.join(output, REPORTS_DIR, name)


@flow(name="dateline-pipeline", log_prints=False)
def pipeline(
    source: str = "seeds",
    output: str = "output",
    batch_size: int = DEFAULT_BATCH_SIZE,
    full_refresh: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_chars: int = DEFAULT_MAX_CHARS,
    keep_reports: int = DEFAULT_KEEP_REPORTS,
    in_flight: int = 1,
) -> dict:
    """Ingest SOURCE (a file, folder or glob) into the Parquet datasets under OUTPUT.

    Incremental: documents already in OUTPUT are skipped, so a rerun adds nothing; `full_refresh`
    rebuilds from scratch. Fails (after publishing every good batch) when a batch breaks a critical
    expectation (the batch is kept under OUTPUT/_quarantine/ instead) or the published datasets do
    not validate; fails at once when another run holds the output's lock. `in_flight` batches are
    submitted to the task runner at once (see `run_pipeline`).
    """
    started = time.perf_counter()
    run = _Run(source, str(output), str(flow_run.get_id() or uuid.uuid4()))
    with output_lock(run.store) as lock:
        if lock is None:
            run.logger.warning(
                "%s is an object store and cannot be locked: keep runs on it from overlapping "
                "(a deployment concurrency limit of 1)",
                output,
            )
        run.open(full_refresh)
        paths = discover_task(source)
        run.logger.info("%d source file(s) under %s", len(paths), source)
        run.reading = steps.SourceProgress(paths)
        inputs = steps.stream_inputs(paths, max_bytes, run.reading)
        for number, items in enumerate(steps.batched(inputs, batch_size), start=1):
            run.submit(number, items, max_chars)
            while len(run.pending) >= max(1, in_flight):
                run.publish_next()
        while run.pending:
            run.publish_next()
        release_memory()
        return run.finish(keep_reports, started)


class _Run:
    """What one run holds between its steps: the output, the indexes that deduplicate and link
    batches in input order, the batches in flight and the summary."""

    def __init__(self, source: str, output: str, run_id: str) -> None:
        self.output = output
        self.run_id = run_id
        self.logger = get_run_logger()
        self.summary = RunSummary(run_id=run_id, source=source, output=output)
        self.store = OutputStore(output)
        self.stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
        self.pending: deque = deque()
        self.published: dict[str, dict] = {}  # the gate's verdicts of each published batch, in order
        self.reading = steps.SourceProgress([])

    def open(self, full_refresh: bool) -> None:
        """Clear the output for a full refresh, remove an interrupted run's leftovers, and load what
        the output already holds: its documents' ids, stories and quotation keys."""
        if full_refresh:
            self.store.clear(OWNED_TABLES)
        if removed := self.store.recover(OWNED_TABLES):
            self.logger.warning("removed %d leftover file(s) of an interrupted run", len(removed))
        self.dedup = steps.Deduplicator(stored=self.store.doc_ids())
        self.linker = StoryLinker.load(self.store)  # clusters and quotation keys are assigned here, in order

    def submit(self, number: int, items: list, max_chars: int) -> None:
        """Read a batch in the flow, keep its new documents and send them to be extracted."""
        summary = self.summary
        read = read_task(items, max_chars)
        documents = self.dedup.new_documents(read.documents)
        summary.documents += len(documents)
        summary.rejects += len(read.rejects)
        summary.reject_reasons.update(str(r.reason) for r in read.rejects)
        if not documents and not read.rejects:  # all stored or met before: nothing to write
            summary.batches += 1
            publish(BatchDone(number, len(items), 0, 0, True, self.reading.fraction))
            return
        future = extract_task.submit(documents, read.rejects, self.run_id)
        self.pending.append((number, len(items), len(documents), len(read.rejects), future))

    def publish_next(self) -> None:
        """Link the oldest batch in flight, check its keys, and publish it or hold it back."""
        number, n_inputs, n_documents, n_rejects, future = self.pending.popleft()
        tables, verdicts = future.result()
        self.summary.batches += 1
        if failed := tables["rejects"].num_rows - n_rejects:  # articles an extractor failed on
            self.summary.documents -= failed
            self.summary.rejects += failed
            self.summary.reject_reasons[str(RejectReason.EXTRACTION_FAILED)] += failed
            n_documents, n_rejects = n_documents - failed, n_rejects + failed
            self.logger.error("batch %d: %d article(s) rejected, an extractor failed on them", number, failed)
        blocking = _blocking(verdicts)
        batch_key = f"{self.stamp}-{self.run_id[:8]}-{number:05d}"
        if not blocking:
            tables = self.linker.link(tables)
            verdicts = validate_linked(tables, verdicts)
            blocking = _blocking(verdicts)
            if blocking:  # forget what the batch held back added to the indexes
                self.linker = StoryLinker.load(self.store)
        if blocking:
            self._hold_back(batch_key, tables, verdicts, blocking)
        else:
            self._write(batch_key, tables)
            self.published[batch_key] = verdicts
            self.logger.info(
                "batch %d published: %d inputs, %d new documents, %d rejects; %d documents so far",
                number,
                n_inputs,
                n_documents,
                n_rejects,
                self.summary.documents,
            )
        publish(BatchDone(number, n_inputs, n_documents, n_rejects, not blocking, self.reading.fraction))
        forget_task_results()

    def _hold_back(self, batch_key: str, tables: dict, verdicts: dict, blocking: list[str]) -> None:
        report = batch_report(batch_key, verdicts, run_id=self.run_id)
        kept = quarantine_task(self.output, batch_key, tables, report)
        self.summary.failed_batches.append(batch_key)
        self.summary.problems.extend(blocking)
        self.logger.error("batch %s held back, kept in %s: %s", batch_key, kept, "; ".join(blocking))

    def _write(self, batch_key: str, tables: dict) -> None:
        for table, n in write_task(self.output, batch_key, tables, self.linker.index_entries()).items():
            self.summary.rows[table] += n
        self.summary.published_batches += 1

    def finish(self, keep_reports: int, started: float) -> dict:
        """The speakers tables, the output's validation, the report; fails when anything did."""
        summary, store = self.summary, self.store
        summary.duplicates, summary.already_stored = self.dedup.duplicates, self.dedup.already_stored
        summary.stories = self.linker.clusters.count_clusters()
        store.ensure_tables(list(steps.TABLES))
        summary.rows.update(speakers_task(self.output))
        summary.totals = {table: store.count_rows(table) for table in OWNED_TABLES}
        report = validate_output_task(self.output, self.run_id, self.published)
        summary.validation_passed = report.passed
        summary.problems.extend(report.problems())
        summary.warnings.extend(report.warnings())
        summary.data_docs = str(report.data_docs)
        summary.quality_summary = str(report.summary_path)
        summary.seconds = time.perf_counter() - started
        summary.report = report_task(self.output, summary, report, keep_reports)
        if summary.report is None:
            summary.warnings.append("the run report could not be written (see the log)")
        self.logger.info("\n%s", summary.render())
        if not summary.passed:
            raise PipelineFailed(summary)
        return summary.to_dict()


def _blocking(verdicts: dict) -> list[str]:
    """The critical failures that hold a batch back, as the lines the log and summary show."""
    return [o.describe() for v in verdicts.values() for o in v.critical_failures]


def forget_task_results() -> None:
    """Drop Prefect's in-memory record of the task results this flow run has seen.

    Prefect keeps each result with its state in FlowRunContext.run_results to link tasks that pass
    results on; a batch's documents and tables never return once published, and holding every
    batch's made the flow's memory grow with the corpus (about 200 MB per 2,000 articles)."""
    context = FlowRunContext.get()
    if context is not None:
        context.run_results.clear()


# Dask's defaults suit many small tasks; ours are long, CPU-bound and hold the GIL. The worker's
# statistical profiler samples every thread's stack every 10 ms and, with the event loop's tick and
# system monitors, keeps taking the GIL from the parse; and the MALLOC_TRIM_THRESHOLD_=65536 Dask
# sets for its workers makes glibc hand memory back after every large free, which costs the parse's
# numpy buffers 11% (measured in a plain process too). With the defaults a worker parsed at half the
# speed of a bare process; with these, within 4% of it.
CPU_BOUND_DASK_CONFIG = {
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,  # None unsets it
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.worker.memory.monitor-interval": "1s",
}


def run_pipeline(*, workers: int = 1, dask_address: str | None = None, **parameters) -> dict:
    """The pipeline on the right task runner: in-process for one worker, a local Dask cluster of
    `workers` processes (one thread each: spaCy holds the GIL), or the Dask cluster at
    `dask_address`. Each worker process loads the spaCy model and the gazetteer once."""
    if workers <= 1 and not dask_address:
        # This process is the worker: it loads the model and the rest while Prefect's server starts.
        start_ephemeral_server(meanwhile=steps.warm_up)
        return pipeline(**parameters)
    import dask
    from prefect_dask import DaskTaskRunner

    if dask_address:
        runner = DaskTaskRunner(address=dask_address)
    else:
        # This process parses nothing: it loads what its final checks need while the server starts.
        start_ephemeral_server(meanwhile=partial(steps.warm_up, parse=False))
        cluster = {"n_workers": workers, "threads_per_worker": 1, "processes": True}
        runner = DaskTaskRunner(cluster_kwargs=cluster)
    in_flight = parameters.pop("in_flight", None) or 2 * max(workers, 2)
    with dask.config.set(CPU_BOUND_DASK_CONFIG):
        return pipeline.with_options(task_runner=runner)(in_flight=in_flight, **parameters)


def start_ephemeral_server(meanwhile: Callable[[], object] | None = None) -> None:
    """Start Prefect's temporary server now, when no API URL is set, and point this process and the
    local workers it spawns at it; run `meanwhile` in a thread while the server boots.

    The server is a subprocess that takes about 6 s of CPU to boot. Left to the flow, it would start
    only when the flow first needs the API, after this process had spent seconds importing and
    loading; started first, it boots on the other core while this one loads the model (the seed run
    went from about 19 s to about 16 s). Without an API URL each local worker process would also
    start a server of its own; it inherits the environment, so it reports to this one."""
    from prefect.settings import PREFECT_API_URL, PREFECT_SERVER_EPHEMERAL_ENABLED

    def begin_meanwhile() -> None:
        if meanwhile is not None:
            threading.Thread(target=meanwhile, name="dateline-warm-up", daemon=True).start()

    if PREFECT_API_URL.value() or not PREFECT_SERVER_EPHEMERAL_ENABLED.value():
        begin_meanwhile()
        return
    with collector_paused():  # the server's module: ~1.3 s of imports, kept for the process's life
        from prefect.server.api.server import SubprocessASGIServer

        server = SubprocessASGIServer()  # the instance Prefect's own client uses in this process
    begin_meanwhile()  # only now: the import above is CPU work that the warm-up would slow down
    server.start()
    os.environ["PREFECT_API_URL"] = server.api_url
