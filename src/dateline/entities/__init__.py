"""Entities: a document's mentions grouped into the real-world things they name.

`resolve_entities(doc)` does the work once per `Doc` and caches the result on it (also reachable as
the `doc._.entities` extension, spaCy's convention, registered when the model loads); the mentions,
entities and quotes tables all read that one result, so a mention's `entity_id` and a speaker's
`speaker_entity_id` always agree.
"""

from dateline.entities.resolve import DocEntities, Entity, Mention, register_extension, resolve_entities

__all__ = ["DocEntities", "Entity", "Mention", "register_extension", "resolve_entities"]
