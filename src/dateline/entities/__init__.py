"""Entities: a document's mentions grouped into the real-world things they name.

`resolve_entities(doc)` does the work; the `dateline_entities` component (`dateline.components`) runs
it once per article and puts the result on `doc._.entities`, which the mentions, entities, quotes and
locations tables all read, so a mention's `entity_id` and a speaker's `speaker_entity_id` agree.
"""

from dateline.entities.resolve import DocEntities, Entity, Mention, resolve_entities

__all__ = ["DocEntities", "Entity", "Mention", "resolve_entities"]
