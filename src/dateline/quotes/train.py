"""Train the attribution models on PolNeAR's train split, select them on its dev split, ship them.

    python -m dateline.quotes.train [--train DIR] [--dev DIR] [--out FILE] [--folds 5] [--seed 0]
    make train

Needs scikit-learn (`pip install -e '.[train]'`) and ../shared/data; Dateline itself needs neither.
Runs on the CPU in a few minutes, most of it parsing (kept in ~/.cache/dateline for the next run).

1. Every candidate the rules see is collected with its features (`find_quotations(keep_all=True)`,
   `reported_candidates`) and labelled from the gold annotations: a text in marks is a quotation when
   it lies inside a gold content span and is not a title (`is_quoted`); a reported phrase when it and
   the gold content of its verb's attribution share half of what either covers; a speaker candidate
   when `evaluation.right_speaker` would count its mention and name right.
2. For each regularisation strength, logistic regressions are fitted on the train split; the speaker
   threshold is where out-of-fold picks on train stop being more often right than wrong; the
   quotation and reported thresholds, and then the strength, are those with the best figures of the
   whole pipeline on the dev split (selection never sees the test split).
3. 5-fold cross-validation on the train split (folds by article) scores the pipeline on each held-out
   fold with models fitted on the other four, so a reader sees whether a change generalises; the
   rules alone are scored on both splits beside it.
4. The models fitted on the whole train split are written, with these figures, to `--out`.
Same data and seed give the same models (weights agree to about 1e-4 across machines, as BLAS builds
round differently).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dateline.geo.datelines import dateline_chars
from dateline.quotes.attribution import QuoteMask
from dateline.quotes.evaluation import (
    Article,
    Gold,
    Prediction,
    Scores,
    load_polnear,
    overlap,
    parsed,
    right_speaker,
    score,
)
from dateline.quotes.features import reported_features
from dateline.quotes.find import Quotation, find_quotations, rules_say_quotation
from dateline.quotes.marks import find_marked_spans
from dateline.quotes.model import MODEL_FILE, AttributionModels, LinearModel
from dateline.quotes.reported import reported_candidates

if TYPE_CHECKING:
    from spacy.tokens import Doc

ROOT = Path(__file__).resolve().parents[3]
SHARED = ROOT.parent / "shared" / "data"
CACHE = Path.home() / ".cache" / "dateline"
STRENGTHS = (0.1, 0.3, 1.0)  # inverse regularisation strengths (scikit-learn's C) tried, strongest first
# Differences of the mean dev figure below this do not choose between settings: a dev figure over
# ~700 quotations has a standard error near 0.01, and one quotation moves it by ~0.0014.
DEV_NOISE = 0.005
REPORTED_THRESHOLDS = (0.2, 0.3, 0.4, 0.5)
QUOTATION_THRESHOLDS = (0.0, 0.2, 0.35, 0.5)  # 0: the rules alone decide what is a quotation
HEADLINE = ("direct F1", "speaker acc", "quote+speaker F1", "indirect F1", "indirect+speaker F1")


@dataclass
class Examples:
    """Feature dicts and labels for one model; `groups` numbers the speaker candidates that compete
    for one quotation."""

    features: list[dict[str, float]] = field(default_factory=list)
    labels: list[int] = field(default_factory=list)
    groups: list[int] = field(default_factory=list)
    sourced: list[bool] = field(default_factory=list)  # the group's gold names a speaker

    def add(self, features: dict[str, float], label: bool, group: int = 0, sourced: bool = True) -> None:
        self.features.append(features)
        self.labels.append(int(label))
        self.groups.append(group)
        self.sourced.append(sourced)

    def extend(self, other: Examples) -> None:
        offset = max(self.groups, default=-1) + 1
        self.features += other.features
        self.labels += other.labels
        self.groups += [offset + g for g in other.groups]
        self.sourced += other.sourced


@dataclass
class ArticleExamples:
    quotation: Examples
    reported: Examples
    speaker: Examples


def examples(article: Article, doc: Doc) -> ArticleExamples:
    """The labelled candidates of one article."""
    quotation, speaker = Examples(), Examples()
    marked = [g for g in article.golds if g.marked]
    for group, found in enumerate(find_quotations(doc, None, keep_all=True)):
        length = found.end - found.start
        if found.kind == "indirect":
            homes = [g for g in article.golds if overlap((found.start, found.end), g.content) >= 0.5 * length]
        else:
            homes = [g for g in marked if overlap((found.start, found.end), g.content) >= 0.8 * length]
            if not found.transcript and rules_say_quotation(found):
                quotation.add(found.features, is_quoted(found, homes))
        if not homes:
            continue
        # A quotation whose gold attribution names no source ("it was reported that ...") has no
        # right candidate: the model learns when to name nobody.
        attributed = [g for g in homes if g.source]
        for candidate in found.candidates:
            span = (candidate.subject.start_char, candidate.subject.end_char)
            guess = Prediction(found.start, found.end, found.kind, candidate.name, span)
            right = any(right_speaker(guess, g) for g in attributed)
            speaker.add(candidate.features, right, group, bool(attributed))
    return ArticleExamples(quotation, reported_examples(article, doc), speaker)


def is_quoted(found: Quotation, homes: Sequence[Gold]) -> bool:
    """A text in marks is a quotation when it lies inside a gold content span, and is not a title.
    PolNeAR's content spans take in the titles a reported clause mentions ("he said he loved “The
    Apprentice”") and the names given by "titled" or "called" ("a memo titled “The Facts”"), which
    are nobody's words: a title right after such a word is never a quotation here, and one in title
    case elsewhere only when it is most of its content ("Trump: ‘Incredibly Hateful Rhetoric’"), as
    in headlines, which are in title case throughout."""
    if not homes or "rule=work" in found.features:
        return False
    if "rule=title" not in found.features or "rule=headline" in found.features:
        return True
    length = found.end - found.start
    return any(2 * length >= sum(e - s for s, e in g.content) for g in homes)


def reported_examples(article: Article, doc: Doc) -> Examples:
    """Every phrase a speech verb may report, right when it and the gold content of an attribution
    whose cue is that verb are mostly the same text (they share half of what either covers): of the
    phrases one verb offers ("said [they prefer an outsider]", "said [they prefer an outsider, while
    4 in 10 ...]"), the model learns which one is what was said, not only which lie inside it.
    `evaluation.score` counts any content span; a phrase inside somebody else's quotation would teach
    the model to take adverbial clauses for speech."""
    data = Examples()
    mask = QuoteMask(find_marked_spans(article.text))
    dateline = doc._.dateline
    for candidate in reported_candidates(doc, mask, dateline_chars(dateline)):
        cue = (candidate.cue.idx, candidate.cue.idx + len(candidate.cue))
        span = (candidate.start, candidate.end)
        right = False
        for gold in (g for g in article.golds if overlap(cue, g.cue) > 0):
            shared = overlap(span, gold.content)
            union = (span[1] - span[0]) + sum(e - s for s, e in gold.content) - shared
            right = right or shared >= 0.5 * union
        data.add(reported_features(doc, candidate, mask), right)
    return data


def fit(data: Examples, strength: float, seed: int) -> LinearModel:
    """A logistic regression over the named features, as a `LinearModel`."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform(data.features)
    classifier = LogisticRegression(C=strength, max_iter=2000, random_state=seed)
    classifier.fit(matrix, data.labels)
    names = vectorizer.get_feature_names_out()
    weights = {str(name): float(w) for name, w in zip(names, classifier.coef_[0], strict=True)}
    return LinearModel(weights, float(classifier.intercept_[0]))


