"""From a quote to its attribution: the cue that reports it and the subject phrase that names the speaker.

Everything here reads spaCy's dependency parse. Tokens inside quotation marks are never cues or
speakers: "what Russia says" inside a quote is not an attribution of that quote.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dateline.docs import sentence_of, text_of
from dateline.quotes.lexicon import (
    CHANNEL_NOUNS,
    CLAIM_NOUNS,
    PERSON_NOUNS,
    QUOTING_VERBS,
    SPEAKER_NOUNS,
    SPEAKING_LABELS,
    SPEECH_VERBS,
    SUBORDINATORS,
)
from dateline.quotes.marks import CLOSING, OPENING, MarkedSpan

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

ACCORDING_TO = "according to"
OPENING_MARKS = frozenset(OPENING) | frozenset(CLOSING)
_SUBJECT_DEPS = ("nsubj", "nsubjpass")
# A cue without a subject of its own takes its head's: "Erdogan expressed hope ... and said “...”",
# "The Kremlin signaled ..., saying that ...".
_INHERITS_SUBJECT = ("conj", "advcl", "xcomp")
_CORE_EXCLUDED = ("relcl", "acl", "appos", "advcl", "punct", "prep")


@dataclass(frozen=True)
class Attribution:
    cue: str | None  # lemma of the reporting verb, "according to", or None for "“...” — Name"
    cue_token: Token | None
    subject: Span | None  # the phrase naming the speaker, appositives and relative clauses cut
    subject_full: Span | None  # the same with its appositives ("His Russian counterpart, Sergei Lavrov")


class QuoteMask:
    """Which characters lie inside quotation marks (marks included)."""

    def __init__(self, spans: Sequence[MarkedSpan]) -> None:
        self._ranges = sorted(
            (s.open_at, (s.close_at + 2) if s.close_at is not None else s.end) for s in spans
        )
        self._starts = [lo for lo, _ in self._ranges]

    def covers(self, offset: int) -> bool:
        # Quotes never overlap, so only the last range starting at or before offset can hold it.
        index = bisect_right(self._starts, offset) - 1
        return index >= 0 and offset < self._ranges[index][1]

    def share_inside(self, start: int, end: int) -> float:
        if end <= start:
            return 0.0
        inside = 0
        index = max(0, bisect_right(self._starts, start) - 1)
        while index < len(self._ranges) and self._ranges[index][0] < end:
            lo, hi = self._ranges[index]
            inside += max(0, min(end, hi) - max(start, lo))
            index += 1
        return inside / (end - start)


def attribute_marked(doc: Doc, span: MarkedSpan, mask: QuoteMask) -> Attribution | None:
    """The rules' attribution of a quote in marks: the first of `marked_attributions` whose subject
    can speak; failing that, the first with a subject (“softer language calling for “...”" beats
    none), or the first cue found, with no speaker."""
    return rules_choice(marked_attributions(doc, span, mask))


def marked_attributions(doc: Doc, span: MarkedSpan, mask: QuoteMask) -> list[tuple[str, Attribution]]:
    """Every attribution the rules find for a quote in marks, by method, in the order they are
    trusted: a short attribution right after it ("...,” Kirby said") or else a dash credit
    ("” ― Pamela Padilla"), a reporting verb right before it ("Kirby said: “"), the subject of the
    sentence a colon ends, the nearest reporting verb above it in the parse, the nearest one in its
    sentences."""
    end = span.close_at + 1 if span.close_at is not None else span.end
    window = doc.char_span(span.open_at, end, alignment_mode="expand")
    if window is None:
        return []
    sentences = _sentences_around(doc, window, span)
    outside = [t for s in sentences for t in s if not mask.covers(t.idx)]
    inside = [t for t in window if span.start <= t.idx < span.end]
    found: list[tuple[str, Attribution]] = []
    after = _attribution_after(doc, window, mask)
    if after is not None:
        found.append(("after", after))
    else:
        dash = _dash_credit(doc, span, mask)
        if dash is not None:
            found.append(("dash", dash))
    for method, cue in (
        ("before", _cue_before(doc, window, mask)),
        ("colon", _colon_introduction(doc, window, mask)),
        ("governing", _governing_cue(inside, {t.i for t in outside})),
        ("nearest", _nearest_cue(outside, span)),
    ):
        if cue is not None:
            found.append((method, attribution_of(cue, mask, phrase=_name_before(cue) or _name_after(cue))))
    return found


def rules_choice(found: Sequence[tuple[str, Attribution]]) -> Attribution | None:
    """The first attribution whose subject can speak, else the first with a subject, else the first."""
    for _, attribution in found:
        if attribution.subject is not None and can_speak(attribution.subject.root):
            return attribution
    with_subject = [a for _, a in found if a.subject is not None]
    if with_subject:
        return with_subject[0]
    return found[0][1] if found else None


def _name_after(cue: Token) -> Span | None:
    """ "Said Ellis: “...”", "said Kirby, “...”": the inverted order, when the parse gives the verb no
    subject."""
    if subject_of(cue) is not None:
        return None
    last = cue.i
    while last + 1 < len(cue.doc) and cue.doc[last + 1].pos_ == "PROPN" and last - cue.i < 5:
        last += 1
    if last == cue.i or last + 1 >= len(cue.doc) or cue.doc[last + 1].text not in ",:":
        return None
    return cue.doc[cue.i + 1 : last + 1]


def _name_before(cue: Token) -> Span | None:
    """ "... Trump boasted, “...”": a name written right before the verb is its subject, even where
    the parse (confused by dashes or quotation marks) hangs another word on it as subject."""
    if cue.pos_ != "VERB" or any(c.dep_ in _SUBJECT_DEPS and c.i == cue.i - 1 for c in cue.children):
        return None
    first = cue.i
    while first > 0 and cue.doc[first - 1].pos_ == "PROPN" and cue.i - first < 5:
        first -= 1
    if first == cue.i or cue.doc[first].ent_type_ not in SPEAKING_LABELS:
        return None
    subject = subject_of(cue)
    if subject is not None and first <= subject.i < cue.i:
        return None  # the parse agrees: its own phrase is better (it keeps titles and appositives)
    name = cue.doc[first : cue.i]
    person = any(t.ent_type_ == "PERSON" and t.ent_iob_ == "I" for t in name)  # a full name: the speaker
    if subject is not None and not person and _object_inside(cue.doc[cue.i - 1], subject):
        return None  # "The Duke of Sussex said": the name closes the subject's own phrase
    return name


def _object_inside(token: Token, subject: Token) -> bool:
    """The token hangs from the subject through a preposition: "Sussex" of "The Duke of Sussex",
    "Canterbury" of "the Archbishop of Canterbury"."""
    through_preposition = False
    for _ in range(6):
        if token.i == subject.i:
            return through_preposition
        through_preposition = through_preposition or token.dep_ == "prep"
        if token.head.i == token.i:
            return False
        token = token.head
    return False


_ATTRIBUTION_WORDS = 8  # "Tulsa police Chief Chuck Jordan said Monday"


def _attribution_after(doc: Doc, window: Span, mask: QuoteMask) -> Attribution | None:
    """“...,” Kirby said. / “...?” said Kirby. The short attribution written right after the quote.

    Only the words before the verb must be few: what follows it ("said Leslie Wimes, a South
    Florida-based president of ...") may run long, and parentheses ("Cummings (D-Md.) said") are skipped.
    When the parse hangs the verb's subject somewhere odd (it often does around quotation marks), the
    words between the closing mark and the verb are taken as the subject, if they are a noun phrase."""
    tokens = _words_after(doc, window, mask)
    if not tokens or tokens[0].lower_ in SUBORDINATORS:
        return None  # "“That makes me smart,” when Clinton blasted him": a new clause, not a credit
    for position, token in enumerate(tokens):
        if position > _ATTRIBUTION_WORDS:
            return None
        if not _is_cue(token, QUOTING_VERBS):
            continue
        subject = subject_of(token)
        if subject is not None and subject in tokens:
            return attribution_of(token, mask)
        before = tokens[:position]
        start = len(before)
        while start > 0 and (before[start - 1].pos_ in _NOMINAL or before[start - 1].text[:1].isupper()):
            start -= 1  # the noun phrase right before the verb ("Tulsa" is sometimes tagged a verb)
        if start == 0 < len(before) and before[-1].pos_ in ("NOUN", "PROPN", "PRON"):
            return attribution_of(token, mask, phrase=doc[before[start].i : before[-1].i + 1])
        return attribution_of(token, mask)
    return None


def _words_after(doc: Doc, window: Span, mask: QuoteMask) -> list[Token] | None:
    """The words between a closing mark and the end of its sentence, parentheses left out; None when
    the quote closed its own sentence and what follows is a new one ("... him.” She says it ...")
    rather than no more than an attribution ("... case.” Jordan said.")."""
    tokens: list[Token] = []
    ended = False
    depth = 0
    for token in doc[window.end :]:
        if token.text == "(":
            depth += 1
        elif token.text == ")":
            depth = max(0, depth - 1)
        elif depth:
            continue
        elif token.text in ".!?":
            ended = True
            break
        elif "\n" in token.text or token.text in OPENING_MARKS or mask.covers(token.idx):
            break
        elif not token.is_punct and not token.is_space:
            tokens.append(token)
    quoted = text_of(doc)[window.start_char : window.end_char].rstrip("”\"»'’ ")
    if quoted.endswith(".") and not (ended and len(tokens) <= 3):
        return None
    return tokens


_NOMINAL = ("DET", "ADJ", "NOUN", "PROPN", "PRON", "NUM", "PART")


def _dash_credit(doc: Doc, span: MarkedSpan, mask: QuoteMask) -> Attribution | None:
    """“...” ― Pamela Padilla: a name after a dash closing the paragraph credits the quote."""
    if span.close_at is None:
        return None
    text = text_of(doc)
    after = span.close_at + 1
    line_end = text.find("\n", after)
    rest = text[after : line_end if line_end >= 0 else len(text)]
    match = _DASH_CREDIT.match(rest)
    if match is None:
        return None
    start, end = after + match.start(1), after + match.end(1)
    name = doc.char_span(start, end, alignment_mode="contract")
    if name is None or len(name) == 0 or mask.covers(start):
        return None
    return Attribution(None, None, name, name)


# A dash, then two to six capitalised words (initials allowed), then the end of the line.
_DASH_CREDIT = re.compile(r"\s*[―—–-]\s*((?:[A-Z][\w.'’-]*\s+){0,5}[A-Z][\w.'’-]*)[\s.,]*$")


def _colon_introduction(doc: Doc, window: Span, mask: QuoteMask) -> Token | None:
    """President Obama is rolling out a new message: “It’s about me.” / Caddell continued: (paragraph)
    A quote opened right after a colon is what the subject of the colon's sentence said."""
    before = _previous_word(doc, window.start)
    if not before or before[0].text != ":" or mask.covers(before[0].idx):
        return None
    paragraphs_between = text_of(doc).count("\n\n", before[0].idx, window.start_char)
    if paragraphs_between > 1:
        return None
    root = sentence_of(before[0]).root
    return root if root.pos_ in ("VERB", "AUX") and subject_of(root) is not None else None


def _previous_word(doc: Doc, index: int) -> list[Token]:
    """The token before `index` that is not whitespace, as a list of at most one."""
    while index > 0:
        index -= 1
        if not doc[index].is_space:
            return [doc[index]]
    return []


def _cue_before(doc: Doc, window: Span, mask: QuoteMask) -> Token | None:
    """Kirby said: “...” / said “...” / Said Ellis: “...”: a reporting verb right before the opening
    mark, or right before the name that precedes it."""
    names = 0
    for token in reversed(doc[: window.start]):
        if token.is_space and "\n" in token.text:
            return None
        if token.is_punct and token.text in ",:":
            continue
        if mask.covers(token.idx):
            return None
        if _is_cue(token, QUOTING_VERBS):
            return token
        if token.lower_ == "it" and token.head.lemma_.lower() == "put":
            continue  # "As Rosenthal put it, “...”"
        if token.pos_ == "PROPN" and names < 4:
            names += 1
            continue
        return None
    return None


def _sentences_around(doc: Doc, window: Span, span: MarkedSpan) -> list[Span]:
    """Sentences the quote touches, plus the one right after it when the attribution follows the
    closing mark ("“...,” he said." is sometimes cut into two sentences)."""
    sentences = []
    seen = set()
    for token in window:
        sent = sentence_of(token)
        if sent.start not in seen:
            seen.add(sent.start)
            sentences.append(sent)
    last = sentences[-1]
    if last.end < len(doc) and span.close_at is not None:
        gap = text_of(doc)[span.close_at + 1 : doc[last.end].idx]
        if len(gap.strip(" ,")) == 0 and doc[last.end].is_lower:
            sentences.append(sentence_of(doc[last.end]))
    return sentences


def _governing_cue(inside: Iterable[Token], outside: set[int]) -> Token | None:
    """The nearest reporting verb above the quote in the parse whose subject can speak. A verb whose
    subject cannot ("the advertisement “unmistakably and wrongfully” suggests") is passed over for one
    further up ("Holm said in the letter that ..."), and kept only if there is none. `outside` holds
    the indices of the words of the quote's sentences that are outside quotation marks.

    The words of a quote share their ancestors: a walk that reaches a word no closer than an earlier
    walk did cannot find anything nearer above it, so it stops there."""
    best: tuple[int, int, Token] | None = None
    reached: dict[int, int] = {}
    for token in inside:
        head, steps = token.head, 1
        while head.i != token.i and steps < 12:
            if reached.get(head.i, steps + 1) <= steps:
                break
            reached[head.i] = steps
            if head.i in outside and (_is_cue(head, QUOTING_VERBS) or _possessed_claim(head)):
                subject = subject_of(head)
                mute = subject is not None and not can_speak(subject)
                key = (int(mute), steps, head)
                if best is None or key[:2] < best[:2]:
                    best = key
                if not mute:
                    break
            if head.head.i == head.i:
                break
            head, steps = head.head, steps + 1
    return best[2] if best else None


def _possessed_claim(token: Token) -> bool:
    """Trump’s claim that there have been “thousands of shootings”: the claim's owner said it."""
    return token.pos_ == "NOUN" and token.lemma_.lower() in CLAIM_NOUNS and _possessor(token) is not None


def _possessor(token: Token) -> Token | None:
    """ "Trump’s claim", "his claim": the resolver turns "his" into the person it refers to."""
    return next((c for c in token.children if c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN", "PRON")), None)


def _nearest_cue(outside: Sequence[Token], span: MarkedSpan) -> Token | None:
    candidates = [t for t in outside if _is_cue(t, SPEECH_VERBS) and subject_of(t) is not None]
    if not candidates:
        return None
    return min(candidates, key=lambda t: min(abs(t.idx - span.open_at), abs(t.idx - span.end)))


def _is_cue(token: Token, verbs: frozenset[str]) -> bool:
    if token.lower_ == "according" and according_object(token) is not None:
        return True
    if token.pos_ != "VERB":
        return False
    if token.lemma_.lower() in verbs:
        return True
    # The lemmatizer slips on some regular forms ("rated" -> "rat"); undo the suffix by hand too.
    word = token.lower_
    return any(word.endswith(end) and word[: -len(end)] in verbs for end in ("d", "s", "ed", "es"))


def according_object(token: Token) -> Token | None:
    return next((object_of(to) for to in token.children if to.lower_ == "to"), None)


def object_of(preposition: Token) -> Token | None:
    return next((obj for obj in preposition.children if obj.dep_ == "pobj"), None)


def subject_of(cue: Token) -> Token | None:
    if cue.lower_ == "according":
        return according_object(cue)
    if cue.pos_ == "NOUN":
        return _possessor(cue)
    token = cue
    for _ in range(5):
        subject = own_subject(token)
        if subject is not None:
            if subject.tag_ in ("WP", "WDT") and token.dep_ != "relcl":
                return None  # "what was said": no speaker
            if token is not cue and token.dep_ in ("ccomp", "acl") and not can_speak(subject):
                # A conjunct misattached inside a reported clause ("expressed hope that the
                # negotiations would lead to X and said ..."): the speaker is the outer subject.
                token = governing_verb(token)
                if token is None:
                    return None
                continue
            return subject
        if token.dep_ == "acl" and token.head.pos_ in ("NOUN", "PROPN"):
            return token.head  # "officials saying ..."
        if (
            token.dep_ == "pcomp"
            and token.head.dep_ == "prep"
            and token.head.head.i != token.head.i
            and cue.lemma_.lower() in SPEECH_VERBS  # not "expects Holt to insert himself by calling ..."
        ):
            token = token.head.head  # "Dean began by saying ...": the subject of "began"
            continue
        if token.dep_ not in _INHERITS_SUBJECT or token.head.i == token.i:
            return None
        token = token.head
    return None


def governing_verb(token: Token) -> Token | None:
    head = token.head
    for _ in range(4):
        if head.i == token.i:
            return None
        if head.pos_ in ("VERB", "AUX"):
            return head
        token, head = head, head.head
    return None


def own_subject(token: Token) -> Token | None:
    subjects = [child for child in token.children if child.dep_ in _SUBJECT_DEPS]
    if subjects:
        # Two subjects is a parse confused by a quotation ("“... mode,” said Leslie Wimes" hangs "mode"
        # on "said" too); the one written nearest the verb is the attribution's.
        return min(subjects, key=lambda child: abs(child.i - token.i))
    return next((object_of(c) for c in token.children if c.dep_ == "agent"), None)  # "... by X"


def can_speak(token: Token) -> bool:
    """People, organisations, places and groups speak; talks and negotiations do not."""
    if token.ent_type_ in SPEAKING_LABELS or token.pos_ in ("PRON", "PROPN"):
        return True
    return token.lemma_.lower() in SPEAKER_NOUNS or token.lemma_.lower() in PERSON_NOUNS


def attribution_of(cue: Token, mask: QuoteMask, phrase: Span | None = None) -> Attribution:
    lemma = ACCORDING_TO if cue.lower_ == "according" else cue.lemma_.lower()
    if phrase is not None:
        return Attribution(lemma, cue, phrase, phrase)
    subject = subject_of(cue)
    if (
        subject is None
        or subject.pos_ in ("VERB", "AUX")
        or subject.tag_ == "EX"
        or subject.ent_type_ in ("DATE", "TIME")  # "12:15 p.m. Donald Trump says": a heading, not a speaker
        or mask.covers(subject.idx)  # "We" inside the quote is the quote's own words
    ):
        return Attribution(lemma, cue, None, None)
    author = _author_of(subject)
    if author is not None:
        return Attribution(lemma, cue, *phrases(author))
    if subject.tag_ in ("WP", "WDT") and subject.head.dep_ == "relcl":
        # "officials, who said ...": the mention is "who", the name is the officials'.
        antecedent = subject.head.head
        return Attribution(lemma, cue, subject.doc[subject.i : subject.i + 1], full_phrase(antecedent))
    return Attribution(lemma, cue, *phrases(subject))


def _author_of(channel: Token) -> Token | None:
    """ "a speech Mrs. Clinton delivered", "a statement from the Commission", "Clinton's letter": the
    speaker behind a speech, statement or report, when the text names one."""
    if channel.pos_ != "NOUN" or channel.lemma_.lower() not in CHANNEL_NOUNS:
        return None
    for child in channel.children:
        if child.dep_ == "poss" and child.pos_ == "PROPN":
            return child
        if child.dep_ == "relcl":
            subject = next((c for c in child.children if c.dep_ == "nsubj"), None)
            if subject is not None and (subject.pos_ == "PROPN" or subject.ent_type_ in SPEAKING_LABELS):
                return subject
        if child.dep_ == "prep" and child.lower_ in ("from", "by"):
            author = object_of(child)
            if author is not None and (author.pos_ == "PROPN" or author.ent_type_ in SPEAKING_LABELS):
                return author
    if channel.dep_ == "dobj":
        # "the Security Council issued a statement calling the test “a clear violation”"
        issuer = own_subject(channel.head)
        if issuer is not None and can_speak(issuer):
            return issuer
    return None


def core_phrase(head: Token) -> Span:
    """The subject's own words: determiners, modifiers and compounds, not its relative clauses or
    appositives ("Russia, whose forces ..." is "Russia")."""
    excluded: set[int] = set()
    for child in head.children:
        if child.dep_ in _CORE_EXCLUDED and not _inside_word(child):
            excluded.update(t.i for t in child.subtree)
    start = end = head.i
    while start - 1 >= head.left_edge.i and (start - 1) not in excluded:
        start -= 1
    while end + 1 <= head.right_edge.i and (end + 1) not in excluded:
        end += 1
    span = head.doc[start : end + 1]
    while len(span) > 1 and (span[-1].is_punct or span[-1].tag_ == "POS"):
        span = span[:-1]
    while len(span) > 1 and (span[0].is_punct or span[0].is_space):
        span = span[1:]
    return span


# Wire copy puts tickers, and the names of unlisted companies, in brackets: "KLM Royal Dutch Airlines
# <KLM.A> said", "<Multi-Step Products Inc> said", "Benetton Group Spa [BTOM.MI] said".
_BRACKETS = {">": "<", "]": "["}


def clean_mention(span: Span, dateline: range = range(0)) -> Span | None:
    """The words of a speaker mention that name someone: not the dateline the story opens with
    ("CLEVELAND, Feb 26 - Ohio Mattress Co"), not a ticker in brackets after a name, not the brackets
    around a name, not outer punctuation; None when no word with a letter is left (">" or "]" from
    "<PWA.TO> said", "-", "1985"). `dateline` holds the dateline's characters."""
    doc = span.doc
    first, last = span.start, span.end - 1
    if last < first:
        return None
    head, tail = doc[first], doc[last]
    if (
        head.idx not in dateline
        and _has_letter(head)
        and not (first > 0 and doc[first - 1].whitespace_ == "" and _hyphen_joined(doc[first - 1]))
        and not (tail.whitespace_ == "" and _hyphen_joined(tail))
        and _has_letter(tail)
        and tail.tag_ != "POS"
        and tail.text not in _BRACKETS
    ):
        return _ticker_of(doc, first, last, dateline) or span  # nearly every mention: nothing to clean
    while first <= last and doc[first].idx in dateline:
        first += 1
    if first <= last and doc[last].text in _BRACKETS:
        opening = next(
            (
                i
                for i in range(last - 1, max(first, last - 12) - 1, -1)
                if doc[i].text == _BRACKETS[doc[last].text]
            ),
            None,
        )
        if opening is None and first == last:
            # the mention is only the closing bracket: the name is the bracketed words before it
            opening = next(
                (
                    i
                    for i in range(last - 1, max(0, last - 12) - 1, -1)
                    if doc[i].text == _BRACKETS[doc[last].text]
                ),
                None,
            )
            if opening is not None and doc[opening].idx not in dateline:
                first = opening
        if opening is not None and any(_has_letter(t) for t in doc[first:opening]):
            last = opening - 1  # the name before the ticker
        elif opening is not None:
            first, last = opening + 1, last - 1  # the name inside the brackets
    while first <= last and (doc[first].is_punct or doc[first].is_space):
        first += 1
    while last >= first and (doc[last].is_punct or doc[last].is_space or doc[last].tag_ == "POS"):
        last -= 1
    if last < first or not any(_has_letter(t) for t in doc[first : last + 1]):
        return None
    # a hyphenated name the parse cut ("Step" of "Multi-Step") is whole again
    while first > 0 and doc[first - 1].whitespace_ == "" and _hyphen_joined(doc[first - 1]):
        first -= 1
    while last + 1 < len(doc) and doc[last].whitespace_ == "" and _hyphen_joined(doc[last]):
        last += 1
    ticker = _ticker_of(doc, first, last, dateline)
    return ticker if ticker is not None else doc[first : last + 1]


def _ticker_of(doc: Doc, first: int, last: int, dateline: range) -> Span | None:
    """ "KLM.A" of "KLM Royal Dutch Airlines <KLM.A>" is the ticker of the name before its brackets:
    that name, when the mention is all the brackets hold."""
    if first < 2 or last + 1 >= len(doc) or _BRACKETS.get(doc[last + 1].text) != doc[first - 1].text:
        return None
    end = first - 1
    start = end
    while start > 0 and doc[start - 1].pos_ == "PROPN" and _has_letter(doc[start - 1]) and end - start < 6:
        start -= 1
    if start == end or doc[start].idx in dateline:
        return None
    return doc[start:end]


def _hyphen_joined(token: Token) -> bool:
    """A hyphen or a word glued to the next token by one: "Multi-" of "Multi-Step"."""
    if token.text in ("-", "‐"):
        return (
            token.i > 0 and token.doc[token.i - 1].whitespace_ == "" and _has_letter(token.doc[token.i - 1])
        )
    return token.i + 1 < len(token.doc) and token.doc[token.i + 1].text in ("-", "‐") and _has_letter(token)


def _has_letter(token: Token) -> bool:
    return any(ch.isalpha() for ch in token.text)


def _inside_word(token: Token) -> bool:
    """The hyphen of "Holtz-Eakin": punctuation with no space on either side."""
    doc = token.doc
    return (
        token.is_punct
        and not token.whitespace_
        and token.i > 0
        and not doc[token.i - 1].whitespace_
        and token.i + 1 < len(doc)
    )


def full_phrase(head: Token) -> Span:
    """The subject with its appositives, where a description's name is ("His Russian counterpart,
    Sergei Lavrov"); not its prepositional phrases ("an associate of Abramovich" is not Abramovich)."""
    return phrases(head)[1]


def phrases(head: Token) -> tuple[Span, Span]:
    """`core_phrase` and `full_phrase` of a mention's head together, the core worked out once."""
    core = core_phrase(head)
    return core, _with_appositives(head, core)


def _with_appositives(head: Token, core: Span) -> Span:
    last = core.end - 1
    for child in head.children:
        if child.dep_ == "appos":
            last = max(last, child.right_edge.i)
    span = head.doc[core.start : last + 1]
    while len(span) > 1 and span[-1].is_punct:
        span = span[:-1]
    return span
