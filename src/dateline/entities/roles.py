"""A person's role as the article states it: "Pentagon spokesman John Kirby", "Mevlut Cavusoglu,
Turkey’s foreign minister". Read from the parse: the words that premodify the name, else an
appositive on either side of it, kept only when they hold a word for a role."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dateline.docs import text_of
from dateline.entities.lexicon import HONORIFICS, ROLE_WORDS

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_PREMODIFIER_DEPS = ("compound", "nmod", "amod", "poss")
_MAX_ROLE_WORDS = 8


def role_of(name: Span) -> str | None:
    return _premodifier_role(name) or _appositive_role(name)


def role_ahead(mention: Span, name: Span) -> str | None:
    """The words of a mention ahead of the name it ends with, as a role, whatever the parse made of
    them: "House Banking Committee chairman" of "House Banking Committee chairman\nFernand St.
    Germain", where a hard line break in wire copy cuts the premodifiers off the name."""
    return _as_role(_clean(mention.doc[mention.start : name.start]))


def _premodifier_role(name: Span) -> str | None:
    root = name.root
    lefts = [c for c in root.lefts if c.i < name.start and c.dep_ in _PREMODIFIER_DEPS]
    if not lefts:
        return None
    first = min(t.i for c in lefts for t in c.subtree)
    words = _clean(name.doc[first : name.start])
    return _as_role(words)


def _appositive_role(name: Span) -> str | None:
    root = name.root
    if root.dep_ == "appos" and root.head.pos_ in ("NOUN", "PROPN"):
        return _as_role(_clean(_phrase_without(root.head, root)))
    # "Mevlut Cavusoglu, Turkey’s foreign minister": the parse may split one appositive in two.
    appositives = [c for c in root.children if c.dep_ == "appos" and c.i >= name.end]
    if appositives:
        tokens = sorted({t for c in appositives for t in _phrase_without(c, None)}, key=lambda t: t.i)
        return _as_role(_clean(tokens))
    return None


def _phrase_without(head: Token, skip: Token | None) -> list[Token]:
    """The head noun with its premodifiers and possessor, not its clauses or the skipped appositive."""
    tokens = [head]
    for child in head.lefts:
        tokens.extend(child.subtree)
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ == "of" and child is not skip:
            tokens.extend(child.subtree)  # "Secretary of State", "president of the union"
    return sorted((t for t in tokens if skip is None or t not in list(skip.subtree)), key=lambda t: t.i)


def _clean(tokens) -> list[Token]:
    tokens = [t for t in tokens if not t.is_space]
    while tokens and (tokens[0].is_punct or (tokens[0].pos_ in ("DET", "PRON") and tokens[0].dep_ != "poss")):
        tokens = tokens[1:]
    while tokens and (
        tokens[0].lower_ in ("his", "her", "their", "its", "our", "my", "your", "the", "a", "an")
    ):
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct:
        tokens = tokens[:-1]
    return tokens


def _as_role(tokens: list[Token]) -> str | None:
    if not tokens or len(tokens) > _MAX_ROLE_WORDS:
        return None
    lowered = [t.lower_.strip(".") for t in tokens]
    if not any(w in ROLE_WORDS for w in lowered) or all(w in HONORIFICS for w in lowered):
        return None
    doc = tokens[0].doc
    text = text_of(doc)[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)]
    return " ".join(text.split())
