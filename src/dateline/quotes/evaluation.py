"""PolNeAR's attribution annotations read and scored: what `benchmarks/quotes.py` prints and what
`dateline.quotes.train` selects models by.

Metrics:
- direct: a predicted direct/partial quote is correct when >= 80% of its characters lie inside a gold
  content span that holds quotation marks; a gold quote is found when predictions cover >= 50% of the
  part between its first and last quotation mark.
- speaker accuracy: among found gold quotes with a gold source, the share whose prediction's speaker
  mention overlaps the gold source span, or whose speaker shares a word (articles and titles aside) with it.
- quote+speaker F1: a gold quote counts only if found with the right speaker (unattributed golds count when
  found); a prediction only if correct and, when its gold has a source, with the right speaker.
- indirect: a predicted indirect quote is correct when >= 50% of it lies inside any gold content span;
  gold attributions without quotation marks whose cue is a speech verb are found when indirect
  predictions cover >= 50% of them. indirect+speaker F1 as above.
Quotation marks are “”, "", «», „“, '' (two apostrophes) and single ‘’ and '' where they pair up
(SINGLE_PAIR) everywhere. The gold side's marks and speech cues are defined here, apart from the
extractor's own rules.

Articles are read with the pipeline's text normalisation and the gold offsets moved to match, so every
annotated article is scored. Nothing here is needed to run Dateline.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from dateline.ingest.normalize import normalize_text, offset_map

if TYPE_CHECKING:
    from spacy.tokens import Doc

MARKS = '“”"«»„'
# A pair of single quotation marks, told from apostrophes by where they stand: the opening one where
# a word starts (not in it’s, U.N.'s, ’90s), the closing one where a word ends. Kept here, apart from
# the extractor's own rules, so that the gold side does not depend on them.
SINGLE_PAIR = re.compile(r"(?:^|(?<=[\s(“\"—–-]))[‘'](?![\s\d])[^\n]*?(?<=\S)[’'](?![\w’'])")
# The gold side's notion of a speech cue, fixed here and independent of the extractor's lexicon.
GOLD_SPEECH_CUES = frozenset(
    """
    say tell add state claim announce argue warn insist note explain report acknowledge admit deny
    confirm declare stress write ask reply respond allege testify
    """.split()
)
IGNORED_WORDS = frozenset(
    """
    a an the mr mrs ms miss dr sir president sen senator rep representative gov governor secretary
    minister gen general prof professor spokesman spokeswoman spokesperson
    """.split()
)


@dataclass
class Gold:
    content: list[tuple[int, int]]
    source: list[tuple[int, int]]
    cue: list[tuple[int, int]]
    text: str

    @property
    def marked(self) -> bool:
        return bool(self.mark_positions())

    def mark_positions(self) -> list[int]:
        """Offsets of the quotation marks in the content: double marks wherever they stand, single
        ones where they pair up (a content with only apostrophes has none)."""
        positions = []
        for s, e in self.content:
            positions += [
                i
                for i in range(s, e)
                if self.text[i] in MARKS or "''" in (self.text[i : i + 2], self.text[i - 1 : i + 1])
            ]
            for pair in SINGLE_PAIR.finditer(self.text, s, e):
                positions += [pair.start(), pair.end() - 1]
        return positions

    @property
    def content_text(self) -> str:
        return "".join(self.text[s:e] for s, e in self.content)

    def core(self) -> list[tuple[int, int]]:
        """The part between the first and last quotation mark, as ranges inside the content."""
        positions = self.mark_positions()
        lo, hi = min(positions), max(positions) + 1
        return [(max(s, lo), min(e, hi)) for s, e in self.content if min(e, hi) > max(s, lo)]


@dataclass
class Prediction:
    start: int
    end: int
    kind: str
    speaker: str | None = None
    speaker_span: tuple[int, int] | None = None


@dataclass
class Scores:
    name: str
    direct_tp_pred: int = 0
    direct_pred: int = 0
    direct_found: int = 0
    direct_gold: int = 0
    speaker_right: int = 0
    speaker_total: int = 0
    qs_pred_ok: int = 0
    qs_gold_ok: int = 0
    ind_tp_pred: int = 0
    ind_pred: int = 0
    ind_found: int = 0
    ind_gold: int = 0
    is_pred_ok: int = 0
    is_gold_ok: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)

    def f1(self, p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    def row(self) -> dict[str, float]:
        def ratio(a: int, b: int) -> float:
            return a / b if b else 0.0

        dp, dr = ratio(self.direct_tp_pred, self.direct_pred), ratio(self.direct_found, self.direct_gold)
        ip, ir = ratio(self.ind_tp_pred, self.ind_pred), ratio(self.ind_found, self.ind_gold)
        return {
            "direct P": dp,
            "direct R": dr,
            "direct F1": self.f1(dp, dr),
            "speaker acc": ratio(self.speaker_right, self.speaker_total),
            "quote+speaker F1": self.f1(
                ratio(self.qs_pred_ok, self.direct_pred), ratio(self.qs_gold_ok, self.direct_gold)
            ),
            "indirect P": ip,
            "indirect R": ir,
            "indirect F1": self.f1(ip, ir),
            "indirect+speaker F1": self.f1(
                ratio(self.is_pred_ok, self.ind_pred), ratio(self.is_gold_ok, self.ind_gold)
            ),
        }


def parse_ann(path: Path, text: str) -> list[Gold]:
    spans: dict[str, list[tuple[int, int]]] = {}
    events = []
    for line in path.read_text(encoding="utf-8").splitlines():
        # A span's text may hold line breaks: its continuation lines are neither T nor E lines.
        if re.match(r"T\d+\t", line):
            tid, middle, *_ = line.split("\t")
            _, offsets = middle.split(" ", 1)
            spans[tid] = [tuple(map(int, part.split())) for part in offsets.split(";")]
        elif re.match(r"E\d+\t", line):
            events.append(dict(arg.split(":") for arg in line.split("\t")[1].split()))
    golds = []
    for event in events:
        # Role names as the annotators typed them: "source" for "Source" in some files, and
        # "Content2" for the second part of a quote an attribution interrupts.
        roles = {name.rstrip("0123456789").capitalize(): [] for name in event}
        for name, tid in event.items():
            roles[name.rstrip("0123456789").capitalize()].extend(spans.get(tid, []))
        if not roles.get("Content"):
            continue
        golds.append(
            Gold(
                content=sorted(roles["Content"]),
                source=roles.get("Source", []),
                cue=roles.get("Cue", []),
                text=text,
            )
        )
    return [g for g in golds if g.content]


def overlap(a: tuple[int, int], ranges: Iterable[tuple[int, int]]) -> int:
    return sum(max(0, min(a[1], e) - max(a[0], s)) for s, e in ranges)


def words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in IGNORED_WORDS}


def right_speaker(pred: Prediction, gold: Gold) -> bool:
    if not gold.source:
        return True
    if pred.speaker_span and overlap(pred.speaker_span, gold.source) > 0:
        return True
    gold_words = words(" ".join(gold.text[s:e] for s, e in gold.source))
    return bool(pred.speaker) and bool(words(pred.speaker) & gold_words)


def score(scores: Scores, golds: list[Gold], preds: list[Prediction], doc) -> None:
    marked = [g for g in golds if g.marked]
    quoted_preds = [p for p in preds if p.kind in ("direct", "partial")]
    scores.direct_pred += len(quoted_preds)
    scores.direct_gold += len(marked)
    for pred in quoted_preds:
        length = pred.end - pred.start
        home = [g for g in marked if overlap((pred.start, pred.end), g.content) >= 0.8 * length]
        if home:
            scores.direct_tp_pred += 1
            if any(right_speaker(pred, g) for g in home):
                scores.qs_pred_ok += 1
        else:
            scores.errors.append(f"quote FP   {_context(doc.text, pred)}")
    for gold in marked:
        core = gold.core()
        size = sum(e - s for s, e in core)
        covering = [p for p in quoted_preds if overlap((p.start, p.end), core) > 0]
        covered = sum(overlap((p.start, p.end), core) for p in covering)
        if size and covered >= 0.5 * size:
            scores.direct_found += 1
            best = max(covering, key=lambda p: overlap((p.start, p.end), core))
            ok = right_speaker(best, gold)
            if gold.source:
                scores.speaker_total += 1
                scores.speaker_right += ok
            scores.qs_gold_ok += ok
            if not ok:
                scores.errors.append(f"speaker    gold={_sources(gold)!r} {_context(doc.text, best)}")
        else:
            scores.errors.append(f"quote miss {_pieces(gold)[:100]!r}")

    indirect_gold = [g for g in golds if not g.marked and is_speech_cue(g, doc)]
    indirect_preds = [p for p in preds if p.kind == "indirect"]
    scores.ind_pred += len(indirect_preds)
    scores.ind_gold += len(indirect_gold)
    all_content = [r for g in golds for r in g.content]
    for pred in indirect_preds:
        length = pred.end - pred.start
        if overlap((pred.start, pred.end), all_content) >= 0.5 * length:
            scores.ind_tp_pred += 1
            homes = [g for g in golds if overlap((pred.start, pred.end), g.content) > 0]
            if any(right_speaker(pred, g) for g in homes):
                scores.is_pred_ok += 1
        else:
            scores.errors.append(f"indir FP   {_context(doc.text, pred)}")
    for gold in indirect_gold:
        size = sum(e - s for s, e in gold.content)
        covering = [p for p in indirect_preds if overlap((p.start, p.end), gold.content) > 0]
        if size and sum(overlap((p.start, p.end), gold.content) for p in covering) >= 0.5 * size:
            scores.ind_found += 1
            best = max(covering, key=lambda p: overlap((p.start, p.end), gold.content))
            ok = right_speaker(best, gold)
            scores.is_gold_ok += ok
            if not ok:
                scores.errors.append(f"indir spkr gold={_sources(gold)!r} {_context(doc.text, best)}")
        else:
            cue = " ".join(gold.text[s:e] for s, e in gold.cue)
            scores.errors.append(f"indir miss cue={cue!r} {_pieces(gold)[:100]!r}")


def _pieces(gold: Gold) -> str:
    """A gold content span as written, its discontinuous pieces separated by " … "."""
    return " … ".join(gold.text[s:e] for s, e in gold.content)


def _sources(gold: Gold) -> str:
    return " ".join(gold.text[s:e] for s, e in gold.source)


def _context(text: str, pred: Prediction) -> str:
    mention = text[pred.speaker_span[0] : pred.speaker_span[1]] if pred.speaker_span else None
    return f"speaker={pred.speaker!r} mention={mention!r} quote={text[pred.start : pred.end][:80]!r}"


def is_speech_cue(gold: Gold, doc) -> bool:
    text = " ".join(gold.text[s:e] for s, e in gold.cue).lower()
    if "according to" in text:
        return True
    for s, e in gold.cue:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None and any(t.lemma_.lower() in GOLD_SPEECH_CUES for t in span):
            return True
    return False


@dataclass
class Article:
    """One annotated article: its text as the pipeline stores it and its gold attributions."""

    name: str
    text: str
    golds: list[Gold]


def load_polnear(folder: Path, limit: int | None = None) -> list[Article]:
    """The annotated articles of a PolNeAR split (the first annotation file of each, as the data's
    README says), with gold offsets moved into the normalised text."""
    articles = []
    for text_path in sorted((folder / "text").glob("*.txt")):
        annotations = sorted((folder / "attributions").glob(f"{text_path.stem}_*.ann"))
        if not annotations:
            continue
        raw = text_path.read_text(encoding="utf-8")
        text = normalize_text(raw)
        moved = offset_map(raw, text)
        golds = parse_ann(annotations[0], raw)
        for gold in golds:
            gold.text = text
            gold.content = _moved(gold.content, moved)
            gold.source = _moved(gold.source, moved)
            gold.cue = _moved(gold.cue, moved)
        articles.append(Article(text_path.stem, text, [g for g in golds if g.content]))
        if limit and len(articles) >= limit:
            break
    return articles


def _moved(ranges: list[tuple[int, int]], move) -> list[tuple[int, int]]:  # type: ignore[no-untyped-def]
    moved = [(move(s), move(e)) for s, e in ranges]
    return [(s, e) for s, e in moved if e > s]


def parsed(articles: list[Article], cache: Path | None = None) -> list[Doc]:
    """The pipeline's parse of each article, kept in `cache` (a DocBin file per split) when given:
    the parse is most of the time of a training or scoring run, and the same for every model tried."""
    import hashlib

    import spacy
    from spacy.tokens import DocBin

    from dateline.nlp import (
        GLUED_MARK_INFIXES,
        MODEL_NAME,
        NER_WEIGHTS,
        analyse,
        load_model,
        paragraph_boundaries,
    )

    nlp = load_model()
    key = hashlib.sha256()
    for part in (
        MODEL_NAME,
        spacy.__version__,
        paragraph_boundaries.__code__.co_code.hex(),
        *GLUED_MARK_INFIXES,
    ):
        key.update(part.encode())
    if (NER_WEIGHTS / "model").is_file():
        key.update((NER_WEIGHTS / "model").read_bytes())
    for article in articles:
        key.update(article.text.encode())
    path = cache / f"polnear-{key.hexdigest()[:16]}.spacy" if cache is not None else None
    if path is not None and path.is_file():
        # a DocBin keeps the parse, not what the analyses put on `doc._`
        return [analyse(doc) for doc in DocBin().from_disk(path).get_docs(nlp.vocab)]
    docs = list(nlp.pipe(article.text for article in articles))
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        DocBin(docs=docs).to_disk(path)
    return docs
