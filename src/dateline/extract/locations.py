"""The `locations` table: every place an article names, resolved offline to a GeoNames place.

The places, their roles and resolutions come from the `dateline_toponyms` component
(`dateline.geo.toponyms`, on `doc._.places`); this maps them to rows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dateline.geo.resolve import Resolution, Toponym

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from dateline.geo.gazetteer import Place
    from dateline.models import Document


def extract_locations(document: Document, doc: Doc) -> list[dict[str, Any]]:
    return [_row(document.doc_id, p.toponym, p.role, p.resolution) for p in doc._.places]


def _row(doc_id: str, toponym: Toponym, role: str, resolution: Resolution) -> dict[str, Any]:
    place: Place | None = resolution.place
    return {
        "location_id": f"{doc_id}:{toponym.start}:{toponym.end}",
        "doc_id": doc_id,
        "text": toponym.text,
        "start": toponym.start,
        "end": toponym.end,
        "mention_type": "demonym" if toponym.kind == "demonym" else "toponym",
        "role": role,
        "geonames_id": place.geonameid if place else None,
        "name": place.name if place else None,
        "feature": place.feature if place else None,
        "country_code": place.country_code or None if place else None,
        "admin1": place.admin1 if place else None,
        "latitude": place.latitude if place else None,
        "longitude": place.longitude if place else None,
        "population": place.population if place else None,
        "confidence": resolution.confidence,
    }
