"""Named features of the candidates the attribution models decide on.

The rules of `attribution` and `titles` are features here, not verdicts: "a title in marks" or
"the subject of the verb right after the closing mark" weigh as much as PolNeAR's train split says
they should, beside the shape of the text around the candidate. Every feature is a string naming a
fact (value 1.0); conjunctions with the quotation's kind let one model serve direct, partial and
indirect quotations. Training and extraction call these same functions, so what the model learned
from is what it sees.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from dateline.docs import sentence_of, sentences_of, text_of
from dateline.quotes.attribution import (
    Attribution,
    QuoteMask,
    according_object,
    can_speak,
    clean_mention,
    own_subject,
    phrases,
)
from dateline.quotes.lexicon import (
    PERSON_NOUNS,
    PICTURE_CREDIT_WORDS,
    PRONOUNS_GROUP,
    PRONOUNS_PERSON,
    PRONOUNS_THING,
    QUOTING_VERBS,
    REPORTED_OPENING_WORDS,
    SPEAKER_NOUNS,
    SPEAKING_LABELS,
    SPEECH_VERBS,
)
from dateline.quotes.marks import SINGLE, MarkedSpan, Paragraphs
from dateline.quotes.model import LinearModel
from dateline.quotes.reported import ReportedCandidate
from dateline.quotes.speakers import Identity
from dateline.quotes.titles import (
    inside_a_name,
    is_title,
    names_a_word,
    names_a_work,
    term_in_writers_phrase,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

Features = dict[str, float]
_SUBJECTS = ("nsubj", "nsubjpass")
_PRONOUNS = PRONOUNS_PERSON | PRONOUNS_GROUP | PRONOUNS_THING | {"i", "we", "you"}
_SPEAKING_PRONOUNS = PRONOUNS_PERSON | PRONOUNS_GROUP  # pronouns that may stand for a speaker


def bucket(value: int, edges: Sequence[int]) -> str:
    """ "<=3" for 2 with edges (1, 3, 8): counts as a few coarse classes, so that a linear model can
    weigh each its own way."""
    for edge in edges:
        if value <= edge:
            return f"<={edge}"
    return f">{edges[-1]}"


def _style(mark: str) -> str:
    if mark in SINGLE:
        return "single"
    if mark in "«»":
        return "guillemet"
    return "double"


def quotation_features(
    doc: Doc, span: MarkedSpan, kind: str, found: Sequence[tuple[str, Attribution]], paragraph: int
) -> Features:
    """Whether the text in these marks is a quotation: the title and term rules, its length and
    shape, the words around its marks, and which attribution rules found a speaker for it."""
    text = text_of(doc)
    quoted = text[span.start : span.end]
    words = quoted.split()
    features: Features = {
        f"style={_style(text[span.open_at])}": 1.0,
        f"words={bucket(len(words), (1, 2, 3, 5, 8, 13, 25))}": 1.0,
        f"kind={kind}": 1.0,
    }
    title = is_title(quoted)
    rules = {
        "title": title,
        "work": names_a_work(text, span) and is_title(quoted.removesuffix(".")),
        "nickname": inside_a_name(doc, span),
        "word": names_a_word(doc, span),
        "term": term_in_writers_phrase(doc, span),
        "open_ended": span.close_at is None,
        "headline": paragraph == 0 and _headline(text),
        "starts_upper": quoted[:1].isupper(),
        "ends_sentence": quoted.rstrip()[-1:] in ".!?",
    }
    features.update({f"rule={name}": 1.0 for name, holds in rules.items() if holds})
    tokens = doc.char_span(span.start, span.end, alignment_mode="expand")
    if tokens is not None and len(tokens):
        features["has_verb"] = float(any(t.pos_ in ("VERB", "AUX") for t in tokens))
        features[f"root={tokens.root.pos_}"] = 1.0
        if tokens.start > 0:
            before = _previous_word(doc, tokens.start)
            if before is not None:
                features[f"prev={before.lower_}"] = 1.0
                features[f"prev_pos={before.pos_}"] = 1.0
        after = _next_word(doc, tokens.end)
        if after is not None:
            features[f"next={after.lower_}"] = 1.0
            features[f"next_pos={after.pos_}"] = 1.0
    spoken = False
    for method, attribution in found:
        features[f"by={method}"] = 1.0
        if attribution.subject is not None:
            features[f"by={method}:subject"] = 1.0
            if can_speak(attribution.subject.root):
                features[f"by={method}:speaker"] = 1.0
                spoken = True
    attributed = "attributed" if spoken else "unattributed"
    features[attributed] = 1.0
    short = bucket(len(words), (1, 2, 4))
    if tokens is not None and len(tokens):
        speech, person = _sentence_evidence(doc, tokens)
        features[f"sentence_speech={speech}&words={short}"] = 1.0
        features[f"sentence_person={person}&words={short}"] = 1.0
        features[f"sentence_speech={speech}&sentence_person={person}"] = 1.0
    features.update(_crossed(features, rules, kind, attributed, short))
    return features


def _crossed(features: Features, rules: dict[str, bool], kind: str, attributed: str, short: str) -> Features:
    """Pairs of a quotation's features whose weight depends on each other: a rule, the kind or the
    words around it, with whether someone is said to have spoken it and how long it is."""
    crossed: Features = {}
    for name in ("title", "work", "term", "word", "headline", "ends_sentence", "starts_upper"):
        if rules[name]:
            crossed[f"rule={name}&{attributed}"] = 1.0
            crossed[f"rule={name}&words={short}"] = 1.0
    crossed[f"kind={kind}&{attributed}"] = 1.0
    crossed[f"words={short}&{attributed}"] = 1.0
    for name in ("prev_pos", "next_pos"):
        pos = next((f.split("=", 1)[1] for f in features if f.startswith(name + "=")), None)
        if pos is not None:
            crossed[f"{name}={pos}&{attributed}&words={short}"] = 1.0
    return crossed


def _cue_features(cue: Token, subject: Token | None) -> Features:
    """How the speech verb is used: negated ("did not say"), passive, with a modal, and who its
    subject is."""
    features: Features = {}
    children = {child.dep_ for child in cue.children}
    if "neg" in children:
        features["negated"] = 1.0
    if "auxpass" in children or "nsubjpass" in children:
        features["passive"] = 1.0
    if any(child.tag_ == "MD" for child in cue.children):
        features["modal"] = 1.0
    if subject is None:
        features["subject=none"] = 1.0
    else:
        features[f"subject={subject.pos_}"] = 1.0
        if can_speak(subject):
            features["subject_can_speak"] = 1.0
    return features


def _sentence_evidence(doc: Doc, tokens: Span) -> tuple[bool, bool]:
    """Whether the sentence around a quotation, outside its marks, has a verb of speech or naming,
    and a person (a name or he/she) who could have said it."""
    sentence = sentence_of(tokens[0])
    speech = person = False
    for token in sentence:
        if tokens.start <= token.i < tokens.end:
            continue
        lemma = token.lemma_.lower()
        if token.pos_ == "VERB" and (lemma in SPEECH_VERBS or lemma in QUOTING_VERBS):
            speech = True
        if token.ent_type_ in ("PERSON", "ORG") or token.lower_ in PRONOUNS_PERSON:
            person = True
    return speech, person


def _headline(text: str) -> bool:
    """The first line is a headline when more text follows and it is short and not a sentence of
    prose: title case, or no full stop outside quotation marks."""
    end = text.find("\n")
    if end < 0:
        return False
    line = text[:end].strip()
    words = line.split()
    if not words or len(words) > 25:
        return False
    capitalised = sum(1 for w in words if w[:1].isupper())
    return capitalised * 2 >= len(words) or not line.rstrip("”’\"'").endswith(".")


def _previous_word(doc: Doc, index: int) -> Token | None:
    """The nearest token before `index` that is neither punctuation nor space."""
    while index > 0:
        index -= 1
        if not (doc[index].is_punct or doc[index].is_space):
            return doc[index]
    return None


def _next_word(doc: Doc, index: int) -> Token | None:
    while index < len(doc):
        if not (doc[index].is_punct or doc[index].is_space):
            return doc[index]
        index += 1
    return None


@dataclass
class SpeakerCandidate:
    """A mention that may name who said a quotation: its head token, the phrase the rules would
    store as the speaker mention, the same with appositives, and the features of the pairing."""

    head: Token
    subject: Span
    subject_full: Span
    features: Features = field(default_factory=dict)
    methods: list[str] = field(default_factory=list)
    identity: Identity | None = None  # who the resolver says the mention stands for

    @property
    def name(self) -> str | None:
        return self.identity.name if self.identity is not None else None

    def identified(self, identity: Identity | None) -> None:
        """Record what the resolver makes of the mention, as features too: a pronoun with no
        antecedent near names nobody."""
        self.identity = identity
        if identity is None or identity.name is None:
            self.features["resolves=none"] = 1.0
            return
        self.features[f"resolves={identity.kind}"] = 1.0
        if identity.named:
            self.features["resolves=named"] = 1.0
        if self.head.lower_ in _PRONOUNS:
            self.features[f"antecedent={identity.kind}"] = 1.0


_KINDS = ("person", "group", "thing")


def identity_lift(model: LinearModel) -> float:
    """The most the features `SpeakerCandidate.identified` adds can raise a candidate's logit."""
    weights = model.weights
    named = max(0.0, weights.get("resolves=named", 0.0))
    best = weights.get("resolves=none", 0.0)
    for kind in _KINDS:
        antecedent = max(0.0, weights.get(f"antecedent={kind}", 0.0))
        best = max(best, weights.get(f"resolves={kind}", 0.0) + named + antecedent)
    return max(best, 0.0)


