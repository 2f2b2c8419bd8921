"""`dateline`: run the pipeline, validate outputs, serve the flow on a schedule."""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import NoReturn

from dateline.runtime import collector_paused, configure_environment

DEFAULT_CRON = "0 * * * *"
EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_LOCKED, EXIT_EMPTY = 0, 1, 2, 3, 4
EXIT_INTERRUPTED = 130  # the shell's code for a process ended by Ctrl-C
EPILOG = """examples:
  dateline run seeds/ --output output            ingest, validate and publish; writes a run report
  dateline run 'news/**/*.jsonl.gz' --workers 2   on a local Dask cluster of two processes
  dateline validate output --junit quality.xml    the CI gate, with a JUnit report
  dateline sql "select speaker, count(*) n from quotes group by 1 order by n desc limit 5"

in Python: import dateline; dateline.load("quotes")   (also dataset(...) and sql(...))
each command has its own --help. exit codes: 0 ok, 1 the run or the validation failed, 2 usage error
(a wrong path, option or query), 3 another run is writing to the same output, 4 the source holds no
input files and --strict was given, 130 interrupted (Ctrl-C: a rerun completes the run)."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dateline",
        description=(
            "Turn news articles into validated Parquet tables "
            "(documents, mentions, entities, quotes, locations, bylines, speakers, rejects, ...)."
        ),
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for add in (_add_run, _add_validate, _add_sql, _add_serve):
        add(commands)
    return parser


def _add_run(commands: argparse._SubParsersAction) -> None:
    from dateline.store import DEFAULT_BATCH_SIZE

    run = commands.add_parser(
        "run",
        help="ingest articles into the output datasets",
        description="Ingest SOURCE (a file, a folder searched recursively, or a quoted glob) of "
        ".txt, .html/.htm, .json, .jsonl/.ndjson and .warc (web archive) files, each optionally .gz, "
        "into Parquet datasets.",
    )
    run.add_argument("source", help="file, folder or glob, e.g. seeds/ or 'data/**/*.jsonl.gz'")
    run.add_argument(
        "--output",
        "-o",
        default="output",
        help="output folder or filesystem URL, e.g. s3://bucket/news (default: output)",
    )
    run.add_argument(
        "--batch-size",
        type=int,
        default=DEFAULT_BATCH_SIZE,
        help=f"inputs per batch and per Parquet file (default {DEFAULT_BATCH_SIZE})",
    )
    run.add_argument("--full-refresh", action="store_true", help="drop the existing tables and rebuild")
    _add_limits(run)
    run.add_argument(
        "--workers",
        type=int,
        default=1,
        help="parse batches in N worker processes on a local Dask cluster (default 1: in-process)",
    )
    run.add_argument(
        "--dask-address",
        metavar="ADDRESS",
        help="run batches on an existing Dask cluster, e.g. tcp://scheduler:8786 (workers need "
        "Dateline installed)",
    )
    run.add_argument(
        "--strict",
        action="store_true",
        help="exit 4 when the source holds no input files (a scheduled run whose feed dried up)",
    )
    run.add_argument("--verbose", "-v", action="store_true", help="show Prefect's logs")
    run.set_defaults(handler=_run)


def _add_limits(run: argparse.ArgumentParser) -> None:
    from dateline.ingest.articles import DEFAULT_MAX_CHARS
    from dateline.ingest.sources import DEFAULT_MAX_BYTES
    from dateline.store import DEFAULT_KEEP_REPORTS

    run.add_argument(
        "--max-bytes",
        type=int,
        default=DEFAULT_MAX_BYTES,
        help=f"largest single article or JSONL line accepted (default {DEFAULT_MAX_BYTES:,})",
    )
    run.add_argument(
        "--max-chars",
        type=int,
        default=DEFAULT_MAX_CHARS,
        help=f"longest article text accepted, in characters; longer ones are rejected as too_large "
        f"(default {DEFAULT_MAX_CHARS:,})",
    )
    run.add_argument(
        "--keep-reports",
        type=int,
        default=DEFAULT_KEEP_REPORTS,
        help=f"run reports kept under OUTPUT/_reports/, newest first (default {DEFAULT_KEEP_REPORTS})",
    )


def _add_validate(commands: argparse._SubParsersAction) -> None:
    validate = commands.add_parser(
        "validate",
        help="check the datasets on disk against the expectation suites (CI gate)",
        description="Validate every table under OUTPUT against expectations/*.json; exit 1 when a "
        "critical expectation fails. Writes Data Docs and a JSON summary under OUTPUT/_quality/.",
    )
    validate.add_argument(
        "output", nargs="?", default="output", help="output folder or filesystem URL (default: output)"
    )
    validate.add_argument(
        "--junit",
        metavar="FILE",
        help="also write JUnit XML to FILE: one test case per expectation, for CI test reports",
    )
    validate.set_defaults(handler=_validate)


def _add_sql(commands: argparse._SubParsersAction) -> None:
    from dateline.schemas import table_names

    sql = commands.add_parser(
        "sql",
        help="query the tables with SQL (DuckDB)",
        description="Run one SQL query with DuckDB over the tables under OUTPUT, each a view named "
        f"after it: {', '.join(table_names())}.",
        epilog='example: dateline sql "select speaker, count(*) n from quotes group by 1 order by n '
        'desc limit 5"',
    )
    sql.add_argument("query", help="the SQL query, quoted")
    sql.add_argument("--output", "-o", default="output", help="output folder or URL (default: output)")
    sql.add_argument("--csv", action="store_true", help="print CSV instead of a table (for scripts)")
    sql.add_argument("--max-rows", type=int, default=40, help="rows shown as a table (default 40)")
    sql.set_defaults(handler=_sql)


def _add_serve(commands: argparse._SubParsersAction) -> None:
    serve = commands.add_parser(
        "serve",
        help="serve the pipeline as a Prefect deployment on a cron schedule",
        description="Start a long-running process that runs the pipeline on SOURCE every time the "
        "cron schedule fires (Prefect's flow.serve). Stop it with Ctrl-C.",
    )
    serve.add_argument("--source", default="seeds", help="file, folder or glob to ingest (default: seeds)")
    serve.add_argument(
        "--output", "-o", default="output", help="output folder or filesystem URL (default: output)"
    )
    serve.add_argument("--cron", default=DEFAULT_CRON, help=f"schedule (default {DEFAULT_CRON!r})")
    serve.add_argument("--name", default="dateline-scheduled", help="deployment name")
    serve.set_defaults(handler=_serve)


def main(argv: list[str] | None = None) -> int:
    configure_environment()
    args = build_parser().parse_args(argv)
    return args.handler(args)


def _run(args: argparse.Namespace) -> int:
    problem = _run_arguments_problem(args)
    if problem is not None:
        return problem
    if not args.verbose:
        os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "WARNING")

    from dateline.lock import OutputLocked, output_lock
    from dateline.store import OutputStore
    from dateline.summary import RunSummary

    try:
        # Asked here first, so that a second run says why it stops in one line, before Prefect
        # starts and logs the flow's exception with its traceback; the flow takes the lock itself.
        with output_lock(OutputStore(args.output)):
            pass
    except OutputLocked as exc:
        print(f"dateline run: {exc}", file=sys.stderr)
        return EXIT_LOCKED

    with collector_paused():  # Prefect's import: ~1.2 s, kept for the process's life
        from dateline.flows.pipeline import PipelineFailed, run_pipeline
    if not args.verbose and not os.environ.get("PREFECT_API_URL"):
        # This process's logging is set up by now; Prefect's temporary server, started next, reads
        # this. Ctrl-C reaches the server too, and its shutdown logs errors (its database pool
        # cancelled mid-flush) after the run's one line.
        os.environ["PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL"] = "CRITICAL"

    with _progress_bar() as live:
        if not os.environ.get("PREFECT_API_URL"):
            _leave_on_interrupt(live)
        try:
            result = run_pipeline(
                workers=args.workers,
                dask_address=args.dask_address,
                source=args.source,
                output=args.output,
                batch_size=args.batch_size,
                full_refresh=args.full_refresh,
                max_bytes=args.max_bytes,
                max_chars=args.max_chars,
                keep_reports=args.keep_reports,
            )
        except PipelineFailed as exc:
            print(exc.summary.render())
            return EXIT_FAILED
        except OutputLocked as exc:
            print(f"dateline run: {exc}", file=sys.stderr)
            return EXIT_LOCKED
        except KeyboardInterrupt:
            print(_interrupted(live.totals), file=sys.stderr)
            return EXIT_INTERRUPTED
        except Exception as exc:
            if args.verbose:
                raise
            print(f"dateline run failed: {type(exc).__name__}: {exc}", file=sys.stderr)
            print("run again with --verbose for Prefect's logs and the traceback", file=sys.stderr)
            return EXIT_FAILED
    print(RunSummary.from_dict(result).render())
    return EXIT_OK


def _run_arguments_problem(args: argparse.Namespace) -> int | None:
    """The exit code for a source that is not there (or empty, with --strict) or a limit that is
    not positive, said in one line; None when the run can start."""
    from dateline.ingest.sources import SourceNotFound, discover

    try:
        inputs = discover(args.source)  # the run's own discovery says which outputs it passes over
    except SourceNotFound as exc:
        print(f"dateline run: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if not inputs:
        print(
            f"dateline run: {args.source!r} holds no input files "
            "(hidden files and Dateline outputs are passed over)",
            file=sys.stderr,
        )
        if args.strict:
            return EXIT_EMPTY
    if min(args.batch_size, args.max_bytes, args.max_chars, args.keep_reports, args.workers) < 1:
        print(
            "dateline run: --batch-size, --max-bytes, --max-chars, --keep-reports and --workers "
            "must be positive",
            file=sys.stderr,
        )
        return EXIT_USAGE
    return None


def _interrupted(totals: Counter[str]) -> str:
    return (
        f"dateline run: interrupted; {totals['published']:,} batch(es) of this run are published and "
        f"kept ({totals['published_documents']:,} new documents); run the same command again to complete it"
    )


def _leave_on_interrupt(live: _Live) -> None:
    """Ctrl-C ends the run at once with one line. The terminal sends it to Prefect's temporary server
    too, which stops; Prefect's own crash handling would then retry the dead server for minutes and
    log around the one line that matters. Leaving at once is as safe as being killed, which a run
    survives at any moment (batches are published whole; the next run clears what is left)."""

    def leave(signum: int, frame: object) -> None:
        live.stop()  # the live display restores the cursor
        print(_interrupted(live.totals), file=sys.stderr, flush=True)
        sys.stdout.flush()
        os._exit(EXIT_INTERRUPTED)

    signal.signal(signal.SIGINT, leave)


@dataclass
class _Live:
    """The run's progress as shown: the totals so far, and how to take the display down."""

    totals: Counter[str]
    stop: Callable[[], None]


