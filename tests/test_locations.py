"""Locations on the reference article and on real wire stories: every place resolved offline."""

import pytest

from conftest import FIXTURES
from dateline.extract.locations import extract_locations
from dateline.ingest.articles import read_record
from dateline.models import RawRecord
from dateline.nlp import parse


def _locations(text: str) -> list:
    return _parsed([RawRecord("article.txt", "txt", text.encode())])


def _places(text: str) -> dict[str, tuple]:
    """Each place the text names, by its words: the name it resolves to and its country."""
    ((_, rows),) = _locations(text)
    return {r["text"]: (r["name"], r["country_code"]) for r in rows}


def _parsed(records: list[RawRecord]) -> list:
    documents = [d for record in records for d in read_record(record)]
    return [(document, extract_locations(document, doc)) for document, doc in parse(documents)]


@pytest.fixture(scope="module")
def seed_locations(seed_text):
    ((document, rows),) = _locations(seed_text)
    return document, rows


@pytest.mark.parametrize(
    ("name", "geonames_id"),
    [
        ("Kyiv", 703448),
        ("Mariupol", 701822),
        ("Istanbul", 745044),
        ("Rabat", 2538475),
        ("Riga", 456172),
        ("Mukachevo", 700646),
        ("Irpin", 707565),
        ("Moscow", 524901),
        ("Washington", 4140963),
    ],
)
def test_seed_cities_resolve_to_their_geonames_ids(seed_locations, name, geonames_id):
    _, rows = seed_locations
    ids = {r["geonames_id"] for r in rows if r["text"] == name}
    assert ids == {geonames_id}


def test_seed_countries_resolve_with_their_codes(seed_locations):
    _, rows = seed_locations
    countries = {
        r["text"]: r["country_code"]
        for r in rows
        if r["feature"] == "country" and r["mention_type"] == "toponym"
    }
    expected = {
        "Ukraine": "UA",
        "Russia": "RU",
        "Turkey": "TR",
        "Canada": "CA",
        "Israel": "IL",
        "Belarus": "BY",
        "France": "FR",
        "Germany": "DE",
        "Italy": "IT",
        "Morocco": "MA",
        "Latvia": "LV",
        "United States": "US",
        "U.S.": "US",
    }
    assert {name: countries.get(name) for name in expected} == expected


def test_countries_and_regions_sit_at_geonames_own_points(seed_locations):
    _, rows = seed_locations
    (canada,) = {(r["latitude"], r["longitude"]) for r in rows if r["geonames_id"] == 6251999}
    assert abs(canada[0] - 60.10867) <= 0.2 and abs(canada[1] - -113.64258) <= 0.2
    ((_, rows),) = _locations(
        "Wildfires spread across Ontario and Queensland this week, while Greenland stayed cold.\n"
    )
    points = {r["text"]: (r["latitude"], r["longitude"]) for r in rows}
    assert points["Ontario"] == pytest.approx((49.3, -84.5), abs=0.2)
    assert points["Queensland"] == pytest.approx((-20.0, 145.0), abs=0.2)
    # a territory GeoNames' country list leaves out keeps a point of its own, on the island
    latitude, longitude = points["Greenland"]
    assert 60 < latitude < 83 and -73 < longitude < -12


def test_a_demonym_territories_share_links_to_the_sovereign_country():
    # countryinfo gives "French" to France and five territories, "American" to the Northern
    # Mariana Islands too, "Chinese" to Hong Kong and Macao, "Norwegian" to Svalbard
    ((_, rows),) = _locations(
        "The franc rose on Tuesday, French officials said, while American, Chinese and\n"
        "Norwegian traders sold dollars.\n"
    )
    demonyms = {r["text"]: r["country_code"] for r in rows if r["mention_type"] == "demonym"}
    assert demonyms == {"French": "FR", "American": "US", "Chinese": "CN", "Norwegian": "NO"}


def test_short_names_resolve_to_what_news_means_by_them():
    ((_, rows),) = _locations(
        "The studio moved from L.A. to Albany, N.Y., last year; America cheered, and so did\n"
        "lawmakers in D.C. and Baton Rouge, La.\n"
    )
    places = {r["text"]: (r["name"], r["feature"]) for r in rows}
    assert places["L.A."] == ("Los Angeles", "city")  # not Louisiana, whose AP abbreviation is La.
    assert places["La."] == ("Louisiana", "region")
    assert places["N.Y."] == ("New York", "region")
    assert places["America"] == ("United States", "country")  # not América, Argentina
    assert places["D.C."][1] == "city" and places["D.C."][0] == "Washington"


