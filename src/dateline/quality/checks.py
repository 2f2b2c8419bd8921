"""Derived columns that let single-table expectations check cross-table facts.

Great Expectations validates one frame at a time, but the facts that matter most here span tables:
a mention's offsets must lie inside its document's text. Each table's frame is extended with
underscore-prefixed columns computed against `documents` (the texts of the same batch, or of the
whole dataset), and the suites in `expectations/` assert on them.
"""

from __future__ import annotations

import pandas as pd

# Tables whose rows carry character offsets into documents.text: (start column, end column, text column).
SPAN_COLUMNS: dict[str, tuple[str, str, str]] = {
    "mentions": ("start", "end", "text"),
    "quotes": ("start", "end", "quote"),
    "locations": ("start", "end", "text"),
}
# Optional second spans: (start, end, text, check column); null offsets mean "no span" and pass.
OPTIONAL_SPANS: dict[str, tuple[str, str, str, str]] = {
    "quotes": ("speaker_start", "speaker_end", "speaker_mention", "_speaker_span_matches_text"),
}


# Tables whose checks read their documents' texts (offsets, lengths, existence); others get none.
NEEDS_TEXTS = frozenset({*SPAN_COLUMNS, "entities", "bylines"})

# Columns holding an entity id that must exist in entities: (column, check column).
ENTITY_LINKS: dict[str, tuple[str, str]] = {
    "mentions": ("entity_id", "_entity_exists"),
    "quotes": ("speaker_entity_id", "_speaker_entity_exists"),
}


def check_frame(
    table: str, frame: pd.DataFrame, documents: pd.DataFrame, entities: pd.DataFrame | None = None
) -> pd.DataFrame:
    """`frame` plus the derived check columns its suite expects; `documents` needs doc_id and text,
    `entities` (when given) entity_id."""
    frame = frame.copy()
    if table in ENTITY_LINKS and entities is not None:
        column, check = ENTITY_LINKS[table]
        known = set(entities["entity_id"])
        frame[check] = [pd.isna(v) or v in known for v in frame[column]]
    if table == "documents":
        lengths = frame["text"].fillna("").str.len()
        frame["_n_chars_matches_text"] = frame["n_chars"].eq(lengths)
        return frame
    texts = _texts_by_id(documents)
    if table == "entities":
        _link_documents(frame, texts)
        frame["_person_named_after_country"] = [
            label == "PERSON" and _is_country(name)
            for label, name in zip(frame["label"], frame["name"], strict=True)
        ]
        return frame
    if table in ("locations", "bylines"):
        known = _country_codes()
        frame["_country_code_known"] = [pd.isna(c) or c in known for c in frame["country_code"]]
    if table == "bylines":
        from dateline.geo.gazetteer import fold

        frame["_doc_exists"] = [t is not None for t in _doc_texts(frame, texts)]
        frame["_name_folded"] = [fold(name) for name in frame["name"]]
        return frame
    if table == "quotes":
        frame["_speaker_kind_matches"] = frame["speaker"].isna().eq(frame["speaker_kind"].eq("none"))
    if table in SPAN_COLUMNS:
        start, end, span_text = SPAN_COLUMNS[table]
        doc_text = _link_documents(frame, texts)
        frame["_span_matches_text"] = _spans_match(doc_text, frame[start], frame[end], frame[span_text])
        if table in OPTIONAL_SPANS:
            start, end, span_text, check = OPTIONAL_SPANS[table]
            present = frame[start].notna()
            matches = _spans_match(doc_text, frame[start], frame[end], frame[span_text])
            frame[check] = [ok or not has for ok, has in zip(matches, present, strict=True)]
    return frame


def _texts_by_id(documents: pd.DataFrame) -> dict[str, str]:
    """Each document's text by id (the first, when an id repeats: the uniqueness expectation reports
    that). Rows look their text up here instead of carrying a copy: mapping texts onto 100,000
    mention rows as a column copied every text once per row, gigabytes for a few thousand articles."""
    texts: dict[str, str] = {}
    for doc_id, text in zip(documents["doc_id"], documents["text"], strict=True):
        if isinstance(text, str):
            texts.setdefault(doc_id, text)
    return texts


def _doc_texts(frame: pd.DataFrame, texts: dict[str, str]) -> list[str | None]:
    return [texts.get(doc_id) for doc_id in frame["doc_id"]]


def _link_documents(frame: pd.DataFrame, texts: dict[str, str]) -> list[str | None]:
    """Adds whether each row's document exists and its text's length; returns the texts."""
    doc_text = _doc_texts(frame, texts)
    frame["_doc_exists"] = [t is not None for t in doc_text]
    frame["_doc_n_chars"] = pd.array([None if t is None else len(t) for t in doc_text], dtype="Int64")
    return doc_text


def _spans_match(
    texts: list[str | None], starts: pd.Series, ends: pd.Series, values: pd.Series
) -> list[bool]:
    return [
        isinstance(t, str) and not pd.isna(s) and not pd.isna(e) and t[int(s) : int(e)] == v
        for t, s, e, v in zip(texts, starts, ends, values, strict=True)
    ]


def _is_country(name: str) -> bool:
    from dateline.geo.gazetteer import load_gazetteer

    return any(place.feature == "country" for place in load_gazetteer().lookup(name))


def _country_codes() -> frozenset[str]:
    from dateline.geo.gazetteer import load_gazetteer

    return frozenset(p.country_code for p in load_gazetteer().places if p.feature == "country")