_PROGRESS_EVERY = 30.0  # seconds between progress lines when stderr is no terminal


@contextmanager
def _progress_bar() -> Iterator[_Live]:
    """A live count of batches, inputs, documents, rejects, the rate and the share of the sources
    read with the time left while the flow runs, on stderr: a progress bar on a terminal, else a
    line every 30 seconds. Yields the totals (what was published among them) and how to take the
    display down."""
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from dateline.progress import BatchDone, listening

    totals: Counter[str] = Counter()
    bar = BarColumn(bar_width=24)
    columns = (SpinnerColumn(), bar, TextColumn("{task.description}"), TimeElapsedColumn())
    terminal = sys.stderr.isatty()
    started = time.monotonic()
    last_line = [started]
    with Progress(*columns, transient=True, disable=not terminal) as progress:
        task = progress.add_task("starting Prefect…", total=None)

        def update(event: BatchDone) -> None:
            totals.update(batches=1, inputs=event.inputs, documents=event.documents, rejects=event.rejects)
            if event.published:
                totals.update(published=1, published_documents=event.documents)
            now = time.monotonic()
            rate = totals["inputs"] / max(now - started, 1e-9)
            shown = ("batches", "inputs", "documents", "rejects")
            line = " · ".join(f"{k} {totals[k]:,}" for k in shown) + f" · {rate:,.1f} inputs/s"
            if event.done:  # the share of the sources read: the bar, and the time left at this pace
                left = (now - started) * (1 - event.done) / event.done
                line += f" · {event.done:.0%} · ~{_duration(left)} left"
                progress.update(task, total=1.0, completed=event.done)
            progress.update(task, description=line)
            if not terminal and now - last_line[0] >= _PROGRESS_EVERY:
                # Logs of scheduled runs and CI: a line now and then instead of minutes of silence.
                print(f"dateline run: {line}", file=sys.stderr, flush=True)
                last_line[0] = now

        with listening(update):
            yield _Live(totals, progress.stop)


