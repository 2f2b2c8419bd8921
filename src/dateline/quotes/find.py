"""Every quotation in a parsed article, with the mention naming its speaker and the name it resolves to.

The steps, each a reader can find here:
1. candidates: text in quotation marks (`marks`), transcript turns (`transcripts`), and the phrases
   a speech verb may report (`reported.reported_candidates`);
2. which marked text is a quotation: the rules of `titles` rule out titles, nicknames and words
   talked about, and the `quotation` model (over `features.quotation_features`) decides the rest;
   which reported phrase is what was said: the `reported` model, one phrase per verb;
3. who said it: the `speaker` model ranks the mentions `features.SpeakerCandidates` proposes (the
   attribution rules' subjects among them) and keeps the best if it is likely enough;
4. the chosen mention resolved to a name (`speakers.SpeakerResolver`) in reading order, so that
   "he" finds the speaker before him.
Without models (`models=None`) the rules decide alone, as they did before the models were trained.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from dateline.docs import sentence_of, sentences_of, text_of
from dateline.geo.datelines import Dateline, dateline_chars
from dateline.quotes.attribution import (
    Attribution,
    QuoteMask,
    attribution_of,
    core_phrase,
    marked_attributions,
    rules_choice,
)
from dateline.quotes.features import (
    Features,
    SpeakerCandidate,
    SpeakerCandidates,
    identity_lift,
    quotation_features,
    reported_features,
)
from dateline.quotes.marks import MarkedSpan, Paragraphs, find_marked_spans
from dateline.quotes.model import AttributionModels, LinearModel
from dateline.quotes.reported import ReportedCandidate, reported_candidates
from dateline.quotes.speakers import Identity, SpeakerResolver
from dateline.quotes.titles import quote_kind
from dateline.quotes.transcripts import transcript_turns

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span


# Marks and punctuation a name picked up from the text around it: "Donald Trump '".
_STRAY = " '\"‘’“”«»,;:-–—"


@dataclass
class Quotation:
    """One quotation and how it was attributed. `proposed` are the attributions the rules found,
    `features` what the quotation model saw, `candidates` the mentions the speaker model ranked."""

    start: int
    end: int
    kind: str  # direct | partial | indirect
    attribution: Attribution | None = None  # the rules' choice
    proposed: list[tuple[str, Attribution]] = field(default_factory=list)
    features: Features = field(default_factory=dict)
    candidates: list[SpeakerCandidate] = field(default_factory=list)
    mention: Span | None = None
    identity: Identity | None = None  # who the mention stands for
    cue: str | None = None
    transcript: bool = False
    paragraph: int = 0
    sentence: int = 0

    @property
    def speaker(self) -> str | None:
        """The speaker's name with its whitespace folded ("A\nspokesman" in hard-wrapped wire copy)."""
        name = self.identity.name if self.identity is not None else None
        if not name:
            return None
        name = " ".join(name.split()).strip(_STRAY)
        return name if any(ch.isalpha() for ch in name) else None

    @property
    def speaker_kind(self) -> str | None:
        """person, organization (a named organisation, government or place speaking for one) or
        description ("a spokesman", "analysts", "the company"); None without a speaker."""
        if self.speaker is None or self.identity is None:
            return None
        if not self.identity.named:
            return "description"
        return "person" if self.identity.kind == "person" else "organization"

    @property
    def speaker_role(self) -> str | None:
        role = self.identity.role if self.identity is not None and self.speaker is not None else None
        return " ".join(role.split()) if role else None

    @property
    def site(self) -> int:
        """Where the attribution is written: quotations are resolved in that order, so that
        pronouns find the speakers named before them."""
        attribution = self.attribution
        if attribution is not None and attribution.subject is not None:
            return min(attribution.subject.start_char, self.start)
        return self.start


def find_quotations(doc: Doc, models: AttributionModels | None, keep_all: bool = False) -> list[Quotation]:
    """The quotations of a parsed article, in text order. `keep_all` (for training) keeps every
    candidate and lets the rules make every decision, with the features and candidates still filled."""
    text = text_of(doc)
    paragraphs = Paragraphs(text)
    marked = find_marked_spans(text)
    mask = QuoteMask(marked)
    quotations = [q for span in marked for q in _marked_quotations(doc, span, mask, paragraphs)]
    _mark_headline_echoes(text, quotations)
    quotation_model = None if models is None or keep_all else models.quotation
    quotations = [q for q in quotations if keep_all or _is_quotation(q, quotation_model)]
    dateline = doc._.dateline
    indirect = _reported(doc, mask, None if models is None or keep_all else models.reported, dateline)
    _inherit_from_reported_speech(quotations, indirect)
    quotations += indirect
    quotations.sort(key=lambda q: (q.site, q.start))
    _attribute(doc, quotations, mask, paragraphs, None if keep_all else models, dateline)
    _speak_crossheads(text, quotations)
    unique = {(q.start, q.end): q for q in quotations if not _is_its_own_speaker(q)}
    return sorted(unique.values(), key=lambda q: (q.start, q.end))


