import unicodedata

from dateline.ingest.normalize import clean_field, count_words, doc_id_for, normalize_text


def test_normalize_composes_unicode_and_unifies_line_ends():
    decomposed = "Cavus\u0327oglu said\r\nhe\rwould"  # ş written as s + combining cedilla
    text = normalize_text("\ufeff" + decomposed + "  \n")
    assert text == "Cavuşoglu said\nhe\nwould"
    assert unicodedata.is_normalized("NFC", text)


def test_normalize_keeps_curly_and_straight_quotes(seed_text):
    text = normalize_text(seed_text)
    assert "“humanitarian issues.”" in text
    assert normalize_text('He said "no".') == 'He said "no".'


def test_normalize_drops_control_characters_but_keeps_tabs():
    assert normalize_text("a\x00b\x07c\td") == "abc\td"


def test_doc_id_is_deterministic_and_depends_on_the_text_title_and_url(seed_text):
    text = normalize_text(seed_text)
    assert doc_id_for(text) == doc_id_for(normalize_text(seed_text.replace("\n", "\r\n")))
    assert len(doc_id_for(text)) == 20
    assert doc_id_for(text) != doc_id_for(text + " More.")
    # one text under two headlines, or at two addresses, is two documents (one story)
    titled = doc_id_for(text, "Talks in Istanbul")
    assert titled == doc_id_for(text, "Talks in Istanbul") != doc_id_for(text, "Russia to scale back")
    assert titled != doc_id_for(text) != doc_id_for(text, None, "https://example.org/a")


def test_count_words_counts_contractions_and_numbers_once():
    assert count_words("Russia’s 15-year timeline, U.S. troops") == 5


def test_clean_field_folds_whitespace_and_empties_to_none():
    assert clean_field("  Real\n Clear  Politics ") == "Real Clear Politics"
    assert clean_field("   ") is None
    assert clean_field(None) is None
