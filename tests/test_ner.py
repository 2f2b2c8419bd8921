"""Dateline's NER (en_core_web_sm's, fine-tuned on CoNLL-2003 train): what it learned holds on text
it was not trained on, and the labels the other tables use still come out."""

from collections import Counter

from conftest import SHARED, shared_file
from dateline.entities.conll import TO_CONLL, figures, read_conll, score
from dateline.nlp import load_model

CONLL_DEV = SHARED / "data" / "ner-dev" / "conll2003-dev.txt"


def test_the_ner_finds_news_names_plain_spacy_mislabels():
    # the first 40 CoNLL-2003 dev documents (selection data, never trained on): plain
    # en_core_web_sm scores ORG about 0.33 and all types about 0.65 on the whole split
    documents = read_conll(shared_file(CONLL_DEV))[:40]
    counts: Counter = Counter()
    for doc, (_, gold) in zip(load_model().pipe(t for t, _ in documents), documents, strict=True):
        predicted = {(e.start_char, e.end_char, TO_CONLL[e.label_]) for e in doc.ents if e.label_ in TO_CONLL}
        score(gold, predicted, counts)
    assert figures(counts, ("ORG",))[2] >= 0.65
    assert figures(counts)[2] >= 0.80


def test_the_labels_conll_lacks_are_not_forgotten():
    doc = load_model()(
        "Anthony Smith, chief executive of the watchdog Transport Focus, said on Tuesday that 3,000\n"
        "passengers in Glasgow paid $12 million more in 2023, about 4 percent, than French travellers.\n"
    )
    labels = {e.text: e.label_ for e in doc.ents}
    assert labels.get("Anthony Smith") == "PERSON" and labels.get("French") == "NORP"
    assert labels.get("Glasgow") == "GPE"  # a PERSON to plain en_core_web_sm
    assert {"DATE", "CARDINAL", "MONEY", "PERCENT"} <= set(labels.values())
