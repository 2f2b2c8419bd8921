"""Text in quotation marks that is not a quotation, and the two kinds of quotation that are.

Titles (“Fox News Sunday”), nicknames (Marcia “Cia” Price), words talked about (because “she” is a
“he”) and terms the writer holds at a distance (the “sex tape” reference) are not anyone's words. These
rules are the attribution model's features and, without a model, its fallback.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dateline.docs import text_of
from dateline.quotes.lexicon import (
    BEFORE_A_WORK,
    QUOTING_VERBS,
    SPEECH_VERBS,
    TITLE_SMALL_WORDS,
    WORK_NOUNS,
)
from dateline.quotes.marks import CLOSING, MarkedSpan

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_SENTENCE_END = ".!?:;—–"


def is_title(quoted: str) -> bool:
    """A name in quotation marks, not a quotation: “Fox News Sunday”, “The Apprentice”, “Bobby”.

    Every word capitalised (small words aside), no sentence punctuation, at most eight words."""
    words = quoted.split()
    if len(words) > 1 and quoted.endswith("."):
        words[-1] = words[-1][:-1]  # American style puts the sentence's period inside: “Nightly News.”
        quoted = quoted[:-1]
    if not words or len(words) > 8 or quoted.rstrip()[-1:] in ".!?,;:":
        return False
    if any(w[-1] in ".!?" and len(w) > 3 for w in words[:-1]):
        return False  # “The Donald. Big Daddy.” is two sentences; "Tod D. Wolters" or "Mr." are not
    if not (words[0][:1].isupper() or words[0][:1].isdigit()):
        return False
    return all(w[:1].isupper() or w.lower() in TITLE_SMALL_WORDS or not w[:1].isalpha() for w in words)


def names_a_word(doc: Doc, span: MarkedSpan) -> bool:
    """A lone pronoun, article or preposition in quotation marks is a word being talked about."""
    tokens = [t for t in doc.char_span(span.start, span.end, alignment_mode="expand") or [] if not t.is_punct]
    return len(tokens) == 1 and tokens[0].pos_ in ("PRON", "DET", "ADP", "CCONJ", "SCONJ")


_TERM_MODIFIERS = frozenset(("det", "amod", "compound", "nummod"))
_INSIDE_A_PHRASE = frozenset(("pobj", "dobj", "attr", "appos", "conj", "compound"))


def term_in_writers_phrase(doc: Doc, span: MarkedSpan) -> bool:
    """A short noun phrase in marks whose determiner or adjective stands outside them (its “national
    enterprise reporter”, a bipartisan “Grand Bargain”) is a term the writer holds at a distance,
    unless a verb of naming or "as" puts it in someone's mouth (called him a “loser”, described as a
    “strong leader”)."""
    tokens = doc.char_span(span.start, span.end, alignment_mode="expand")
    if tokens is None or len(tokens) > 5 or tokens.start == 0:
        return False
    root = tokens.root
    if root.pos_ not in ("NOUN", "PROPN") or any(t.is_sent_start for t in tokens[1:]):
        return False
    if root.dep_ in ("compound", "nmod", "amod") and root.head.i >= tokens.end:
        return True  # the quote modifies the writer's noun: the “sex tape” reference
    outside = doc[tokens.start - 1]
    while outside.is_punct and outside.i > 0:
        outside = doc[outside.i - 1]
    if outside.head != root or outside.dep_ not in _TERM_MODIFIERS:
        return False
    # The naming verb or "as" is looked for both up the parse and just before the phrase, as
    # parses of "pounding Trump as a “con artist”" vary.
    phrase_start = min(root.left_edge.i, outside.i)
    governors = [doc[phrase_start - 1]] if phrase_start else []
    governor = root
    while governor.dep_ in _INSIDE_A_PHRASE and governor.head != governor:
        governor = governor.head
        governors.append(governor)
    return not any(_names_or_quotes(t) for t in governors)


def _names_or_quotes(token: Token) -> bool:
    lemma = token.lemma_.lower()
    return token.lower_ == "as" or lemma in QUOTING_VERBS or lemma in SPEECH_VERBS


def inside_a_name(doc: Doc, span: MarkedSpan) -> bool:
    """Marcia “Cia” Price: a nickname of one or two words between a first name and a surname, one of
    which the parse knows as a person's (capitalised words around marks in a headline are not)."""
    quoted = text_of(doc)[span.start : span.end]
    if span.close_at is None or len(quoted.split()) > 2 or not is_title(quoted):
        return False
    inside = doc.char_span(span.open_at, span.close_at + 1, alignment_mode="expand")
    if inside is None or inside.start == 0 or inside.end >= len(doc):
        return False
    before, after = doc[inside.start - 1], doc[inside.end]
    if not (before.text[:1].isupper() and after.text[:1].isupper()):
        return False
    return (
        "PERSON" in (before.ent_type_, after.ent_type_) and before.whitespace_ != "" and not before.is_punct
    )


def names_a_work(text: str, span: MarkedSpan) -> bool:
    """A title in marks right after "on", "of", "titled", an article, a possessive (CNN’s “State of
    the Union”) or a noun for a work, or right before one, names a programme, a book or an event,
    whoever is quoted around it."""
    before = text[max(0, span.open_at - 40) : span.open_at].split()
    last = before[-1].lower().strip(",") if before else ""
    if last in BEFORE_A_WORK or last in WORK_NOUNS or last.endswith(("’s", "'s")):
        return True
    if span.close_at is None:
        return False
    after = text[span.close_at + 1 : span.close_at + 40].split()
    following = after[0].lower().strip(".,;:") if after else ""
    return following in WORK_NOUNS or (len(after) > 1 and after[1].lower().strip(".,;:") in WORK_NOUNS)


def quote_kind(doc: Doc, span: MarkedSpan) -> str:
    """direct when the quote stands as its own utterance, partial when the writer's sentence carries it."""
    text = text_of(doc)
    line_start = text.rfind("\n", 0, span.open_at) + 1
    before = text[line_start : span.open_at].rstrip()
    quoted = text[span.start : span.end]
    words = len(quoted.split())
    starts_upper = quoted[:1].isupper() or not quoted[:1].isalpha()
    if not before or before[-1] in _SENTENCE_END or before[-1] in CLOSING:
        return "direct" if starts_upper or words >= 4 else "partial"
    if before[-1] == "," and starts_upper:
        return "direct"
    previous_word = before.split()[-1].strip(",").lower() if before.split() else ""
    token = doc.char_span(line_start + len(before) - len(previous_word), line_start + len(before))
    if (
        words >= 4
        and quoted.rstrip()[-1:] in ".!?"
        and token is not None
        and token[-1].lemma_.lower() in SPEECH_VERBS
    ):
        return "direct"
    return "partial"
