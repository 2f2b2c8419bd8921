"""Reported speech: the clause a speech verb reports ("Kirby said there were strikes"), the statement
"according to" someone, and the other phrases PolNeAR's annotators count as what was said ("did not
respond to a request for comment", "asked about the emails", "said so").

`find_indirect` is the rules' answer; `reported_candidates` every phrase hanging from a speech verb,
each named by how it was found, for the `reported` model to decide on.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dateline.docs import sentence_of, text_of
from dateline.quotes.attribution import (
    OPENING_MARKS,
    Attribution,
    QuoteMask,
    according_object,
    attribution_of,
    governing_verb,
    own_subject,
)
from dateline.quotes.lexicon import ADDRESSING_VERBS, OBJECT_VERBS, SPEAKING_LABELS, SPEECH_VERBS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Clauses reached from a speech verb through these relations still report what was said:
# "said during a hearing Tuesday that ...", "said in a statement that ...".
_TO_REPORTED = ("prep", "pobj", "npadvmod", "dobj", "acl")
_MIN_CONTENT_WORDS = 3
_GLUED_MARKS = '“”"«»„'  # double marks only: a single one at a word's end is also an apostrophe
_MIN_OBJECT_WORDS = 2  # "claimed vast wealth"


@dataclass(frozen=True)
class IndirectQuote:
    start: int
    end: int
    attribution: Attribution


def find_indirect(doc: Doc, mask: QuoteMask) -> list[IndirectQuote]:
    """Reported speech as the rules see it: the clause a speech verb reports, or the statement
    "according to" someone."""
    return [
        IndirectQuote(c.start, c.end, attribution_of(c.cue, mask))
        for c in reported_candidates(doc, mask)
        if c.by_rules
    ]


@dataclass(frozen=True)
class ReportedCandidate:
    """A phrase that may be what a speech verb (or "according to") reports. `relation` names how it
    hangs from the cue ("ccomp", "dobj", "pobj:about", "parenthetical", ...); `by_rules` says whether
    the rules alone would report it."""

    start: int
    end: int
    cue: Token
    relation: str
    by_rules: bool
    first: int  # token indices of the phrase
    last: int


# Relations of a speech verb's children that may hold what was said, beside the clauses the rules
# take: "announced [a series of steps]", "did not respond to [a request]", "said [so]", "said [yes]",
# "[The meeting] was first reported by", "asked [why]".
_CHILD_RELATIONS = frozenset(
    "ccomp xcomp dobj prep advcl advmod intj nsubjpass npadvmod attr oprd parataxis dative acomp".split()
)


# Relations whose phrase may run on past its own subtree to the end of the verb's.
_RUN_ON = frozenset(("ccomp", "dobj", "xcomp"))


def _clause_core_end(clause: Token) -> int | None:
    """The last token of a clause before a coordinated or adverbial clause that follows its verb, or
    None when nothing follows."""
    if clause.dep_ not in _RUN_ON:
        return None
    added = [c for c in clause.children if c.i > clause.i and c.dep_ in _ADDED]
    if not added:
        return None
    end = min(c.left_edge.i for c in added) - 1
    while end > clause.left_edge.i and (clause.doc[end].is_punct or clause.doc[end].dep_ == "cc"):
        end -= 1
    return end if end >= clause.i else None


# What hangs from a reported clause's verb without belonging to what was reported, often.
_ADDED = frozenset(("cc", "conj", "advcl", "parataxis"))


def reported_candidates(doc: Doc, mask: QuoteMask, dateline: range = range(0)) -> list[ReportedCandidate]:
    """Every phrase hanging from a speech verb that may be what it reports, the rules' own among them;
    none reaches back into the `dateline` characters ("NEW YORK, March 18 - World stocks ...")."""
    found: dict[tuple[int, int, int], ReportedCandidate] = {}

    def add(cue: Token, first: int, last: int, relation: str, by_rules: bool, needs_verb: bool) -> None:
        while first <= last and doc[first].idx in dateline:
            first += 1
        bounds = _clause_bounds(doc, first, last, needs_verb, None if by_rules else 1)
        if bounds is None or mask.share_inside(*bounds) >= 0.5:
            return
        key = (*bounds, cue.i)
        known = found.get(key)
        if known is None or (by_rules and not known.by_rules):
            found[key] = ReportedCandidate(*bounds, cue, relation, by_rules, first, last)
        if relation.endswith("-trim"):
            return
        tail = _added_tail(doc, first, last)
        if tail is not None:
            add(cue, first, tail.left_edge.i - 1, f"{relation}-trim", False, needs_verb)

    for token in _verbs_and_according(doc):
        if mask.covers(token.idx):
            continue
        if token.lower_ == "according" and according_object(token) is not None:
            clause = _according_clause(token)
            if clause and clause[0] in dateline:
                clause = (dateline.stop, clause[1]) if clause[1] > dateline.stop else None
            if clause and mask.share_inside(*clause) < 0.5:
                found[(*clause, token.i)] = ReportedCandidate(*clause, token, "according", True, -1, -1)
            # "X, and Y, according to Z": the parse hangs the phrase on the last clause only
            beside = _beside_phrase(token)
            if beside is not None:
                add(token, *beside, "according-sentence", False, True)
            continue
        if not (token.pos_ == "VERB" and token.lemma_.lower() in SPEECH_VERBS):
            continue
        # The rules take the reported clauses, or else the first of these that finds anything.
        generated = [
            [(c.left_edge.i, c.right_edge.i, True, c.dep_) for c in _reported_clauses(token)],
            [(*span, "parenthetical") for span in _around_parenthetical(token)],
            [(*span, "colon") for span in _after_colon(token)],
            [(*span, "object") for span in _reported_objects(token)],
        ]
        chosen = next((spans for spans in generated if spans), [])
        for first, _, _, _ in generated[1]:
            # "He was unable to find a single taker, he said, on condition of anonymity": the part
            # before the interruption
            subject = own_subject(token)
            if subject is not None and first < subject.left_edge.i - 1:
                add(token, first, min(subject.left_edge.i, token.i) - 1, "parenthetical-before", False, True)
        for spans in generated:
            for first, last, needs_verb, relation in spans:
                add(token, first, last, relation, spans is chosen, needs_verb)
        for first, last, relation in _child_phrases(token):
            add(token, first, last, relation, False, False)
        if (
            token.dep_ == "advcl"
            and any(c.dep_ == "mark" and c.lower_ == "as" for c in token.children)
            and not (generated[0] or generated[3])
        ):
            # "As The Washington Post reported, [Sanders would need 55 percent]"; "as reported by".
            # A verb with its own clause reports that: "as Ueda signaled [he wants more evidence]".
            rest = _rest_of_clause(token)
            if rest is not None:
                add(token, *rest, "as", False, True)
    return list(found.values())


# What a phrase may end with that the writer added to it, after a comma or a dash: "before April
# 26[, when voters in Pennsylvania head to the polls]", "Trump[, who has a delegate lead]".
_TAIL_RELATIONS = frozenset(("relcl", "advcl", "acl", "appos", "parataxis", "dep"))
_TAIL_OPENERS = frozenset((",", "—", "–", "-", "--", ";", "("))


def _added_tail(doc: Doc, first: int, last: int) -> Token | None:
    """The outermost modifier that closes the phrase first..last after a comma or a dash, leaving at
    least three words before it; None when the phrase does not end with one."""
    while last > first and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    best: Token | None = None
    for token in doc[first + 3 : last + 1]:
        edge = token.left_edge.i
        if (
            token.dep_ in _TAIL_RELATIONS
            and token.right_edge.i >= last
            and edge > first + 2
            and doc[edge - 1].text in _TAIL_OPENERS
            and (best is None or edge < best.left_edge.i)
        ):
            best = token
    return best


def _child_phrases(verb: Token) -> Iterator[tuple[int, int, str]]:
    """The phrases hanging from a speech verb that the rules do not take but may be what was said,
    as (first token, last token, relation)."""
    for child in verb.children:
        if child.dep_ not in _CHILD_RELATIONS:
            continue
        if child.dep_ == "prep":
            for obj in (c for c in child.children if c.dep_ in ("pobj", "pcomp")):
                yield obj.left_edge.i, obj.right_edge.i, f"pobj:{child.lower_}"
            continue
        yield child.left_edge.i, child.right_edge.i, child.dep_
        core_end = _clause_core_end(child)
        if core_end is not None:
            # "said [they prefer someone with experience] and about the same numbers would rather
            # see an outsider": the clause without what is coordinated or added to it
            yield child.left_edge.i, core_end, f"{child.dep_}-core"
        addressee = child.dep_ == "dobj" and (
            child.pos_ in ("PRON", "PROPN") or child.ent_type_ or verb.lemma_ in ADDRESSING_VERBS
        )
        if (
            child.dep_ in _RUN_ON
            and not addressee  # "told [lawmakers], adding that ...": whom, not what
            and child.i > verb.i
            and verb.right_edge.i > child.right_edge.i
        ):
            # "told reporters [that the government tried to put me away], but a judge refused ...":
            # what follows the clause under the same verb often goes on with it
            yield child.left_edge.i, verb.right_edge.i, f"{child.dep_}+rest"


def _verbs_and_according(doc: Doc) -> Iterator[Token]:
    """The tokens `find_indirect` can start from, in order, picked from spaCy's attribute arrays:
    making a `Token` object for every word of every article was half of find_indirect's time (0.17
    against 0.085 s per 200 Guardian articles)."""
    from spacy.attrs import LOWER, POS
    from spacy.symbols import VERB

    attributes = doc.to_array([LOWER, POS])
    chosen = (attributes[:, 1] == VERB) | (attributes[:, 0] == doc.vocab.strings["according"])
    for i in chosen.nonzero()[0].tolist():
        yield doc[i]


_ATTRIBUTION_TAIL = ("npadvmod", "dobj", "compound", "det")


def _around_parenthetical(verb: Token) -> list[tuple[int, int, bool]]:
    """Back in Virginia, he said, he decided to take aim at coal. The clause an attribution interrupts
    is what was said; the span runs across the interruption, since offsets are one range."""
    subject = own_subject(verb)
    if subject is None:
        return []
    if verb.dep_ == "parataxis":
        clause = verb.head if verb.head.pos_ in ("VERB", "AUX") else governing_verb(verb.head)
        clause = clause or verb.head
        return [(clause.left_edge.i, clause.right_edge.i, True)]
    doc = verb.doc
    before = min(subject.left_edge.i, verb.i) - 1
    after = verb.i + 1
    while after < len(doc) and doc[after].dep_ in _ATTRIBUTION_TAIL and after - verb.i < 4:
        after += 1  # "he told The Times,", "he said Saturday,"
    commas = before >= 0 and doc[before].text == "," and after < len(doc) and doc[after].text == ","
    if verb.dep_ == "ROOT" and commas:
        sentence = sentence_of(verb)
        return [(sentence.start, sentence.end - 1, True)]
    return []


def _after_colon(verb: Token) -> list[tuple[int, int, bool]]:
    """He added: the party should be prepared. A statement introduced by a colon, without quotation
    marks, runs to the end of its paragraph, or is the next paragraph when the colon ends one."""
    doc = verb.doc
    following = verb.i + 1
    if following >= len(doc) or doc[following].text != ":":
        return []
    first = following + 1
    while first < len(doc) and doc[first].is_space:
        first += 1
    if first >= len(doc) or doc[first].text in OPENING_MARKS or doc[first].text[:1] in OPENING_MARKS:
        return []
    last = first
    while last + 1 < len(doc) and "\n" not in doc[last + 1].text:
        last += 1
    return [(first, last, True)]


def _reported_objects(verb: Token) -> list[tuple[int, int, bool]]:
    """Reported speech without a clause: "noted the clot’s existence", "told his advisers to find a
    way". Objects that are people ("told reporters", "told the Post") are addressees, not content."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if not objects:
        return []
    obj = objects[0]
    lemma = verb.lemma_.lower()
    if lemma in ADDRESSING_VERBS:
        orders = [c for c in verb.children if c.dep_ == "xcomp" and c.i > obj.i]
        return [(obj.left_edge.i, orders[0].right_edge.i, True)] if orders else []
    addressee = obj.pos_ in ("PRON", "PROPN") or obj.ent_type_ in SPEAKING_LABELS
    if lemma in OBJECT_VERBS and not addressee:
        return [(obj.left_edge.i, obj.right_edge.i, False)]
    return []


