"""Entities on the reference article and on small real texts: grouping, names, types, roles, links."""

import pyarrow.dataset as ds
import pytest

from dateline.extract.entities import extract_entities
from dateline.extract.mentions import extract_mentions
from dateline.extract.quotes import extract_quotes
from dateline.ingest.articles import read_record
from dateline.models import RawRecord
from dateline.nlp import parse

SEED_PEOPLE = {
    "Recep Tayyip Erdogan": "Turkish President",
    "John Kirby": "Pentagon spokesman",
    "Vladimir Medinsky": "Russia’s lead negotiator",
    "Mevlut Cavusoglu": "Turkey’s foreign minister",
    "Antony Blinken": "Secretary of State",
    "Boris Johnson": None,
    "Tod D. Wolters": None,
    "Dmytro Kuleba": None,
    "Sergei Lavrov": None,
    "Roman Abramovich": None,
    "Dmitry Peskov": None,
    "Vladimir Putin": None,
    "Volodymyr Zelensky": None,
    "Oleksandr Chaly": None,
}


def _tables(text):
    (document,) = read_record(RawRecord("article.txt", "txt", text.encode()))
    ((_, doc),) = list(parse([document]))
    return document, extract_entities(document, doc), extract_mentions(document, doc), doc


def _labels(text):
    """The text's entity rows, and each mention's label by its text."""
    _, entities, mentions, _ = _tables(text)
    return entities, {m["text"]: m["label"] for m in mentions}


@pytest.fixture(scope="module")
def seed(seed_text):
    return _tables(seed_text)


def test_seed_people_are_person_entities_once_each_with_their_roles(seed):
    _, entities, _, _ = seed
    people = [e for e in entities if e["label"] == "PERSON"]
    names = [e["name"] for e in people]
    for name, role in SEED_PEOPLE.items():
        assert names.count(name) == 1, name
        if role is not None:
            assert next(e["role"] for e in people if e["name"] == name) == role
    assert not {"Kirby", "Erdogan", "Kuleba", "Chaly", "Blinken", "Abramovich"} & set(names)


def test_seed_places_are_places_and_aliases_group(seed):
    _, entities, _, _ = seed
    label = {e["name"]: e["label"] for e in entities}
    for place in ("Kyiv", "Mariupol", "Crimea", "Irpin", "Istanbul", "Rabat", "Mukachevo"):
        assert label[place] in ("GPE", "LOC"), place
    (united_states,) = [e for e in entities if e["entity_key"] == "place:united states"]
    assert united_states["n_mentions"] == 6  # three "U.S." and three "the United States"
    assert "European Union" in label and "the European Union" not in label


def test_every_mention_of_a_thing_links_to_its_entity(seed):
    document, entities, mentions, _ = seed
    by_id = {e["entity_id"]: e for e in entities}
    for mention in mentions:
        assert document.text[mention["start"] : mention["end"]] == mention["text"]
        if mention["label"] in ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"):
            assert mention["entity_id"] is None
        else:
            assert by_id[mention["entity_id"]]["label"] == mention["label"]
    counts = {}
    for mention in mentions:
        counts[mention["entity_id"]] = counts.get(mention["entity_id"], 0) + 1
    assert all(counts[e["entity_id"]] == e["n_mentions"] for e in entities)
    kirby = {m["text"] for m in mentions if m["entity_id"] == _id(entities, "John Kirby")}
    assert kirby == {"John Kirby", "Kirby"}


def test_speakers_link_to_their_entities(seed):
    document, entities, _, doc = seed
    names = {e["entity_id"]: e["name"] for e in entities}
    quotes = [q for q in extract_quotes(document, doc) if q["kind"] != "indirect"]
    linked = {q["speaker"]: names[q["speaker_entity_id"]] for q in quotes if q["speaker_entity_id"]}
    assert linked["John Kirby"] == "John Kirby"  # also through "he"
    assert linked["Sergei Lavrov"] == "Sergei Lavrov"  # not the NORP "Russian" in "His Russian counterpart"
    assert "the British government" not in linked


