"""From a parsed document to its entities: clean the mentions, correct their labels, find the
occurrences NER missed, group them and name each group."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from dateline.docs import text_of
from dateline.entities.capitals import shouting_lines
from dateline.entities.lexicon import TEAM_ROLES
from dateline.entities.names import ENTITY_LABELS, NAME_LABELS, NAME_WORD, entity_key, name_words, trim
from dateline.entities.roles import ROLE_WORDS, role_of
from dateline.entities.types import LabelEvidence, corrected_label, ends_like_an_org
from dateline.geo.gazetteer import fold, load_gazetteer
from dateline.geo.lexicon import WELL_KNOWN_CITY_POPULATION

if TYPE_CHECKING:
    from spacy.tokens import Doc

_MIN_PROPAGATED_CHARS = 3
_PLACE_TITLES = ROLE_WORDS - TEAM_ROLES  # a title a place may come before: "Ontario Premier"
_PLACE_LABELS = ("GPE", "LOC")


@dataclass
class Mention:
    start: int
    end: int
    text: str
    label: str  # corrected
    ner_label: str | None  # spaCy's label; None when the mention was found by propagation
    source: str  # ner | propagated | pattern | gazetteer | dateline
    entity: int | None = None  # index into DocEntities.entities


@dataclass
class Entity:
    index: int
    name: str
    label: str
    role: str | None
    mentions: list[Mention] = field(default_factory=list)

    @property
    def key(self) -> str:
        return entity_key(self.label, self.name)

    @property
    def first_start(self) -> int:
        return min(m.start for m in self.mentions)


@dataclass
class DocEntities:
    mentions: list[Mention]
    entities: list[Entity]

    def at(self, start: int, end: int) -> Entity | None:
        """The entity with a mention overlapping these offsets, people first."""
        index = bisect_right(self._starts, end) - 1  # mentions are sorted and never overlap
        hits = []
        while index >= 0:
            m = self.mentions[index]
            if m.end <= start:
                break
            if m.entity is not None and m.start < end:
                hits.append(self.entities[m.entity])
            index -= 1
        return min(hits, key=lambda e: e.label != "PERSON") if hits else None

    def named(self, name: str) -> Entity | None:
        return self._by_name.get(name)

    def __post_init__(self) -> None:
        self._starts = [m.start for m in self.mentions]
        self._by_name: dict[str, Entity] = {}
        for entity in self.entities:
            self._by_name.setdefault(entity.name, entity)


def resolve_entities(doc: Doc) -> DocEntities:
    """The entities of a parsed article: what the `dateline_entities` component puts on
    `doc._.entities`, where every extractor reads it."""
    capitals = shouting_lines(text_of(doc))
    mentions = _with_dateline_place(doc, _raw_mentions(doc))
    evidence = LabelEvidence(doc, load_gazetteer(), text_of(doc))
    evidence.person_names = [
        words for m in mentions if m.label == "PERSON" and len(words := name_words(m.text)) > 1
    ]
    mentions += _propagated(doc, mentions, capitals)
    mentions += _initialled_names(doc, mentions)
    mentions += _gazetteer_places(doc, mentions, evidence)
    for mention in mentions:
        mention.label = corrected_label(
            evidence, mention.start, mention.end, mention.label, _demonym_use(doc, mention)
        )
    _vote_by_name(mentions, evidence)
    mentions.sort(key=lambda m: (m.start, m.end))
    entities = _group(mentions, evidence)
    for entity in entities:
        if entity.label == "PERSON":
            entity.role = _first_role(doc, entity)
    return DocEntities(mentions, entities)


def _raw_mentions(doc: Doc) -> list[Mention]:
    text = text_of(doc)
    found = [piece for e in doc.ents for piece in _pieces(text, e.start_char, e.end_char, e.label_, "ner")]
    mentions = []
    for start, end, label, source in found:
        if label in ENTITY_LABELS:
            start, end = trim(text, start, end)
        else:
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
        if end > start and any(ch.isalnum() for ch in text[start:end]):
            if label in ENTITY_LABELS and not any(ch.isupper() for ch in text[start:end]):
                continue  # "n’t" of "wasn’t" tagged GPE: a name has a capital ("eBay", "iPhone")
            if label in ENTITY_LABELS and _ROMAN_NUMERAL.fullmatch(text[start:end]):
                continue  # "II" of "phase II" tagged GPE: a number, not a name
            mentions.append(Mention(start, end, text[start:end], label, label, source))
    return mentions


def _with_dateline_place(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """The place a dateline names is a place, whole: NER reads "Deir el-Balah, Gaza –" at a
    story's start as the person "Deir". Unless NER found it whole, its mentions there give way to
    one GPE."""
    dateline = doc._.dateline
    if dateline is None or dateline.bare:
        return mentions
    start, end = dateline.start, dateline.end
    if any(m.start == start and m.end == end for m in mentions):
        return mentions  # NER has it whole ("IRVINE, Calif.")
    kept = [m for m in mentions if m.end <= start or m.start >= end]
    place = Mention(start, end, text_of(doc)[start:end], "GPE", None, "dateline")
    return sorted([*kept, place], key=lambda m: (m.start, m.end))


_ROMAN_NUMERAL = re.compile(r"I{2,3}|IV|VI{1,3}|IX")  # not XI, which a line in capitals may mean as Xi
_SEPARATOR = re.compile(r" (?:\(|-|,|\)) ")


def _pieces(text: str, start: int, end: int, label: str, source: str) -> list[tuple[int, int, str, str]]:
    """ "Scott Draper ( Australia", "Romania - Cosmin Contra": NER ran a results table's cells
    together; a name never holds a spaced bracket, dash or comma, so each cell is its own mention."""
    if label not in ENTITY_LABELS:
        return [(start, end, label, source)]
    cuts = [m.span() for m in _SEPARATOR.finditer(text, start, end)]
    if not cuts:
        return [
            piece
            for part in _person_after_role(text, start, end, label, source)
            for piece in _place_after_in(text, *part)
        ]
    bounds = [start] + [c for cut in cuts for c in cut] + [end]
    return [
        (bounds[i], bounds[i + 1], _cell_label(text[bounds[i] : bounds[i + 1]], label), source)
        for i in range(0, len(bounds), 2)
    ]


_IN_PLACE = re.compile(r" in (?=[A-Z])")
_NAME_AHEAD = re.compile(rf" {NAME_WORD} {NAME_WORD}")  # a person's name right after a mention
_NAME_WORD = re.compile(NAME_WORD)


def _person_after_role(
    text: str, start: int, end: int, label: str, source: str
) -> list[tuple[int, int, str, str]]:
    """ "Rinse FM DJ Clair Stirling", "Police spokeswoman Resila Onyango" read as one organisation:
    two or three capitalised words after a word for a role are a person's name, and what stands
    before the role word, if it is capitalised, keeps NER's label. "Rockhampton Mayor Tony Williams"
    read as one person is the same: the person is Tony Williams, and what stands before the role
    is kept only as the place it names (the role itself is read from the parse later)."""
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", text[start:end])]
    if label == "PERSON" and len(words) > 1:
        last = text[start + words[-1][0] : end]
        prefix = text[start : start + words[-2][1]]
        if last.lower().strip(".") in ROLE_WORDS and _NAME_AHEAD.match(text, end) and _is_place(prefix):
            return [(start, start + len(prefix), "GPE", source)]  # "L.A. Mayor" before "Karen Bass"
    for size in (2, 3):
        if len(words) <= size:
            break
        role = text[start + words[-size - 1][0] : start + words[-size - 1][1]]
        names = [text[start + a : start + b] for a, b in words[-size:]]
        if role.lower() in ROLE_WORDS and all(_NAME_WORD.fullmatch(n) for n in names):
            name_start = start + words[-size][0]
            if ends_like_an_org(text[name_start:end]) or load_gazetteer().lookup(text[name_start:end]):
                break
            pieces = [(name_start, end, "PERSON", source)]
            before = start + words[-size - 1][0]
            prefix = text[start:before].rstrip()
            if label == "PERSON":
                if prefix and _is_place(prefix):
                    pieces.insert(0, (start, start + len(prefix), "GPE", source))
            elif prefix[:1].isupper():
                pieces.insert(0, (start, start + len(prefix), label, source))
            return pieces
    return [(start, end, label, source)]


def _is_place(name: str) -> bool:
    """A country, region or city by its name, or by the short form news gives it ("L.A.")."""
    gazetteer = load_gazetteer()
    places = gazetteer.lookup(name)
    return gazetteer.abbreviation(name) is not None or any(
        p.feature in ("country", "region", "city") for p in places
    )


def _place_after_in(
    text: str, start: int, end: int, label: str, source: str
) -> list[tuple[int, int, str, str]]:
    """ "Evelyne Musambi in Kisumu": NER ran a credit line's name and the place the reporter filed
    from together; a place the gazetteer knows after "in" is a mention of its own, and what stands
    before it is labelled as a results table's cell is."""
    match = _IN_PLACE.search(text, start, end)
    if match is None or match.start() == start:
        return [(start, end, label, source)]
    place = text[match.end() : end]
    if not _is_place(place):
        return [(start, end, label, source)]
    return [
        (start, match.start(), _cell_label(text[start : match.start()], label), source),
        (match.end(), end, "GPE", source),
    ]


