"""The `mentions` table: spaCy's named-entity spans, as the model gives them."""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from dateline.models import Document


def extract_mentions(document: Document, doc: Doc) -> list[dict[str, Any]]:
    sentence_starts = [sent.start for sent in doc.sents]
    rows = []
    for ent in doc.ents:
        # spaCy can put whitespace tokens at an entity's edge on ragged text; trim them so that every
        # stored span is exactly its words.
        raw = ent.text
        text = raw.strip()
        if not text:
            continue
        start = ent.start_char + (len(raw) - len(raw.lstrip()))
        end = start + len(text)
        rows.append(
            {
                "mention_id": f"{document.doc_id}:{start}:{end}",
                "doc_id": document.doc_id,
                "text": text,
                "label": ent.label_,
                "start": start,
                "end": end,
                "sentence": bisect_right(sentence_starts, ent.start) - 1,
            }
        )
    return rows
