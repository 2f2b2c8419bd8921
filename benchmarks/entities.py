"""Named-entity F1 of the pipeline's mentions on CoNLL-2003 dev, beside plain spaCy on the same texts.

    python benchmarks/entities.py [--data ../shared/data/ner-dev/conll2003-dev.txt] [--limit N]

Each CoNLL document becomes one text (see `dateline.entities.conll`), read with the pipeline's own
reading (read_record) and parse. The pipeline's figure scores the `mentions` table (Dateline's NER,
then trimmed, propagated and corrected spans); plain spaCy's figure scores the `doc.ents`
en_core_web_sm gives the same texts as it ships.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

import spacy

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dateline.entities.conll import TO_CONLL, TYPES, figures, read_conll, score  # noqa: E402
from dateline.extract.mentions import extract_mentions  # noqa: E402
from dateline.ingest.articles import read_record  # noqa: E402
from dateline.models import RawRecord  # noqa: E402
from dateline.nlp import MODEL_NAME, analyse, parse  # noqa: E402


def documents(corpus: list) -> list:
    """Each CoNLL document read as the pipeline reads a text file, with its gold entities."""
    records = []
    for number, (text, gold) in enumerate(corpus):
        (document,) = read_record(RawRecord(f"conll-{number}.txt", "txt", text.encode()))
        if document.text != text:
            raise SystemExit(f"document {number}: reading changed the text, offsets would not line up")
        records.append((document, gold))
    return records


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

    records = documents(read_conll(args.data)[: args.limit])
    pipeline, plain = Counter(), Counter()
    golds = {d.doc_id: g for d, g in records}  # identical texts share an id and their gold
    entity_seconds = parse_seconds = 0.0
    started = time.perf_counter()
    errors = []
    shipped = spacy.load(MODEL_NAME, exclude=["tagger", "parser", "attribute_ruler", "lemmatizer"])
    plain_ents = {  # en_core_web_sm as it ships, without Dateline's NER
        document.doc_id: {
            (e.start_char, e.end_char, TO_CONLL[e.label_]) for e in doc.ents if e.label_ in TO_CONLL
        }
        for (document, _), doc in zip(records, shipped.pipe(d.text for d, _ in records), strict=True)
    }
    parsed = iter(parse([d for d, _ in records], analysed=False))
    while True:
        mark = time.perf_counter()
        document, doc = next(parsed, (None, None))
        parse_seconds += time.perf_counter() - mark
        if document is None:
            break
        gold = golds[document.doc_id]
        mark = time.perf_counter()
        analyse(doc, skip=("dateline_toponyms", "dateline_quotes"))  # entities, and credits (a small part)
        rows = extract_mentions(document, doc)
        entity_seconds += time.perf_counter() - mark
        predicted = {(r["start"], r["end"], TO_CONLL[r["label"]]) for r in rows if r["label"] in TO_CONLL}
        score(gold, predicted, pipeline)
        score(gold, plain_ents[document.doc_id], plain)
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
    print(
        f"time: {total:.1f} s in all; Dateline's parse {parse_seconds:.1f} s, entity work (resolution and "
        f"mention rows) {entity_seconds:.1f} s = {entity_seconds / parse_seconds:.1%} of the parse"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