def pooled(parts: Sequence[ArticleExamples]) -> ArticleExamples:
    quotation, reported, speaker = Examples(), Examples(), Examples()
    for part in parts:
        quotation.extend(part.quotation)
        reported.extend(part.reported)
        speaker.extend(part.speaker)
    return ArticleExamples(quotation, reported, speaker)


@dataclass(frozen=True)
class Settings:
    """What model selection chooses: the regularisation, and the probability from which a reported
    phrase is taken and a speaker kept."""

    strength: float
    speaker_threshold: float = 0.5
    reported_threshold: float = 0.5
    quotation_threshold: float = 0.5


def fit_all(parts: Sequence[ArticleExamples], settings: Settings, seed: int) -> AttributionModels:
    data = pooled(parts)
    quotation = fit(data.quotation, settings.strength, seed)
    reported = fit(data.reported, settings.strength, seed)
    speaker = fit(data.speaker, settings.strength, seed)
    return AttributionModels(
        LinearModel(quotation.weights, quotation.bias, settings.quotation_threshold),
        LinearModel(reported.weights, reported.bias, settings.reported_threshold),
        LinearModel(speaker.weights, speaker.bias, settings.speaker_threshold),
    )


def with_thresholds(
    models: AttributionModels, quotation: float | None = None, reported: float | None = None
) -> AttributionModels:
    def moved(model: LinearModel, threshold: float | None) -> LinearModel:
        return model if threshold is None else LinearModel(model.weights, model.bias, threshold)

    return AttributionModels(
        moved(models.quotation, quotation), moved(models.reported, reported), models.speaker, models.about
    )


