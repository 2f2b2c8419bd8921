import json
import uuid
from bisect import bisect_right

from conftest import FIXTURES
from dateline.batch import build_tables
from dateline.extract.mentions import extract_mentions
from dateline.ingest.articles import read_record
from dateline.models import RawRecord
from dateline.nlp import MODEL_NAME, NER_WEIGHTS, _minibatches, load_model, parse, prime_tokenizer, split_text


def _seed_document(seed_text):
    (document,) = read_record(RawRecord("seed.txt", "txt", seed_text.encode()))
    return document


def test_seed_mentions_point_into_the_document_text(seed_text):
    document = _seed_document(seed_text)
    ((_, doc),) = list(parse([document]))
    rows = extract_mentions(document, doc)
    assert len(rows) > 80
    for row in rows:
        assert document.text[row["start"] : row["end"]] == row["text"]
        assert row["mention_id"] == f"{document.doc_id}:{row['start']}:{row['end']}"
    people = {r["text"] for r in rows if r["label"] == "PERSON"}
    assert {"John Kirby", "Antony Blinken", "Sergei Lavrov"} <= people
    assert len({r["mention_id"] for r in rows}) == len(rows)


def test_sentence_index_counts_sentences_in_order(seed_text):
    document = _seed_document(seed_text)
    ((_, doc),) = list(parse([document]))
    rows = extract_mentions(document, doc)
    sentences = [r["sentence"] for r in rows]
    assert sentences == sorted(sentences)
    starts = [s.start_char for s in doc.sents]
    for row in rows:
        assert bisect_right(starts, row["start"]) - 1 == row["sentence"]
    assert sentences[-1] > 30


def test_long_texts_are_parsed_in_pieces_with_exact_offsets(seed_text):
    long_text = "\n".join([seed_text.strip()] * 6)
    (document,) = read_record(RawRecord("long.txt", "txt", long_text.encode()))
    pieces = split_text(document.text, 5000)
    assert len(pieces) > 6 and "".join(pieces) == document.text
    ((_, doc),) = list(parse([document], chunk_chars=5000))
    assert doc.text == document.text
    rows = extract_mentions(document, doc)
    assert all(document.text[r["start"] : r["end"]] == r["text"] for r in rows)
    kirby = [r for r in rows if r["text"] == "John Kirby"]
    assert len(kirby) == 6


def test_parse_keeps_input_order_for_several_documents(seed_text):
    texts = ["Boris Johnson spoke in London.", seed_text, "Angela Merkel visited Paris."]
    documents = [read_record(RawRecord(f"{i}.txt", "txt", t.encode()))[0] for i, t in enumerate(texts)]
    parsed = list(parse(documents, batch_size=2))
    assert [d.source for d, _ in parsed] == ["0.txt", "1.txt", "2.txt"]
    assert all(doc.text == d.text for d, doc in parsed)


def test_parse_minibatches_bounded_by_characters_give_the_same_parse(seed_text):
    texts = ["Boris Johnson spoke in London.", seed_text, "Angela Merkel visited Paris."] * 2
    documents = [read_record(RawRecord(f"{i}.txt", "txt", t.encode()))[0] for i, t in enumerate(texts)]
    pieces = [(d.text, i) for i, d in enumerate(documents)]
    minibatches = list(_minibatches(pieces, max_texts=64, max_chars=40))
    assert [len(m) for m in minibatches] == [1, 1, 1, 1, 1, 1]  # every text alone: none fits beside another
    assert [len(m) for m in _minibatches(pieces, max_texts=2, max_chars=10**6)] == [2, 2, 2]
    one_by_one = list(parse(documents, batch_chars=40))
    together = list(parse(documents))
    assert [d.source for d, _ in one_by_one] == [d.source for d in documents]
    for (_, alone), (_, batched) in zip(one_by_one, together, strict=True):
        assert [(t.text, t.idx, t.dep_, t.ent_type_) for t in alone] == [
            (t.text, t.idx, t.dep_, t.ent_type_) for t in batched
        ]


def test_a_batch_leaves_the_model_vocabulary_as_it_found_it(seed_text):
    """A long-running worker must not grow with every new word it meets (dateline.nlp.memory_zone);
    and the rows, built inside the zone, must not depend on what it frees. Only the process's first
    batch leaves words behind: its most frequent ones prime the tokenizer (dateline.nlp)."""
    strings = load_model().vocab.strings
    build_tables([_seed_document(seed_text)], [], "run-0")  # this process's first batch, if no test ran one
    # The reference article with a word no earlier test can have put in the vocabulary.
    document = _seed_document(f"{seed_text}\nReported by Q{uuid.uuid4().hex}.\n")
    before = len(strings)
    first = build_tables([document], [], "run-1")
    assert len(strings) == before
    second = build_tables([document], [], "run-1")
    for table in ("mentions", "quotes", "entities", "locations", "bylines", "signatures"):
        assert first[table].num_rows > 0 or table == "bylines"
        assert first[table].equals(second[table]), table
    list(parse([document]))  # the same article outside a zone leaves its new words behind
    assert len(strings) > before


def test_priming_keeps_a_first_batchs_frequent_words_and_tokenizes_as_before(seed_text):
    """Inside memory zones spaCy's tokenizer caches nothing and rebuilds every word, so the first
    batch primes it outside one (dateline.nlp.prime_tokenizer): its frequent words must stay in the
    vocabulary past a zone, and later texts must tokenize exactly as with an unprimed tokenizer."""
    import spacy

    def tokenizer_only():
        return spacy.load(
            MODEL_NAME, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"]
        )

    primed, unprimed = tokenizer_only(), tokenizer_only()
    frequent = ["talks", "Russia", "Ukraine"]
    assert all(seed_text.split().count(word) >= 2 for word in frequent)
    assert not any(word in primed.vocab for word in frequent)
    prime_tokenizer(primed, [seed_text])
    other = json.loads((FIXTURES / "reuters-bankamerica.jsonl").read_text().splitlines()[0])["body"]
    with primed.memory_zone():
        tokens = [(t.text, t.idx, t.whitespace_) for t in primed(f"{seed_text}\n\n{other}")]
    assert all(word in primed.vocab for word in frequent)
    assert tokens == [(t.text, t.idx, t.whitespace_) for t in unprimed(f"{seed_text}\n\n{other}")]


def test_the_model_multiplies_on_numpy_and_parses_exactly_as_with_blis(seed_text):
    """load_model moves thinc's matrix products from BLIS to numpy for speed (see there): the tags,
    parse and entities must be those of the model as thinc loads it by default."""
    import spacy

    nlp = load_model()
    models = [pipe.model for _, pipe in nlp.pipeline if getattr(pipe, "model", None) is not None]
    assert len(models) >= 4 and not any(model.ops.use_blis for model in models)
    default = spacy.load(MODEL_NAME)
    default.get_pipe("ner").from_disk(NER_WEIGHTS, exclude=["vocab"])  # Dateline's NER, as load_model
    default.add_pipe("paragraph_boundaries", before="parser")
    assert default.get_pipe("tok2vec").model.ops.use_blis  # the choice did not leak into thinc's default
    document = _seed_document(seed_text)
    ((_, doc),) = list(parse([document]))

    def analysis(d):
        return [(t.idx, t.tag_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_, t.is_sent_start) for t in d]

    assert analysis(doc) == analysis(default(document.text))
