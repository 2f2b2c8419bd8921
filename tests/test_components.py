"""The per-article analyses (`dateline.components`): each runs once on the whole article and leaves
its result on `doc._` for the extractors."""

from __future__ import annotations

from conftest import FIXTURES
from dateline.components import ANALYSES
from dateline.docs import EXTENSIONS, release
from dateline.ingest.articles import read_record
from dateline.models import RawRecord
from dateline.nlp import analyse, load_model, parse


def _document(name: str, text: str):
    (document,) = read_record(RawRecord(name, "txt", text.encode()))
    return document


def test_the_model_runs_the_analyses_after_the_parse_and_declares_what_they_assign():
    nlp = load_model()
    assert list(nlp.pipe_names[-len(ANALYSES) :]) == list(ANALYSES)
    assigned = {a for name in ANALYSES for a in nlp.get_pipe_meta(name).assigns}
    assert assigned == {"doc._.dateline", "doc._.credits", "doc._.entities", "doc._.places", "doc._.quotes"}
    assert {a.removeprefix("doc._.") for a in assigned} <= set(EXTENSIONS)
    for own in ("paragraph_boundaries", "share_buttons"):  # the parse's own, before NER and parser
        assert nlp.get_pipe_meta(own).assigns


def test_credit_lines_and_entities_of_the_seed(seed_text):
    doc = load_model()(seed_text)
    credits = {(c.name, c.role, c.location) for c in doc._.credits}
    assert ("John Hudson", "contributor", "Rabat, Morocco") in credits
    assert doc._.dateline is None  # the seed has no dateline
    kirby = doc._.entities.named("John Kirby")
    assert kirby is not None and kirby.label == "PERSON"
    roles = {(p.toponym.text, p.role) for p in doc._.places}
    assert ("Mukachevo", "byline") in roles and ("Kyiv", "mention") in roles
    kyiv = next(p.resolution.place for p in doc._.places if p.toponym.text == "Kyiv")
    assert kyiv is not None and kyiv.country_code == "UA"
    # "Kirby said there were continued strikes": the speaker tied to his entity, by its full name
    kirby_said = [q for q in doc._.quotes if q.entity is kirby]
    assert kirby_said and all(q.speaker == "John Kirby" and q.speaker_kind == "person" for q in kirby_said)


def test_a_wire_story_has_its_dateline_on_the_doc():
    import json

    record = json.loads((FIXTURES / "reuters-datelines.jsonl").read_text().splitlines()[0])
    text = f"{record['dateline']} {record['body']}"
    doc = load_model()(text)
    assert doc._.dateline is not None and doc._.dateline.place.startswith("SUFFIELD")


def test_an_article_parsed_in_pieces_is_analysed_whole(seed_text):
    """A long article is parsed in pieces; the analyses see all of it, so the credits at its end
    and the people named in one piece and referred to in another come out as from one parse."""
    document = _document("seed.txt", seed_text)
    ((_, whole),) = list(parse([document]))
    ((_, pieces),) = list(parse([document], chunk_chars=1500))
    assert [c.name for c in pieces._.credits] == [c.name for c in whole._.credits]
    assert len(pieces._.credits) >= 5
    mentions = {e.name: len(e.mentions) for e in pieces._.entities.entities}
    assert mentions == {e.name: len(e.mentions) for e in whole._.entities.entities}
    kirby = pieces._.entities.named("John Kirby")  # named in the first piece, "Kirby" in the third
    assert kirby is not None and {m.start // 1500 for m in kirby.mentions} == {0, 2}


def test_a_pipeline_parse_leaves_the_analyses_to_the_caller_and_release_drops_them(seed_text):
    document = _document("seed.txt", seed_text)
    ((_, doc),) = list(parse([document], analysed=False))
    assert doc._.entities is None and doc._.credits is None
    analyse(doc)
    assert doc._.entities is not None and doc._.credits
    release(doc)
    assert doc._.entities is None and doc._.credits is None and doc._.text is None
