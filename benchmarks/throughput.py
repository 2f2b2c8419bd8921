"""End-to-end throughput beside the bare spaCy parse, on the Guardian corpus, in the same run.

    python benchmarks/throughput.py --docs 2000 [--corpus ../shared/corpora/guardian-20k.jsonl.gz]

Prints docs/s and words/s for
- bare `nlp.pipe` over the same normalised texts, timed cold in a fresh process as the run's worker
  is (the model loaded, then one pass at batch size 64):
  - the parse: the pipeline's own model and parse components, without the per-article analyses;
  - the whole pipeline: `nlp.pipe` with the analyses (`dateline.components`), which `load_model`
    adds to the pipeline as components;
- `dateline run` with 1 worker (in-process) and with 2 workers (a local Dask cluster), each a fresh
  process from start to finish, Prefect's ephemeral server and the final validation included;
and the ratios the scale issue sets (1 worker >= 0.85 x bare; 2 workers >= 1.7 x 1 worker), the
first against both bare timings, with the peak resident memory of each process (sampled every 0.2 s;
per Dask worker for the 2-worker run).

The bare parse is timed twice, before and after the 1-worker run, and the ratio uses the mean of the
two: on a shared virtual machine the same parse of the same texts varies by up to 30% within minutes,
and a single bare timing taken first would credit or charge the run with whatever the machine did
meanwhile. Both timings are printed; a wide gap between them says the figures of that session are
noise.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dateline.runtime import configure_environment  # noqa: E402

configure_environment()  # the bare parse runs with the same BLAS threads as a pipeline worker

from dateline.components import ANALYSES  # noqa: E402
from dateline.ingest.normalize import count_words, normalize_text  # noqa: E402
from dateline.nlp import load_model  # noqa: E402

BARE_BATCH = 64


def sample(corpus: Path, n: int, target: Path) -> list[str]:
    """The first n articles, written as the JSONL source the runs read; their normalised texts."""
    texts = []
    with gzip.open(corpus, "rt", encoding="utf-8") as lines, target.open("w", encoding="utf-8") as out:
        for line in islice(lines, n):
            out.write(line)
            texts.append(normalize_text(json.loads(line).get("text") or ""))
    return texts


def bare_parse(source: Path, analyses: bool = False) -> float:
    """Seconds of one cold `nlp.pipe` pass over the source's texts, in a fresh process."""
    command = [sys.executable, __file__, "--bare-pass", str(source)]
    if analyses:
        command.append("--analyses")
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    return float(done.stdout.split()[-1])


def _bare_pass(source: Path, analyses: bool) -> None:
    """The child of `bare_parse`: load the model, then time one pass; print the seconds."""
    with source.open(encoding="utf-8") as lines:
        texts = [normalize_text(json.loads(line).get("text") or "") for line in lines]
    nlp = load_model()
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=BARE_BATCH, disable=() if analyses else ANALYSES):
        pass
    print(f"{time.perf_counter() - started:.3f}")


def timed_run(source: Path, workers: int) -> tuple[float, dict[str, float]]:
    """Wall seconds of `dateline run` in a fresh process, and the peak RSS (MB) of each process in
    its tree (the flow, and the Dask workers when there are any)."""
    import psutil

    output = Path(tempfile.mkdtemp(prefix="dateline-throughput-"))
    command = [sys.executable, "-m", "dateline", "run", str(source), "--output", str(output)]
    if workers > 1:
        command += ["--workers", str(workers)]
    peaks: dict[int, tuple[str, float]] = {}
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    done = threading.Event()

    def sample_memory() -> None:
        root = psutil.Process(process.pid)
        while not done.is_set():
            try:
                tree = [root, *root.children(recursive=True)]
            except psutil.Error:
                break
            for proc in tree:
                try:
                    rss = proc.memory_info().rss / 2**20
                    name = "flow" if proc.pid == root.pid else _role(proc)
                except psutil.Error:
                    continue
                if rss > peaks.get(proc.pid, ("", 0.0))[1]:
                    peaks[proc.pid] = (name, rss)
            time.sleep(0.2)

    sampler = threading.Thread(target=sample_memory, daemon=True)
    sampler.start()
    _, stderr = process.communicate()
    elapsed = time.perf_counter() - started
    done.set()
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"dateline run failed ({process.returncode}): {stderr.decode()[-2000:]}")
    by_role: dict[str, float] = {}
    for name, rss in peaks.values():
        by_role[name] = max(by_role.get(name, 0.0), rss)
    return elapsed, by_role


def _role(proc) -> str:  # type: ignore[no-untyped-def]
    line = " ".join(proc.cmdline())
    if "multiprocessing" in line or "dask" in line or "distributed" in line:
        return "dask worker"
    return "other"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument(
        "--corpus", type=Path, default=ROOT.parent / "shared" / "corpora" / "guardian-20k.jsonl.gz"
    )
    parser.add_argument(
        "--runs",
        default="1,2",
        help="worker counts to run the pipeline with (default 1,2); e.g. 2 for a memory check alone",
    )
    parser.add_argument("--no-bare", action="store_true", help="skip the bare nlp.pipe timings")
    parser.add_argument("--bare-pass", type=Path, help=argparse.SUPPRESS)  # SOURCE: time one pass
    parser.add_argument("--analyses", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.bare_pass:
        _bare_pass(args.bare_pass, args.analyses)
        return 0

    workdir = Path(tempfile.mkdtemp(prefix="dateline-throughput-source-"))
    source = workdir / "guardian.jsonl"
    texts = sample(args.corpus, args.docs, source)
    words = sum(count_words(t) for t in texts)

    def rates(seconds: float) -> str:
        return f"{len(texts) / seconds:8.1f} docs/s {words / seconds:10,.0f} words/s"

    print(f"{len(texts):,} Guardian articles, {words:,} words; {os.cpu_count()} cores", flush=True)
    bare: list[float] = []
    whole: list[float] = []

    def time_bare(analyses: bool = False) -> None:
        seconds = bare_parse(source, analyses)
        (whole if analyses else bare).append(seconds)
        label = "bare nlp.pipe, whole" if analyses else "bare nlp.pipe, parse"
        print(f"{label:<26} {rates(seconds)}  {seconds:7.1f} s", flush=True)

    if not args.no_bare:
        time_bare()
        time_bare(analyses=True)
    seconds: dict[int, float] = {}
    for workers in (int(n) for n in args.runs.split(",")):
        seconds[workers], memory = timed_run(source, workers)
        label = f"{workers} worker{'s' if workers > 1 else ''}"
        print(f"dateline run, {label:<12} {rates(seconds[workers])}  {seconds[workers]:7.1f} s")
        print("  peak RSS: " + ", ".join(f"{k} {v:,.0f} MB" for k, v in sorted(memory.items())), flush=True)
        if workers == 1 and bare:
            time_bare()  # after the run as well as before it: see the module's docstring
    for name, timings in (("parse", bare), ("whole", whole)):
        if timings and 1 in seconds:
            mean = sum(timings) / len(timings)
            spread = f"{min(timings):.1f}-{max(timings):.1f} s" if len(timings) > 1 else "timed once"
            print(f"1 worker / bare {name:<10} {mean / seconds[1]:.2f}  (target >= 0.85; bare {spread})")
    if 1 in seconds and 2 in seconds:
        print(f"2 workers / 1 worker       {seconds[1] / seconds[2]:.2f}  (target >= 1.70)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