def _duration(seconds: float) -> str:
    """A time left as a person says it: "40 s", "12 min", "2 h 05 min"."""
    if seconds < 60:
        return f"{seconds:.0f} s"
    minutes = round(seconds / 60)
    return f"{minutes} min" if minutes < 60 else f"{minutes // 60} h {minutes % 60:02d} min"


def _validate(args: argparse.Namespace) -> int:
    from dateline.store import OutputStore

    output = args.output
    if not OutputStore(output).is_folder():
        print(
            f"dateline validate: {output} is not a folder; run `dateline run SOURCE --output "
            f"{output}` first or give the folder that holds the tables",
            file=sys.stderr,
        )
        return EXIT_USAGE
    from dateline.quality.dataset import validate_output

    report = validate_output(output)
    width = max([10, *(len(table) for table in report.verdicts)])
    for verdict in report.verdicts.values():
        status = "ok" if verdict.passed else "FAILED"
        print(f"{verdict.table:<{width}} {verdict.rows:>9,} rows  {verdict.met} expectations met  {status}")
    for line in report.problems():
        print(f"  ! {line}")
    for line in report.warnings():
        print(f"  warning: {line}")
    print(f"{'passed' if report.passed else 'FAILED'}; Data Docs: {report.data_docs}")
    if args.junit:
        from dateline.quality.junit import write_junit

        print(f"JUnit XML: {write_junit(report, args.junit)}")
    return EXIT_OK if report.passed else EXIT_FAILED