def _reported_clauses(verb: Token) -> list[Token]:
    """The clauses a speech verb reports: its ccomp, or a "that" clause hanging from one of its
    prepositional or temporal modifiers ("said in a statement that ...", "said during a hearing that")."""
    clauses = [c for c in verb.children if c.dep_ == "ccomp" and _reported_side_ok(verb, c)]
    frontier = [c for c in verb.children if c.dep_ in _TO_REPORTED]
    while frontier:
        node = frontier.pop()
        for child in node.children:
            if child.dep_ in ("acl", "relcl", "ccomp") and _has_that_mark(child):
                clauses.append(child)
            elif child.dep_ in _TO_REPORTED:
                frontier.append(child)
    return clauses


def _has_that_mark(clause: Token) -> bool:
    return any(m.dep_ == "mark" and m.lower_ == "that" for m in clause.children)


def _reported_side_ok(verb: Token, clause: Token) -> bool:
    """A clause before its verb is reported only when nothing but the attribution separates them
    ("X, officials said"); across a colon or semicolon it is the writer's own sentence."""
    if clause.i > verb.i:
        return True
    between = text_of(verb.doc)[clause.right_edge.idx : verb.idx]
    return ":" not in between and ";" not in between


def _beside_phrase(token: Token) -> tuple[int, int] | None:
    """The rest of the sentence beside a phrase ("according to Z") that opens or closes it."""
    sentence = sentence_of(token)
    phrase = [t.i for t in token.subtree]
    if min(phrase) <= sentence.start + 1:
        return max(phrase) + 1, sentence.end - 1
    if max(phrase) >= sentence.end - 2:
        return sentence.start, min(phrase) - 1
    return None