_PICTURE_CREDIT = re.compile(rf"\b(?i:{'|'.join(sorted(PICTURE_CREDIT_WORDS))})s?:[ \t]*(?:\S+[ \t]*){{1,5}}")


def _picture_credits(text: str) -> list[range]:
    """The words after "Photograph:" in a caption, up to five: who took the picture."""
    if ":" not in text:
        return []
    return [range(m.start(), m.end()) for m in _PICTURE_CREDIT.finditer(text)]


class SpeakerCandidates:
    """The mentions around a quotation that may name its speaker, with their features.

    Proposed by the attribution rules (each rule a feature), by the article's flow (the speaker of
    the quotation just before, the person the previous sentence is about, the speaker of the
    reported clause around a fragment) and by the parse (subjects and named people, organisations
    and pronouns in the quotation's sentence and the ones either side)."""

    def __init__(self, doc: Doc, mask: QuoteMask, paragraphs: Paragraphs, dateline: range = range(0)) -> None:
        self.doc = doc
        self.mask = mask
        self.paragraphs = paragraphs
        self.dateline = dateline  # the dateline's characters: nobody's mention
        self._sentences = sentences_of(doc)
        self._sentence_starts = [s.start for s in self._sentences]
        credits = _picture_credits(text_of(doc))
        self._speaker_tokens = [
            token.i
            for token in _possible_speakers(doc)
            if token.idx not in dateline
            and not mask.covers(token.idx)
            and not any(token.idx in credit for credit in credits)
            and _could_name_a_speaker(token)
        ]
        self._parsed: dict[int, tuple[Span, Span] | None] = {}
        self._heads: list[int] = _heads(doc)

    def _sentence_index(self, token: Token) -> int:
        return bisect_right(self._sentence_starts, token.i) - 1

    def collect(
        self,
        start: int,
        end: int,
        kind: str,
        proposed: Sequence[tuple[str, Attribution]],
        rule_choice: Attribution | None,
    ) -> list[SpeakerCandidate]:
        doc = self.doc
        window = doc.char_span(start, end, alignment_mode="expand")
        if window is None or not len(window):
            return []
        by_head: dict[int, SpeakerCandidate] = {}
        for method, attribution in proposed:
            phrases = self._phrases(attribution.subject, attribution.subject_full)
            if phrases is None:
                continue
            subject, full = phrases
            candidate = by_head.get(subject.root.i)
            if candidate is None:
                candidate = by_head[subject.root.i] = SpeakerCandidate(subject.root, subject, full)
            candidate.methods.append(method)
            if rule_choice is not None and attribution is rule_choice:
                candidate.methods.append("rules")
                candidate.subject, candidate.subject_full = subject, full  # the phrase the rules would store
            if attribution.cue is not None:
                candidate.features[f"cue={attribution.cue}"] = 1.0
        first = self._sentence_index(window[0])
        last = self._sentence_index(window[-1])
        low = self._sentences[max(0, first - 1)].start
        high = self._sentences[min(len(self._sentences) - 1, last + 1)].end
        tokens = self._speaker_tokens
        for i in tokens[bisect_left(tokens, low) : bisect_left(tokens, high)]:
            if i in by_head or window.start <= i < window.end:
                continue
            phrases = self._parse_phrases(i)
            if phrases is not None and phrases[0].root.i not in by_head:
                by_head[phrases[0].root.i] = SpeakerCandidate(phrases[0].root, *phrases)
        candidates = list(by_head.values())
        governors = self._governors(window)
        for candidate in candidates:
            self._describe(candidate, window, first, last, kind, governors)
        return candidates

    def _governors(self, window: Span) -> set[int]:
        """The tokens the quotation hangs below in the parse: the ancestors of its words, up to
        twelve steps above where it leaves the quotation (token indices, read from the head array)."""
        heads = self._heads
        found: set[int] = set()
        for i in range(window.start, window.end):
            head = heads[i]
            if window.start <= head < window.end and head != i:
                continue
            ancestor, steps = head, 0
            while steps < 12 and ancestor not in found:
                found.add(ancestor)
                if heads[ancestor] == ancestor:
                    break
                ancestor, steps = heads[ancestor], steps + 1
        return found

    def _parse_phrases(self, i: int) -> tuple[Span, Span] | None:
        """The phrases of a candidate the parse proposes, the same for every quotation around it."""
        if i not in self._parsed:
            token = self.doc[i]
            self._parsed[i] = self._phrases(*phrases(token))
        return self._parsed[i]

    def _phrases(self, subject: Span | None, full: Span | None) -> tuple[Span, Span] | None:
        """The mention and its fuller form, cleaned of datelines, tickers and punctuation."""
        if subject is None:
            return None
        full = clean_mention(full, self.dateline) if full is not None else None
        # "NAIROBI, June 15 - Kenya's Treasury Secretary X said": the parse may make the dateline
        # the subject and the speaker its appositive, which is what is left once the dateline goes
        subject = clean_mention(subject, self.dateline) or full
        if subject is None:
            return None
        return subject, full if full is not None and full.start <= subject.start else subject

    def _describe(
        self, candidate: SpeakerCandidate, window: Span, first: int, last: int, kind: str, governors: set[int]
    ) -> None:
        head = candidate.head
        features = candidate.features
        for method in candidate.methods or ["parse"]:
            features[f"by={method}"] = 1.0
            features[f"by={method}&{kind}"] = 1.0
        if not candidate.methods:
            features[f"parse&{kind}"] = 1.0
        pronoun = head.lower_ in _PRONOUNS
        label = head.ent_type_ if head.ent_type_ in SPEAKING_LABELS else "-"
        features[f"pos={head.pos_}"] = 1.0
        features[f"ent={label}"] = 1.0
        features[f"dep={head.dep_}"] = 1.0
        if pronoun:
            features[f"pronoun={head.lower_}"] = 1.0
        if can_speak(head):
            features["can_speak"] = 1.0
        lemma = head.lemma_.lower()
        if lemma in PERSON_NOUNS:
            features["person_noun"] = 1.0
        elif lemma in SPEAKER_NOUNS:
            features["speaker_noun"] = 1.0
        sentence = self._sentence_index(head)
        where = "same" if first <= sentence <= last else ("previous" if sentence < first else "next")
        side = "before" if head.i < window.start else "after"
        distance = window.start - head.i if side == "before" else head.i - window.end
        features[f"sentence={where}"] = 1.0
        features[f"side={side}"] = 1.0
        features[f"sentence={where}&{side}&{kind}"] = 1.0
        if self.paragraphs.of(head.idx) != self.paragraphs.of(
            window.start_char if side == "before" else window.end_char
        ):
            features[f"other_paragraph&{side}"] = 1.0
        features[f"sentence={where}&{side}&pos={head.pos_}"] = 1.0
        features[f"sentence={where}&dep={head.dep_}"] = 1.0
        features[f"sentence={where}&ent={label}"] = 1.0
        features[f"distance={bucket(distance, (1, 2, 4, 8, 16, 32))}"] = 1.0
        verb = head.head
        if head.dep_ in _SUBJECTS:
            verb_lemma = verb.lemma_.lower()
            speech = (
                "speech"
                if verb_lemma in SPEECH_VERBS
                else "quoting"
                if verb_lemma in QUOTING_VERBS
                else "other"
            )
            features[f"subject_of={speech}"] = 1.0
            features[f"subject_of={speech}&{kind}"] = 1.0
            if verb.i in governors:
                features["subject_of_governor"] = 1.0
        for method in candidate.methods:
            features[f"by={method}&pos={head.pos_}"] = 1.0


