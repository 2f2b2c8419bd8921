"""Quote extraction scored on the PolNeAR dev split, beside the rules alone and baselines on the same texts.

    python benchmarks/quotes.py [--data ../shared/data/polnear-dev] [--limit N] [--errors]

"dateline" is the pipeline with its shipped attribution models (src/dateline/quotes/model.py);
"rules" the same without them. Below the table: the models' 5-fold cross-validated figures on the
train split, as `python -m dateline.quotes.train` measured them, beside the rules' on the same split,
so a reader sees whether a change generalises; and the time quote extraction takes against the parse.

Metrics and the gold side (PolNeAR's annotations, quotation marks, speech cues): see
src/dateline/quotes/evaluation.py; the held-out test split is scored the same way.
Baselines: a regex over quotation marks; subject and ccomp of speech verbs from spaCy's parse; textacy's
direct_quotations (when textacy is installed: pip install -e '.[bench]').
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dateline.components import ANALYSES  # noqa: E402
from dateline.extract.quotes import extract_quotes  # noqa: E402
from dateline.ingest.normalize import doc_id_for  # noqa: E402
from dateline.models import Document  # noqa: E402
from dateline.nlp import analyse, load_model  # noqa: E402
from dateline.quotes.article import article_quotes  # noqa: E402
from dateline.quotes.evaluation import MARKS, SINGLE_PAIR, Prediction, Scores, load_polnear, score  # noqa: E402
from dateline.quotes.model import shipped_models  # noqa: E402

# ---- systems -------------------------------------------------------------------------------------


def _figures(figures: dict[str, float]) -> str:
    return "  ".join(f"{name} {value:.3f}" for name, value in figures.items())


def predictions(rows: list[dict]) -> list[Prediction]:
    return [
        Prediction(
            r["start"],
            r["end"],
            r["kind"],
            r["speaker"],
            (r["speaker_start"], r["speaker_end"]) if r["speaker_start"] is not None else None,
        )
        for r in rows
    ]


def dateline_system(document: Document, doc) -> list[Prediction]:
    """What the `dateline_quotes` component and the quotes extractor do, timed here."""
    return predictions(extract_quotes(document, doc, article_quotes(doc, shipped_models())))


def rules_system(document: Document, doc) -> list[Prediction]:
    return predictions(extract_quotes(document, doc, article_quotes(doc, None)))


_REGEX = re.compile(
    r"“([^”\n]+)”|\"([^\"\n]+)\"|«([^»\n]+)»|„([^“\n]+)“|''((?:(?!'').)+)''|" + SINGLE_PAIR.pattern
)


def regex_system(document: Document, doc) -> list[Prediction]:
    return [Prediction(m.start() + 1, m.end() - 1, "direct") for m in _REGEX.finditer(document.text)]


BASELINE_VERBS = frozenset(
    """
    say tell add state claim announce argue warn insist note explain
    """.split()
)


def ccomp_system(document: Document, doc) -> list[Prediction]:
    preds = []
    for token in doc:
        if token.pos_ != "VERB" or token.lemma_ not in BASELINE_VERBS:
            continue
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        for clause in (c for c in token.children if c.dep_ == "ccomp"):
            start, end = clause.left_edge.idx, clause.right_edge.idx + len(clause.right_edge.text)
            speaker = subjects[0] if subjects else None
            span = (
                (speaker.left_edge.idx, speaker.right_edge.idx + len(speaker.right_edge.text))
                if speaker
                else None
            )
            text = document.text[span[0] : span[1]] if span else None
            preds.append(Prediction(start, end, "indirect", text, span))
    return preds


def textacy_system(document: Document, doc) -> list[Prediction]:
    from textacy.extract import direct_quotations

    preds = []
    try:
        triples = list(direct_quotations(doc))
    except ValueError:  # textacy refuses texts with unbalanced quotation marks
        return []
    for triple in triples:
        content = triple.content
        start, end = content.start_char, content.end_char
        text = document.text
        while start < end and text[start] in MARKS + " ":
            start += 1
        while end > start and text[end - 1] in MARKS + " ,":
            end -= 1
        speakers = triple.speaker
        span = (speakers[0].idx, speakers[-1].idx + len(speakers[-1].text)) if speakers else None
        name = " ".join(t.text for t in speakers) if speakers else None
        preds.append(Prediction(start, end, "direct", name, span))
    return preds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "polnear-dev")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N texts")
    parser.add_argument(
        "--errors", action="store_true", help="list Dateline's misses, false positives and wrong speakers"
    )
    args = parser.parse_args()

    nlp = load_model()
    corpus = load_polnear(args.data, args.limit)
    systems: dict[str, Callable] = {
        "dateline": dateline_system,
        "rules": rules_system,
        "regex": regex_system,
        "spacy-ccomp": ccomp_system,
    }
    try:
        import textacy  # noqa: F401

        systems["textacy"] = textacy_system
    except ImportError:
        print("textacy not installed: its baseline is skipped (pip install -e '.[bench]')")
    results = {name: Scores(name) for name in systems}
    parse_seconds = 0.0
    for article in corpus:
        document = Document(doc_id_for(article.text), article.name, "txt", article.text)
        started = time.perf_counter()
        with nlp.select_pipes(disable=ANALYSES):
            doc = nlp(article.text)
        parse_seconds += time.perf_counter() - started
        analyse(doc, skip=("dateline_quotes",))  # what quotes read but do not time
        for system, run in systems.items():
            started = time.perf_counter()
            preds = run(document, doc)
            results[system].seconds += time.perf_counter() - started
            score(results[system], article.golds, preds, doc)

    if args.errors:
        for line in results["dateline"].errors:
            print(line)
    print(f"{args.data.name}: {len(corpus)} texts scored")
    report(results, parse_seconds)
    return 0


def report(results: dict[str, Scores], parse_seconds: float) -> None:
    """The systems' figures side by side, the shipped models' cross-validated ones, the time."""
    metrics = list(next(iter(results.values())).row())
    print(f"{'metric':<22}" + "".join(f"{name:>13}" for name in results))
    for metric in metrics:
        print(f"{metric:<22}" + "".join(f"{r.row()[metric]:>13.3f}" for r in results.values()))
    first = next(iter(results.values()))
    print(
        f"gold: {first.direct_gold} quotes in marks, {first.ind_gold} indirect with a speech cue; "
        f"dateline predicted {first.direct_pred} quoted and {first.ind_pred} indirect"
    )
    about = shipped_models().about
    folds = next((k for k in about if k.endswith("_fold_cv")), None)
    if folds:
        print(f"shipped models ({about.get('trained_on')}, selected on {about.get('selected_on')}):")
        print(f"  {folds.split('_')[1]}-fold cross-validated on train: {_figures(about[folds])}")
        print(f"  rules alone on train:               {_figures(about.get('train_rules_alone', {}))}")
    share = results["dateline"].seconds / parse_seconds if parse_seconds else 0.0
    print(
        f"time: spaCy parse {parse_seconds:.2f} s, quote extraction {results['dateline'].seconds:.2f} s "
        f"({share:.1%} of the parse)"
    )


if __name__ == "__main__":
    raise SystemExit(main())