def _direct(scores: Scores) -> float:
    row = scores.row()
    return row["direct F1"] + row["quote+speaker F1"]


def _indirect(scores: Scores) -> float:
    row = scores.row()
    return row["indirect F1"] + row["indirect+speaker F1"]


def picks(model: LinearModel, data: Examples) -> list[tuple[float, bool]]:
    """For each quotation whose gold names a speaker, the probability of the model's best candidate
    and whether it is right."""
    best: dict[int, tuple[float, bool]] = {}
    for features, label, group, sourced in zip(
        data.features, data.labels, data.groups, data.sourced, strict=True
    ):
        if not sourced:
            continue
        probability = model.probability(features)
        if group not in best or probability > best[group][0]:
            best[group] = (probability, bool(label))
    return list(best.values())


def speaker_threshold(picks: Sequence[tuple[float, bool]], width: float = 0.1, least: int = 10) -> float:
    """The lowest probability from which the model's pick is more often right than wrong: bins of
    `width` from the top down, a bin of fewer than `least` picks merged into the one below it, until
    a bin's picks are mostly wrong; never below the lowest bin with evidence."""
    threshold = 1.0
    right = total = 0
    edge = 1.0 - width
    while edge >= -1e-9:
        inside = [ok for p, ok in picks if edge <= p < edge + width]
        right, total = right + sum(inside), total + len(inside)
        if total >= least:
            if right * 2 < total:
                break
            threshold, right, total = edge, 0, 0
        edge = round(edge - width, 6)
    return threshold


def out_of_fold_picks(
    parts: Sequence[ArticleExamples], strength: float, seed: int, k: int
) -> list[tuple[float, bool]]:
    found = []
    for held_out in folds(len(parts), k, seed):
        kept = set(held_out)
        model = fit(pooled([p for i, p in enumerate(parts) if i not in kept]).speaker, strength, seed)
        found += picks(model, pooled([parts[i] for i in held_out]).speaker)
    return found


def evaluate(articles: Sequence[Article], docs: Sequence[Doc], models: AttributionModels | None) -> Scores:
    """The pipeline's quotations scored as `benchmarks/quotes.py` scores them."""
    scores = Scores("dateline")
    for article, doc in zip(articles, docs, strict=True):
        predictions = [_prediction(q) for q in find_quotations(doc, models)]
        score(scores, article.golds, predictions, doc)
    return scores


def _prediction(quotation: Quotation) -> Prediction:
    mention = quotation.mention
    span = (mention.start_char, mention.end_char) if mention is not None else None
    return Prediction(quotation.start, quotation.end, quotation.kind, quotation.speaker, span)


def headline(scores: Scores) -> dict[str, float]:
    row = scores.row()
    return {name: round(row[name], 4) for name in HEADLINE}


def mean(figures: dict[str, float]) -> float:
    return sum(figures.values()) / len(figures)


def folds(count: int, k: int, seed: int) -> list[list[int]]:
    order = list(range(count))
    random.Random(seed).shuffle(order)
    return [sorted(order[i::k]) for i in range(k)]


def select(
    parts: Sequence[ArticleExamples], dev: Sequence[Article], dev_docs: Sequence[Doc], seed: int, k: int
) -> tuple[Settings, dict[str, float]]:
    """The settings with the best figures of the whole pipeline on the dev split, and those figures."""
    best: tuple[float, Settings, dict[str, float]] | None = None
    for strength in STRENGTHS:
        speaker = speaker_threshold(out_of_fold_picks(parts, strength, seed, k))
        models = fit_all(parts, Settings(strength, speaker), seed)
        # The two thresholds act on different quotations (in marks, reported), so each is chosen
        # with the other at its default, by the figures it moves.
        quoted = max(
            QUOTATION_THRESHOLDS,
            key=lambda t: _direct(evaluate(dev, dev_docs, with_thresholds(models, quotation=t))),
        )
        reported = max(
            REPORTED_THRESHOLDS,
            key=lambda t: _indirect(evaluate(dev, dev_docs, with_thresholds(models, reported=t))),
        )
        settings = Settings(strength, speaker, reported, quoted)
        figures = headline(evaluate(dev, dev_docs, fit_all(parts, settings, seed)))
        print(f"dev, {settings}: {_figures(figures)}")
        # STRENGTHS run from the most regularised model up: a weaker one must beat it by more than
        # the dev split's noise (DEV_NOISE).
        if best is None or mean(figures) > best[0] + DEV_NOISE:
            best = (mean(figures), settings, figures)
    assert best is not None
    return best[1], best[2]


