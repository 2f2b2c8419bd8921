"""Which place a place name in an article is, decided with what the article itself says.

Evidence, strongest first: an explicit container right after the name ("Rabat, Morocco",
"Alexandria, La."); the countries and regions the article names elsewhere (including through
demonyms and its dateline); then prominence (the gazetteer's order: population, with a capital or a
big city ahead of a region of the same name). Each candidate gets a score in powers of ten, so that
context outweighs population only when it is real: a country named in the article is worth a place
100 times larger.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from dateline.geo.gazetteer import Gazetteer, Place, fold
from dateline.geo.lexicon import DIRECTIONS, FEATURE_WORDS

_CANDIDATES = 25
_COUNTRY_BONUS = 2.0  # "Georgia" with no context is the country, "Niger" the country, not the state
_IN_NAMED_COUNTRY = 2.0
_IN_NAMED_REGION = 1.0
_ALTERNATE_NAME = -1.0  # "Iraq" is among Arak's alternate names; the name a place goes by comes first
_IN_CONTAINER = 10.0
_CONTAINER = re.compile(r",\s*((?:[A-Z][\w.'’\-]*)(?:\s+(?:of\s+)?[A-Z][\w.'’\-]*){0,3})")


@dataclass(frozen=True)
class Toponym:
    """A place name at `start:end`. `kind` is its entity label (GPE, LOC, FAC), "demonym", "misread"
    (a known place NER labelled otherwise), "embedded" (a place opening or closing an
    organisation's name) or "echo" (a name NER labels a place elsewhere in the article); the last
    three are guesses and resolve only to what the article supports."""

    start: int
    end: int
    text: str
    kind: str


@dataclass(frozen=True)
class Resolution:
    place: Place | None
    confidence: float | None


class Context:
    """The countries and regions an article names, as votes, and the container written after each
    place name (by the name's end offset)."""

    def __init__(self, gazetteer: Gazetteer, text: str, toponyms: Iterable[Toponym]) -> None:
        self.countries: dict[str, int] = {}
        self.regions: dict[tuple[str, str], int] = {}
        self.containers: dict[int, Place | None] = {}
        for toponym in toponyms:
            place = _evident(gazetteer, toponym)
            if place is not None:
                self.add(place)
            container = self.containers[toponym.end] = container_of(gazetteer, text, toponym.end)
            if container is not None:
                self.add(container)

    def add(self, place: Place) -> None:
        if place.country_code:
            self.countries[place.country_code] = self.countries.get(place.country_code, 0) + 1
        if place.feature == "region" and place.admin1:
            key = (place.country_code, place.admin1)
            self.regions[key] = self.regions.get(key, 0) + 1


def _evident(gazetteer: Gazetteer, toponym: Toponym) -> Place | None:
    """A place the name can only be, or a country whose name it is first: what context is made of."""
    if toponym.kind == "demonym":
        return gazetteer.demonym(toponym.text)
    if toponym.kind == "FAC":
        return None
    abbreviated = gazetteer.abbreviation(toponym.text)
    if abbreviated is not None:
        return abbreviated  # "N.B." heading the story makes its Saint John New Brunswick's
    candidates = gazetteer.lookup(toponym.text)
    if not candidates:
        return None
    if candidates[0].feature in ("country", "region") or len(candidates) == 1:
        return candidates[0]
    return None


def container_of(gazetteer: Gazetteer, text: str, end: int) -> Place | None:
    """The country or region named right after a place, behind a comma: "Rabat, Morocco",
    "Alexandria, La.", "Pandi, Bulacan"."""
    match = _CONTAINER.match(text, end)
    if match is None:
        return None
    words = match.group(1).split()
    # Longest first: "Rio de Janeiro, New South Wales" tries "New South Wales" before "New".
    for n in range(len(words), 0, -1):
        place = gazetteer.area(" ".join(words[:n]).rstrip(",;:"))
        if place is not None:
            return place
    return None


def resolve(gazetteer: Gazetteer, toponym: Toponym, context: Context) -> Resolution:
    if toponym.kind == "FAC":
        return Resolution(None, None)  # buildings and bridges are not in the gazetteer; towns that
        # share their names ("White House", Tennessee) would be wrong
    if toponym.kind == "demonym":
        place = gazetteer.demonym(toponym.text)
        return Resolution(place, 1.0 if place else None)
    if all(w.lower() in DIRECTIONS or w.lower() in FEATURE_WORDS for w in toponym.text.split()):
        # "the West", "the Midwest": a direction, not a place's name; "the Gulf" (Reuters, of
        # the Persian Gulf, 26 times in 600 stories) is not Papua New Guinea's Gulf province
        return Resolution(None, None)
    state = gazetteer.abbreviation(toponym.text)
    if state is not None:
        return Resolution(state, 1.0)  # "Conn.", "Calif."
    candidates = list(gazetteer.lookup(toponym.text)[:_CANDIDATES])
    if toponym.kind == "LOC":
        # LOC names seas, mountains, continents and regions; a town of the same name is a guess.
        candidates = [c for c in candidates if c.feature != "city"]
    if toponym.kind in ("misread", "embedded"):
        candidates = _guessed(toponym, candidates, context)
    elif _acronym(toponym.text) and toponym.kind != "GPE":
        candidates = [c for c in candidates if c.feature == "country"]  # "FAO" is no place
    if not candidates:
        return Resolution(None, None)
    container = context.containers.get(toponym.end)
    if candidates[0].feature in ("country", "region") and fold(candidates[0].name) == fold(toponym.text):
        container = None  # "Iraq, Iran and Syria", "Wyoming, Michigan and Ohio": a list, not a container
    scores = _prominence(candidates)
    for i, candidate in enumerate(candidates):
        if candidate.feature in ("country", "other"):
            scores[i] += _COUNTRY_BONUS
        if context.countries.get(candidate.country_code):
            scores[i] += _IN_NAMED_COUNTRY
        if candidate.feature == "city" and context.regions.get((candidate.country_code, candidate.admin1)):
            scores[i] += _IN_NAMED_REGION
        if container is not None and _inside(candidate, container):
            scores[i] += _IN_CONTAINER
        if candidate.feature == "city" and fold(candidate.name) != fold(toponym.text):
            scores[i] += _ALTERNATE_NAME
    best = max(range(len(candidates)), key=lambda i: (scores[i], -i))
    top = scores[best]
    confidence = 1.0 / sum(10 ** (s - top) for s in scores)
    return Resolution(candidates[best], round(confidence, 3))


def _guessed(toponym: Toponym, candidates: list[Place], context: Context) -> list[Place]:
    """For a name NER did not call a place: only places that go by exactly that name (no alternate
    names: "White House" is one of Casablanca's), countries aside ("U.S."), and, for a town or a
    region, only in a country the article names. Initials without periods ("MAC", "UGA") are
    organisations more often than countries."""
    if _acronym(toponym.text) and "." not in toponym.text and len(toponym.text) > 2:
        return []
    return [
        c
        for c in candidates
        if c.feature == "country"
        or (fold(c.name) == fold(toponym.text) and context.countries.get(c.country_code))
    ]


def _acronym(name: str) -> bool:
    letters = name.replace(".", "")
    return letters.isupper() and len(letters) <= 4


def _prominence(candidates: list[Place]) -> list[float]:
    """Population in powers of ten, made to fall along the gazetteer's order, which already puts a
    capital before a bigger region of the same name."""
    scores = [math.log10(c.population + 10) for c in candidates]
    for i in range(len(scores) - 2, -1, -1):
        scores[i] = max(scores[i], scores[i + 1] + 0.1)
    return scores


def _inside(place: Place, container: Place) -> bool:
    if place.country_code != container.country_code or place == container:
        return False
    return container.feature == "country" or (
        container.feature == "region" and place.admin1 == container.admin1 and place.feature == "city"
    )


def place_named(gazetteer: Gazetteer, written: str) -> Place | None:
    """The place a short written location names, outside any article: "Mukachevo, Ukraine",
    "Atlanta", "Johnstown, Pennsylvania", "The Hague". A container after the comma narrows it;
    otherwise the most prominent place of the name."""
    head, _, rest = written.partition(",")
    head = head.strip().removeprefix("the ").removeprefix("The ")
    candidates = gazetteer.lookup(head)[:_CANDIDATES] or gazetteer.lookup(written.strip())[:_CANDIDATES]
    if not candidates:
        return None
    container = gazetteer.area(rest.strip()) if rest.strip() else None
    if container:
        inside = [c for c in candidates if _inside(c, container)]
        if inside:
            return inside[0]
    return candidates[0]