def _according_clause(according: Token) -> tuple[int, int] | None:
    rest = _rest_of_clause(according)
    return _clause_bounds(according.doc, *rest) if rest is not None else None


def _rest_of_clause(phrase: Token) -> tuple[int, int] | None:
    """The first and last token of the clause a phrase hangs from, on the side of the phrase that
    holds the clause's head ("According to X, [Y]" / "[Y], as X reported")."""
    head = phrase.head
    if head.i == phrase.i:
        return None
    inside = {t.i for t in phrase.subtree}
    side = [t.i for t in head.subtree if t.i not in inside and (t.i < phrase.i) == (head.i < phrase.i)]
    return (min(side), max(side)) if side else None


def _clause_bounds(
    doc: Doc, first: int, last: int, needs_verb: bool = True, least: int | None = None
) -> tuple[int, int] | None:
    """The phrase's character offsets without its outer punctuation or "that"; None when it has fewer
    than `least` words (by default 3 for a clause, 2 for an object) or a clause without a verb."""
    while first <= last and (
        doc[first].is_punct
        or doc[first].is_space
        or (doc[first].lower_ == "that" and doc[first].dep_ == "mark")
    ):
        first += 1
    while last >= first and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    if last < first:
        return None
    if least is None:
        least = _MIN_CONTENT_WORDS if needs_verb else _MIN_OBJECT_WORDS
    words, verb = 0, not needs_verb
    for token in doc[first : last + 1]:  # stops as soon as both are known: clauses run long
        words += not token.is_punct
        verb = verb or token.pos_ in ("VERB", "AUX")
        if verb and words >= least:
            break
    if words < least or not verb:
        return None
    # a quotation mark glued to the phrase's first or last word ("mercy”.") is not reported text
    start = doc[first].idx + (1 if doc[first].text[:1] in _GLUED_MARKS and len(doc[first]) > 1 else 0)
    end = doc[last].idx + len(doc[last].text.rstrip(_GLUED_MARKS) or doc[last].text)
    return start, end