def _marked_quotations(
    doc: Doc, span: MarkedSpan, mask: QuoteMask, paragraphs: Paragraphs
) -> list[Quotation]:
    text = text_of(doc)
    turns = transcript_turns(text, span)
    if turns:
        quotations = []
        for turn in turns:
            label = doc.char_span(turn.label_start, turn.label_end, alignment_mode="expand")
            attribution = Attribution(None, None, label, label) if label is not None else None
            proposed = [("label", attribution)] if attribution is not None else []
            quotations.append(
                Quotation(turn.start, turn.end, "direct", attribution, proposed, transcript=True)
            )
        return quotations
    proposed = marked_attributions(doc, span, mask)
    kind = quote_kind(doc, span)
    paragraph = paragraphs.of(span.start)
    features = quotation_features(doc, span, kind, proposed, paragraph)
    return [Quotation(span.start, span.end, kind, rules_choice(proposed), proposed, features)]


def _is_quotation(quotation: Quotation, model: LinearModel | None) -> bool:
    """The rules say what cannot be a quotation; the model which of the rest are."""
    if quotation.transcript:
        return True
    if not rules_say_quotation(quotation):
        return False
    return model is None or model.accepts(quotation.features)


def rules_say_quotation(quotation: Quotation) -> bool:
    """The rules alone: not a word talked about, not a title nobody is said to have used, not a
    term in the writer's own phrase. A headline's capitals do not make a title of what the story
    quotes ("Cruz Has ‘To Come a Long Way’ On Ethanol", see `_mark_headline_echoes`)."""
    rules = quotation.features
    attributed = quotation.attribution is not None and quotation.attribution.subject is not None
    if "rule=word" in rules or "rule=work" in rules or "rule=nickname" in rules:
        return False
    if "rule=title" in rules and not attributed and "rule=echoed" not in rules:
        return False
    return not ("rule=term" in rules and not attributed)


def _mark_headline_echoes(text: str, quotations: Sequence[Quotation]) -> None:
    """Words in marks in a headline in title case are capitalised whatever they are: a title
    (Netflix Renews ‘Bridgerton’) or a quotation (Trump Calls Clinton ‘Unhinged’). They are a
    quotation when the story quotes the same words below ("called her “unhinged”"), where a title
    is named, not quoted (the period drama “Bridgerton”, which the rules keep out). On PolNeAR train,
    30 of such headline spans that the story echoes are quotations and 6 are not; of those it does
    not echo, 11 are and 12 are not."""
    headline = [q for q in quotations if "rule=headline" in q.features and "rule=title" in q.features]
    if not headline:
        return
    body = [
        f" {_folded(text[q.start : q.end])} "
        for q in quotations
        if not q.transcript and "rule=headline" not in q.features and rules_say_quotation(q)
    ]
    for quotation in headline:
        words = _folded(text[quotation.start : quotation.end])
        if words and any(f" {words} " in quoted for quoted in body):
            quotation.features["rule=echoed"] = 1.0


def _speak_crossheads(text: str, quotations: Sequence[Quotation]) -> None:
    """A line that is nothing but words in marks (a crosshead, a pull quote: 'We need to keep
    going'), or words in marks in the headline ("'It's a disgrace': Fury as council axes ..."),
    repeat what someone says in the story, not the words of whoever is named nearest: they take
    the speaker of the quotation that holds the same words."""
    for quotation in quotations:
        if quotation.kind == "indirect" or quotation.transcript or _has_subject(quotation):
            continue
        line_start = text.rfind("\n", 0, quotation.start) + 1
        line_end = text.find("\n", quotation.end)
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        words = _folded(text[quotation.start : quotation.end])
        if not words or (_folded(line) != words and text[:line_start].strip()):
            continue
        source = next(
            (
                other
                for other in quotations
                if other is not quotation
                and other.identity is not None
                and other.kind != "indirect"
                and f" {words} " in f" {_folded(text[other.start : other.end])} "
            ),
            None,
        )
        if source is None or source.identity is None:
            continue
        # A person the headline names beats a description below ("the president said"); a place or
        # a description the headline's words were given to does not ("one nurse" over "Birmingham").
        if source.identity.named or not _names_a_person(quotation.identity):
            quotation.mention, quotation.identity, quotation.cue = source.mention, source.identity, source.cue


