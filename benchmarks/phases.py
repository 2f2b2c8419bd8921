"""Where a 1-worker run spends its time beside the bare spaCy parse, on the Guardian corpus.

    python benchmarks/phases.py --docs 2000

Times bare `nlp.pipe` as throughput.py does (cold in a fresh process, before and after the run),
and in between one `dateline run` (1 worker, a fresh process) whose steps are timed from inside: the
parse, the per-article analyses, each extractor, the batch gate, reading, linking and writing, and
the steps before the first batch and after the last. Prints the seconds of each beside the bare
parse, and how many seconds the 1-worker target (>= 0.85 x bare) leaves for all of them together.

The run's steps are timed by wrapping the library's functions in the run's process (the same
functions the flow calls); the wrappers cost microseconds per call.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = 0.85


def traced_run(source: str, output: str, report: str) -> None:
    """`dateline run SOURCE --output OUTPUT` in this process, its steps' seconds written to REPORT."""
    started = time.perf_counter()
    seconds: defaultdict[str, float] = defaultdict(float)
    moments: dict[str, float] = {}

    def timed(name, function):  # type: ignore[no-untyped-def]
        def call(*args, **kwargs):  # type: ignore[no-untyped-def]
            begun = time.perf_counter()
            moments.setdefault(f"first {name}", begun - started)
            try:
                return function(*args, **kwargs)
            finally:
                ended = time.perf_counter()
                seconds[name] += ended - begun
                moments[f"last {name}"] = ended - started

        return call

    def timed_iterator(name, function):  # type: ignore[no-untyped-def]
        def call(*args, **kwargs):  # type: ignore[no-untyped-def]
            iterator = function(*args, **kwargs)
            while True:
                begun = time.perf_counter()
                try:
                    item = next(iterator)
                except StopIteration:
                    return
                finally:
                    seconds[name] += time.perf_counter() - begun
                yield item

        return call

    sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
    from dateline import batch, cli
    from dateline.runtime import collector_paused

    with collector_paused():  # as the CLI imports it
        import dateline.flows.pipeline as pipeline
    from dateline.extract import EXTRACTORS
    from dateline.store import OutputStore
    from dateline.stories.link import StoryLinker

    for table, extractor in list(EXTRACTORS.items()):
        EXTRACTORS[table] = timed(f"extract {table}", extractor)
    batch.parse = timed_iterator("parse", batch.parse)
    batch.analyse = timed("analyses", batch.analyse)
    batch.to_arrow = timed("Arrow tables", batch.to_arrow)
    batch.build_tables = timed("batch", batch.build_tables)
    batch.read_batch = timed("read", batch.read_batch)
    pipeline.validate_batch = timed("batch gate", pipeline.validate_batch)
    pipeline.refresh_speakers = timed("speakers", pipeline.refresh_speakers)
    pipeline.validate_output = timed("final validation", pipeline.validate_output)
    StoryLinker.link = timed("link", StoryLinker.link)
    OutputStore.write_batch = timed("write", OutputStore.write_batch)
    code = cli.main(["run", source, "--output", output])
    moments["end"] = time.perf_counter() - started
    Path(report).write_text(json.dumps({"seconds": seconds, "moments": moments, "code": code}))
    cli._exit_without_teardown(code)


def main() -> int:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import throughput

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument(
        "--corpus", type=Path, default=ROOT.parent / "shared" / "corpora" / "guardian-20k.jsonl.gz"
    )
    parser.add_argument("--traced-run", nargs=3, help=argparse.SUPPRESS)  # SOURCE OUTPUT REPORT
    args = parser.parse_args()
    if args.traced_run:
        traced_run(*args.traced_run)

    workdir = Path(tempfile.mkdtemp(prefix="dateline-phases-"))
    source, output, report = workdir / "guardian.jsonl", workdir / "output", workdir / "phases.json"
    throughput.sample(args.corpus, args.docs, source)
    bare = []

    def time_bare(when: str) -> None:
        seconds = throughput.bare_parse(source)
        bare.append(seconds)
        print(f"bare nlp.pipe {when} the run: {seconds:.1f} s", flush=True)

    time_bare("before")
    command = [sys.executable, __file__, "--traced-run", str(source), str(output), str(report)]
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    time_bare("after")

    parse = sum(bare) / len(bare)
    rows = breakdown(json.loads(report.read_text()), wall, parse)
    print(f"\n{args.docs:,} articles: run {wall:.1f} s, bare parse {parse:.1f} s (mean), {parse / wall:.2f}")
    leaves = parse / TARGET - parse
    print(f"{TARGET} x bare leaves {leaves:.1f} s beside the parse; the run spent {wall - parse:.1f} s:")
    for name, value in rows.items():
        print(f"  {value:7.1f} s  {name}")
    return 0


def breakdown(traced: dict, wall: float, parse: float) -> dict[str, float]:
    """Seconds of each step of the traced run beside the bare parse, by what a reader calls it."""
    spent, moments = Counter(traced["seconds"]), traced["moments"]
    extraction = sum(v for k, v in spent.items() if k.startswith("extract ")) + spent["Arrow tables"]
    after_batches = moments["end"] - moments["last write"]
    return {
        "parse, above the bare parse": spent["parse"] - parse,
        "extraction (five tables and their Arrow tables)": extraction,
        **{f"  {k}": v for k, v in sorted(spent.items()) if k.startswith("extract ")},
        "per-article analyses (entities, quotes, places, credits)": spent["analyses"],
        "rest of the batch step (memory zones, document rows)": (
            spent["batch"] - spent["parse"] - spent["analyses"] - extraction
        ),
        "batch gate (Great Expectations)": spent["batch gate"],
        "reading, linking, writing": spent["read"] + spent["link"] + spent["write"],
        "between steps of the batches (the flow, Prefect)": (
            moments["last write"]
            - moments["first read"]
            - sum(spent[k] for k in ("batch", "batch gate", "read", "link", "write"))
        ),
        "start (Prefect's server, imports, loading) and exit": wall
        - (moments["end"] - moments["first read"]),
        "final validation (Great Expectations, Data Docs)": spent["final validation"],
        "after the batches: speakers, report, rest": after_batches - spent["final validation"],
    }


if __name__ == "__main__":
    sys.exit(main())
