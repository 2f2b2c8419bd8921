"""An article's quotations with their speakers tied to the article's entities: what the
`dateline_quotes` component puts on `doc._.quotes` and the quotes table is made of.

The entity layer groups every mention of a speaker in the article, so the speaker's name becomes
the entity's fullest form ("Njuguna Ndung'u" for "Njuguna", "Suffield Financial Corp" for
"Suffield"), its kind follows the entity's label and its role the article's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from dateline.entities.names import honorifics_ahead
from dateline.quotes.find import Quotation, find_quotations
from dateline.quotes.lexicon import ARTICLES

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from dateline.entities import DocEntities, Entity
    from dateline.quotes.model import AttributionModels


@dataclass(frozen=True)
class ArticleQuote:
    quotation: Quotation
    speaker: str | None
    speaker_kind: str  # person | organization | description | none
    speaker_role: str | None
    entity: Entity | None  # the speaker's entity in the article


def article_quotes(doc: Doc, models: AttributionModels | None) -> list[ArticleQuote]:
    """The quotations of an analysed article (`doc._.entities`, `doc._.dateline`), attributed with
    `models` (None: the rules alone), in text order."""
    entities = doc._.entities
    return [_tied(q, _speaker_entity(q, entities)) for q in find_quotations(doc, models)]


def _tied(quotation: Quotation, entity: Entity | None) -> ArticleQuote:
    speaker, kind, role = quotation.speaker, quotation.speaker_kind, quotation.speaker_role
    if entity is not None:
        name = " ".join(entity.name.split())  # entity names keep hard-wrapped copy's line breaks
        if entity.label in ("PERSON", "ORG") and _fuller(name, speaker):
            speaker = name
        if kind != "person":  # a name the resolver knows as a person's stays one ("Resila Onyango" as ORG)
            kind = _KIND_OF_LABEL.get(entity.label, kind)
        role = role or (" ".join(entity.role.split()) if entity.role else None)
    return ArticleQuote(quotation, speaker, kind or "none", role, entity)


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
    """The entity's name holds every word of the speaker's but a leading article ("the Department"
    of "The Department for Transport said"), and more (and is one name: "Jesse Jackson’s Wattstax"
    is not a fuller "Wattstax")."""
    if speaker is None or "’s " in name or "'s " in name:
        return False
    words, speaker_words = name.split(), speaker.split()
    words = words[
        honorifics_ahead(words) :
    ]  # "Supt Ian Drummond-Smith" is no fuller than "Ian Drummond-Smith"
    if len(speaker_words) > 1 and speaker_words[0].lower() in ARTICLES:
        speaker_words = speaker_words[1:]
    return len(words) > len(speaker_words) and all(w in words for w in speaker_words)


# The entity labels a speaker can have, and the speaker kind each means.
_KIND_OF_LABEL = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "organization",
    "LOC": "organization",
    "NORP": "description",
}
