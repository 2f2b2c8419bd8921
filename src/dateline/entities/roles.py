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
# Prepositions that tie a role to where it is held: "president of the union", "economist at
# Berenberg", "spokesman for the ministry".
_ROLE_PREPOSITIONS = ("of", "at", "for")


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
        return _longest_role([root.head], skip=root)
    # "Mevlut Cavusoglu, Turkey’s foreign minister": the parse may split one appositive in two.
    appositives = [c for c in root.children if c.dep_ == "appos" and c.i >= name.end]
    if not appositives:
        return None
    role = _longest_role(appositives)
    if role is None and len(appositives) > 1:
        # "Arnaud Rousseau, head of the FNSEA, France's biggest farming union": two appositives,
        # the second about the union; the first is the role
        role = _longest_role(appositives[:1])
    return role


def _longest_role(heads: list[Token], skip: Token | None = None) -> str | None:
    """The role the appositive heads say, with where it is held ("economist at Berenberg") when
    that is short enough, else with "of" alone ("professor of economics")."""
    for ties in (_ROLE_PREPOSITIONS, ("of",)):
        tokens = sorted({t for head in heads for t in _phrase_without(head, skip, ties)}, key=lambda t: t.i)
        role = _as_role(_clean(tokens))
        if role is not None:
            return role
    return None


def _phrase_without(head: Token, skip: Token | None, ties: tuple[str, ...]) -> list[Token]:
    """The head noun with its premodifiers and possessor and its prepositional phrases led by
    `ties`, not its clauses or the skipped appositive."""
    tokens = [head]
    for child in head.lefts:
        tokens.extend(child.subtree)
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in ties and child is not skip:
            tokens.extend(child.subtree)  # "Secretary of State", "a senior fellow at the Health Foundation"
    return [t for t in tokens if skip is None or t not in list(skip.subtree)]


_DASHES = ("-", "--", "–", "—")


def _clean(tokens) -> list[Token]:
    tokens = [t for t in tokens if not t.is_space]
    dashes = [k for k, t in enumerate(tokens) if t.text in _DASHES and t.whitespace_]  # not "vice-chair"
    if dashes:
        tokens = tokens[dashes[-1] + 1 :]  # "March 30 - Investor": a dateline runs into the role
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
    last = tokens[-1]
    if not last.whitespace_ and last.i + 1 < len(last.doc) and last.doc[last.i + 1].text in ("-", "‐"):
        return None  # "vice" of "vice-chair of the MPA": a word the parse cut in two
    lowered = [t.lower_.strip(".") for t in tokens]
    if not any(w in ROLE_WORDS for w in lowered) or all(w in HONORIFICS for w in lowered):
        return None
    doc = tokens[0].doc
    text = text_of(doc)[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)]
    return " ".join(text.split())