def _could_name_a_speaker(token: Token) -> bool:
    """Heads of subjects, of named people, organisations and places, and personal pronouns."""
    if token.is_punct or token.is_space or not any(ch.isalpha() for ch in token.text):
        return False
    if token.dep_ in _SUBJECTS and token.pos_ in ("PROPN", "NOUN", "PRON"):
        return True
    if token.ent_type_ in SPEAKING_LABELS and token.ent_iob_ != "O":
        # the entity's last token stands for it (a name's head in English)
        following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        return following is None or following.ent_iob_ != "I"
    return token.lower_ in _SPEAKING_PRONOUNS


def _heads(doc: Doc) -> list[int]:
    """Each token's head as a token index: spaCy stores it as an offset from the token."""
    from spacy.attrs import HEAD

    offsets = doc.to_array([HEAD]).astype(np.int64).reshape(-1)
    return (offsets + np.arange(len(doc))).tolist()


def _possible_speakers(doc: Doc) -> list[Token]:
    """The tokens `_could_name_a_speaker` may accept, picked from spaCy's attribute arrays rather
    than by making a `Token` for every word around every quotation."""
    from spacy.attrs import DEP, ENT_IOB, LOWER

    strings = doc.vocab.strings
    subjects = [strings[d] for d in _SUBJECTS]
    pronouns = [strings[p] for p in _SPEAKING_PRONOUNS]
    attributes = doc.to_array([DEP, ENT_IOB, LOWER])
    chosen = (
        np.isin(attributes[:, 0], subjects) | (attributes[:, 1] != 2) | np.isin(attributes[:, 2], pronouns)
    )  # ENT_IOB 2 is "O": outside any entity
    return [doc[i] for i in chosen.nonzero()[0].tolist()]