def _is_its_own_speaker(quotation: Quotation) -> bool:
    """ "[The crash] was reported around 6:30 a.m., according to the California Highway Patrol": the
    subject of a passive speech verb may be what was reported, but never who reported it. A reported
    phrase that is its own speaker's mention is dropped: a row "The crash" with nobody as its
    speaker tells a reader nothing (PolNeAR counts a few such subjects as content: dev indirect F1
    0.904 -> 0.903, indirect+speaker 0.850 -> 0.851)."""
    mention = quotation.mention
    return (
        quotation.kind == "indirect"
        and mention is not None
        and mention.start_char <= quotation.start
        and quotation.end <= mention.end_char
    )


def _names_a_person(identity: Identity | None) -> bool:
    return identity is not None and identity.named and identity.kind == "person"


def _has_subject(quotation: Quotation) -> bool:
    return quotation.attribution is not None and quotation.attribution.subject is not None


def _folded(quoted: str) -> str:
    return " ".join(_WORDS.findall(quoted.lower()))


_WORDS = re.compile(r"\w+")


def _reported(
    doc: Doc, mask: QuoteMask, model: LinearModel | None, dateline: Dateline | None
) -> list[Quotation]:
    """The phrases speech verbs report that the `reported` model accepts (the rules' own, without a
    model)."""
    scored: list[tuple[float, ReportedCandidate]] = []
    for candidate in reported_candidates(doc, mask, dateline_chars(dateline)):
        if model is None:
            if candidate.by_rules:
                scored.append((1.0, candidate))
            continue
        probability = model.probability(reported_features(doc, candidate, mask))
        if probability >= model.threshold:
            scored.append((probability, candidate))
    # One phrase per verb and stretch of text: of overlapping phrases of one verb ("said [they prefer
    # an outsider]" and "said [they prefer an outsider, while 4 in 10 ...]"), the likeliest.
    kept: list[ReportedCandidate] = []
    for _, candidate in sorted(scored, key=lambda pair: -pair[0]):
        if not any(
            other.cue.i == candidate.cue.i and other.start < candidate.end and candidate.start < other.end
            for other in kept
        ):
            kept.append(candidate)
    kept.sort(key=lambda c: (c.cue.i, c.start))
    quotations = []
    for candidate in kept:
        attribution = attribution_of(candidate.cue, mask)
        quotations.append(
            Quotation(candidate.start, candidate.end, "indirect", attribution, [("cue", attribution)])
        )
    return quotations


def _inherit_from_reported_speech(marked: Sequence[Quotation], indirect: Sequence[Quotation]) -> None:
    """She said she recalls the colleague being “confused”: a fragment in marks with no attribution of
    its own, inside a clause reported from someone, is that someone's word."""
    for quotation in marked:
        if quotation.attribution is not None and quotation.attribution.subject is not None:
            continue
        home = next(
            (
                reported
                for reported in indirect
                if reported.start <= quotation.start
                and quotation.end <= reported.end + 1
                and reported.attribution is not None
                and reported.attribution.subject is not None
            ),
            None,
        )
        if home is not None and home.attribution is not None:
            quotation.attribution = home.attribution
            quotation.proposed.append(("inherited", home.attribution))


def _attribute(
    doc: Doc,
    quotations: list[Quotation],
    mask: QuoteMask,
    paragraphs: Paragraphs,
    models: AttributionModels | None,
    dateline: Dateline | None,
) -> None:
    """Speakers for the quotations, in the order their attributions are written."""
    resolver = SpeakerResolver(doc, paragraphs, mask, dateline)
    candidates = SpeakerCandidates(doc, mask, paragraphs, dateline_chars(dateline))
    sentence_starts = [s.start_char for s in sentences_of(doc)]
    done: list[Quotation] = []
    for quotation in quotations:
        quotation.sentence = bisect_right(sentence_starts, quotation.start) - 1
        quotation.paragraph = paragraphs.of(quotation.start)
        proposed = list(quotation.proposed)
        previous = _continued(done, quotation, paragraphs)
        if previous is not None and previous.mention is not None:
            proposed.append(
                ("continued", Attribution(previous.cue, None, previous.mention, previous.mention))
            )
        introducer = _introducer(doc, quotation.start, mask) if quotation.kind == "direct" else None
        if introducer is not None:
            proposed.append(("introducer", Attribution(None, None, introducer, introducer)))
        attribution = quotation.attribution
        quotation.cue = attribution.cue if attribution is not None else None
        quotation.candidates = candidates.collect(
            quotation.start, quotation.end, quotation.kind, proposed, attribution
        )

        def identify(candidate: SpeakerCandidate, previous: Quotation | None = previous) -> None:
            if previous is not None and candidate.head.i == previous.mention.root.i:  # type: ignore[union-attr]
                candidate.identified(previous.identity)
            else:
                candidate.identified(resolver.identify(candidate.subject, candidate.subject_full))

        if models is None or quotation.transcript:
            for candidate in quotation.candidates:
                identify(candidate)
            chosen = _choose(quotation, models, previous, introducer)
        else:
            chosen = _best_speaker(quotation.candidates, models.speaker, identify)
        if chosen is not None:
            if previous is not None and chosen.head.i == previous.mention.root.i:  # type: ignore[union-attr]
                quotation.mention, quotation.identity = previous.mention, previous.identity
                quotation.cue = quotation.cue or previous.cue
            else:
                quotation.mention = chosen.subject
                quotation.identity = resolver.resolve(chosen.subject, chosen.subject_full)
        done.append(quotation)