def test_a_long_country_name_without_its_inner_article_is_the_country():
    ((_, rows),) = _locations(
        "Ebola has killed 43 people in the Democratic Republic of Congo, officials said.\n"
    )
    assert [(r["text"], r["country_code"]) for r in rows] == [("Democratic Republic of Congo", "CD")]


def test_a_reporter_and_the_place_they_filed_from_are_two_mentions():
    # NER reads "Evelyne Musambi in Kisumu" as one organisation
    ((_, rows),) = _locations(
        "Reporting by Evelyne Musambi in Kisumu and Duncan Miriri in Nairobi; Editing by Alex Richardson\n"
    )
    assert {(r["text"], r["country_code"]) for r in rows} >= {("Kisumu", "KE"), ("Nairobi", "KE")}


def test_names_the_article_uses_for_a_company_or_a_person_are_no_places():
    ((_, rows),) = _locations(
        "Lawyers representing the four men had maintained that The Pirate Bay was essentially no\n"
        "different from Google, merely acting as a search engine of online content.\n\n"
        "It’s telling that more people today can name Roland’s 303 synth than can name the vocalist "
        "who sang Inner City’s hits Good Life and Big Fun.Eclair Fifi's favourite tracks Rinse FM DJ "
        "Clair Stirling is the kind of person who would remember that it was Paris Grey. Better known "
        "under her moniker of Eclair Fifi, Stirling is intent on spotlighting the forgotten voices of "
        "house, and Stirling hopes its reissue will allow a new generation to connect with the songs.\n"
        "The time to start burning less coal wasn’t last week, and the opera’s critics didn’t agree.\n"
    )
    texts = {r["text"] for r in rows}
    assert "Google" not in texts  # not Topeka, which once took Google as a name
    assert "Stirling" not in texts  # a DJ, not Stirling, Australia
    assert not any(t.islower() for t in texts)  # "n’t" of "wasn’t" is no place


def test_a_name_the_article_uses_as_a_place_is_that_place_wherever_it_is_written():
    ((_, rows),) = _locations(
        "Officials in Dadaab, Kenya, said the camps were overcrowded. Aid groups said Kenya's "
        "overcrowded Dadaab camps need water.\n\n"
        "The tsunami hit the Indonesian island of Java on Monday.\n"
    )
    dadaab = [r for r in rows if r["text"] == "Dadaab"]
    assert len(dadaab) == 2 and {r["geonames_id"] for r in dadaab} == {dadaab[0]["geonames_id"]}
    assert dadaab[0]["country_code"] == "KE"
    indonesian = next(r for r in rows if r["text"] == "Indonesian")  # whose island, not an island
    assert (indonesian["mention_type"], indonesian["country_code"]) == ("demonym", "ID")


def test_a_region_ner_reads_as_an_organisation_is_the_region_throughout():
    ((_, rows),) = _locations(
        "The virus has been detected in dozens of recreational horses across NSW and Queensland. "
        "The NSW government has confirmed the cases. Racing is expected to resume in all Australian "
        "states except NSW and Queensland.\n"
    )
    nsw = [r for r in rows if r["text"] == "NSW"]
    assert len(nsw) == 3 and {(r["name"], r["country_code"]) for r in nsw} == {("New South Wales", "AU")}


def test_region_codes_and_bare_feature_words_are_no_places():
    """Reuters' earnings tables ("Shr" for shares, "Net") and culture pages ("Four Tet", "The War
    of the Worlds", "Vic and Bob") met ISO region codes matched in any case (Egypt's Ash Sharqiyah,
    Newcastle, Tetouan, Warwickshire, Victoria); "the Gulf" met Papua New Guinea's Gulf province."""
    parsed = _parsed(
        [
            RawRecord(
                "wire.txt",
                "txt",
                b"LOUISVILLE, Ky., Feb 26 - Shr one dlr vs 73 cts\n    Net 12.6 mln vs 15.8 mln\n"
                b"    Nine mths\n    Shr 3.07 dlrs vs 3.08 dlrs\n Reuter\n",
            ),
            RawRecord(
                "culture.txt",
                "txt",
                "After, Four Tet included it in a Boiler room set. The War of the Worlds is also, for "
                "instance, a story of invasion. There is nothing shameful in celebrating the "
                "life-affirming levity that Vic and Bob’s daft surrealism has brought. Iran said its navy "
                "would keep tanker traffic moving in the Gulf.\n".encode(),
            ),
        ]
    )
    resolved = {r["text"]: r["name"] for _, rows in parsed for r in rows if r["name"]}
    assert resolved.get("Iran") == "Iran"
    assert not {"Shr", "Net", "Gulf", "Tet", "Four Tet", "War", "Vic"} & set(resolved), resolved