def _cell_label(cell: str, label: str) -> str:
    """A cell of two or three capitalised words that is no place and no organisation ("Cosmin
    Contra") names a person, as results tables list people; the label corrections still apply."""
    words = cell.split()
    name_like = 2 <= len(words) <= 3 and all(w[:1].isupper() and w.isalpha() for w in words)
    if name_like and not load_gazetteer().lookup(cell) and not ends_like_an_org(cell):
        return "PERSON"
    return label


def _vote_by_name(mentions: list[Mention], evidence: LabelEvidence) -> None:
    """One name, one label in an article: "Kyiv" three times a place and once an ORG is a place. A
    gazetteer place the article once uses as a place ("on Kyiv, the Ukrainian capital") is a place
    wherever NER took it for a person; and where NER took it for an organisation, when NER also read
    it as a person somewhere (it does not know the name) or when it is a country or region, which
    OntoNotes counts a place (GPE) even where it acts ("the NSW government"). Clubs that play are
    turned back next. Other ties keep each mention's own label."""
    votes = _votes(mentions)
    read_as_person = {fold(m.text) for m in mentions if m.ner_label == "PERSON"}
    for m in mentions:
        counts = votes.get(fold(m.text))
        if m.label not in ("PERSON", "ORG") or not counts or counts["GPE"] + counts["LOC"] == 0:
            continue
        if evidence.person_part(m.text):
            continue  # "Dole" after "Bob Dole" stays a person
        place = evidence.place(m.text)
        if place is None:
            continue
        known = fold(m.text) in read_as_person or place.feature in ("country", "region")
        if m.label == "ORG" and not known:
            continue
        m.label = "GPE" if counts["GPE"] >= counts["LOC"] else "LOC"
    for m in mentions:
        if m.label in _PLACE_LABELS and fold(m.text) in evidence.teams:
            m.label = "ORG"  # "Warwickshire" anywhere in a report where Warwickshire beat Kent
    votes = _votes(mentions)
    for m in mentions:
        counts = votes.get(fold(m.text))
        if counts and len(counts) > 1:
            (best, n), (_, runner_up) = counts.most_common(2)
            if n > runner_up:
                m.label = best


