"""Across articles: story clusters, quotation keys and speakers, on real articles.

The syndicated copy is made from the reference article the way wire copy is rewritten: a new
headline and first paragraph, the last three paragraphs cut, straight quotation marks for curly ones.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from conftest import FIXTURES, SEED_ARTICLE, comparable
from dateline.store import AGGREGATE_PART, INDEX_DIR, OutputStore
from dateline.stories.link import QUOTE_INDEX, StoryLinker
from dateline.stories.quote_keys import QuoteKeys, fold, own_key
from dateline.stories.speakers import refresh_speakers

BANKAMERICA = FIXTURES / "reuters-bankamerica.jsonl"  # two titles, one body; and a farm story
STRAIGHT = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})
NEW_LEDE = (
    "Ukraine offered on Tuesday to stay out of NATO in return for guarantees from other countries, "
    "and Russia said it would sharply cut back its military operations around Kyiv, after a day of "
    "talks in Istanbul that raised hopes, if guarded ones, of a way out of the war."
)


def syndicated_copy(seed_text: str) -> dict[str, str]:
    paragraphs = [p for p in seed_text.splitlines() if p.strip()]
    text = "\n".join([NEW_LEDE, *paragraphs[1:-3]]).translate(STRAIGHT)
    return {
        "title": "Russia says it will scale back near Kyiv as Ukraine offers neutrality",
        "url": "https://news.example.org/world/2022/03/29/istanbul-talks",
        "published": "2022-03-29T18:00:00Z",
        "text": text,
    }


def _run(source: Path, output: Path) -> dict:
    from dateline.flows.pipeline import pipeline

    return pipeline(source=str(source), output=str(output))


def _write_copy(folder: Path, seed_text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "syndicated.json"
    path.write_text(json.dumps(syndicated_copy(seed_text)), encoding="utf-8")
    return path


def test_a_syndicated_copy_joins_the_story_and_its_quotes_keep_their_keys(
    seed_output_copy, seed_text, tmp_path
):
    seed_quotes = pd.read_parquet(seed_output_copy / "quotes")
    (seed_doc,) = pd.read_parquet(seed_output_copy / "documents").doc_id

    summary = _run(_write_copy(tmp_path / "copy", seed_text).parent, seed_output_copy)
    assert summary["documents"] == 1 and summary["stories"] == 1

    documents = pd.read_parquet(seed_output_copy / "documents")
    assert len(documents) == 2 and set(documents.cluster_id) == {seed_doc}
    quotes = pd.read_parquet(seed_output_copy / "quotes")
    copy_quotes = quotes[quotes.doc_id != seed_doc]
    key_by_text = {
        q.translate(STRAIGHT): k for q, k in zip(seed_quotes.quote, seed_quotes.quote_key, strict=True)
    }
    carried = copy_quotes[copy_quotes.quote.isin(key_by_text)]
    assert len(carried) >= 25, "the copy keeps most of the reference article's quotations"
    for quote, key in zip(carried.quote, carried.quote_key, strict=True):
        assert key == key_by_text[quote], quote
    # quotations only the cut paragraphs held are not given to the copy
    cut_from = seed_text.strip().index([p for p in seed_text.splitlines() if p.strip()][-3])
    kept = set(seed_quotes.quote_key[seed_quotes.start < cut_from])
    only_cut = set(seed_quotes.quote_key[seed_quotes.start >= cut_from]) - kept
    assert only_cut and not only_cut & set(copy_quotes.quote_key)

    speakers = pd.read_parquet(seed_output_copy / "speakers").set_index("entity_key")
    kirby = speakers.loc["person:john kirby"]
    assert kirby["name"] == "John Kirby" and kirby.n_documents == 2
    assert kirby.n_quotes == (quotes.speaker == "John Kirby").sum()
    assert {"John Kirby", "Kirby"} <= set(kirby.aliases)
    # only the copy is dated: its date is when he and his role were seen
    assert kirby.first_seen == kirby.last_seen == pd.Timestamp("2022-03-29T18:00:00Z")
    roles = pd.read_parquet(seed_output_copy / "speaker_roles")
    (role,) = roles[(roles.entity_key == "person:john kirby")].itertuples()
    assert role.role == "Pentagon spokesman" and role.n_documents == 2
    assert role.first_seen == pd.Timestamp("2022-03-29T18:00:00Z")


@pytest.mark.parametrize("loaded_from", ["quotes table", "stored index"])
def test_copies_of_one_quotation_share_a_key_and_different_quotations_never_do(seed_output, loaded_from):
    quotes = pd.read_parquet(seed_output / "quotes")
    distinct = {
        " ".join(w for piece in fold(q) for w in piece): k
        for q, k in zip(quotes.quote, quotes.quote_key, strict=True)
    }
    assert len(set(distinct.values())) == len(distinct), "two different quotations share a key"

    keys = QuoteKeys()
    keys.index_stored(zip(quotes.quote, quotes.quote_key, strict=True))  # an output stored without index
    if loaded_from == "stored index":  # as a later run loads it
        entries = keys.take_entries()
        assert entries.num_rows == len(distinct)
        keys = QuoteKeys()
        keys.load_entries(entries)
    long_quotes = [
        (q, k) for q, k in zip(quotes.quote, quotes.quote_key, strict=True) if len(q.split()) >= 10
    ]
    assert len(long_quotes) >= 10
    for quote, key in long_quotes:
        words = quote.split()
        variants = [
            quote.translate(STRAIGHT).replace(",", "").replace(".", ""),
            "… " + " ".join(words[2:]),
            " ".join(words[:-2]) + "...",
            " ".join(words[1:-1]).upper(),
        ]
        for variant in variants:
            assert keys.key_for(variant) == key, (quote, variant)
    # a quotation that only shares its opening words with a stored one is another quotation
    for quote, key in long_quotes:
        words = quote.split()
        other = " ".join([*words[:4], "and", "that", "is", "why", "we", "will", "never", "agree", "to", "it"])
        assert keys.key_for(other) not in {key, *distinct.values()}
    assert own_key("“We will win,” he said") != own_key("We will lose")
    assert keys.key_for("…") != keys.key_for("?!")  # no words: told apart by what is written


def test_a_then_b_gives_the_same_clusters_keys_and_speakers_as_a_and_b_at_once(
    prefect_server, seed_text, tmp_path
):
    stories = BANKAMERICA.read_text(encoding="utf-8").splitlines(keepends=True)
    inputs = tmp_path / "inputs"
    a, b = inputs / "a", inputs / "b"
    a.mkdir(parents=True)
    shutil.copy(SEED_ARTICLE, a / SEED_ARTICLE.name)
    (a / "reuters.jsonl").write_text("".join(stories[:2]), encoding="utf-8")
    _write_copy(b, seed_text)
    (b / "reuters.jsonl").write_text(stories[2], encoding="utf-8")

    together, apart = tmp_path / "together", tmp_path / "apart"
    at_once = _run(inputs, together)
    _run(a, apart)
    then = _run(b, apart)
    assert at_once["stories"] == then["stories"] == 3  # the Istanbul talks, BankAmerica, farm prices

    columns = {
        "documents": ["doc_id", "cluster_id"],
        "quotes": ["quote_id", "quote_key"],
        "speakers": None,
        "speaker_roles": None,
    }
    for table, wanted in columns.items():
        got, want = (_sorted(pd.read_parquet(out / table, columns=wanted)) for out in (apart, together))
        pd.testing.assert_frame_equal(got, want, obj=table)

    documents = pd.read_parquet(together / "documents")
    bank = documents[documents.title.fillna("").str.contains("BANKAMERICA")]
    assert len(bank) == 2 and bank.cluster_id.nunique() == 1, "one body under two titles is one story"
    farm = documents[documents.title.fillna("").str.contains("FARMER-OWNED")]
    assert farm.cluster_id.iloc[0] not in set(bank.cluster_id)

    # the stored quotation index is what indexing the stored quotations again gives (run b loaded it)
    index = apart / INDEX_DIR / QUOTE_INDEX
    stored_index = {p.name: pq.read_table(p) for p in index.iterdir()}
    assert set(stored_index) == {p.name for p in (apart / "documents").glob("part-*")}
    shutil.rmtree(apart / INDEX_DIR)
    StoryLinker.load(OutputStore(apart))  # an output written before the index: it is written now
    assert {p.name: pq.read_table(p) for p in index.iterdir() if p.name in stored_index} == stored_index

    # the speakers tables are rebuilt from the batches they do not cover yet, whichever those are
    before = {t: _sorted(pd.read_parquet(together / t)) for t in ("speakers", "speaker_roles")}
    (together / "speakers" / AGGREGATE_PART).unlink()
    assert set(refresh_speakers(OutputStore(together))) == {"speakers"}
    for table, frame in before.items():
        pd.testing.assert_frame_equal(_sorted(pd.read_parquet(together / table)), frame, obj=table)


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    return comparable(frame, list(frame.columns[:2]))


@pytest.mark.parametrize("text", ["", "Short.", "one two three four five six"])
def test_tiny_texts_still_get_a_signature(text):
    from dateline.stories.signatures import NUM_PERM, signature

    assert len(signature(text)) == NUM_PERM
