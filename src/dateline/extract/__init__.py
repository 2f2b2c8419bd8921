"""One extractor per table, each a pure function from a parsed document to that table's rows.

An extractor takes the `Document` and its spaCy `Doc` and returns a list of row dicts keyed by the
table contract's columns. Extractors never raise on odd text and never do I/O; the flow decides when
and where they run.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dateline.extract.bylines import extract_bylines
from dateline.extract.entities import extract_entities
from dateline.extract.locations import extract_locations
from dateline.extract.mentions import extract_mentions
from dateline.extract.quotes import extract_quotes
from dateline.extract.signatures import extract_signatures

Row = dict[str, Any]
Extractor = Callable[..., list[Row]]

# Table name -> extractor. Tables built from parsed documents; `documents` and `rejects` come from
# ingestion itself.
EXTRACTORS: dict[str, Extractor] = {
    "mentions": extract_mentions,
    "entities": extract_entities,
    "quotes": extract_quotes,
    "locations": extract_locations,
    "bylines": extract_bylines,
    "signatures": extract_signatures,
}