def test_a_towns_own_body_names_the_town_and_a_newspaper_does_not():
    ((_, rows),) = _locations(
        "The driver fled on foot across north Florida, according to a release from Gainesville\n"
        "Police Department. The Washington Post reported the chase.\n"
    )
    places = {r["text"]: (r["name"], r["admin1"]) for r in rows}
    assert places.get("Gainesville") == ("Gainesville", "FL") and "Washington" not in places


def test_places_the_gazetteer_lacks_are_kept_and_demonyms_link_to_their_country(seed_locations):
    document, rows = seed_locations
    unresolved = {r["text"] for r in rows if r["geonames_id"] is None}
    assert {"Bosporus", "Dolmabahce Palace"} <= unresolved
    demonyms = {r["text"]: r["country_code"] for r in rows if r["mention_type"] == "demonym"}
    assert demonyms["Ukrainian"] == "UA" and demonyms["Turkish"] == "TR" and demonyms["Moroccan"] == "MA"
    assert all(document.text[r["start"] : r["end"]] == r["text"] for r in rows)
    resolved = [r for r in rows if r["geonames_id"] is not None]
    assert all(r["latitude"] is not None and 0 < r["confidence"] <= 1 for r in resolved)


def test_wire_datelines_and_us_state_abbreviations_decide_the_town():
    lines = (FIXTURES / "reuters-datelines.jsonl").read_bytes().splitlines()
    stories = {d.title: rows for d, rows in _parsed([RawRecord("reuters", "jsonl", line) for line in lines])}
    # THOMASVILLE, Ga.: Georgia's Thomasville, not the bigger one in North Carolina.
    dividend = stories["DAVIS WATER <DWWS> DECLARES STOCK DIVIDEND"]
    (thomasville,) = [r for r in dividend if r["role"] == "dateline"]
    assert (thomasville["text"], thomasville["country_code"], thomasville["admin1"]) == (
        "THOMASVILLE",
        "US",
        "GA",
    )
    # "Portland, Me." is Maine's Portland, not Oregon's bigger one; "Conn." is Connecticut.
    approval = stories["SUFFIELD FINANCIAL <SSBK> GETS FED APPROVAL"]
    by_text = {r["text"]: r for r in approval}
    assert (by_text["Portland"]["country_code"], by_text["Portland"]["admin1"]) == ("US", "ME")
    assert by_text["Conn."]["name"] == "Connecticut"
    # A town the gazetteer lacks keeps its dateline row, unresolved.
    assert by_text["SUFFIELD"]["role"] == "dateline" and by_text["SUFFIELD"]["geonames_id"] is None


def test_an_old_name_resolves_and_a_direction_is_no_place():
    ((_, rows),) = _locations(
        "Russian forces shelled the outskirts of Kiev on Sunday, officials in Ukraine said.\n"
        "Leaders in the West doubted Moscow's promise.\n"
    )
    by_text = {r["text"]: r for r in rows}
    assert by_text["Kiev"]["geonames_id"] == 703448 and by_text["Kiev"]["name"] == "Kyiv"
    assert by_text["West"]["geonames_id"] is None


def test_places_in_credit_lines_have_the_byline_role(seed_locations):
    _, rows = seed_locations
    bylines = {r["text"] for r in rows if r["role"] == "byline"}
    assert bylines == {"Mukachevo", "Ukraine", "Washington", "Rabat", "Morocco", "Riga", "Latvia", "Istanbul"}


def test_a_district_where_nobody_lives_is_no_place_in_a_company_name():
    """Reuters: "Standard" of "Standard Oil Co" met Standard, a rural district in Alberta with no
    town of 500 people, and became a location row (so did "Lloyds" of Lloyds Bank, in Jamaica)."""
    ((_, rows),) = _locations(
        "NEW YORK, March 3 - Standard Oil Co and BP North America Inc said they plan to form a "
        "venture to manage the money market borrowing and investment activities of both companies.\n"
    )
    assert not [r for r in rows if r["text"].startswith("Standard")], rows
    assert any(r["name"] == "New York" for r in rows)


def test_a_court_and_an_abbreviation_are_no_towns():
    """AP: "The Supreme Court" met Supreme, Louisiana (a court word made it the town's own body);
    Reuters: "the BoE said" met Boe, a region of Guinea-Bissau (matching folds case)."""
    ((_, rows),) = _locations(
        "WASHINGTON (AP) — The Supreme Court on Monday agreed to hear a challenge to a Texas law.\n\n"
        'LONDON, Nov 2 (Reuters) - The Bank of England kept interest rates on hold. "Monetary '
        'policy is likely to need to be restrictive for an extended period of time," the BoE said.\n'
    )
    written = {r["text"] for r in rows}
    assert not written & {"Supreme", "BoE"}, rows
    assert {"WASHINGTON", "Texas"} <= written