def _best_speaker(
    candidates: Sequence[SpeakerCandidate],
    model: LinearModel,
    identify: Callable[[SpeakerCandidate], None],
) -> SpeakerCandidate | None:
    """The speaker model's best candidate, if it is likely enough. Working out who a mention stands
    for is most of the cost, so candidates are identified best-first and the search stops once no
    identity could lift the rest above the best so far: the same choice as identifying all."""
    lift = identity_lift(model)
    ranked = sorted(candidates, key=lambda c: -model.logit(c.features))
    best: tuple[float, SpeakerCandidate] | None = None
    for candidate in ranked:
        base = model.logit(candidate.features)
        if best is not None and base + lift < best[0]:
            break
        identify(candidate)
        score = model.logit(candidate.features)
        if best is None or score > best[0]:
            best = (score, candidate)
    if best is None or model.probability_of(best[0]) < model.threshold:
        return None
    return best[1]


def _choose(
    quotation: Quotation,
    models: AttributionModels | None,
    previous: Quotation | None,
    introducer: Span | None,
) -> SpeakerCandidate | None:
    """The speaker model's best candidate if it is likely enough; without a model, the rules' order:
    the attribution's own subject, the quotation continued, the person the sentence before is about."""
    if models is not None:
        if quotation.transcript:
            return next(iter(quotation.candidates), None)
        scored = [(models.speaker.probability(c.features), c) for c in quotation.candidates]
        if not scored:
            return None
        probability, best = max(scored, key=lambda pair: pair[0])
        return best if probability >= models.speaker.threshold else None
    attribution = quotation.attribution
    by_head = {c.head.i: c for c in quotation.candidates}
    if attribution is not None and attribution.subject is not None:
        return by_head.get(attribution.subject.root.i)
    if quotation.kind != "indirect" and previous is not None and previous.mention is not None:
        return by_head.get(previous.mention.root.i)
    if introducer is not None:
        return by_head.get(introducer.root.i)
    return None


def _introducer(doc: Doc, start: int, mask: QuoteMask) -> Span | None:
    """“He would be a great senator.” right after "Rep. Elijah Cummings was effusive." : a quote that
    opens its paragraph or sentence with no attribution is the words of the person the sentence just
    before it is about, when that sentence's subject is a named person."""
    token = doc.char_span(start, start + 1, alignment_mode="expand")
    if token is None:
        return None
    sentence = sentence_of(token[0])
    if sentence.start == 0:
        return None
    previous = sentence_of(doc[sentence.start - 1])
    if mask.covers(previous.start_char) or "\n\n\n" in text_of(doc)[previous.end_char : start]:
        return None
    subject = next((t for t in previous.root.children if t.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or mask.covers(subject.idx):
        return None
    if subject.ent_type_ == "PERSON":
        return core_phrase(subject)
    # "His former business partner, Lawrence B. Cummings, called him a master. “He showed ...”"
    named = next((t for t in subject.subtree if t.dep_ == "appos" and t.ent_type_ == "PERSON"), None)
    return core_phrase(named) if named is not None else None


def _continued(done: Sequence[Quotation], quotation: Quotation, paragraphs: Paragraphs) -> Quotation | None:
    """The attributed quotation an unattributed one continues: the nearest one before it, if it ends
    in the previous sentence, or is a direct quotation in the same or the previous paragraph."""
    if quotation.kind == "indirect":
        return None
    before = [q for q in done if q.end <= quotation.start and q.mention is not None]
    if not before:
        return None
    previous = max(before, key=lambda q: q.end)
    if quotation.sentence - previous.sentence <= 1:
        return previous
    if previous.kind == "direct" and paragraphs.of(quotation.start) - paragraphs.of(previous.end) <= 1:
        return previous
    return None
