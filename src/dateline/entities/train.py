"""Fine-tune en_core_web_sm's NER on CoNLL-2003 train, select the epoch on CoNLL-2003 dev, ship it.

    python -m dateline.entities.train [--train FILE] [--dev FILE] [--out DIR] [--epochs 5] [--seed 0]
    make train

Needs ../shared/data; Dateline itself does not. Runs on the CPU in a few minutes.

The small model's NER was trained on OntoNotes and labels news names poorly (CoNLL-2003 dev F1 0.65,
ORG 0.33). CoNLL-2003 is annotated for four types only, so the training texts keep the model's other
labels: each gold span takes the OntoNotes label the model itself gave that very span when it is one
the CoNLL type allows (a LOC the model calls GPE, LOC or FAC stays so; a MISC stays NORP, EVENT,
PRODUCT, WORK_OF_ART, LAW or LANGUAGE), else PER -> PERSON, ORG -> ORG, LOC -> GPE, MISC -> NORP; the
model's own dates, times, numbers and amounts that no gold span overlaps are kept, so that the
fine-tuned component does not forget them. Only the NER component is updated (it has its own
token-to-vector layer), so the parse costs what it did.

1. Both splits are parsed by the shipped model once and converted as above.
2. The NER is updated sentence by sentence for `--epochs` passes (Adam, learning rate 5e-4, dropout
   0.2, batches of 32, order shuffled with `--seed`); after each pass it is scored on the dev split
   (PER, LOC, ORG, exact spans, as `benchmarks/entities.py` scores plain spaCy).
3. The weights of the best pass are written to `--out`, with its figures in `about.json`.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from dateline.entities.conll import TO_CONLL, TYPES, figures, read_conll, score
from dateline.nlp import NER_WEIGHTS

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc
    from spacy.training import Example

ROOT = Path(__file__).resolve().parents[3]
SHARED = ROOT.parent / "shared" / "data"
KEPT_LABELS = frozenset("DATE TIME PERCENT MONEY QUANTITY ORDINAL CARDINAL".split())
FALLBACK = {"PER": "PERSON", "ORG": "ORG", "LOC": "GPE", "MISC": "NORP"}
ALLOWED = {
    "PER": {"PERSON"},
    "ORG": {"ORG"},
    "LOC": {"GPE", "LOC", "FAC"},
    "MISC": {"NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE"},
}
LEARN_RATE = 0.0005
DROPOUT = 0.2
BATCH = 32


def training_docs(nlp: Language, documents: Sequence[tuple[str, set]]) -> list[Doc]:
    """The CoNLL documents with OntoNotes labels, as the module docstring says."""
    docs = []
    for doc, (_, gold) in zip(nlp.pipe(text for text, _ in documents), documents, strict=True):
        predicted = {(e.start_char, e.end_char): e.label_ for e in doc.ents}
        spans, taken = [], set()
        for start, end, kind in sorted(gold):
            label = predicted.get((start, end))
            span = doc.char_span(start, end, label=label if label in ALLOWED[kind] else FALLBACK[kind])
            if span is not None:
                spans.append(span)
                taken.update(range(span.start, span.end))
        for ent in doc.ents:
            if ent.label_ in KEPT_LABELS and taken.isdisjoint(range(ent.start, ent.end)):
                spans.append(ent)
                taken.update(range(ent.start, ent.end))
        doc.ents = sorted(spans, key=lambda span: span.start)
        docs.append(doc)
    return docs


def sentences(nlp: Language, docs: Iterable[Doc]) -> list[Example]:
    """One training example per line (a CoNLL sentence)."""
    from spacy.training import Example

    examples = []
    for doc in docs:
        start = 0
        for line in doc.text.split("\n"):
            span = doc.char_span(start, start + len(line))
            if span is not None and len(span):
                reference = span.as_doc()
                examples.append(Example(nlp.make_doc(reference.text), reference))
            start += len(line) + 1
    return examples


def evaluate(nlp: Language, documents: Sequence[tuple[str, set]]) -> dict[str, float]:
    counts: Counter = Counter()
    with nlp.select_pipes(enable=["ner"]):
        for doc, (_, gold) in zip(nlp.pipe(text for text, _ in documents), documents, strict=True):
            predicted = {
                (e.start_char, e.end_char, TO_CONLL[e.label_]) for e in doc.ents if e.label_ in TO_CONLL
            }
            score(gold, predicted, counts)
    result = {kind: round(figures(counts, (kind,))[2], 4) for kind in TYPES}
    result["all"] = round(figures(counts)[2], 4)
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--train", type=Path, default=SHARED / "ner-train" / "conll2003-train.txt")
    parser.add_argument("--dev", type=Path, default=SHARED / "ner-dev" / "conll2003-dev.txt")
    parser.add_argument("--out", type=Path, default=NER_WEIGHTS)
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    for path in (args.train, args.dev):
        if not path.is_file():
            print(f"no CoNLL-2003 split at {path} (see ../shared/README.md)", file=sys.stderr)
            return 2

    import spacy
    from spacy.util import fix_random_seed, minibatch

    from dateline.nlp import MODEL_NAME

    started = time.perf_counter()
    fix_random_seed(args.seed)
    nlp = spacy.load(MODEL_NAME)  # as it ships: training starts from the model's own NER
    train = read_conll(args.train, (*TYPES, "MISC"))
    dev = read_conll(args.dev)
    examples = sentences(nlp, training_docs(nlp, train))
    before = evaluate(nlp, dev)
    print(f"{len(examples)} training sentences; dev before training: {before}")
    with nlp.select_pipes(enable=["ner"]):
        optimizer = nlp.resume_training()
    optimizer.learn_rate = LEARN_RATE
    order = random.Random(args.seed)
    best: tuple[float, int, dict[str, float]] | None = None
    for epoch in range(1, args.epochs + 1):
        order.shuffle(examples)
        losses: dict[str, float] = {}
        with nlp.select_pipes(enable=["ner"]):
            for batch in minibatch(examples, size=BATCH):
                nlp.update(batch, sgd=optimizer, drop=DROPOUT, losses=losses)
        figures_dev = evaluate(nlp, dev)
        print(f"epoch {epoch}: loss {losses['ner']:.0f}, dev {figures_dev}", flush=True)
        if best is None or figures_dev["all"] > best[0]:
            best = (figures_dev["all"], epoch, figures_dev)
            args.out.mkdir(parents=True, exist_ok=True)
            nlp.get_pipe("ner").to_disk(args.out, exclude=["vocab"])
    assert best is not None
    about = {
        "trained_on": f"CoNLL-2003 train ({len(train)} documents, {len(examples)} sentences)",
        "selected_on": f"CoNLL-2003 dev ({len(dev)} documents)",
        "started_from": f"{MODEL_NAME} {nlp.meta.get('version')} NER",
        "epoch": best[1],
        "epochs": args.epochs,
        "learn_rate": LEARN_RATE,
        "dropout": DROPOUT,
        "seed": args.seed,
        "spacy": spacy.__version__,
        "dev_before": before,
        "dev": best[2],
    }
    (args.out / "about.json").write_text(json.dumps(about, indent=1) + "\n", encoding="utf-8")
    print(f"kept epoch {best[1]} ({best[2]}); wrote {args.out} ({time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
