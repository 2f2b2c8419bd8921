"""The dateline that opens a wire story: `LOS ANGELES, Feb 26 -`, `BEIRUT, March 7 (Reuters) -`,
`KYIV, Ukraine —`, `FARMINGTON, Conn., Feb 26 -`, in title case `Deir el-Balah, Gaza –`, and with a
colon `CHENNAI:`.

It names the place the story was filed from and, in parentheses, the agency that filed it. Only the
first lines of a text are looked at: a dateline is where a story starts, never inside it. A
headline, a byline and a publication date may stand above it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

_MONTH = r"(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[A-Za-z]*\.?[ \t]+\d{1,2}"
_CAPS = r"[A-Z][A-Z.'’\-]*[A-Z.]"
_CAPS_NAME = rf"{_CAPS}(?:[ \t]+{_CAPS})*"  # "LOS ANGELES"
_WORD = r"[A-Z][\w.'’\-]*"
_CONTAINER = rf",[ \t]*(?P<container>{_WORD}(?:[ \t]+{_WORD}){{0,2}}?)"  # ", Conn.", ", Gaza"
_TAIL = (
    rf"(?:,?[ \t]*(?P<date>{_MONTH}))?"
    r"[ \t]*(?:\((?P<agency>[A-Za-z][\w .&'-]{0,40})\))?"
    r"[ \t]*(?:--?|—|–)\s"
)
_DATELINE = re.compile(rf"(?P<place>{_CAPS_NAME})(?:{_CONTAINER})?{_TAIL}")
# Title case ("Deir el-Balah, Gaza –", "Kyiv, Ukraine —") reads like a sentence's opening words, so
# it counts only with a container and only when the gazetteer knows both the place and the container.
_PARTICLE = r"(?:al|el|ad|an|as|ash|at|ar|de|del|di|da|do|dos|du|la|le|van|von|bin|ibn)[\- ]"
_TITLED = rf"[A-Z][\w.'’\-]*(?:[ \t]+{_PARTICLE}?[A-Z][\w.'’\-]*){{0,3}}"
_TITLED_DATELINE = re.compile(rf"(?P<place>{_TITLED}){_CONTAINER}{_TAIL}")
# Indian papers end the place with a colon ("CHENNAI: Chennai Metro Rail ..."), as a transcript ends
# a speaker's name ("SMITH: Yes."): it counts only when the gazetteer knows the place and no other
# line opens with a name in capitals and a colon, as a transcript's turns do.
_COLON_DATELINE = re.compile(rf"(?P<place>{_CAPS_NAME}):[ \t]+(?=[A-Z\"“‘'])")
_CAPITALS_LABEL = re.compile(rf"^[ \t]*{_CAPS_NAME}:", re.MULTILINE)
_FIRST_LINES = 5  # lines with text on them


@dataclass(frozen=True)
class Dateline:
    place: str
    start: int
    end: int
    container: str | None  # "Conn." of "FARMINGTON, Conn., Feb 26 -"
    agency: str | None
    bare: bool  # a word in capitals and a dash, nothing else: "WASHINGTON —", but also "BREAKING -"
    stop: int = 0  # where the story's own words begin, after the dash

    @property
    def chars(self) -> range:
        """The dateline's offsets, from its place to the dash: no speaker or reported phrase lies
        in them. A headline above it is the story's own."""
        return range(self.start, self.stop)


def dateline_chars(dateline: Dateline | None) -> range:
    return dateline.chars if dateline is not None else range(0)


def find_dateline(text: str, is_place: Callable[[str], bool] | None = None) -> Dateline | None:
    """The dateline at the start of one of the first lines, if any. `is_place` says whether the
    gazetteer knows a name: without it, only datelines in capitals are read."""
    position = 0
    for _ in range(_FIRST_LINES):
        line_start = position + len(text[position:]) - len(text[position:].lstrip())
        match = _DATELINE.match(text, line_start)
        if match is None and is_place is not None:
            titled = _TITLED_DATELINE.match(text, line_start)
            colon = _COLON_DATELINE.match(text, line_start)
            if titled and is_place(titled["place"]) and is_place(titled["container"]):
                match = titled
            elif colon and is_place(colon["place"]) and len(_CAPITALS_LABEL.findall(text, 0, 20_000)) == 1:
                match = colon
        if match:
            found = match.groupdict()  # a colon dateline has no container, date or agency
            container, date, agency = found.get("container"), found.get("date"), found.get("agency")
            return Dateline(
                match["place"],
                match.start("place"),
                match.end("place"),
                container,
                agency,
                not (date or agency or container),
                match.end(),
            )
        newline = text.find("\n", line_start)
        if newline < 0:
            return None
        position = newline + 1
    return None
