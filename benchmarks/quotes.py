"""Quote extraction scored on the PolNeAR dev split, beside three baselines run on the same texts.

    python benchmarks/quotes.py [--data ../shared/data/polnear-dev] [--limit N]

Metrics (issue #3):
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
(SINGLE_PAIR) everywhere: in gold, baselines and Dateline.
Baselines: a regex over quotation marks; subject and ccomp of speech verbs from spaCy's parse; textacy's
direct_quotations (when textacy is installed: pip install -e '.[bench]').
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dateline.entities import resolve_entities  # noqa: E402
from dateline.extract.quotes import extract_quotes  # noqa: E402
from dateline.ingest.normalize import doc_id_for, normalize_text  # noqa: E402
from dateline.models import Document  # noqa: E402
from dateline.nlp import load_model  # noqa: E402

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


# ---- systems -------------------------------------------------------------------------------------


def dateline_system(document: Document, doc) -> list[Prediction]:
    return [
        Prediction(
            r["start"],
            r["end"],
            r["kind"],
            r["speaker"],
            (r["speaker_start"], r["speaker_end"]) if r["speaker_start"] is not None else None,
        )
        for r in extract_quotes(document, doc)
    ]


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


def load_corpus(data: Path, limit: int | None) -> list[tuple[str, str, Path]]:
    items = []
    for text_path in sorted((data / "text").glob("*.txt")):
        anns = sorted((data / "attributions").glob(f"{text_path.stem}_*.ann"))
        if anns:
            items.append((text_path.stem, text_path.read_text(encoding="utf-8"), anns[0]))
    return items[:limit] if limit else items


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "polnear-dev")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N texts")
    parser.add_argument(
        "--errors", action="store_true", help="list Dateline's misses, false positives and wrong speakers"
    )
    args = parser.parse_args()

    nlp = load_model()
    corpus = load_corpus(args.data, args.limit)
    systems: dict[str, Callable] = {
        "dateline": dateline_system,
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
    skipped = 0
    for name, raw, ann in corpus:
        text = normalize_text(raw)
        shift = len(raw) - len(raw.lstrip())
        if raw[shift : shift + len(text)] != text:
            skipped += 1  # normalisation moved characters: gold offsets would not line up
            continue
        golds = parse_ann(ann, raw)
        for gold in golds:
            gold.text = text
            gold.content = [(s - shift, e - shift) for s, e in gold.content]
            gold.source = [(s - shift, e - shift) for s, e in gold.source]
            gold.cue = [(s - shift, e - shift) for s, e in gold.cue]
        document = Document(doc_id_for(text), name, "txt", text)
        started = time.perf_counter()
        doc = nlp(text)
        parse_seconds += time.perf_counter() - started
        resolve_entities(doc)  # the entities table's work, which quotes link to but do not time
        for system, run in systems.items():
            started = time.perf_counter()
            preds = run(document, doc)
            results[system].seconds += time.perf_counter() - started
            score(results[system], golds, preds, doc)

    if args.errors:
        for line in results["dateline"].errors:
            print(line)
    print(f"{args.data.name}: {len(corpus) - skipped} texts scored ({skipped} skipped)")
    metrics = list(next(iter(results.values())).row())
    print(f"{'metric':<22}" + "".join(f"{name:>13}" for name in results))
    for metric in metrics:
        print(f"{metric:<22}" + "".join(f"{r.row()[metric]:>13.3f}" for r in results.values()))
    first = next(iter(results.values()))
    print(
        f"gold: {first.direct_gold} quotes in marks, {first.ind_gold} indirect with a speech cue; "
        f"dateline predicted {first.direct_pred} quoted and {first.ind_pred} indirect"
    )
    share = results["dateline"].seconds / parse_seconds if parse_seconds else 0.0
    print(
        f"time: spaCy parse {parse_seconds:.2f} s, quote extraction {results['dateline'].seconds:.2f} s "
        f"({share:.1%} of the parse)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