def test_a_town_coordinated_with_a_place_is_a_place_not_a_person():
    """A BBC-style storm report: NER read "Exeter" of "Plymouth and Exeter" as a person."""
    ((_, rows),) = _locations(
        "Tens of thousands of homes across Cornwall and Devon were left without power on Thursday.\n\n"
        "Schools in Plymouth and Exeter were closed.\n"
    )
    places = {r["text"]: r["name"] for r in rows}
    assert places.get("Exeter") == "Exeter" and places.get("Plymouth") == "Plymouth"


def test_a_list_of_towns_after_in_is_a_list_of_places_and_provinces_go_by_their_press_abbreviations():
    """A CBC-style story: NER read "Saint John" and "Fredericton" of the list as people, and "N.B."
    heading the story as an organisation."""
    places = _places(
        "N.B. nurses vote to accept new contract after two years of talks\n\n"
        "The agreement covers about 5,500 registered nurses working in hospitals and nursing homes "
        "across the province, including in Moncton, Saint John and Fredericton.\n\n"
        "A second local in Halifax, N.S., and one in Kelowna, B.C., are still in talks.\n"
    )
    assert places["Saint John"] == ("Saint John", "CA") and places["Fredericton"] == ("Fredericton", "CA")
    assert places["N.B."] == ("New Brunswick", "CA")
    assert places["N.S."] == ("Nova Scotia", "CA") and places["B.C."] == ("British Columbia", "CA")
    assert places["Halifax"] == ("Halifax", "CA")


def test_a_dateline_in_title_case_below_the_headline_is_the_dateline():
    """Al Jazeera's style: headline, byline and date above "Deir el-Balah, Gaza –"; NER read "Deir"
    as a person."""
    ((_, rows),) = _locations(
        "Israeli strikes kill dozens across Gaza as aid convoys stall at Rafah\n\n"
        "By Maram Humaid and Ali Younis\n\n"
        "Published On 21 Nov 2026\n\n"
        "Deir el-Balah, Gaza – Israeli air strikes have killed at least 42 Palestinians across the "
        "Gaza Strip since dawn, medical sources told Al Jazeera.\n"
    )
    datelines = [(r["text"], r["country_code"]) for r in rows if r["role"] == "dateline"]
    assert datelines == [("Deir el-Balah", "PS")]
    # a headline that opens with a place and a comma is no dateline without one
    ((_, rows),) = _locations("Trump, Clinton – the final showdown\n\nVoters in Ohio go to the polls.\n")
    assert not [r for r in rows if r["role"] == "dateline"]


def test_an_indian_dateline_ends_with_a_colon_and_a_numbered_phase_is_no_place():
    # The Hindu: "CHENNAI: ..."; NER tagged the "II" of "phase II" a place
    text = (
        "Chennai Metro phase II: CMRL awards contract for Poonamallee-Porur stretch\n\n"
        "Special Correspondent\n\n"
        "CHENNAI: Chennai Metro Rail Limited (CMRL) has awarded the contract for building the elevated "
        "stretch between Poonamallee and Porur to Larsen & Toubro, officials said on Tuesday.\n"
    )
    ((_, rows),) = _locations(text)
    assert [(r["text"], r["country_code"]) for r in rows if r["role"] == "dateline"] == [("CHENNAI", "IN")]
    assert "II" not in {r["text"] for r in rows}
    # a transcript's turns open with names in capitals and a colon too: no dateline
    ((_, rows),) = _locations("SMITH: I was in Chennai that week.\nJONES: And then?\nSMITH: Then Delhi.\n")
    assert not [r for r in rows if r["role"] == "dateline"]


def test_a_town_a_direction_of_is_a_place():
    # NER read the city of La Cañada Flintridge as an organisation
    places = _places(
        "The crash was reported near mile marker 38 in the Angeles National Forest, north of La Cañada "
        "Flintridge, according to the California Highway Patrol.\n"
    )
    assert places.get("La Cañada Flintridge") == ("La Cañada Flintridge", "US")


def test_a_state_or_province_before_a_title_and_a_name_is_the_place():
    # NER read "NSW" as an organisation and missed "Ontario" glued to the premier's title
    places = _places(
        "The NSW Housing Minister, Rose Jackson, said the government was building more homes. Ontario "
        "Premier Doug Ford said the deal was good.\n"
    )
    assert places.get("NSW") == ("New South Wales", "AU")
    assert places.get("Ontario") == ("Ontario", "CA")
