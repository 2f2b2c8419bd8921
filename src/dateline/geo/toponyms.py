"""Which words of an article name places, in what role (a mention, the dateline, where a credited
reporter filed from), and which GeoNames place each is: the analysis behind the `locations` table,
run once per article by the `dateline_toponyms` component (`doc._.places`).

Candidates are NER's places and demonyms, and what NER missed but the article and the gazetteer
support: a known place NER labelled otherwise, a country or region opening or closing an
organisation's name, a name NER calls a place elsewhere in the article, a capitalised name before a
word for a natural feature.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dateline.docs import text_of
from dateline.geo.gazetteer import Gazetteer, Place, by_own_name, fold, load_gazetteer
from dateline.geo.lexicon import DISEASE_WORDS, FEATURE_WORDS, LOCAL_BODIES, WELL_KNOWN_CITY_POPULATION
from dateline.geo.resolve import Context, Resolution, Toponym, resolve

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from dateline.entities.resolve import Entity


@dataclass(frozen=True)
class PlaceMention:
    """A place name in the article, its role ("mention", "dateline" or "byline") and what it
    resolves to."""

    toponym: Toponym
    role: str
    resolution: Resolution


PLACE_LABELS = ("GPE", "LOC", "FAC")
MISREAD_LABELS = ("ORG", "PRODUCT", "WORK_OF_ART")
GUESSES = ("misread", "embedded", "echo")  # toponym kinds NER did not label a place
# "the Bosporus strait", "the Dnipro River": a capitalised name before a word for a natural feature
# is a place even when NER passes it by.
_FEATURES = "|".join(sorted(FEATURE_WORDS))
_NAMED_FEATURE = re.compile(rf"\b((?:[A-Z][\w’'\-]+ )*[A-Z][\w’'\-]+) (?:{_FEATURES})\b")


def find_places(doc: Doc) -> list[PlaceMention]:
    """Every place the article names, in text order, with its role and the place it resolves to.
    Reads the article's entities, dateline and credit lines from `doc._`."""
    text = text_of(doc)
    gazetteer = load_gazetteer()
    toponyms = _toponyms(doc, text, gazetteer)
    roles = {(t.start, t.end): "mention" for t in toponyms}
    dateline = doc._.dateline
    if dateline is not None and (not dateline.bare or gazetteer.lookup(dateline.place)):
        span = (dateline.start, dateline.end)
        if span not in roles:
            toponyms.append(Toponym(dateline.start, dateline.end, dateline.place, "GPE"))
        roles[span] = "dateline"
        toponyms.sort(key=lambda t: t.start)
    for credit in doc._.credits:
        if credit.location is not None and credit.location_start is not None:
            span = (credit.location_start, credit.location_start + len(credit.location))
            for toponym in toponyms:
                if span[0] <= toponym.start < span[1]:
                    roles[(toponym.start, toponym.end)] = "byline"  # "Stern reported from Mukachevo"
    context = Context(gazetteer, text, toponyms)
    resolutions = {t: resolve(gazetteer, t, context) for t in toponyms if t.kind != "echo"}
    named = _place_per_name(resolutions)
    places = []
    for toponym in toponyms:
        if _names_a_disease(text, toponym):
            continue
        resolution = resolutions.get(toponym) or Resolution(None, None)
        if resolution.place is None and toponym.kind != "FAC":  # buildings stay unresolved
            resolution = named.get(fold(toponym.text), resolution)
        if resolution.place is None and toponym.kind in GUESSES:
            continue  # only NER's own place names are kept unresolved; these were guesses
        places.append(PlaceMention(toponym, roles[(toponym.start, toponym.end)], resolution))
    return places


def _place_per_name(resolutions: dict[Toponym, Resolution]) -> dict[str, Resolution]:
    """For each name NER calls a place, the place its most confident mention resolved to: what the
    name's other mentions in the article mean when they resolve to nothing themselves. Only a place
    that goes by the name itself: an alternate name ("Sky" is one of Skee's) is too weak to spread."""
    named: dict[str, Resolution] = {}
    for toponym, resolution in resolutions.items():
        if toponym.kind not in ("GPE", "LOC") or resolution.place is None:
            continue
        if not by_own_name(resolution.place, toponym.text):
            continue
        key = fold(toponym.text)
        if key not in named or (resolution.confidence or 0) > (named[key].confidence or 0):
            named[key] = resolution
    return named


def _names_a_disease(text: str, toponym: Toponym) -> bool:
    """Marburg virus, Lyme disease, Rift Valley fever: a place's name inside a disease's."""
    following = text[toponym.end : toponym.end + 16].split()
    word = following[0].lower().strip(".,;:") if following else ""
    return word.endswith(DISEASE_WORDS)  # "Reston ebolavirus" too


