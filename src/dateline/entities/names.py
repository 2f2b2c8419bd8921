"""Names as written and as keyed: the words a mention names, and the key an entity joins on."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from dateline.entities.lexicon import HONORIFICS
from dateline.geo.gazetteer import fold

_NUMBER = re.compile(r"[\d.,:=/-]*\d[\d.,:=/-]*")  # "296", "2-1", "60.74", "6="
_POSSESSIVE = ("’s", "'s", "’", "'")
_EDGE = " \t\n\"“”‘’'«»()[]{},;:!?—–-"
_LEADING_ARTICLE = re.compile(r"^(?:the|The|THE)\s+")
# One word of a person's name as news prints it: "Onyango", "O’Brien", "Ndung'u", "Smith-Jones".
NAME_WORD = r"[A-Z][a-z]+(?:['’-][A-Z]?[a-z]+)*"

# Labels that name things (as opposed to DATE, MONEY, CARDINAL ...), and the family each belongs to
# in an entity key: "Moscow" tagged GPE in one article and LOC in another is the same place.
KEY_FAMILY = {
    "PERSON": "person",
    "ORG": "org",
    "GPE": "place",
    "LOC": "place",
    "FAC": "facility",
    "NORP": "group",
    "EVENT": "event",
    "PRODUCT": "product",
    "WORK_OF_ART": "work",
    "LAW": "law",
    "LANGUAGE": "language",
}
ENTITY_LABELS = frozenset(KEY_FAMILY)
# Of those, the labels of people, organisations, places, nationalities and facilities: the types the
# entity layer corrects between each other, and the words that keep their capital in a speaker.
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"})


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The name inside a mention: no leading "the", no possessive, no quotation marks or punctuation at
    the edges ("the European Union" -> "European Union", "Erdogan’s" -> "Erdogan")."""
    while start < end and text[start] in _EDGE:
        start += 1
    match = _LEADING_ARTICLE.match(text[start:end])
    if match and end - start > match.end():
        start += match.end()
    # "Interfax news agency", "Lithuania 2-1": a name ends with a capitalised word, not a common noun
    # or a score
    words = text[start:end].split(" ")
    while len(words) > 1 and (words[-1][:1].islower() or _NUMBER.fullmatch(words[-1])):
        words.pop()
        end = start + len(" ".join(words))
    while len(words) > 1 and (_NUMBER.fullmatch(words[0]) or not any(ch.isalnum() for ch in words[0])):
        start += len(words.pop(0)) + 1  # "7 - Chris Walker", "( Australia" in a results table
    changed = True
    while changed and start < end:
        changed = False
        for suffix in _POSSESSIVE:
            if text.endswith(suffix, start, end) and end - len(suffix) > start:
                end -= len(suffix)
                changed = True
                break
        while end > start and text[end - 1] in _EDGE and not text[start:end].endswith(("Jr.", "Inc.")):
            if text[end - 1] == "." and _is_abbreviation(text[start:end]):
                break
            end -= 1
            changed = True
    return start, end


def _is_abbreviation(name: str) -> bool:
    """ "U.S." and "Tod D." keep their final period; a sentence's period does not belong to a name."""
    last = name.split()[-1] if name.split() else ""
    return bool(re.fullmatch(r"(?:[A-Za-z]\.)+", last)) or last in (
        "Jr.",
        "Sr.",
        "Inc.",
        "Co.",
        "Corp.",
        "Ltd.",
    )


def entity_key(label: str, name: str) -> str:
    """Stable across documents: the label's family and the folded name ("person:john kirby")."""
    return f"{KEY_FAMILY.get(label, label.lower())}:{fold(name)}"


@lru_cache(maxsize=65536)
def name_words(name: str) -> tuple[str, ...]:
    """The capitalised words of a name, folded and without a possessive ("Erdogan’s" is "erdogan")
    or an honorific ("Ms Jones" is "jones"): what surnames and full names are matched on, by the
    entities and the speaker resolver alike."""
    words = (strip_possessive(w) for w in name.split() if w[:1].isupper())
    return tuple(folded for w in words if (folded := fold(w)) and folded not in HONORIFICS)


def honorifics_ahead(words: Sequence[str]) -> int:
    """How many honorifics and ranks open a name of these words and are no part of it ("Supt Ian
    Drummond-Smith", "Det Insp Jane Roe"), leaving at least two words ("Mr Smith" stays whole)."""
    count = 0
    while len(words) - count > 2 and words[count].lower().rstrip(".") in HONORIFICS:
        count += 1
    return count


def strip_possessive(text: str) -> str:
    """ "Erdogan’s" -> "Erdogan", "the officials’" -> "the officials"."""
    for suffix in _POSSESSIVE:
        if text.endswith(suffix) and len(text) > len(suffix):
            return text[: -len(suffix)].rstrip()
    return text