def _votes(mentions: list[Mention]) -> dict[str, Counter]:
    votes: dict[str, Counter] = {}
    for m in mentions:
        if m.label in ENTITY_LABELS:
            votes.setdefault(fold(m.text), Counter())[m.label] += 1
    return votes


def _demonym_use(doc: Doc, mention: Mention) -> bool:
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or len(span) != 1:
        return False
    token = span[0]
    return token.pos_ == "ADJ" or (token.dep_ in ("amod", "compound") and token.head.pos_ == "NOUN")


def _propagated(doc: Doc, mentions: list[Mention], capitals: list[tuple[int, int]]) -> list[Mention]:
    """Occurrences NER missed of names it found elsewhere in the same article, and the surnames of
    people it found in full ("Chaly said" after "Oleksandr Chaly")."""
    text = text_of(doc)
    labels: dict[str, Counter] = {}
    for m in mentions:
        if m.label in NAME_LABELS:
            labels.setdefault(m.text, Counter())[m.label] += 1
            if m.label == "PERSON" and len(m.text.split()) > 1:
                surname = m.text.split()[-1]
                labels.setdefault(surname, Counter())["PERSON"] += 0  # known, but loses any vote
    taken = sorted((m.start, m.end) for m in mentions)
    starts = [s for s, _ in taken]
    # Names by their first word, so that one pass over the text's capitalised words finds them all
    # (a regex per name would scan a long text once per name).
    by_first: dict[str, list[tuple[str, str, bool]]] = {}
    for name, votes in labels.items():
        if len(name) < _MIN_PROPAGATED_CHARS or not name[:1].isupper():
            continue
        label = votes.most_common(1)[0][0] if sum(votes.values()) else "PERSON"
        by_first.setdefault(_first_word(name), []).append((name, label, False))
        if name != name.upper():  # "JAPAN" in a headline is the "Japan" of the story
            by_first.setdefault(_first_word(name.upper()), []).append((name.upper(), label, True))
    in_capitals = _membership(capitals)
    found = []
    for word in _WORD.finditer(text):
        for name, label, shouted in by_first.get(word.group(), ()):
            start, end = word.start(), word.start() + len(name)
            if not text.startswith(name, start) or (end < len(text) and _is_word_char(text[end])):
                continue
            if shouted and not in_capitals(start):
                continue
            index = bisect_right(starts, start) - 1
            if index >= 0 and start < taken[index][1]:
                continue
            if index + 1 < len(taken) and taken[index + 1][0] < end:
                continue
            if doc.char_span(start, end) is None:
                continue
            found.append(Mention(start, end, text[start:end], label, None, "propagated"))
            taken.insert(index + 1, (start, end))
            starts.insert(index + 1, start)
            break
    return found