def cross_validated(
    train: Sequence[Article],
    train_docs: Sequence[Doc],
    parts: Sequence[ArticleExamples],
    settings: Settings,
    seed: int,
    k: int,
) -> dict[str, float]:
    """The pipeline's figures on each held-out fold of the train split, with models fitted on the
    other folds, pooled."""
    pooled_scores = Scores("cross-validated")
    for held_out in folds(len(train), k, seed):
        kept = set(held_out)
        models = fit_all([p for i, p in enumerate(parts) if i not in kept], settings, seed)
        fold = evaluate([train[i] for i in held_out], [train_docs[i] for i in held_out], models)
        _add(pooled_scores, fold)
    return headline(pooled_scores)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--train", type=Path, default=SHARED / "polnear-train")
    parser.add_argument("--dev", type=Path, default=SHARED / "polnear-dev")
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name(MODEL_FILE))
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--limit", type=int, default=None, help="use only the first N train articles")
    parser.add_argument("--cache", type=Path, default=CACHE, help="where parses are kept between runs")
    args = parser.parse_args(argv)
    try:
        import sklearn
    except ImportError:
        print("training needs scikit-learn: pip install -e '.[train]'", file=sys.stderr)
        return 2
    for folder in (args.train, args.dev):
        if not (folder / "text").is_dir():
            print(f"no PolNeAR split at {folder} (see ../shared/README.md)", file=sys.stderr)
            return 2

    started = time.perf_counter()
    train = load_polnear(args.train, args.limit)
    dev = load_polnear(args.dev)
    train_docs, dev_docs = parsed(train, args.cache), parsed(dev, args.cache)
    print(f"parsed {len(train)} train and {len(dev)} dev articles ({time.perf_counter() - started:.0f} s)")
    parts = [examples(a, d) for a, d in zip(train, train_docs, strict=True)]

    rules = headline(evaluate(dev, dev_docs, None))
    rules_train = headline(evaluate(train, train_docs, None))
    print(f"dev, rules alone:          {_figures(rules)}")
    print(f"train, rules alone:        {_figures(rules_train)}")
    settings, dev_figures = select(parts, dev, dev_docs, args.seed, args.folds)
    print(f"selected {settings}")
    cv_figures = cross_validated(train, train_docs, parts, settings, args.seed, args.folds)
    print(f"train, {args.folds}-fold CV:         {_figures(cv_figures)}")

    final = fit_all(parts, settings, args.seed)
    about: dict[str, Any] = {
        "trained_on": f"PolNeAR train ({len(train)} articles)",
        "selected_on": f"PolNeAR dev ({len(dev)} articles)",
        "C": settings.strength,
        "speaker_threshold": settings.speaker_threshold,
        "reported_threshold": settings.reported_threshold,
        "quotation_threshold": settings.quotation_threshold,
        "seed": args.seed,
        "scikit_learn": sklearn.__version__,
        "dev": dev_figures,
        "dev_rules_alone": rules,
        "train_rules_alone": rules_train,
        f"train_{args.folds}_fold_cv": cv_figures,
    }
    models = AttributionModels(final.quotation, final.reported, final.speaker, about)
    args.out.write_text(json.dumps(models.to_json(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({time.perf_counter() - started:.0f} s in all)")
    return 0


def _figures(figures: dict[str, float]) -> str:
    return "  ".join(f"{name} {value:.3f}" for name, value in figures.items())


def _add(total: Scores, part: Scores) -> None:
    for name, value in vars(part).items():
        if isinstance(value, int):
            setattr(total, name, getattr(total, name) + value)


if __name__ == "__main__":
    raise SystemExit(main())
