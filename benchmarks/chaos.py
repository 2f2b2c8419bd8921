"""Crash safety under fire: kill `dateline run` at random moments, then check what it left.

    python benchmarks/chaos.py --docs 2000 --kills 20 [--corpus ../shared/corpora/reuters21578.jsonl.gz]

First one uninterrupted run of the same articles gives the expected output. Then runs are started
on a second output one after another and each is killed (SIGKILL, to its whole process group, as
an OOM killer or a lost machine would) after a random time within what it has left to do (its
start, the batches not yet published, its final validation); after every kill the output is checked
as a reader would find it (every file whole Parquet, no rows of unfinished batches, ids unique,
links published). A last run is left to finish. Prints kills survived (the
output was consistent after the kill), rows lost (expected rows missing after the last run, per
table) and duplicate ids (repeated values of any unique column): both must be 0.
"""

from __future__ import annotations

import argparse
import gzip
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dateline.batch import TABLES  # noqa: E402
from dateline.quality.integrity import consistency_problems, integrity_outcomes  # noqa: E402
from dateline.store import OutputStore  # noqa: E402

STARTUP = 15.0  # seconds a run takes to start and to validate at the end, whatever its size
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "reuters21578.jsonl.gz"


def start(source: Path, output: Path, batch_size: int) -> subprocess.Popen:
    command = [sys.executable, "-m", "dateline", "run", str(source), "--output", str(output)]
    command += ["--batch-size", str(batch_size)]
    return subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )


def row_counts(output: Path) -> dict[str, int]:
    store = OutputStore(output)
    return {table: store.count_rows(table) for table in TABLES}


def duplicate_ids(output: Path) -> int:
    """Rows repeating an id of a unique column, across the whole output."""
    store = OutputStore(output)
    present = [table for table in TABLES if store.parts(table)]
    return sum(
        o.unexpected_count or 0
        for outcomes in integrity_outcomes(store, present).values()
        for o in outcomes
        if o.expectation == "expect_column_values_to_be_unique"
    )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--batch-size", type=int, default=50, help="inputs per batch (default 50)")
    parser.add_argument("--seed", type=int, default=20261129)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="dateline-chaos-"))
    source, reference, output = work / "articles.jsonl", work / "reference", work / "output"
    with gzip.open(args.corpus, "rt", encoding="utf-8") as lines:
        source.write_text("".join(islice(lines, args.docs)), encoding="utf-8")

    started = time.perf_counter()
    if start(source, reference, args.batch_size).wait() != 0:
        print("the uninterrupted run failed; see `dateline run` on", source)
        return 1
    duration = time.perf_counter() - started
    expected = row_counts(reference)
    print(f"{args.docs:,} articles from {args.corpus.name}; uninterrupted run {duration:.0f} s, {expected}")

    survived, killed = 0, 0
    for number in range(1, args.kills + 1):
        run = start(source, output, args.batch_size)
        # Anywhere in what this run has left to do: starting up, the remaining batches, the final
        # validation. A rerun skips what is published, so its work shrinks kill after kill.
        remaining = 1 - row_counts(output)["documents"] / expected["documents"]
        delay = rng.uniform(0, STARTUP + (duration - STARTUP) * remaining)
        try:
            run.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            os.killpg(run.pid, signal.SIGKILL)
            killed += 1
        run.wait()
        problems = consistency_problems(str(output))
        survived += not problems
        done = row_counts(output)["documents"]
        state = "; ".join(problems[:3]) or "consistent"
        print(f"kill {number:2d} after {delay:5.1f} s: {done:,} documents published, {state}", flush=True)
        if run.returncode == 0:
            print("  (the run finished before its kill time)")

    final = start(source, output, args.batch_size).wait()
    got = row_counts(output)
    lost = {table: expected[table] - got[table] for table in TABLES if got[table] < expected[table]}
    extra = {table: got[table] - expected[table] for table in TABLES if got[table] > expected[table]}
    print(f"last run exit code {final}; rows {got}")
    print(f"kills survived   {survived} / {args.kills} ({killed} killed mid-run)")
    print(f"rows lost        {sum(lost.values())}  {lost or ''}")
    print(f"rows extra       {sum(extra.values())}  {extra or ''}")
    print(f"duplicate ids    {duplicate_ids(output)}")
    print(f"same documents   {OutputStore(output).doc_ids() == OutputStore(reference).doc_ids()}")
    linked = same_links(output, reference)
    print(f"same stories, quotation keys and speakers   {linked}")
    return 0 if final == 0 and not lost and not extra and linked and survived == args.kills else 1


def same_links(output: Path, reference: Path) -> bool:
    """Whether the interrupted runs assigned every cluster and quotation key as the uninterrupted one
    did, and built the same speakers tables (they catch up on batches a killed run left out)."""
    columns = {
        "documents": ["doc_id", "cluster_id"],
        "quotes": ["quote_id", "quote_key"],
        "speakers": ["entity_key", "name", "n_documents", "n_quotes"],
        "speaker_roles": ["entity_key", "role", "n_documents"],
    }
    for table, wanted in columns.items():
        got, want = (
            sorted(OutputStore(out).read(table, wanted).to_pylist(), key=str) for out in (output, reference)
        )
        if got != want:
            return False
    return True


if __name__ == "__main__":
    sys.exit(main())
