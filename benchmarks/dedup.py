"""Near-duplicate detection and quotation keys: throughput, index memory, and clusters found.

    python benchmarks/dedup.py [--guardian N] [--reuters N] [--pipeline-docs-per-s 6.0]

On the Guardian corpus (what the pipeline's own throughput is measured on) it prints
- signatures/s (MinHash of each text, done on the workers beside the parse) and assignments/s
  (LSH lookup and insert, done in the flow in input order), and quotation keys/s, for quotations
  found in the texts by their marks (what the quote extractor mostly finds);
- the memory the cluster index and the quotation index hold per 10,000 documents (tracemalloc);
- the share of the pipeline's time per article that these add, against the 1-worker pipeline's
  docs/s (measured by benchmarks/throughput.py; pass the current figure).
On Reuters-21578 it prints the documents and the story clusters among them, the clusters of more
than one document with their titles, and checks the two BankAmerica stories of 26 February 1987.
Documents are read by the pipeline's own readers, so identities and texts are the pipeline's.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
import tracemalloc
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dateline.batch import Deduplicator, read_batch, stream_inputs  # noqa: E402
from dateline.ingest.sources import DEFAULT_MAX_BYTES  # noqa: E402
from dateline.stories.clusters import StoryClusters  # noqa: E402
from dateline.stories.quote_keys import QuoteKeys, fold  # noqa: E402

QUOTES_PER_BATCH = 1_100  # quotations of a 200-article Guardian batch (5.5 per article)
from dateline.stories.signatures import shingles, signature  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpora"
QUOTED = re.compile(r"[“\"]([^”\"\n]{20,400})[”\"]")


def documents(path: Path, limit: int) -> list:
    """The first `limit` documents the pipeline would store from `path` (exact copies dropped)."""
    dedup = Deduplicator(stored=set())
    found = []
    for record in stream_inputs([str(path)], DEFAULT_MAX_BYTES):
        found.extend(dedup.new_documents(read_batch([record]).documents))
        if len(found) >= limit:
            break
    return found[:limit]


def warm_up(docs: list, signatures: list, quotes: list[str]) -> None:
    """Import, outside the traced blocks, what the indexes import on first use: the first stored
    entries make pyarrow import pandas (about 300 modules), and unidecode loads a table module per
    block of 256 characters as it meets them. Traced, those modules counted as index memory: 9.8 of
    the 31.7 MB per 10,000 Guardian articles once printed for the quotation index. The pipeline's
    processes import them anyway."""
    for quote in quotes:
        fold(quote)
    throwaway = QuoteKeys()
    throwaway.key_for(quotes[0] if quotes else "warm up")
    throwaway.take_entries()
    if docs:
        StoryClusters().assign(docs[0].doc_id, signatures[0], docs[0].published)


def guardian(limit: int, pipeline_docs_per_s: float) -> None:
    docs = documents(SHARED / "guardian-20k.jsonl.gz", limit)
    n = len(docs)
    started = time.perf_counter()
    signatures = [signature(d.text) for d in docs]
    signing = time.perf_counter() - started

    quotes = [m.group(1) for d in docs for m in QUOTED.finditer(d.text)]
    warm_up(docs, signatures, quotes)
    tracemalloc.start()
    clusters = StoryClusters()
    started = time.perf_counter()
    for document, hashvalues in zip(docs, signatures, strict=True):
        clusters.assign(document.doc_id, hashvalues, document.published)
    assigning = time.perf_counter() - started
    cluster_bytes = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()

    tracemalloc.start()
    keys = QuoteKeys()
    started = time.perf_counter()
    for number, quote in enumerate(quotes, start=1):
        keys.key_for(quote)
        if number % QUOTES_PER_BATCH == 0:
            keys.take_entries()  # as the flow does per batch, which writes them beside the batch
    keys.take_entries()
    keying = time.perf_counter() - started
    key_bytes = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()

    per_doc = (signing + assigning + keying) / n
    pipeline_per_doc = 1 / pipeline_docs_per_s
    print(f"Guardian: {n:,} documents, {len(quotes):,} quotations found by their marks")
    print(f"  signatures       {n / signing:10,.0f} docs/s   (workers, beside the parse)")
    print(f"  cluster assign   {n / assigning:10,.0f} docs/s   (flow, input order)")
    print(f"  quotation keys   {len(quotes) / keying:10,.0f} quotes/s ({len(quotes) / n:.1f} per document)")
    print(
        f"  added per article {per_doc * 1000:.1f} ms = {per_doc / pipeline_per_doc:.1%} of the pipeline's "
        f"{pipeline_per_doc * 1000:.0f} ms at {pipeline_docs_per_s} docs/s (1 worker)"
    )
    print(
        f"  index memory per 10,000 documents: clusters {cluster_bytes / n * 1e4 / 2**20:.1f} MB, "
        f"quotation keys {key_bytes / n * 1e4 / 2**20:.1f} MB"
    )
    print(f"  story clusters  {clusters.count_clusters():,} among {n:,} documents")


def reuters(limit: int) -> None:
    docs = documents(SHARED / "reuters21578.jsonl.gz", limit)
    clusters = StoryClusters()
    members: dict[str, list] = defaultdict(list)
    for document in docs:
        members[clusters.assign(document.doc_id, signature(document.text), document.published)].append(
            document
        )
    shared = {c: m for c, m in members.items() if len(m) > 1}
    print(f"\nReuters-21578: {len(docs):,} documents in {len(members):,} story clusters")
    print(f"  {len(shared):,} clusters hold {sum(len(m) for m in shared.values()):,} documents between them")
    lowest = min(
        (_jaccard(m[0].text, other.text), m[0].title, other.title) for m in shared.values() for other in m[1:]
    )
    print(f"  lowest true Jaccard between a cluster's first copy and another copy: {lowest[0]:.2f}")
    print(f"    {lowest[1]!r} / {lowest[2]!r}")
    print("  BankAmerica stories of 26 Feb 1987, by cluster:")
    for cluster, member in sorted(members.items()):
        on_the_day = [d for d in member if d.published and (d.published.month, d.published.day) == (2, 26)]
        titles = [d.title for d in on_the_day if "BANKAMERICA" in (d.title or "")]
        if titles:
            print(f"    {cluster}: " + " | ".join(titles))
    for m in sorted(shared.values(), key=len, reverse=True)[:5]:
        print(f"  e.g. {len(m)} copies: " + " | ".join(sorted({d.title or "?" for d in m})[:3]))


def _jaccard(a: str, b: str) -> float:
    x, y = shingles(a), shingles(b)
    return len(x & y) / len(x | y)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--guardian", type=int, default=20_000, help="Guardian articles (default all)")
    parser.add_argument("--reuters", type=int, default=20_000, help="Reuters stories (default all)")
    parser.add_argument(
        "--pipeline-docs-per-s",
        type=float,
        default=6.0,
        help="the 1-worker pipeline's docs/s from benchmarks/throughput.py",
    )
    args = parser.parse_args()
    if args.guardian:
        guardian(args.guardian, args.pipeline_docs_per_s)
    if args.reuters:
        reuters(args.reuters)


if __name__ == "__main__":
    main()