def _sql(args: argparse.Namespace) -> int:
    import duckdb

    from dateline.outputs import NoOutput, connect
    from dateline.schemas import table_names

    try:
        relation = connect(args.output).sql(args.query)
    except NoOutput as exc:
        print(f"dateline sql: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except duckdb.Error as exc:
        print(f"dateline sql: {exc}", file=sys.stderr)
        tables = ", ".join(table_names())
        print(f'tables: {tables}; `dateline sql "describe quotes"` lists columns', file=sys.stderr)
        return EXIT_USAGE
    if relation is None:  # a statement that returns nothing (e.g. SET)
        return EXIT_OK
    if args.csv:
        relation.df().to_csv(sys.stdout, index=False)
    else:
        relation.show(max_rows=args.max_rows, max_width=shutil.get_terminal_size().columns)
    return EXIT_OK


def _serve(args: argparse.Namespace) -> int:
    problem = _prefect_api_problem()
    if problem:
        print(f"dateline serve: {problem}", file=sys.stderr)
        return EXIT_FAILED
    from prefect import serve

    from dateline.flows.deployment import build_deployment

    deployment = build_deployment(name=args.name, cron=args.cron, source=args.source, output=args.output)
    serve(deployment)
    return EXIT_OK


_START_A_SERVER = (
    "start one with `prefect server start` (it serves http://127.0.0.1:4200), then "
    "`export PREFECT_API_URL=http://127.0.0.1:4200/api` and run this again"
)


def _prefect_api_problem() -> str | None:
    """Why scheduled runs could not happen, or None. A schedule needs a Prefect server that outlives
    this process: without one, `serve` waits on a temporary server that never triggers a run, and
    says nothing."""
    import urllib.error
    import urllib.request

    from prefect.settings import PREFECT_API_URL

    url = PREFECT_API_URL.value()
    if not url:
        return f"schedules need a Prefect server, and PREFECT_API_URL is not set: {_START_A_SERVER}"
    try:
        with urllib.request.urlopen(f"{url.rstrip('/')}/health", timeout=5) as response:
            if response.status == 200:
                return None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        return f"no Prefect server answers at PREFECT_API_URL={url} ({exc}); {_START_A_SERVER}"
    return f"the Prefect server at {url} is not healthy; {_START_A_SERVER}"


def entrypoint() -> None:
    code = main()
    _exit_without_teardown(code)


def _exit_without_teardown(code: int) -> NoReturn:
    """Leave as `sys.exit` would, minus the interpreter's teardown of every module and object.

    After a run the process holds the spaCy model, the gazetteer, Great Expectations, pandas and
    Prefect: freeing them one by one at exit took ~2 s of every run (the seed run 14.9 -> 12.7 s),
    with nothing to show for it. What exit must still do runs first, as at a normal exit and in the
    same order: the threads' exit hooks (Prefect drains its queued logs and events to its server) and
    joining non-daemon threads, then the `atexit` handlers (Prefect stops its temporary server, logging
    flushes its handlers). Falls back to a normal exit where those hooks are not available."""
    import atexit
    import threading

    shutdown = getattr(threading, "_shutdown", None)
    run_exit_handlers = getattr(atexit, "_run_exitfuncs", None)
    if shutdown is None or run_exit_handlers is None:
        sys.exit(code)
    sys.stdout.flush()
    sys.stderr.flush()
    shutdown()
    run_exit_handlers()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
