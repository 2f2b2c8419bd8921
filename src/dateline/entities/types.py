"""Correcting spaCy's entity labels with evidence from the article and the gazetteer.

The small English model calls "Kyiv" a PERSON and "Mariupol" an ORG, "Kuleba" a GPE and "Ukrainian" a
GPE. Each correction here needs two kinds of evidence, never a lookup alone: what the name is known
as (a place in the gazetteer, a person named in full elsewhere in the article) and how the sentence
uses it (after "in", before ", Ukraine", after "President").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from dateline.entities.lexicon import (
    DEMONYM_ENDINGS,
    ORG_WORDS,
    PERSON_TITLES,
    PLAY_VERBS,
    TABLE_WORDS,
    TEAM_ROLES,
)
from dateline.entities.names import NAME_LABELS, NAME_WORD, name_words
from dateline.entities.roles import ROLE_WORDS
from dateline.geo.gazetteer import Gazetteer, Place, by_own_name, fold, is_initialism
from dateline.geo.lexicon import (
    DIRECTIONS,
    FACILITY_WORDS,
    FEATURE_WORDS,
    LOCATIVE,
    PLACE_NOUNS,
    PLURAL_PLACE_NOUNS,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc

_ROW_CHARS = 300
_MIN_CITY_POPULATION = 15_000  # smaller towns share too many names with people


@dataclass
class LabelEvidence:
    """What the article says about names, gathered once per document."""

    doc: Doc
    gazetteer: Gazetteer
    text: str
    person_names: list[tuple[str, ...]] = field(default_factory=list)  # multi-word PERSON names
    teams: set[str] = field(default_factory=set)  # places the article shows playing: clubs throughout

    _common: set[str] | None = None
    _by_word: dict[str, list[tuple[str, ...]]] | None = None

    def common_words(self) -> set[str]:
        """Words the article writes in lower case (or function words): "Human" heading a table is
        not the town of Human. Computed on first use, as most articles never ask."""
        if self._common is None:
            self._common = {t.lower_ for t in self.doc if t.is_lower or t.is_stop}
        return self._common

    def place(self, name: str) -> Place | None:
        for place in self.gazetteer.lookup(name):
            if place.feature != "city" or place.population >= _MIN_CITY_POPULATION:
                return place
        return None

    def person_part(self, name: str) -> bool:
        """ "Kuleba" when the article names "Dmytro Kuleba" as a person."""
        words = name_words(name)
        if not words:
            return False
        if self._by_word is None:  # full names by each of their words, built on first use
            self._by_word = {}
            for full in self.person_names:
                for word in full:
                    self._by_word.setdefault(word, []).append(full)
        return any(
            len(full) > len(words) and all(w in full for w in words)
            for full in self._by_word.get(words[0], ())
        )

    def demonym(self, name: str) -> bool:
        """ "Rwandan", "Tajik", "Briton": one word that is not a place itself but the start of a
        country's name (or its alias) with a nationality ending, or that ending's stem."""
        word = name.strip()
        if " " in word or not word[:1].isupper() or self.gazetteer.lookup(word):
            return False
        lower = fold(word)
        stem = next((lower[: -len(end)] for end in DEMONYM_ENDINGS if lower.endswith(end)), None)
        if stem is None or len(stem) < 4:
            return False  # "Bosnia", "Belarus": a country's name, not its people
        return stem in self.gazetteer.country_prefixes

    def plays(self, start: int, end: int) -> bool:
        """A team named after its home: a row of a results table ("CHICAGO 72 50 .590", "Surrey 216
        and 12-0"), or the subject or object of a verb of play ("Leicestershire beat Somerset").
        National sides keep their country's label, as wire style has it."""
        text = self.text
        # a table row is short: look no further than this for the ends of the line
        floor = max(0, start - _ROW_CHARS)
        line_start = text.rfind("\n", floor, start)
        line_end = text.find("\n", end, end + _ROW_CHARS)
        line = text[
            line_start + 1 if line_start >= 0 else floor : line_end if line_end >= 0 else end + _ROW_CHARS
        ]
        words = line.split()
        numbers = sum(1 for w in words if any(map(str.isdigit, w)))
        lower = sum(1 for w in words if w[:1].islower() and w not in TABLE_WORDS)
        if numbers >= 2 and lower == 0 and numbers * 3 >= len(words):
            return True
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return False
        root = span.root
        head = root.head if root.dep_ in ("nsubj", "dobj", "pobj") else None
        if head is not None and root.dep_ == "pobj" and head.head is not None:
            head = head.head  # "drew with Somerset", "lost to Kent"
        return head is not None and head.lemma_.lower() in PLAY_VERBS

    def employer(self, start: int) -> bool:
        """Where someone works: "an analyst at [Jefferies]", "a trader at [Peel Hunt]"."""
        words = self._words_before(start, 40)
        return len(words) >= 2 and words[-1] == "at" and words[-2].lower().strip(",") in ROLE_WORDS

    def role_ahead(self, end: int, titled: bool = False) -> str | None:
        """The word for a role between a name and a person's: "[Unison] regional organiser Sarah
        Jones"; with `titled`, a title in capitals too: "[NSW] Housing Minister, Rose Jackson"."""
        words = self.text[end : end + 60].split()[:4]
        for i, word in enumerate(words[:3]):
            role = word.lower().rstrip(",")
            if role in ROLE_WORDS:
                return role if i + 1 < len(words) and _NAME_START.match(words[i + 1]) else None
            if not word.isalpha() or not (word.islower() or titled):
                return None
        return None

    def thing(self, end: int) -> bool:
        """Followed by ", which": "Dell, which employs 13,000 people" is no person."""
        return self.text.startswith((", which ", " which "), end)

    def before(self, start: int) -> str:
        words = self._words_before(start)
        return words[-1].lower().strip(".,") if words else ""

    def _words_before(self, start: int, chars: int = 30) -> list[str]:
        return self.text[max(0, start - chars) : start].split()

    def locative(self, start: int, end: int) -> bool:
        """Used as a place: after "in", "from", "near" ..., after a place and "and" ("Plymouth and
        Exeter"), before a container ("Rabat, Morocco") or an appositive that says what kind of place
        it is ("Mariupol, a key southern port city")."""
        if self.before(start) in LOCATIVE or self._a_direction_of(start):
            return True
        if self._after_a_place_and(start, end) or self._listed_after_places(start):
            return True
        listed = _LISTED_PLACES.match(self.text, end, min(len(self.text), end + 80))
        if listed is not None and (listed.group(1) or listed.group(2)).lower() in PLURAL_PLACE_NOUNS:
            return True
        after = self.text[end : end + 60]
        if not after.startswith(", "):
            return False
        following = after[2:].split(",")[0].split(".")[0].strip()
        if following[:1].isupper() and self.place(following) is not None:
            return True
        words = [w.lower() for w in following.split()]
        return bool(words) and words[0] in ("a", "an", "the") and any(w in PLACE_NOUNS for w in words[1:5])

    def _a_direction_of(self, start: int) -> bool:
        """ "north of La Cañada Flintridge", "30 miles east of Mosul"."""
        words = self._words_before(start)
        return len(words) >= 2 and words[-1] == "of" and words[-2].lower() in _COMPASS

    def _listed_after_places(self, start: int) -> bool:
        """ "in Moncton, Saint John and Fredericton": a name the parse joins to a list whose first
        name follows a word that says where, every name before it a place (NER's, or the
        gazetteer's and nobody's name)."""
        span = self.doc.char_span(start, start + 1, alignment_mode="expand")
        if span is None:
            return False
        token, members = span[0].head if span[0].dep_ == "compound" else span[0], 0
        while token.dep_ == "conj" and token.head.i < token.i:
            token = token.head
            first = min([c.i for c in token.children if c.dep_ == "compound"] + [token.i])
            name = self.doc[first : token.i + 1]
            known = self.place(name.text) is not None and not self.person_part(name.text)
            if not (known or token.ent_type_ in ("GPE", "LOC")):
                return False
            members += 1
        return members > 0 and token.dep_ == "pobj" and token.head.lower_ in LOCATIVE

    def _after_a_place_and(self, start: int, end: int) -> bool:
        """ "Plymouth and Exeter": after "and" or "or" and a name NER calls a place ("David and
        Bryan" are not, though David is a town in Panama)."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None or span.start < 2 or self.doc[span.start - 1].lower_ not in ("and", "or"):
            return False
        return self.doc[span.start - 2].ent_type_ in ("GPE", "LOC")


_NAME = re.compile(rf"{NAME_WORD}(?: {NAME_WORD}){{1,2}}")  # two or three words of a name
# What follows a name in a list closed by a plural noun for places: "[Kericho], Bomet and Nandi
# counties", "Bomet and Nandi counties", "[Nandi] counties".
_LISTED_NAME = r"[A-Z][\w'’-]*(?: [A-Z][\w'’-]*)?"
_LISTED_PLACES = re.compile(rf"(?:,? {_LISTED_NAME})*,? (?:and|or) {_LISTED_NAME} (\w+)|\s(\w+)")
_COMPASS = DIRECTIONS - {"central", "centre", "center", "far", "middle"}  # "north of", not "centre of"
_NAME_START = re.compile(r"[A-Z][a-z]")
_ONE_INITIAL = re.compile(r"[A-Z]\. ?[A-Z][a-z]*[A-Z]?[a-z]+(?:['’-][A-Z]?[a-z]+)?")


def ends_like_an_org(name: str) -> bool:
    words = name.split()
    return len(words) > 1 and words[-1].lower().strip(".") in ORG_WORDS


def corrected_label(evidence: LabelEvidence, start: int, end: int, label: str, demonym_use: bool) -> str:
    if label not in NAME_LABELS:
        return label
    name = evidence.text[start:end]
    place = evidence.place(name)
    corrected = _by_name_and_use(evidence, start, end, label, name, place, demonym_use)
    national = place is not None and place.feature == "country"
    if corrected in ("GPE", "LOC") and not national and evidence.plays(start, end):
        evidence.teams.add(fold(name))
        return "ORG"  # "Leicestershire beat Somerset", "CHICAGO 72 50 .590": a club, not a place
    return corrected


def _by_name_and_use(
    evidence: LabelEvidence,
    start: int,
    end: int,
    label: str,
    name: str,
    place: Place | None,
    demonym_use: bool,
) -> str:
    if label != "PERSON" and _ONE_INITIAL.fullmatch(name):
        return "PERSON"  # "H. Morris", "M. McCague"
    if is_initialism(name) and evidence.gazetteer.abbreviation(name) is not None:
        return "GPE"  # "L.A.", "N.Y.", "N.B. nurses vote ...": initials news gives a place
    if label in ("PERSON", "GPE") and evidence.demonym(name):
        return "NORP"  # "Rwandan", "Tajik", "Briton"
    following = evidence.text[end : end + 20].split()
    if (
        label in ("PERSON", "ORG", "NORP")
        and following
        and following[0].lower().strip(".,;:") in FEATURE_WORDS
        and not evidence.demonym(name)  # "the Indonesian island of Java": whose, not which
    ):
        return "LOC"  # "the Bosporus strait": a natural feature's name
    if (
        label in ("PERSON", "ORG", "GPE")
        and " " in name
        and name.split()[-1].lower() in FACILITY_WORDS
        and not evidence.plays(start, end)  # "Crystal Palace beat Arsenal": a club
    ):
        return "FAC"  # "the Dolmabahce Palace": a building
    locative = evidence.locative(start, end)
    titled = evidence.before(start) in PERSON_TITLES
    if (
        label in ("ORG", "GPE", "LOC", "FAC")
        and place is None
        and evidence.before(start) in ROLE_WORDS
        and _NAME.fullmatch(name)
        and not ends_like_an_org(name)
    ):
        return "PERSON"  # "Police spokeswoman Resila Onyango": a name after a word for a role
    person_part = evidence.person_part(name)
    if (
        label in ("PERSON", "GPE", "LOC")
        and place is None
        and not person_part
        and (
            evidence.employer(start)
            or (label == "PERSON" and evidence.thing(end))
            or (label != "PERSON" and evidence.role_ahead(end) is not None)
        )
    ):
        return "ORG"  # "a trader at Peel Hunt", "Dell, which employs ...", "Unison organiser Sarah Jones"
    if label == "PERSON":
        if place is None or person_part or titled:
            return label
        return "GPE" if locative or place.feature != "city" else label
    if person_part and not locative and not (place is not None and place.feature == "country"):
        return "PERSON"  # "Kuleba advised ...", "Chaly said"
    if label == "ORG" and place is not None and place.feature in ("country", "region"):
        role = evidence.role_ahead(end, titled=True)
        if role is not None and role not in TEAM_ROLES:
            return "GPE"  # "NSW Housing Minister, Rose Jackson": whose minister
    if label == "FAC" and place is not None:
        return "GPE"  # a building is not named "Somerset": NER's FAC for a known place is the place
    if label == "ORG" and place is not None and (place.feature == "country" or locative):
        # "no different from Google": "from" is weak evidence, and Google only one of Topeka's names
        return "GPE" if by_own_name(place, name) else label
    if label == "NORP" and place is not None and not demonym_use:
        return "GPE"  # "Tajikistan", "BUCHAREST" tagged as a nationality
    if label in ("PERSON", "GPE", "LOC") and place is None and ends_like_an_org(name):
        return "ORG"  # "Manchester United", "Hindustan Copper Ltd", "Leeds Rhinos Club"
    if label == "GPE" and demonym_use and place is None:
        return "NORP"  # "Ukrainian cities": an adjective of nationality, not a place
    return label
