"""The dateline that opens a wire story: `LOS ANGELES, Feb 26 -`, `BEIRUT, March 7 (Reuters) -`,
`KYIV, Ukraine —`, `FARMINGTON, Conn., Feb 26 -`.

It names the place the story was filed from and, in parentheses, the agency that filed it. Only the
first lines of a text are looked at: a dateline is where a story starts, never inside it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MONTH = r"(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[A-Za-z]*\.?\s+\d{1,2}"
_CAPS = r"[A-Z][A-Z.'’\-]*[A-Z.]"
_WORD = r"[A-Z][\w.'’\-]*"
_DATELINE = re.compile(
    rf"(?P<place>{_CAPS}(?:\s+{_CAPS})*)"
    rf"(?:,\s*(?P<container>{_WORD}(?:\s+{_WORD}){{0,2}}?))?"
    rf"(?:,?\s*(?P<date>{_MONTH}))?"
    r"\s*(?:\((?P<agency>[A-Za-z][\w .&'-]{0,40})\))?"
    r"\s*(?:--?|—|–)\s"
)
_FIRST_LINES = 3


@dataclass(frozen=True)
class Dateline:
    place: str
    start: int
    end: int
    container: str | None  # "Conn." of "FARMINGTON, Conn., Feb 26 -"
    agency: str | None
    bare: bool  # a word in capitals and a dash, nothing else: "WASHINGTON —", but also "BREAKING -"
    stop: int = 0  # where the story's own words begin, after the dash


def find_dateline(text: str) -> Dateline | None:
    """The dateline at the start of one of the first lines, if any."""
    position = 0
    for _ in range(_FIRST_LINES):
        line_start = position + len(text[position:]) - len(text[position:].lstrip())
        match = _DATELINE.match(text, line_start)
        if match:
            return Dateline(
                match["place"],
                match.start("place"),
                match.end("place"),
                match["container"],
                match["agency"],
                not (match["date"] or match["agency"] or match["container"]),
                match.end(),
            )
        newline = text.find("\n", line_start)
        if newline < 0:
            return None
        position = newline + 1
    return None