# How much of its phrase a candidate covers, by the mark `reported_candidates` adds to its relation:
# without its added tail ("ccomp-trim"), on to the end of its verb's ("ccomp+rest"), without what is
# coordinated to it ("ccomp-core"); else its whole subtree.
_EXTENTS = (("-trim", "trim"), ("+rest", "rest"), ("-core", "core"))


def reported_features(doc: Doc, candidate: ReportedCandidate, mask: QuoteMask) -> Features:
    """Whether a phrase hanging from a speech verb is what was said: how it hangs from the verb, the
    verb and its subject, and the phrase's length and shape."""
    cue = candidate.cue
    relation = candidate.relation
    general = relation.split(":")[0].split("+")[0].split("-")[0]  # "ccomp" of "ccomp+rest"
    extent = next((name for mark, name in _EXTENTS if mark in relation), "subtree")
    tokens = doc.char_span(candidate.start, candidate.end, alignment_mode="expand")
    words = sum(1 for t in tokens if not t.is_punct) if tokens is not None else 0
    size = bucket(words, (1, 2, 3, 5, 8, 15, 30))
    lemma = "according" if cue.lower_ == "according" else cue.lemma_.lower()
    has_verb = tokens is not None and any(t.pos_ in ("VERB", "AUX") for t in tokens)
    features: Features = {
        f"rel={relation}": 1.0,
        f"rel={general}": 1.0,
        f"rel={general}&words={size}": 1.0,
        f"rel={general}&has_verb={has_verb}": 1.0,
        f"verb={lemma}": 1.0,
        f"verb={lemma}&rel={general}": 1.0,
        f"verb={lemma}&rel={relation}": 1.0,
        f"extent={extent}&words={size}": 1.0,
        f"extent={extent}&rel={general}": 1.0,
        f"words={size}": 1.0,
        f"cue_tag={cue.tag_}": 1.0,
        f"cue_dep={cue.dep_}": 1.0,
        f"side={'before' if candidate.end <= cue.idx else 'after'}": 1.0,
    }
    if candidate.by_rules:
        features["by_rules"] = 1.0
        features[f"by_rules&rel={general}"] = 1.0
    subject = own_subject(cue) if lemma != "according" else according_object(cue)
    features.update(_cue_features(cue, subject))
    if tokens is not None and len(tokens):
        first = tokens[0].lower_
        if first in REPORTED_OPENING_WORDS:
            features[f"starts={first}"] = 1.0
        features[f"root={tokens.root.pos_}"] = 1.0
        features[f"root={tokens.root.pos_}&rel={general}"] = 1.0
        if any(t.dep_ in _SUBJECTS for t in tokens):
            features["has_subject"] = 1.0
            features[f"has_subject&rel={general}"] = 1.0
        root = tokens.root
        if general != "ccomp" and root.pos_ in ("NOUN", "PRON", "ADV", "INTJ"):
            # what a phrase is about: "a request for comment", "questions", "so", "yes"
            features[f"root_lemma={root.lemma_.lower()}"] = 1.0
        if any(t.pos_ == "VERB" and t.lemma_.lower() in SPEECH_VERBS for t in tokens if t.i != cue.i):
            features["holds_speech_verb"] = 1.0
        if lemma != "according" and subject is not None and tokens.start <= subject.i < tokens.end:
            # "said [David Brock, a Clinton confidant]": who spoke, not what
            features["holds_cue_subject"] = 1.0
        if root.ent_type_:
            # "told [CBS' Face the Nation]", "conceding [the race]": a name is whom or what it was
            # told to more often than what was said
            features[f"root_entity={root.ent_type_}&rel={general}"] = 1.0
        capitals = sum(1 for t in tokens if t.is_alpha and t.text[:1].isupper())
        if words >= 4 and capitals >= 0.8 * words:
            features["title_case"] = 1.0  # "Responded To Trump’s Demand [In A Way That Could Cause Mayhem]"
    if mask.share_inside(candidate.start, candidate.end) > 0:
        features["partly_quoted"] = 1.0
    if extent == "trim" and candidate.last + 2 < len(doc):
        # what was cut off: ", when voters head to the polls", ", who has a lead", "- two sisters"
        opener, following = doc[candidate.last + 1], doc[candidate.last + 2]
        word = following.lower_ if following.is_stop else following.pos_
        features[f"trim_opener={opener.text}"] = 1.0
        features[f"trim_next={word}"] = 1.0
        features[f"trim_next={word}&rel={general}"] = 1.0
    return features
