"""The `bylines` table: who wrote and reported a story, in what role, from where."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from dateline.bylines.parse import (
    Credit,
    agency_named,
    continues_byline,
    name_over_title,
    name_under_headline,
    parse_byline,
)
from dateline.docs import text_of
from dateline.geo.gazetteer import Gazetteer, fold, load_gazetteer
from dateline.geo.resolve import place_named

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from dateline.models import Document

_HEADER_LINES = 4
_HEADER = re.compile(r"^\s*(?:By|BY|From|FROM|[Bb]y:)\s+[A-Z]")  # "by: Iris Lee" on Nexstar's stations
# A wire service or desk signing before a bar and the date: "TNN | May 16, 2026", "PTI | Updated".
_SIGNED_BEFORE_BAR = re.compile(r"^\s*([A-Z][\w.&-]*(?: [A-Z][\w.&-]*){0,3})\s+\|\s")


def extract_bylines(document: Document, doc: Doc) -> list[dict[str, Any]]:
    text = text_of(doc)
    gazetteer = load_gazetteer()
    rows: list[dict[str, Any]] = []
    meta_source = "html_meta" if document.source_format == "html" else "json_field"
    for credit in parse_byline(document.author):
        rows.append(_row(document.doc_id, "author", credit, meta_source, gazetteer))
    for line in _header_lines(text):
        for credit in parse_byline(line):
            rows.append(_row(document.doc_id, "author", credit, "text_header", gazetteer))
    for found in doc._.credits:
        credit = Credit(found.name, found.is_organization, None, found.affiliation, found.location)
        rows.append(_row(document.doc_id, found.role, credit, "text_credit", gazetteer))
    dateline = doc._.dateline
    if dateline is not None and dateline.agency:
        # "BEIRUT, March 7 (Reuters) -": the agency filed it. Beside named reporters it is their
        # outlet; alone, it is the author, from the dateline's place.
        agency = agency_named(dateline.agency) or dateline.agency
        people = [r for r in rows if r["role"] == "author" and not r["is_organization"]]
        for row in people:
            row["affiliation"] = row["affiliation"] or agency
        if not people:
            credit = Credit(agency, True, None, None, dateline.place.title())
            rows.append(_row(document.doc_id, "author", credit, "dateline", gazetteer))
    return _merged(rows)


def _header_lines(text: str) -> list[str]:
    """ "By Samya Kullab and Vasilisa Stepanenko" on one of the first lines, short and alone, with the
    line after it when that only adds a title or an outlet ("Staff Writer", "BBC News, Kyiv"); "By
    December, the campaign had raised ..." is a sentence, not a byline, and parses to nothing. A
    name alone over a title line ("Gwyn Topham" / "Transport correspondent") is a byline too, as is
    one under the headline that the story never names again ("Olivia Kelly")."""
    lines = text.split("\n", _HEADER_LINES + 1)[: _HEADER_LINES + 1]
    found = []
    after = 0  # where the text after the line starts
    for number, line in enumerate(lines[:_HEADER_LINES]):
        after += len(line) + 1
        following = lines[number + 1] if number + 1 < len(lines) else ""
        if _HEADER.match(line) and len(line) <= 120:
            found.append(f"{line}\n{following}" if continues_byline(following) else line)
        elif name_over_title(line, following):
            found.append(f"{line}\n{following}")
        elif name_under_headline(line, lines[:number], text[after:]):
            found.append(line)
        elif (signed := _SIGNED_BEFORE_BAR.match(line)) and any(
            c.is_organization for c in parse_byline(signed[1])
        ):
            found.append(signed[1])
    return found


def _row(doc_id: str, role: str, credit: Credit, source: str, gazetteer: Gazetteer) -> dict[str, Any]:
    place = place_named(gazetteer, credit.location) if credit.location else None
    return {
        "byline_id": None,
        "doc_id": doc_id,
        "name": credit.name,
        "role": role,
        "title": credit.title,
        "affiliation": credit.affiliation,
        "is_organization": credit.is_organization,
        "location": credit.location,
        "geonames_id": place.geonameid if place else None,
        "country_code": (place.country_code or None) if place else None,
        "source": source,
    }


def _merged(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per person and role: the first source's row, completed by later ones (a place from
    the credit line, an outlet from the byline). A surname alone ("Stern reported from ...") joins
    the full name the byline gave ("David L. Stern")."""
    kept: dict[tuple[str, str], dict[str, Any]] = {}
    for row in rows:
        key = (fold(row["name"]), row["role"])
        if key not in kept and " " not in row["name"]:
            key = next(
                (k for k in kept if k[1] == row["role"] and k[0].split()[-1:] == [fold(row["name"])]), key
            )
        if key not in kept:
            kept[key] = row
            continue
        for column in ("title", "affiliation", "location", "geonames_id", "country_code"):
            if kept[key][column] is None:
                kept[key][column] = row[column]
    result = list(kept.values())
    for number, row in enumerate(result):
        row["byline_id"] = f"{row['doc_id']}:b{number}"
    return result
