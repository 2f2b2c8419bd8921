"""The `mentions` table: named-entity spans, cleaned, corrected and linked to their entities."""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING, Any

from dateline.docs import sentences_of

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from dateline.models import Document


def extract_mentions(document: Document, doc: Doc) -> list[dict[str, Any]]:
    sentence_starts = [sent.start_char for sent in sentences_of(doc)]
    resolved = doc._.entities
    return [
        {
            "mention_id": f"{document.doc_id}:{m.start}:{m.end}",
            "doc_id": document.doc_id,
            "text": m.text,
            "label": m.label,
            "ner_label": m.ner_label,
            "source": m.source,
            "entity_id": entity_id(document.doc_id, m.entity) if m.entity is not None else None,
            "start": m.start,
            "end": m.end,
            "sentence": max(0, bisect_right(sentence_starts, m.start) - 1),
        }
        for m in resolved.mentions
    ]


def entity_id(doc_id: str, index: int) -> str:
    return f"{doc_id}:e{index}"