def test_a_headline_in_capitals_gives_its_names():
    text = (
        "SOCCER - JAPAN GET LUCKY WIN , CHINA IN SURPRISE DEFEAT .\n"
        "Nadim Ladki\n"
        "AL-AIN , United Arab Emirates 1996-12-06\n"
        "Japan began the defence of their Asian Cup title with a lucky 2-1 win against Syria.\n"
    )
    _, entities, mentions, _ = _tables(text)
    found = {m["text"]: (m["label"], m["source"]) for m in mentions}
    assert found["CHINA"][0] == found["JAPAN"][0] == "GPE"
    assert "SURPRISE" not in found and "LUCKY WIN" not in found
    japan = [e for e in entities if e["entity_key"] == "place:japan"]
    assert len(japan) == 1 and japan[0]["n_mentions"] == 2


def test_entity_keys_join_the_same_person_across_articles():
    _, first, _, _ = _tables("Pentagon spokesman John Kirby said the strikes continued on Tuesday.\n")
    _, second, _, _ = _tables(
        "“We are watching closely,” John Kirby told reporters. Kirby declined to say more.\n"
    )
    key = {e["entity_key"] for e in first if e["label"] == "PERSON"}
    assert key == {e["entity_key"] for e in second if e["label"] == "PERSON"} == {"person:john kirby"}


def test_written_tables_link_up(seed_output):
    entities = ds.dataset(seed_output / "entities").to_table().to_pylist()
    mentions = ds.dataset(seed_output / "mentions").to_table().to_pylist()
    quotes = ds.dataset(seed_output / "quotes").to_table().to_pylist()
    ids = {e["entity_id"] for e in entities}
    assert ids and {m["entity_id"] for m in mentions if m["entity_id"]} <= ids
    assert {q["speaker_entity_id"] for q in quotes if q["speaker_entity_id"]} <= ids


def _id(entities, name):
    return next(e["entity_id"] for e in entities if e["name"] == name)


def test_results_tables_split_into_people_and_countries():
    text = (
        "Results from the U.S. Open on Tuesday:\n"
        "Men's singles, first round\n"
        "Scott Draper ( Australia ) beat Petr Korda ( Czech Republic ) 6-3 6-4 7-6\n"
        "Rodney Eyles ( Australia ) beat Chris Walker ( England ) 15-8 15-13 13-15 15-9\n"
    )
    _, labels = _labels(text)
    assert labels["Australia"] == "GPE" and labels["Scott Draper"] == "PERSON"
    assert labels["Petr Korda"] == "PERSON" and labels["Czech Republic"] == "GPE"
    assert not any(" ( " in written for written in labels)  # labels are keyed by the mention texts


def test_a_credit_line_names_the_reporter_and_the_place_apart():
    text = "NAIROBI, June 15 (Reuters) - Kenya's parliament passed the budget on Thursday.\n\n"
    text += "Reporting by Evelyne Musambi in Kisumu; Editing by Alex Richardson\n"
    entities, labels = _labels(text)
    assert labels["Evelyne Musambi"] == "PERSON" and labels["Kisumu"] == "GPE"
    assert not any(" in " in e["name"] for e in entities)


def test_a_name_after_a_word_for_a_role_is_a_person():
    # a Guardian paragraph whose heading ran into it ("tracks Rinse FM DJ Clair Stirling")
    text = (
        "Police spokeswoman Resila Onyango said three people died in the crash.\n\n"
        "It’s telling that more people today can name Roland’s 303 synth than can name the vocalist "
        "who sang Inner City’s hits Good Life and Big Fun.Eclair Fifi's favourite tracks Rinse FM DJ "
        "Clair Stirling is the kind of person who would remember that it was Paris Grey. Better known "
        "under her moniker of Eclair Fifi, Stirling is intent on spotlighting the forgotten voices of "
        "house, and Stirling hopes its reissue will allow a new generation to connect with the songs.\n"
    )
    entities, labels = _labels(text)
    assert labels["Resila Onyango"] == "PERSON" and labels["Clair Stirling"] == "PERSON"
    assert labels["Rinse FM"] == "ORG" and labels["Stirling"] == "PERSON"
    assert {e["name"]: e["label"] for e in entities}["Clair Stirling"] == "PERSON"  # one person


