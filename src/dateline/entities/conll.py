"""CoNLL-2003 read and scored: what `benchmarks/entities.py` prints and what `dateline.entities.train`
trains the NER on and selects by. Nothing here is needed to run Dateline.

Each CoNLL document becomes one text: its tokens joined by single spaces, one sentence a line. Exact
character spans; PERSON -> PER, GPE/LOC/FAC -> LOC, ORG -> ORG; MISC and every other label are left
out of the scores on both sides.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

TYPES = ("PER", "LOC", "ORG")
TO_CONLL = {"PERSON": "PER", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "ORG": "ORG"}
Span = tuple[int, int, str]


def read_conll(path: Path, types: tuple[str, ...] = TYPES) -> list[tuple[str, set[Span]]]:
    """(text, gold spans of `types`) per document."""
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
    return [_document(sentences, types) for sentences in documents if sentences]


def _document(sentences: list[list[tuple[str, str]]], types: tuple[str, ...]) -> tuple[str, set[Span]]:
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
    return "\n".join(lines), {g for g in gold if g[2] in types}


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
