"""The `signatures` table: each article's MinHash signature, for near-duplicate detection."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dateline.stories.signatures import signature

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from dateline.models import Document


def extract_signatures(document: Document, doc: Doc) -> list[dict[str, Any]]:
    """One row, computed on the worker beside the parse, so that the flow, which assigns clusters
    in input order, compares 512 bytes per article instead of texts."""
    return [{"doc_id": document.doc_id, "minhash": signature(document.text).tolist()}]
