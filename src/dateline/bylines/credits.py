"""Credit lines in a story's text: who reported it, from where, and who helped.

- "Stern reported from Mukachevo, Ukraine, and Lamothe from Washington."
- "John Hudson in Rabat, Morocco, and Annabelle Timsit in Istanbul contributed to this report."
- "Associated Press writers Will Weissert in Johnstown, Pennsylvania, and Bill Barrow in Atlanta
  contributed to this report." / "CNN's Bethlehem Feleke in Nairobi contributed reporting."
- "Reporting by A in Beirut, B in The Hague; Writing by C; Editing by D" (the Reuters chain).
- "Additional reporting by X", "Reuters contributed to this report.", "Edited by X", "Interview by
  X", "Reporting team: A, B and C", "Additional research by X", "With files from X and The Canadian
  Press" (CBC), "With assistance from X" (Bloomberg), an agency's sign-off on the last line ("With AFP",
  "lo/sms (AFP, Reuters, dpa)").

A credit is a sentence of its own made of names, places and the credit words, nothing else: "the
correspondent reported from UN headquarters that ..." inside a story is reporting, not a credit, and
gives nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from dateline.bylines.parse import agency_named, is_organization_name, parse_byline, role_word
from dateline.entities.lexicon import CHAIN_ROLES, NAME_PARTICLES, NOT_CREDITED_NAMES
from dateline.geo.gazetteer import Gazetteer

# a lower-case particle inside a name ("Juan del Pino", "Ursula von der Leyen"), before a capital
# or another particle
_PARTICLES = "|".join(re.escape(p) for p in sorted(NAME_PARTICLES, key=len, reverse=True))
_PARTICLE = rf"(?:{_PARTICLES})(?=\s+(?:[A-Z]|(?:{_PARTICLES})\s))"
_WORD = rf"(?:[A-Z][\w'’.\-]*|{_PARTICLE})"
NAME = rf"{_WORD}(?:\s+{_WORD}){{0,4}}"
_OUTLET_PREFIX = re.compile(
    r"^(?:(?P<outlet>(?:The\s+)?[A-Z][\w.&'’\-]*(?:\s+[A-Z][\w.&'’\-]*){0,3}?)(?:['’]s\s+|\s+"
    r"(?:staff\s+)?(?:writers?|reporters?|correspondents?|journalists?|photographers?)\s+))"
)
_CONTRIBUTED = re.compile(
    r"(?P<who>[^.!?\n]*?)\s+(?:also\s+)?contributed(?:\s+(?:(?:research\s+)?to\s+this\s+(?:report|story|article|column)|"
    r"reporting|research|additional\s+(?:reporting|research))|(?=\s*[.!]))(?:\s+from\s+(?P<where>[^.!?\n]+?))?\s*[.!]?(?=\s|$|[A-Z•·])"
)
_REPORTED = re.compile(
    rf"(?P<body>{NAME}\s+reported(?:\s+this\s+(?:story|report))?\s+from\s+[^.!?\n]+?)\s*\.(?=\s|$|[A-Z•·])"
)
_CHAIN = re.compile(
    r"(?:(?:All|Main)\s+)?(?P<kind>(?:Additional\s+)?reporting\s+was\s+contributed|Additional\s+reporting|Additional\s+research|With\s+(?:files|assistance)(?=\s+from)|Reporting\s+team|Reporting|Research|Writing|"
    r"Editing|Edited|Compiled|Interviews?|Translated|Translation|Photography|Photographs|Photograph(?=\s+by)|Photos|"
    r"Graphics|Production|Produced)(?:\s+by|\s+from|:)\s+(?P<who>[^;)\n•·]+?)(?=\s*(?:;|\)|$|\n|•|·|Additional\s+reporting|"
    r"Reporting\s+by|Writing\s+by|Editing\s+by))",
    re.IGNORECASE,
)
_CHAIN_WORD = re.compile(
    r"reporting|research|writing|editing|edited|compiled|interview|translat|photo|graphics|production|produced|files|assistance",
    re.IGNORECASE,
)
_SEPARATOR = re.compile(r"\s*(?:,\s*and\s+|,\s*|\s+and\s+|\s*&\s*)")
_NAME = re.compile(NAME)
_IN_PLACE = re.compile(rf"\s+(?:in|from)\s+(?P<place>(?:the\s+)?{NAME})")
# An agency's sign-off on a line of its own at the end: "With AFP", "(With Reuters)", "— with AP".
_WITH_AGENCY = re.compile(
    r"(?:^|\n)[ \t]*[(\[]?[ \t]*(?:[-–—][ \t]*)?(?i:with)[ \t]+"
    r"(?P<who>[A-Z][\w .\-]{1,40}?)[ \t]*[)\]]?[ \t.]*$"
)
# Agencies in brackets closing the story, after the editors' initials: "lo/sms (AFP, Reuters, dpa)".
_AGENCIES_IN_BRACKETS = re.compile(
    r"(?:^|\n)[ \t]*(?:[a-z]{2,4}(?:/[a-z]{2,4})*[ \t]+)?\((?P<who>[^()\n]{2,80})\)[ \t.]*$"
)
# A picture agency after the photographer's name and a slash, up to where a lost break glues the
# next sentence on ("Rex/ShutterstockI was at ...").
_AGENCY_AFTER_SLASH = re.compile(r"[A-Z][\w&.\-]*(?:\s[A-Z][\w&.\-]*){0,3}?(?=[A-Z][a-z]|\s*$)")
# USA TODAY's closing credit: "Contributing: Jane Doe, USA TODAY; The Associated Press", each part a byline.
_CONTRIBUTING = re.compile(r"(?:^|\n)[ \t]*Contributing:[ \t]*(?P<who>[^\n]+)")
_TAIL_CHARS = 1500  # credits close a story; a chain or a "contributed" sentence is looked for here


@dataclass(frozen=True)
class TextCredit:
    name: str
    role: str  # author | contributor | writer | editor | photographer
    start: int  # offsets of the name in the text
    end: int
    is_organization: bool = False
    affiliation: str | None = None
    location: str | None = None
    location_start: int | None = None


def find_credits(text: str, gazetteer: Gazetteer) -> tuple[TextCredit, ...]:
    """Every credit in the text's closing part. The gazetteer says whether a name after a comma is a
    country or region continuing a place ("Rabat, Morocco") rather than the next person.

    Run once per article by the `dateline_credits` component (`doc._.credits`). Each pattern runs
    only where its key word occurs: most stories have no credit line, and trying a name at every
    capital of the tail was a tenth of all extraction time."""
    offset = max(0, len(text) - _TAIL_CHARS)
    tail = text[offset:]
    credits: list[TextCredit] = []
    for match in _CHAIN.finditer(tail) if _CHAIN_WORD.search(tail) else ():
        if not (
            _starts_a_sentence(tail, match.start()) or tail[: match.start()].rstrip().endswith((";", "("))
        ):
            continue  # "a book by Writing by ..." mid-sentence is prose
        role = CHAIN_ROLES[" ".join(match["kind"].lower().split())]
        # A picture agency after a slash is the photographer's ("Main photograph by X/Camera Press").
        name, slash, agency = match["who"].partition("/")
        found = _people(
            tail, match.start("who"), match.start("who") + len(name), role, offset, gazetteer, strict=True
        )
        agency = _AGENCY_AFTER_SLASH.match(agency.strip()) if slash else None
        if agency:
            found = [replace(c, affiliation=c.affiliation or agency.group()) for c in found]
        credits += found
    for match in _REPORTED.finditer(tail) if "reported" in tail else ():
        if _starts_a_sentence(tail, match.start()):
            credits += _reported_from(tail, match.start("body"), match.end("body"), offset, gazetteer)
    for match in _CONTRIBUTED.finditer(tail) if "contributed" in tail else ():
        start = match.start("who")
        who = tail[start : match.end("who")]
        start += len(who) - len(who.lstrip(" \t”\"’'·•"))
        if not _starts_a_sentence(tail, start):
            continue
        found = _people(tail, start, match.end("who"), "contributor", offset, gazetteer, strict=True)
        if found and match["where"]:
            where = match.start("where")
            found = [_placed(c, match["where"], offset + where) if c.location is None else c for c in found]
        credits += found
    credits += _contributing(tail, offset)
    sign_off = _WITH_AGENCY.search(tail.rstrip()) if "with" in tail[-60:].lower() else None
    agency = agency_named(sign_off["who"]) if sign_off else None
    if sign_off and agency:
        start = offset + sign_off.start("who")
        credits.append(TextCredit(agency, "contributor", start, start + len(sign_off["who"]), True))
    credits += _agencies_signing_off(tail, offset)
    unique: dict[tuple[str, str], TextCredit] = {}
    for credit in credits:
        unique.setdefault((credit.name.lower(), credit.role), credit)
    return tuple(unique.values())


def _agencies_signing_off(tail: str, offset: int) -> list[TextCredit]:
    """ "lo/sms (AFP, Reuters, dpa)" on the last line (Deutsche Welle; the editors' initials may be
    left out): each agency in the brackets contributed. Only when every name in them is an agency."""
    match = _AGENCIES_IN_BRACKETS.search(tail.rstrip())
    if match is None:
        return []
    credits, position = [], match.start("who")
    for part in match["who"].split(","):
        name = part.strip()
        agency = agency_named(name)
        if agency is None:
            return []
        start = offset + tail.index(name, position)
        credits.append(TextCredit(agency, "contributor", start, start + len(name), True))
        position = start - offset + len(name)
    return credits


def _starts_a_sentence(text: str, start: int) -> bool:
    """At the text's start, after a sentence's end or a line break, or glued to the previous
    sentence where paragraph breaks were lost ("...the report.Additional reporting", "Tehran
    BureauReporting by"): a capital straight after a letter, with no space, starts something new."""
    before = text[:start].rstrip(" \t\xa0")
    if before and len(before) == start and before[-1].isalpha() and text[start : start + 1].isupper():
        return True
    return not before or before[-1] in '.!?\n”")·•:|' or before.endswith(("—", "--"))


def _placed(credit: TextCredit, where: str, where_start: int) -> TextCredit:
    return TextCredit(
        credit.name,
        credit.role,
        credit.start,
        credit.end,
        credit.is_organization,
        credit.affiliation,
        where.strip(),
        where_start,
    )


def _reported_from(text: str, start: int, end: int, offset: int, gazetteer: Gazetteer) -> list[TextCredit]:
    """ "Stern reported from Mukachevo, Ukraine, and Lamothe from Washington": each name is an author
    with the place after "from"."""
    body = text[start:end]
    parts = re.split(r",?\s+and\s+(?=" + NAME + r"\s+(?:reported\s+)?from\b)", body)
    credits = []
    position = start
    for part in parts:
        position = text.index(part, position)
        match = re.match(
            rf"(?P<name>{NAME})\s+(?:reported(?:\s+this\s+(?:story|report))?\s+)?from\s+(?P<where>.+)$", part
        )
        if match is None:
            return []  # something other than names and places: not a credit line
        where = match["where"].rstrip(" ,")
        if not re.fullmatch(rf"(?:the\s+)?{NAME}(?:,\s*{NAME})?", where) or not _looks_like_a_name(
            match["name"]
        ):
            return []  # "reported from UN headquarters that ...": reporting, not a credit
        credits.append(
            TextCredit(
                match["name"],
                "author",
                offset + position,
                offset + position + len(match["name"]),
                location=where,
                location_start=offset + position + match.start("where"),
            )
        )
        position += len(part)
    return credits


def _people(
    text: str,
    start: int,
    end: int,
    role: str,
    offset: int,
    gazetteer: Gazetteer,
    strict: bool = False,
) -> list[TextCredit]:
    """Names in a credited list, each with the place that follows it ("A in Beirut, B and C in The
    Hague"). With `strict`, anything in the list that is neither a name nor a place nor a joining
    word means the sentence is not a credit line."""
    segment = text[start:end]
    affiliation, position = _outlet_prefix(segment)
    credits: list[TextCredit] = []
    pending: list[tuple[str, int]] = []
    while position < len(segment):
        if segment.startswith("the ", position):
            position += 4  # "Additional reporting by the Associated Press"
            continue
        gap = _SEPARATOR.match(segment, position)
        if gap and gap.end() > position:
            position = gap.end()
            continue
        name = _NAME.match(segment, position)
        if name is None:
            if strict:
                return []
            position += 1
            continue
        written, ended = _name_written(name.group(0))
        pending.append((written, start + name.start()))
        position = name.start() + len(written)
        if ended:
            break  # the sentence is over: what follows is the story again
        place = _place_after(segment, position, gazetteer)
        if place is None:
            continue
        where, where_start, position, ended = place
        placed = (where, offset + start + where_start)
        credits += [
            TextCredit(who, role, offset + at, offset + at + len(who), False, affiliation, *placed)
            for who, at in pending
        ]
        pending = []
        if ended:
            break
    credits += [
        TextCredit(who, role, offset + at, offset + at + len(who), False, affiliation) for who, at in pending
    ]
    return [
        _as_organization(c) if is_organization_name(c.name) else c
        for c in credits
        if _looks_like_a_name(c.name)
    ]


def _outlet_prefix(segment: str) -> tuple[str | None, int]:
    """The outlet a credited list opens with ("CNN's ...", "Associated Press writers ...") and where
    the names start; a title ("Staff writer Jane Doe") is no outlet."""
    prefix = _OUTLET_PREFIX.match(segment)
    if prefix is None:
        return None, 0
    if all(role_word(w) for w in prefix["outlet"].split()):
        return None, prefix.end()
    return agency_named(prefix["outlet"]) or prefix["outlet"], prefix.end()


def _contributing(tail: str, offset: int) -> list[TextCredit]:
    """ "Contributing: Jane Doe, USA TODAY; John Roe": each part read as a byline."""
    credits = []
    for match in _CONTRIBUTING.finditer(tail) if "Contributing:" in tail else ():
        for credit in (c for part in match["who"].split(";") for c in parse_byline(part)):
            start = offset + max(match.start("who"), tail.find(credit.name, match.start("who")))
            credits.append(
                TextCredit(
                    credit.name,
                    "contributor",
                    start,
                    start + len(credit.name),
                    credit.is_organization,
                    credit.affiliation,
                    credit.location,
                )
            )
    return credits


def _name_written(written: str) -> tuple[str, bool]:
    """A name as the pattern took it, cut where a sentence ends inside it ("Polly Curtis. Student
    Direct is ...") or a lost break glued the next sentence on ("Linda HairaniWhat would ..."), and
    whether the sentence ended there."""
    cut = re.search(r"[a-z]{3}(?=[A-Z])|[a-z]{2}\.(?=\s|$)", written)
    if cut is None:
        return written, False
    written = written[: cut.end()]
    if written.endswith("."):
        written = written[:-1]  # "Benjamin Lee." ends a sentence; "M.G." or "Jr." keep their periods
    return written, True


def _place_after(segment: str, position: int, gazetteer: Gazetteer) -> tuple[str, int, int, bool] | None:
    """The place "in ..." after a name: its text, where it starts in the segment, where the list
    goes on, and whether the sentence ends with it; None when no place follows."""
    place = _IN_PLACE.match(segment, position)
    if place is None:
        return None
    where = place["place"]
    position = place.end()
    # "in Rabat, Morocco, and ...": a country or region after the comma belongs to the place.
    follow = re.match(rf",\s*(?P<more>{NAME})", segment[position:])
    if follow and gazetteer.names_an_area(follow["more"]):
        where = segment[place.start("place") : position + follow.end("more")]
        position += follow.end()
    cut = re.search(r"[a-z]{2}\.(?=\s|$)", where)
    if cut:
        where = where[: cut.end() - 1]  # "in New York." ends the sentence; "Portland, Me." keeps it
    return where, place.start("place"), position, cut is not None


def _as_organization(credit: TextCredit) -> TextCredit:
    """ "The Associated Press", "Australian Associated Press": a desk credited, without "The"."""
    name = agency_named(credit.name) or credit.name.removeprefix("The ")
    return TextCredit(
        name, credit.role, credit.start, credit.end, True, None, credit.location, credit.location_start
    )


def _looks_like_a_name(name: str) -> bool:
    words = name.split()
    return 1 <= len(words) <= 5 and not any(w.lower() in NOT_CREDITED_NAMES for w in words)
