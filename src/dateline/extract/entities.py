"""The `entities` table: one row per real-world thing a document names."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dateline.extract.mentions import entity_id

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from dateline.models import Document


def extract_entities(document: Document, doc: Doc) -> list[dict[str, Any]]:
    return [
        {
            "entity_id": entity_id(document.doc_id, e.index),
            "doc_id": document.doc_id,
            "entity_key": e.key,
            "name": e.name,
            "label": e.label,
            "role": e.role,
            "n_mentions": len(e.mentions),
            "first_start": e.first_start,
        }
        for e in doc._.entities.entities
    ]
