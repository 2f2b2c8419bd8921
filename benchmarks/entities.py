"""Named-entity F1 of the pipeline's mentions on CoNLL-2003 dev, beside plain spaCy on the same texts.

    python benchmarks/entities.py [--data ../shared/data/ner-dev/conll2003-dev.txt] [--limit N]

Each CoNLL document becomes one text: its tokens joined by single spaces, one sentence a line. The
text goes through the pipeline's own reading (read_record) and parse; the pipeline's figure scores the
`mentions` table (trimmed, recased, propagated and corrected spans), plain spaCy's figure scores
`doc.ents` of the same parse as the model gives them. Exact character spans; PERSON -> PER,
GPE/LOC/FAC -> LOC, ORG -> ORG; MISC and every other label left out on both sides.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dateline.entities import resolve_entities  # noqa: E402
from dateline.extract.mentions import extract_mentions  # noqa: E402
from dateline.ingest.articles import read_record  # noqa: E402
from dateline.models import RawRecord  # noqa: E402
from dateline.nlp import parse  # noqa: E402

TYPES = ("PER", "LOC", "ORG")
TO_CONLL = {"PERSON": "PER", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "ORG": "ORG"}
Span = tuple[int, int, str]


def read_conll(path: Path) -> list[tuple[str, set[Span]]]:
    """(text, gold spans) per document."""
    documents: list[list[list[tuple[str, str]]]] = []
    sentence: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("-DOCSTART-"):
            documents.append([])
            continue
        if not line.strip():
            if sentence and documents:
                documents[-1].append(sentence)
            sentence = []
            continue
        token, *_, tag = line.split()
        sentence.append((token, tag))
    if sentence and documents:
        documents[-1].append(sentence)
    return [_document(sentences) for sentences in documents if sentences]


def _document(sentences: list[list[tuple[str, str]]]) -> tuple[str, set[Span]]:
    lines, gold, offset = [], set(), 0
    for sentence in sentences:
        position = offset
        current: list | None = None
        for token, tag in sentence:
            kind = tag[2:] if tag != "O" else None
            begins = tag.startswith("B-") or (current is not None and kind != current[2])
            if current is not None and (kind is None or begins):
                gold.add(tuple(current))
                current = None
            if kind is not None:
                if current is None:
                    current = [position, position + len(token), kind]
                else:
                    current[1] = position + len(token)
            position += len(token) + 1
        if current is not None:
            gold.add(tuple(current))
        line = " ".join(token for token, _ in sentence)
        lines.append(line)
        offset += len(line) + 1
    return "\n".join(lines), {g for g in gold if g[2] in TYPES}


def score(gold: set[Span], predicted: set[Span], counts: Counter) -> None:
    for kind in TYPES:
        g = {s for s in gold if s[2] == kind}
        p = {s for s in predicted if s[2] == kind}
        counts[(kind, "tp")] += len(g & p)
        counts[(kind, "pred")] += len(p)
        counts[(kind, "gold")] += len(g)


def figures(counts: Counter, kinds=TYPES) -> tuple[float, float, float]:
    tp = sum(counts[(k, "tp")] for k in kinds)
    pred = sum(counts[(k, "pred")] for k in kinds)
    gold = sum(counts[(k, "gold")] for k in kinds)
    p = tp / pred if pred else 0.0
    r = tp / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--data", type=Path, default=ROOT.parent / "shared" / "data" / "ner-dev" / "conll2003-dev.txt"
    )
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument(
        "--errors", action="store_true", help="list the pipeline's misses and false positives"
    )
    args = parser.parse_args()

    corpus = read_conll(args.data)[: args.limit]
    records = []
    for number, (text, gold) in enumerate(corpus):
        (document,) = read_record(RawRecord(f"conll-{number}.txt", "txt", text.encode()))
        if document.text != text:
            raise SystemExit(f"document {number}: reading changed the text, offsets would not line up")
        records.append((document, gold))
    pipeline, plain = Counter(), Counter()
    golds = {d.doc_id: g for d, g in records}  # identical texts share an id and their gold
    entity_seconds = 0.0
    started = time.perf_counter()
    errors = []
    for document, doc in parse([d for d, _ in records]):
        gold = golds[document.doc_id]
        mark = time.perf_counter()
        resolve_entities(doc)
        rows = extract_mentions(document, doc)
        entity_seconds += time.perf_counter() - mark
        predicted = {(r["start"], r["end"], TO_CONLL[r["label"]]) for r in rows if r["label"] in TO_CONLL}
        baseline = {(e.start_char, e.end_char, TO_CONLL[e.label_]) for e in doc.ents if e.label_ in TO_CONLL}
        score(gold, predicted, pipeline)
        score(gold, baseline, plain)
        if args.errors:
            text = document.text
            errors += [f"miss {k} {text[s:e]!r}" for s, e, k in sorted(gold - predicted)]
            errors += [f"FP   {k} {text[s:e]!r}" for s, e, k in sorted(predicted - gold)]
    total = time.perf_counter() - started
    for line in errors:
        print(line)
    print(f"CoNLL-2003 dev: {len(records)} documents")
    print(f"{'':<10}{'dateline P':>11}{'R':>7}{'F1':>7}   {'spaCy P':>8}{'R':>7}{'F1':>7}")
    for kinds, name in [((k,), k) for k in TYPES] + [(TYPES, "all")]:
        a, b = figures(pipeline, kinds), figures(plain, kinds)
        print(f"{name:<10}{a[0]:>11.3f}{a[1]:>7.3f}{a[2]:>7.3f}   {b[0]:>8.3f}{b[1]:>7.3f}{b[2]:>7.3f}")
    gain = figures(pipeline)[2] - figures(plain)[2]
    print(f"F1 gain over plain spaCy: {gain:+.3f}")
    print(f"time: {total:.1f} s in all, entity resolution {entity_seconds:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