# "W. Athey", "T.O'Gorman", "J.R. Smith": initials and a surname are a person's name whatever NER says.
_INITIALLED = re.compile(r"(?<![\w.])(?:[A-Z]\.\s?){1,3}[A-Z][a-z]+(?:['’-][A-Z]?[a-z]+)*(?![\w.])")


_WORD = re.compile(r"(?<![\w.])[^\W_]+")


def _first_word(name: str) -> str:
    match = _WORD.match(name)
    return match.group() if match else name


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _covered(mentions: list[Mention]) -> set[int]:
    """The character offsets some mention already holds."""
    return {i for m in mentions for i in range(m.start, m.end)}


def _membership(ranges: list[tuple[int, int]]):
    """Whether an offset lies in one of these sorted, disjoint ranges."""
    starts = [s for s, _ in ranges]

    def inside(offset: int) -> bool:
        index = bisect_right(starts, offset) - 1
        return index >= 0 and offset < ranges[index][1]

    return inside


def _initialled_names(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    text = text_of(doc)
    covered = _covered(mentions)
    found = []
    for match in _INITIALLED.finditer(text):
        start, end = match.span()
        if any(i in covered for i in range(start, end)) or doc.char_span(start, end) is None:
            continue
        found.append(Mention(start, end, match.group(), "PERSON", None, "pattern"))
    return found


def _gazetteer_places(doc: Doc, mentions: list[Mention], evidence: LabelEvidence) -> list[Mention]:
    """Places NER missed that the gazetteer knows: runs of proper nouns ("Warwickshire", "Arbil")
    that name a country, a region or a large city as a whole ("Todd" of "Todd Martin" is not the
    town of Todd), outside every other mention."""
    import numpy as np
    from spacy.symbols import PROPN

    taken = _covered(mentions)
    found = []
    # Runs of PROPN tokens, found on the POS column: a Token object per word of every article costs more
    # than the rest of this step.
    flags = np.zeros(len(doc) + 2, dtype=np.int8)
    flags[1:-1] = doc.to_array("POS") == PROPN
    edges = np.flatnonzero(np.diff(flags)).tolist()
    for first, stop in zip(edges[::2], edges[1::2], strict=True):
        start_char = doc[first].idx
        # "Ontario Premier Doug Ford": the place is what stands before the title ("England Captain
        # Harry Kane" is a team's)
        stop = next((i for i in range(first + 1, stop) if doc[i].lower_ in _PLACE_TITLES), stop)
        last = doc[stop - 1]
        end_char = last.idx + len(last.text)
        name = evidence.text[start_char:end_char]
        if (
            stop - first <= 3
            and name[:1].isupper()
            and not any(i in taken for i in range(start_char, end_char))
            and _known_place(name, evidence)
        ):
            found.append(Mention(start_char, end_char, name, "GPE", None, "gazetteer"))
    return found


def _known_place(name: str, evidence: LabelEvidence) -> bool:
    place = evidence.place(name)
    if place is None or evidence.person_part(name) or fold(name) in evidence.common_words():
        return False
    return place.feature != "city" or place.population >= WELL_KNOWN_CITY_POPULATION


def _group(mentions: list[Mention], evidence: LabelEvidence) -> list[Entity]:
    groups: dict[tuple[str, str], list[Mention]] = {}
    # people by their names' words, fullest first: a surname groups with the first full name holding it
    people = sorted(
        ((name, set(name_words(name))) for name in {m.text for m in mentions if m.label == "PERSON"}),
        key=lambda item: (-len(item[1]), item[0]),
    )
    acronyms = {
        "".join(w[0] for w in m.text.split() if w[:1].isupper()): fold(m.text)
        for m in mentions
        if m.label == "ORG" and len(m.text.split()) > 1
    }
    for mention in mentions:
        if mention.label not in ENTITY_LABELS:
            continue
        groups.setdefault(_group_key(mention, people, acronyms, evidence), []).append(mention)
    entities = []
    for members in sorted(groups.values(), key=lambda ms: min(m.start for m in ms)):
        label = Counter(m.label for m in members).most_common(1)[0][0]
        entity = Entity(len(entities), _canonical(members, label), label, None, members)
        for m in members:
            m.entity = entity.index
        entities.append(entity)
    return entities


def _group_key(mention, people, acronyms, evidence) -> tuple[str, str]:
    label = mention.label
    if label == "PERSON":
        words = set(name_words(mention.text))
        full = next((name for name, known in people if words and words <= known), mention.text)
        return ("person", fold(full))
    if label in _PLACE_LABELS:
        place = evidence.place(mention.text)
        if place is not None and place.feature == "country":
            return ("place", f"country:{place.country_code}")  # "U.S." and "the United States"
        return ("place", fold(mention.text))
    if label == "ORG":
        return ("org", acronyms.get(mention.text, fold(mention.text)))
    return (label, fold(mention.text))


def _canonical(members: list[Mention], label: str) -> str:
    """The fullest proper form in the article: the most words for a person, else the longest."""
    if label == "PERSON":
        return max((m.text for m in members), key=lambda t: (len(t.split()), len(t)))
    return max((m.text for m in members), key=len)


def _first_role(doc: Doc, entity: Entity) -> str | None:
    for mention in entity.mentions:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None and (role := role_of(span)):
            return role
    return None