def _toponyms(doc: Doc, text: str, gazetteer: Gazetteer) -> list[Toponym]:
    toponyms = []
    taken: list[tuple[int, int]] = []
    others = []
    found = doc._.entities
    for mention in found.mentions:
        if mention.label in PLACE_LABELS:
            toponyms.append(Toponym(mention.start, mention.end, mention.text, mention.label))
        elif mention.label == "NORP" and gazetteer.demonym(mention.text) is not None:
            toponyms.append(Toponym(mention.start, mention.end, mention.text, "demonym"))
        else:
            others.append(mention)
        taken.append((mention.start, mention.end))
    # One place per name in an article: a name NER calls a place somewhere is that place wherever
    # the article writes it alone, whatever the label there ("Officials in Dadaab, Kenya" and
    # "Kenya's overcrowded Dadaab camps", the second read as a nationality).
    places = {fold(t.text) for t in toponyms if t.kind in ("GPE", "LOC")}
    for mention in others:
        entity = found.entities[mention.entity] if mention.entity is not None else None
        if fold(mention.text) in places and not _longer_name(entity, mention.text):
            toponyms.append(Toponym(mention.start, mention.end, mention.text, "echo"))
        elif (
            mention.label in MISREAD_LABELS
            and mention.text[:1].isupper()
            and _known_place(gazetteer, mention.text)
        ):
            # NER reads "most of Harare" or "the town of Kisumu" as an organisation now and then.
            toponyms.append(Toponym(mention.start, mention.end, mention.text, "misread"))
        elif mention.label == "ORG":
            toponyms += _places_in_a_name(gazetteer, mention.start, mention.text)
    for match in _NAMED_FEATURE.finditer(text):
        start, end = match.span(1)
        if not any(s < end and start < e for s, e in taken) and not _sentence_initial(text, start):
            toponyms.append(Toponym(start, end, match.group(1), "LOC"))
    return sorted(toponyms, key=lambda t: t.start)


def _longer_name(entity: Entity | None, written: str) -> bool:
    """Whether the mention is short for a longer name of a person or organisation ("Jackson" of
    "Lisa Jackson"): then it is not the place of that name."""
    return entity is not None and entity.label in ("PERSON", "ORG") and fold(entity.name) != fold(written)


def _known_place(gazetteer: Gazetteer, name: str) -> bool:
    """A country, a region, or a city of 100,000 people by its own name: a name NER's label does
    not outweigh."""
    candidates = gazetteer.lookup(name)
    return (
        bool(candidates)
        and _written_as(candidates[0], name)
        and (
            _names_an_area(candidates[0])
            or (candidates[0].population >= WELL_KNOWN_CITY_POPULATION and by_own_name(candidates[0], name))
        )
    )


# A short word with a capital inside: an abbreviation ("BoE", "DfT", "PwC"), not a place's name.
_ABBREVIATION = re.compile(r"\b(?=\w{2,4}\b)\w*[a-z][A-Z]")


def _written_as(place: Place, name: str) -> bool:
    """Whether a name NER did not call a place may still be this one by its spelling: "BoE" (the
    Bank of England) is not the region Boe, where "KwaZulu-Natal" and "DeKalb" are places. Matching
    folds case, so a capital inside a short word is the abbreviation's mark."""
    return not _ABBREVIATION.search(name) or name == place.name


def _names_an_area(place: Place) -> bool:
    """A country, or a region where people live: one that holds no town of 500 people (a rural
    district in Alberta called "Standard") is no evidence that a word of an organisation's name
    is a place ("Standard Oil", "Standard and Poor's": 13 rows in 600 Reuters stories)."""
    return place.feature == "country" or (place.feature == "region" and place.population > 0)


def _places_in_a_name(gazetteer: Gazetteer, start: int, name: str) -> list[Toponym]:
    """The country or region that opens or closes an organisation's name: the U.S. of "U.S. Centers
    for Disease Control", the California of "California Department of Health", the Canada of "Taco
    Bell Canada"; and the town whose own body the organisation is: the Gainesville of "Gainesville
    Police", the Dublin of "Dublin City Council". Other towns are left out: the Washington of
    "Washington Post" is a newspaper's name."""
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", name)]
    for n in range(min(len(words) - 1, 3), 0, -1):
        for first, last in ((0, n - 1), (len(words) - n, len(words) - 1)):
            part = name[words[first][0] : words[last][1]]
            candidates = gazetteer.lookup(part)
            if not candidates or not part[:1].isupper() or not _written_as(candidates[0], part):
                continue
            local_body = first == 0 and name[words[n][0] : words[n][1]].lower() in LOCAL_BODIES
            if _names_an_area(candidates[0]) or local_body:
                offset = start + words[first][0]
                return [Toponym(offset, offset + len(part), part, "embedded")]
    return []


def _sentence_initial(text: str, start: int) -> bool:
    """A capital after a sentence end is no evidence of a name ("Dry river beds ...")."""
    before = text[max(0, start - 3) : start].rstrip()
    return not before or before[-1] in '.!?\n"“'