def test_a_title_inside_a_persons_mention_is_their_role_and_a_list_closed_by_counties_is_places():
    text = (
        "Queensland farmers count cost as floodwaters recede\n\n"
        "ROCKHAMPTON, Jan 12 - Rockhampton Mayor Tony Williams said the Fitzroy River had peaked.\n\n"
        '"We are not out of the woods yet," Cr Williams said.\n\n'
        "The rains will continue, with Kericho, Bomet and Nandi counties at risk of landslides.\n"
    )
    entities, labels = _labels(text)
    people = {e["name"]: e["role"] for e in entities if e["label"] == "PERSON"}
    assert people == {"Tony Williams": "Rockhampton Mayor"}  # and "Cr Williams" is the same man
    assert labels["Kericho"] == labels["Bomet"] == labels["Nandi"] == "GPE"


def test_where_someone_works_and_what_takes_which_are_organisations():
    text = (
        "Tech and banking shares slide\n\n"
        "Dell, which employs 13,000 people in Austin, said demand for laptops had weakened.\n\n"
        'Jack Reading, a trader at Peel Hunt, said: "It\'s a nervous market." Mr Stirling, an analyst '
        "at Jefferies in London, said investors were nervous.\n\n"
        "L.A. Mayor Karen Bass welcomed the move.\n"
    )
    entities, labels = _labels(text)
    assert labels["Dell"] == labels["Peel Hunt"] == labels["Jefferies"] == "ORG"
    assert labels["Jack Reading"] == "PERSON" and labels["L.A."] == "GPE"
    people = {e["name"]: e["role"] for e in entities if e["label"] == "PERSON"}
    assert people["Karen Bass"] == "L.A. Mayor" and "L.A. Mayor" not in people


def test_a_building_is_a_facility_and_a_club_named_after_one_is_not():
    text = (
        "The delegations arrived in convoys at the Dolmabahce Palace about 9 a.m. local time.\n"
        "Crystal Palace beat Arsenal 2-1 at Selhurst Park on Saturday.\n"
    )
    _, labels = _labels(text)
    assert labels["Dolmabahce Palace"] == "FAC" and labels["Crystal Palace"] == "ORG"


def test_a_county_that_plays_is_a_club_and_initials_name_a_person():
    text = (
        "Leicestershire beat Somerset by an innings and 39 runs on Friday.\n"
        "Scores: Somerset 83 and 296 ( P. Simmons 4-38 ). Leicestershire 202 ( W. Athey 84 ).\n"
    )
    _, entities, mentions, _ = _tables(text)
    labels = {e["name"]: e["label"] for e in entities}
    assert labels["Leicestershire"] == labels["Somerset"] == "ORG"
    assert {m["text"]: m["label"] for m in mentions}["W. Athey"] == "PERSON"


def test_the_doc_extension_gives_the_same_entities(seed):
    _, entities, _, doc = seed
    assert [e.name for e in doc._.entities.entities] == [e["name"] for e in entities]


def test_the_place_a_dateline_names_is_one_place_not_the_person_ner_reads():
    _, labels = _labels(
        "Israeli strikes kill dozens across Gaza\n\nBy Maram Humaid\n\n"
        "Deir el-Balah, Gaza – Israeli air strikes have killed at least 42 Palestinians across the Gaza "
        "Strip since dawn, medical sources told Al Jazeera.\n"
    )
    assert labels.get("Deir el-Balah") == "GPE"
    assert "Deir" not in labels


def test_a_name_before_a_role_and_a_person_is_where_they_work():
    # NER read the union Unison as a place
    entities, labels = _labels(
        "Unison regional organiser Sarah Jones said the union would fight the decision every step of "
        "the way.\n"
    )
    assert labels["Unison"] == "ORG"
    assert {e["name"]: e["role"] for e in entities}["Sarah Jones"] == "Unison regional organiser"


def test_a_hospital_named_after_a_queen_is_an_organisation():
    # NER read "Queen" as a title and "Elizabeth Hospital" as a person
    _, labels = _labels("Nurses at Queen Elizabeth Hospital in Birmingham said they were angry.\n")
    assert labels.get("Queen Elizabeth Hospital") == "ORG"
    assert "PERSON" not in labels.values()
