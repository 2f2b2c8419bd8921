"""A byline as written ("By Samya Kullab and Vasilisa Stepanenko", "By Rich Miller, Reuters",
"BY CAL MANKOWSKI", "By Nick Levine | February 28, 2023", "Jane Doe, Staff Writer") to the people and
desks it credits, each with a role title and an outlet when the byline gives them."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from dateline.entities.lexicon import (
    AGENCIES,
    BYLINE_ORG_WORDS,
    BYLINE_ROLE_WORDS,
    CREDENTIALS,
    NAME_PARTICLES,
    NOT_NAME_WORDS,
)

_MONTHS = (
    "jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|january|february|march|april|june|july|august|"
    "september|october|november|december"
)
# Where a byline stops being names: a date, a time, "Updated", a bar or bullet before anything.
_TAIL = re.compile(
    rf"\s*(?:[|•·—–]|\s-\s|\bupdated\b|\bpublished\b|\bposted\b|\bon\s+(?:{_MONTHS})\b|\b(?:{_MONTHS})\.?\s+\d"
    r"|\b\d{1,2}[:/.]\d{2}|\b\d{4}\b|\bfollow\b|\bemail\b|\bread more\b|\bphotograph)",
    re.IGNORECASE,
)
_LEAD = re.compile(
    r"^\s*(?:(?:written|words|reporting|report|story|text|posted|compiled|edited|interview)\s+)?"
    r"(?:by|from)\s*:?\s+",
    re.IGNORECASE,
)
_GLUED_AGENCY = re.compile(
    r"([a-z])((?:The )?(?:Associated Press|Reuters|AFP|Bloomberg|Press Association)\b)"
)
_GLUED_STAMP = re.compile(r"([a-z])(Updated|Published|Posted)\b")
_GLUED_DESK = re.compile(r"\b(staff|reporter|writer|correspondent)(?=[A-Z])")
_SPLIT = re.compile(r"\s*(?:;|,|\band\b|&|\bwith\b)\s*", re.IGNORECASE)
_JOINED_OUTLET = re.compile(r"\s+(?:&|and)\s+(?=(?:[A-Z][\w.'’\-]*\s+)*([A-Z][\w'’\-]*)\b)")
_OUTLET_JOIN = "\u2063"  # an invisible separator: "Telegram & Gazette" stays one outlet when split
# A surname glued to the outlet after it ("Sarah BarnacleWorcester Telegram"): four letters at least
# before the capital, so that McDonald, DeSantis and LeBron stay whole.
_GLUED_NAME = re.compile(r"\b([A-Z][a-z]{3,})([A-Z][a-z]+)\b")
_MAX_CONTINUATION_CHARS = 60  # a title or "Outlet, Place" line after a byline is short
_MIN_STORY_CHARS = 300  # below a name alone, a story long enough to have named its subject again
_PLACE_WORD = re.compile(r"[A-Z][a-zà-ÿ'’\-]+")  # one capitalised word: a place, never a name alone
_PLACED = re.compile(r"(?P<name>.+?)\s+in\s+(?P<place>[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*){0,2})")
_DOMAIN = re.compile(r"\w\.(?:com|net|org|news|co\.uk|com\.au)\b", re.IGNORECASE)
_NAME_WORD = re.compile(r"^(?:[A-ZÀ-ÞŁŚŻŹĆŃ][\w'’.\-]*|[A-Z]\.|Mc\w+|O'\w+|d'\w+)$")


@dataclass(frozen=True)
class Credit:
    name: str
    is_organization: bool
    title: str | None = None  # the role title the byline gives ("Staff Writer"), if any
    affiliation: str | None = None
    location: str | None = None


def agency_named(text: str) -> str | None:
    """The wire service or desk a text names, in its usual form ("The Associated Press", "AP" →
    Associated Press), or None."""
    return AGENCIES.get(text.strip().lower().removeprefix("the ").strip())


def parse_byline(text: str | None) -> list[Credit]:
    """The people and desks a byline credits, in order, without repeats. Anything that does not read
    as a name (a date, "Sponsored", "Follow Author") gives nothing rather than a wrong row."""
    if not text:
        return []
    credits: list[Credit] = []
    for part in re.split(r"\s*;\s*|\n+", text):
        if credits and _title_line(part):
            # "By Jane Doe" then "Staff Writer" or "BBC Africa correspondent" on the next line: the
            # title of the names before
            credits = [c if c.title or c.is_organization else replace(c, title=part.strip()) for c in credits]
            continue
        found = _parse_one(part)
        if credits and found and all(c.is_organization for c in found):
            # "By Jane Doe" then "BBC News, Kyiv": the outlet and place of the names before
            outlet = found[0]
            credits = [
                c
                if c.is_organization
                else replace(
                    c, affiliation=c.affiliation or outlet.name, location=c.location or outlet.location
                )
                for c in credits
            ]
            continue
        credits += found
    unique: dict[str, Credit] = {}
    for credit in credits:
        unique.setdefault(credit.name.lower(), credit)
    return list(unique.values())


def _parse_one(text: str) -> list[Credit]:
    split = _byline_pieces(text)
    if split is None:
        return []
    pieces, location, title, affiliation = split
    people: list[Credit] = []
    for piece in pieces:
        agency = agency_named(piece)
        lowered = piece.lower()
        if agency or (len(piece.split()) <= 6 and _ends_like_outlet(piece) and people):
            affiliation = agency or piece  # "Rich Miller, Reuters", "Jane Doe, The Daily Journal"
            continue
        if people and piece.isupper() and not pieces[0].isupper() and len(piece.split()) <= 4:
            affiliation = piece  # "Jane Doe, USA TODAY": capitals after a name written in mixed case
            continue
        if (
            location is None
            and (affiliation or any(p.is_organization for p in people))
            and _PLACE_WORD.fullmatch(piece)
        ):
            location = piece  # "By Jane Doe, BBC News, Kyiv": the place after the outlet
            continue
        placed = _PLACED.fullmatch(piece)
        named = _person(placed["name"]) if placed else None
        if placed and named is not None:
            name, role = named  # "By Jane Doe in Kyiv and John Roe in Moscow"
            people.append(Credit(name, False, role, location=placed["place"]))
            continue
        if all(w.lower().strip(".") in BYLINE_ROLE_WORDS for w in piece.split()) or (
            people and piece.split()[-1].lower().strip(".") in BYLINE_ROLE_WORDS
        ):
            title = piece  # "Jane Doe, Staff Writer", "Julia Johnson, Politics Reporter"
            continue
        if all(w.lower().strip(".") in CREDENTIALS for w in piece.split()):
            continue  # "Lauren Manaker MS, RDN, LD"
        person = _person(piece, alone=len(pieces) == 1)
        if person is not None:
            name, role = person
            people.append(Credit(name, False, role))
        elif agency is None and (_organization(lowered) or _INITIALISM.fullmatch(piece)):
            people.append(Credit(_clean_org(piece), True))  # "By TNN": initials sign for a desk
    if not people and affiliation:
        return [Credit(affiliation, True, location=location)]  # "By Associated Press"
    return [
        Credit(
            p.name,
            p.is_organization,
            p.title or title,
            None if p.is_organization else affiliation,
            p.location or location,
        )
        for p in people
    ]


def _byline_pieces(text: str) -> tuple[list[str], str | None, str | None, str | None] | None:
    """A byline string cleaned and cut into its comma- or "and"-separated pieces, with the place
    after a final "in", a title between bars and the outlet after a final "for" ("By Jack Elsom
    For Mailonline"); None when it is no byline (it starts with what only follows names: a bar, a
    date, "Updated", "Follow", ...)."""
    text = " ".join(text.split())
    text = _GLUED_AGENCY.sub(r"\1, \2", text)  # "By Brian MahoneyAssociated Press"
    text = _GLUED_STAMP.sub(r"\1 \2", text)  # "Bleacher ReportUpdated on December 13"
    text = _GLUED_DESK.sub(r"\1, ", text)  # "By Chicago Tribune staffChicago Tribune"
    text = _LEAD.sub("", text)
    location = None
    where = re.search(r"\s+in\s+([A-Z][\w .'’\-]+)$", text)
    if where and len(where.group(1).split()) <= 4:
        location, text = where.group(1).strip(), text[: where.start()]  # "From EDWARD QORRO in Arusha"
    tail = _TAIL.search(text)
    barred_title = None
    if tail is not None and tail.start() > 0:
        # "By Jane Doe | Staff Writer | March 3": a title between bars is the names' title.
        following = re.split(r"\s*[|•·]\s*", text[tail.start() :].strip(" |•·"))[0]
        if tail.group().strip() in ("|", "•", "·") and _title_line(following):
            barred_title = following
        text = text[: tail.start()]
    elif tail is not None:
        return None
    outlet = _FOR_OUTLET.search(text)
    if outlet is not None and outlet.start() > 0:
        text = text[: outlet.start()]
    repeated = re.fullmatch(r"(.+?)\s*\1", text.strip())
    if repeated:
        text = repeated.group(1)  # pages that print the byline twice, for two screen sizes
    text = _JOINED_OUTLET.sub(_keep_outlet_whole, text)
    pieces = [
        p.strip(" .:-").replace(_OUTLET_JOIN, " & ") for p in _SPLIT.split(text) if p and p.strip(" .:-")
    ]
    pieces = [part for piece in pieces for part in _name_then_outlet(piece)]
    return (
        pieces,
        location,
        barred_title,
        outlet.group(1) if outlet is not None and outlet.start() > 0 else None,
    )


# The outlet a byline's names write for, at its end: "For Mailonline", "for The Daily Mail".
_FOR_OUTLET = re.compile(r"\s+[Ff]or\s+((?:The\s+)?[A-Z][\w.&'’\-]*(?:\s+[A-Z][\w.&'’\-]*){0,3})\s*$")


def continues_byline(line: str) -> bool:
    """A line after a byline that only adds to it: a title ("Staff Writer", "BBC Africa
    correspondent") or an outlet and a place ("BBC News, Kyiv")."""
    if len(line) > _MAX_CONTINUATION_CHARS or not line.strip():
        return False
    if _title_line(line):
        return True
    found = _parse_one(line)
    return bool(found) and all(c.is_organization for c in found)


def name_over_title(line: str, following: str) -> bool:
    """ "Gwyn Topham" alone on a line with "Transport correspondent" under it: a byline without
    "By", as a news page copied to plain text prints it under the headline. Both lines are needed:
    a name alone may be what the story is about, and a title alone credits nobody."""
    if len(line) > _MAX_CONTINUATION_CHARS or not _title_line(following):
        return False
    found = _parse_one(line)
    return bool(found) and not any(c.is_organization or c.title for c in found)


def name_under_headline(line: str, above: list[str], rest: str) -> bool:
    """ "Olivia Kelly" alone on the line under the headline, as the Irish Times prints its bylines:
    a byline when the story below never names her again. A person the story is about is named in
    it again, by the surname at least."""
    words = line.split()
    if sum(1 for a in above if a.strip()) != 1 or not 2 <= len(words) <= 3 or len(rest) < _MIN_STORY_CHARS:
        return False
    found = _parse_one(line)
    if len(found) != 1 or found[0].is_organization or found[0].title or found[0].name != line.strip():
        return False
    return re.search(rf"\b{re.escape(words[-1])}\b", rest) is None


def _title_line(line: str) -> bool:
    """A role title on a line of its own, ending in a word for a role: "Staff Writers", "Senior
    Political Correspondent", "BBC Africa correspondent"."""
    words = line.split()
    return 1 <= len(words) <= 5 and role_word(words[-1])


def role_word(word: str) -> bool:
    word = word.lower().strip(".,")
    return word in BYLINE_ROLE_WORDS or word.removesuffix("s") in BYLINE_ROLE_WORDS


def _keep_outlet_whole(match: re.Match) -> str:
    """ "&" or "and" before a word for an outlet joins one outlet's name ("Worcester Telegram &
    Gazette", "The News & Observer"), not two credits."""
    return _OUTLET_JOIN if match.group(1).lower() in BYLINE_ORG_WORDS else match.group(0)


def _ends_like_outlet(piece: str) -> bool:
    """ "The Daily Journal", "Cherry Hill Courier-Post": the last word is a word for an outlet."""
    last = piece.split()[-1].lower().strip(".")
    return bool(set(re.split(r"[-–]", last)) & BYLINE_ORG_WORDS)


def _name_then_outlet(piece: str) -> list[str]:
    """A name and the outlet after it with no comma between ("Sarah Barnacle Worcester Telegram &
    Gazette", even glued: "Sarah BarnacleWorcester Telegram"): two pieces, the name and the outlet."""
    unglued = _GLUED_NAME.sub(r"\1 \2", piece)
    words = unglued.split()
    if len(words) < 3 or not _ends_like_outlet(unglued):
        return [piece]
    for size in (2, 3):
        name, outlet = words[:size], words[size:]
        if (
            outlet
            and all(w[:1].isupper() or w == "&" for w in outlet)
            and not any(w.lower() in BYLINE_ORG_WORDS for w in name)
            and _person(" ".join(name)) is not None
        ):
            return [" ".join(name), " ".join(outlet)]
    return [piece]


def _person(piece: str, alone: bool = False) -> tuple[str, str | None] | None:
    """(name, role title) when the piece reads as a person's name, with any role words after it
    dropped; names in capitals come back in title case. A byline of one word is a person only as a
    handle written in camel case ("CarolRomig")."""
    words = piece.split()
    if alone and len(words) == 1 and re.fullmatch(r"[A-Z]?[a-z]+[A-Z]\w*|[A-Z]{2,}[a-z]\w*", words[0]):
        return words[0], None  # a handle: "CarolRomig", "AJLabs"
    if not piece.isupper():
        for i, word in enumerate(words[2:], start=2):
            if len(word) > 1 and word.isupper() and not word.endswith("."):
                words = words[:i]  # "Elizabeth Flores USA TODAY": the outlet in capitals after the name
                break
    if words and words[0] in ("The", "THE"):
        return None  # "The Independent": an outlet
    if len(words) > 4 and any(set(re.split(r"[-–]", w.lower())) & BYLINE_ORG_WORDS for w in words[2:]):
        words = words[:2]  # "Jim Walsh Cherry Hill Courier-Post"
    role_words: list[str] = []
    while len(words) > 2 and words[-1].lower().strip(".") in BYLINE_ROLE_WORDS:
        role_words.insert(0, words.pop())  # "Jonathan Wasserman Senior Writer"
    while role_words and len(words) > 2 and words[-1].lower() in BYLINE_ORG_WORDS:
        role_words.insert(0, words.pop())  # the outlet's word: "Dave Epstein Globe Correspondent"
    while len(words) > 1 and words[-1].lower().strip(".,") in CREDENTIALS:
        words.pop()
    if not 2 <= len(words) <= 5:
        return None
    lowered = {w.lower() for w in words}
    if lowered & BYLINE_ORG_WORDS or lowered & NOT_NAME_WORDS or _DOMAIN.search(piece):
        return None  # a desk, page furniture, or a site ("INQUIRER.net BrandRoom")
    if not all(_NAME_WORD.match(w) or w.lower() in NAME_PARTICLES for w in words):
        return None
    if not _NAME_WORD.match(words[0]) or not _NAME_WORD.match(words[-1]):
        return None
    name = " ".join(words)
    if name.isupper():
        name = " ".join(_title_case(w) for w in words)
    return name, " ".join(role_words) or None


def _title_case(word: str) -> str:
    """CAL → Cal, MCKENZIE → McKenzie, O'NEIL → O'Neil, D. → D."""
    if len(word) <= 2 and word.endswith("."):
        return word
    cased = word[:1] + word[1:].lower()
    cased = re.sub(r"(?<=['’\-])(\w)", lambda m: m.group(1).upper(), cased)
    if cased.startswith("Mc") and len(cased) > 2:
        cased = "Mc" + cased[2].upper() + cased[3:]
    return cased


def is_organization_name(name: str) -> bool:
    """A wire service or a name with a word for a desk or an outlet in it ("Australian Associated
    Press", "Chicago Tribune", "Harvard Medical School")."""
    lowered = name.lower().removeprefix("the ")
    return agency_named(name) is not None or _organization(lowered)


# A credit written as one word of capitals is a news service's or a desk's initials ("TNN", "ENS",
# "IANS"): a person is credited by name.
_INITIALISM = re.compile(r"[A-Z]{3,5}")


def _organization(lowered: str) -> bool:
    """A desk or an outlet: a word for one ("Chicago Tribune") or a domain name ("INQUIRER.net
    BrandRoom")."""
    words = lowered.split()
    return (
        1 <= len(words) <= 6
        and "staff" not in words[:1]
        and (any(w.strip(".") in BYLINE_ORG_WORDS for w in words) or bool(_DOMAIN.search(lowered)))
    )


def _clean_org(piece: str) -> str:
    """ "Chicago Tribune staff" → "Chicago Tribune"."""
    words = piece.split()
    while len(words) > 1 and words[-1].lower() in ("staff", "reports", "report", "reporter", "reporters"):
        words.pop()
    return " ".join(words)
