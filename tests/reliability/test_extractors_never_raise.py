"""Extractors never raise on any text, and every offset they store points into it."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dateline.extract import EXTRACTORS
from dateline.ingest.normalize import doc_id_for, normalize_text
from dateline.models import Document
from dateline.nlp import parse

# Text made of the characters that trouble quote and sentence handling, mixed with words.
ATOMS = st.sampled_from(
    [
        "“",
        "”",
        '"',
        "''",
        "«",
        "»",
        "‘",
        "’",
        "—",
        "―",
        ":",
        ",",
        ".",
        "?",
        "\n",
        "\n\n",
        " ",
        "said",
        "he",
        "she",
        "they",
        "Kirby",
        "John Kirby",
        "according to",
        "officials",
        "told",
        "the",
        "that",
        "who",
        "Reuters",
        "Kyiv",
        "KYIV, Ukraine —",
        "Rabat,",
        "Calif.",
        "By",
        "contributed to this report.",
        "Reporting by",
        "; Editing by",
        "reported from",
        "🙂",
        "שלום",
        "5'11\"",
        "=",
    ]
)
TEXTS = st.lists(ATOMS, min_size=1, max_size=60).map(" ".join) | st.text(min_size=1, max_size=300)

SPANS = {
    "mentions": [("start", "end", "text")],
    "quotes": [("start", "end", "quote"), ("speaker_start", "speaker_end", "speaker_mention")],
    "entities": [],
    "locations": [("start", "end", "text")],
    "bylines": [],
    "signatures": [],
}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_every_extractor_survives_any_text(raw):
    text = normalize_text(raw)
    if not text:
        return
    document = Document(doc_id_for(text), "generated", "txt", text)
    ((_, doc),) = list(parse([document]))
    for table, extractor in EXTRACTORS.items():
        rows = extractor(document, doc)
        if table == "signatures":
            assert [r["doc_id"] for r in rows] == [document.doc_id] and len(rows[0]["minhash"]) == 128
        if table == "entities":
            # every entity starts at one of its mentions, which the mentions check pins to the text
            mentions = {(r["entity_id"], r["start"]) for r in EXTRACTORS["mentions"](document, doc)}
            assert all((r["entity_id"], r["first_start"]) in mentions for r in rows)
        for row in rows:
            for start, end, value in SPANS[table]:
                if row[start] is None:
                    continue
                assert 0 <= row[start] < row[end] <= len(text)
                assert text[row[start] : row[end]] == row[value]
