"""The `quotes` table: direct, partial and indirect quotations with their speakers resolved to names."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dateline.entities import DocEntities, Entity
from dateline.extract.mentions import entity_id
from dateline.quotes.find import Quotation, find_quotations
from dateline.quotes.model import AttributionModels, shipped_models
from dateline.stories.quote_keys import own_key

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from dateline.models import Document


def extract_quotes(
    document: Document, doc: Doc, models: AttributionModels | None = None, rules_only: bool = False
) -> list[dict[str, Any]]:
    """The quotes table's rows for one article. The shipped attribution models decide unless other
    `models` are given (cross-validation) or `rules_only` asks for the rules alone (benchmarks)."""
    if not rules_only and models is None:
        models = shipped_models()
    entities = doc._.entities
    quotations = find_quotations(doc, None if rules_only else models)
    return [_row(document, q, _speaker_entity(q, entities)) for q in quotations]


def _row(document: Document, quotation: Quotation, entity: Entity | None) -> dict[str, Any]:
    quote = document.text[quotation.start : quotation.end]
    mention = quotation.mention  # kept when it resolves to nobody ("he" with no one before it)
    speaker, kind, role = quotation.speaker, quotation.speaker_kind, quotation.speaker_role
    if entity is not None:
        # The entity layer groups every mention of the speaker in the article: its name is the
        # fullest form ("Njuguna Ndung'u" for "Njuguna", "Suffield Financial Corp" for "Suffield"),
        # its label the kind, its role the article's.
        name = " ".join(entity.name.split())  # entity names keep hard-wrapped copy's line breaks
        if entity.label in ("PERSON", "ORG") and _fuller(name, speaker):
            speaker = name
        if kind != "person":  # a name the resolver knows as a person's stays one ("Resila Onyango" as ORG)
            kind = _KIND_OF_LABEL.get(entity.label, kind)
        role = role or (" ".join(entity.role.split()) if entity.role else None)
    return {
        "quote_id": f"{document.doc_id}:{quotation.start}:{quotation.end}",
        "doc_id": document.doc_id,
        "quote": quote,
        "quote_key": own_key(quote),  # the flow links copies
        "start": quotation.start,
        "end": quotation.end,
        "kind": quotation.kind,
        "speaker": speaker,
        "speaker_kind": kind or "none",
        "speaker_role": role,
        "speaker_mention": mention.text if mention is not None else None,
        "speaker_start": mention.start_char if mention is not None else None,
        "speaker_end": mention.end_char if mention is not None else None,
        "speaker_entity_id": entity_id(document.doc_id, entity.index) if entity is not None else None,
        "cue": quotation.cue,
        "sentence": quotation.sentence,
    }


def _speaker_entity(quotation: Quotation, entities: DocEntities) -> Entity | None:
    """The speaker's entity: the one whose canonical name the speaker resolved to ("he" -> "John
    Kirby"), else the one named by the head of the words at the attribution site."""
    if quotation.speaker is None or quotation.mention is None:
        return None
    entity = entities.named(quotation.speaker)
    if entity is None:
        # the phrase's last word is its head: "Pentagon spokesman John Kirby" is Kirby, while
        # "the British government" is not the NORP "British"
        end = quotation.mention.end_char
        entity = entities.at(end - 1, end)
    return entity if entity is not None and entity.label in _KIND_OF_LABEL else None


def _fuller(name: str, speaker: str | None) -> bool:
    """The entity's name holds every word of the speaker's, and more (and is one name: "Jesse
    Jackson’s Wattstax" is not a fuller "Wattstax")."""
    if speaker is None or "’s " in name or "'s " in name:
        return False
    words, speaker_words = name.split(), speaker.split()
    return len(words) > len(speaker_words) and all(w in words for w in speaker_words)


# The entity labels a speaker can have, and the speaker kind each means.
_KIND_OF_LABEL = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "organization",
    "LOC": "organization",
    "NORP": "description",
}
