"""Author names on news pages: the pipeline's `bylines` rows with role author beside trafilatura's
author field, on the same pages in the same run.

    python benchmarks/bylines.py [--data ../shared/data/bylines-dev] [--limit N] [--errors]

Names are compared lower-cased, accents and punctuation folded, a leading "by" dropped. Prints name
precision, recall and F1 over all pages and the share of pages whose author set is exactly right (a
page with no gold author is right when nothing is predicted).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dateline.extract.bylines import extract_bylines  # noqa: E402
from dateline.ingest.articles import read_record  # noqa: E402
from dateline.models import Document, RawRecord  # noqa: E402
from dateline.nlp import parse  # noqa: E402


def folded(name: str) -> str:
    name = unicodedata.normalize("NFKD", name)
    name = "".join(ch for ch in name if not unicodedata.combining(ch)).lower()
    name = re.sub(r"^\s*by\s+", "", name)
    return " ".join(re.sub(r"[^\w\s]", " ", name).split())


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    exact: int = 0
    pages: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, predicted: set[str], gold: set[str], label: str) -> None:
        self.tp += len(predicted & gold)
        self.fp += len(predicted - gold)
        self.fn += len(gold - predicted)
        self.exact += predicted == gold
        self.pages += 1
        if predicted != gold:
            self.errors.append(f"{label}: gold {sorted(gold)} got {sorted(predicted)}")

    def row(self) -> dict[str, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {
            "precision": p,
            "recall": r,
            "F1": f,
            "exact pages": self.exact / self.pages if self.pages else 0.0,
        }


def trafilatura_authors(payload: bytes) -> set[str]:
    import trafilatura

    page = trafilatura.bare_extraction(payload, with_metadata=True)
    author = page.author if page is not None else None
    return {folded(a) for a in re.split(r";\s*", author or "") if a.strip()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "bylines-dev")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--errors", action="store_true", help="list the pipeline's wrong pages")
    args = parser.parse_args()

    pages = [json.loads(line) for line in (args.data / "articles.jsonl").read_text().splitlines()][
        : args.limit
    ]
    pipeline, baseline = Score(), Score()
    documents: list[tuple[dict, Document]] = []
    for page in pages:
        payload = gzip.decompress((args.data / page["file"]).read_bytes())
        gold = {folded(a) for a in page["authors"]}
        baseline.add(trafilatura_authors(payload), gold, page["url"])
        outcomes = read_record(RawRecord(page["file"], "html", payload))
        document = next((o for o in outcomes if isinstance(o, Document)), None)
        if document is None:
            pipeline.add(set(), gold, page["url"])  # rejected: no article text found
            continue
        documents.append((page, document))
    by_id = {}
    for page, document in documents:
        by_id.setdefault(document.doc_id, []).append(page)
    for document, doc in parse([d for _, d in documents]):
        rows = extract_bylines(document, doc)
        predicted = {folded(r["name"]) for r in rows if r["role"] == "author"}
        for page in by_id.pop(document.doc_id, []):
            pipeline.add(predicted, {folded(a) for a in page["authors"]}, page["url"])
    if args.errors:
        print("\n".join(pipeline.errors))
    print(f"bylines-dev: {len(pages)} pages")
    print(f"{'metric':<14}{'dateline':>10}{'trafilatura':>13}")
    for metric, value in pipeline.row().items():
        print(f"{metric:<14}{value:>10.3f}{baseline.row()[metric]:>13.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
