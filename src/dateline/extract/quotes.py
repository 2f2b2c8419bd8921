"""The `quotes` table: direct, partial and indirect quotations with their speakers resolved to names.

The quotations and their speakers come from the `dateline_quotes` component
(`dateline.quotes.article`, on `doc._.quotes`); this maps them to rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from dateline.extract.mentions import entity_id
from dateline.stories.quote_keys import own_key

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from dateline.models import Document
    from dateline.quotes.article import ArticleQuote


def extract_quotes(
    document: Document, doc: Doc, quotes: Sequence[ArticleQuote] | None = None
) -> list[dict[str, Any]]:
    """The quotes table's rows for one article: of `doc._.quotes`, or of `quotes` attributed another
    way (the rules alone, other models: `dateline.quotes.article.article_quotes`)."""
    return [_row(document, q) for q in (doc._.quotes if quotes is None else quotes)]


def _row(document: Document, found: ArticleQuote) -> dict[str, Any]:
    quotation, entity = found.quotation, found.entity
    quote = document.text[quotation.start : quotation.end]
    mention = quotation.mention  # kept when it resolves to nobody ("he" with no one before it)
    return {
        "quote_id": f"{document.doc_id}:{quotation.start}:{quotation.end}",
        "doc_id": document.doc_id,
        "quote": quote,
        "quote_key": own_key(quote),  # the flow links copies
        "start": quotation.start,
        "end": quotation.end,
        "kind": quotation.kind,
        "speaker": found.speaker,
        "speaker_kind": found.speaker_kind,
        "speaker_role": found.speaker_role,
        "speaker_mention": mention.text if mention is not None else None,
        "speaker_start": mention.start_char if mention is not None else None,
        "speaker_end": mention.end_char if mention is not None else None,
        "speaker_entity_id": entity_id(document.doc_id, entity.index) if entity is not None else None,
        "cue": quotation.cue,
        "sentence": quotation.sentence,
    }
