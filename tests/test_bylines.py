"""Bylines: who wrote and reported a story, in what role, from where."""

import gzip

import pytest

from conftest import FIXTURES
from dateline.bylines.parse import parse_byline
from dateline.extract.bylines import extract_bylines
from dateline.ingest.articles import read_record
from dateline.models import RawRecord
from dateline.nlp import parse


def _bylines(records: list[RawRecord]) -> list[list[dict]]:
    documents = [d for record in records for d in read_record(record)]
    return [extract_bylines(document, doc) for document, doc in parse(documents)]


def _text(text: str) -> list[dict]:
    (rows,) = _bylines([RawRecord("article.txt", "txt", text.encode())])
    return rows


def _people(rows: list[dict]) -> set[tuple]:
    return {(r["name"], r["role"], r["location"], r["country_code"]) for r in rows}


def test_seed_credits_exactly_its_six_people(seed_text):
    rows = _text(seed_text)
    assert _people(rows) == {
        ("Stern", "author", "Mukachevo, Ukraine", "UA"),
        ("Lamothe", "author", "Washington", "US"),
        ("John Hudson", "contributor", "Rabat, Morocco", "MA"),
        ("Robyn Dixon", "contributor", "Riga, Latvia", "LV"),
        ("Annabelle Timsit", "contributor", "Istanbul", "TR"),
        ("Zeynep Karatas", "contributor", "Istanbul", "TR"),
    }
    assert {r["source"] for r in rows} == {"text_credit"}


def test_the_ap_post_split_and_outlet_prefixed_contributors():
    rows = _text(
        "The vote is due next week.\n"
        "Peoples reported from New York and Thomson-DeVeaux from Washington. Associated Press writers "
        "Will Weissert in Johnstown, Pennsylvania, and Bill Barrow in Atlanta contributed to this report.\n"
    )
    assert _people(rows) == {
        ("Peoples", "author", "New York", "US"),
        ("Thomson-DeVeaux", "author", "Washington", "US"),
        ("Will Weissert", "contributor", "Johnstown, Pennsylvania", "US"),
        ("Bill Barrow", "contributor", "Atlanta", "US"),
    }
    assert {r["affiliation"] for r in rows if r["role"] == "contributor"} == {"Associated Press"}
    rows = _text("Talks resumed on Friday.\nCNN's Bethlehem Feleke in Nairobi contributed reporting.\n")
    assert [(r["name"], r["affiliation"], r["country_code"]) for r in rows] == [
        ("Bethlehem Feleke", "CNN", "KE")
    ]


def test_the_reuters_chain_gives_each_name_its_role():
    rows = _text(
        "The shelling continued overnight, residents said.\n"
        "(Reporting by Maya Gebeily in Beirut, Stephanie van den Berg in The Hague; Writing by Tom Perry; "
        "Editing by Alex Richardson)\n"
    )
    assert {(r["name"], r["role"], r["location"]) for r in rows} == {
        ("Maya Gebeily", "author", "Beirut"),
        ("Stephanie van den Berg", "author", "The Hague"),
        ("Tom Perry", "writer", None),
        ("Alex Richardson", "editor", None),
    }


def test_an_edited_by_line_credits_the_editor():
    rows = _text("Talks will resume in Geneva next week, diplomats said.\n\nEdited by Alex Richardson\n")
    assert [(r["name"], r["role"]) for r in rows] == [("Alex Richardson", "editor")]


def test_a_credit_line_keeps_names_with_lower_case_particles():
    # every particle of the entity layer's list, not only de/van/von: the line was dropped whole
    rows = _text(
        "Talks will resume next week, officials said.\n\n"
        "Reporting by Juan del Pino and Ali ibn Hassan; Editing by Maria dos Santos\n"
    )
    assert [(r["name"], r["role"]) for r in rows] == [
        ("Juan del Pino", "author"),
        ("Ali ibn Hassan", "author"),
        ("Maria dos Santos", "editor"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # agency credits, and "Additional reporting" glued to the last sentence where breaks were lost
        (
            "Markets closed higher on Friday. Press Association contributed to this report.",
            {("Press Association", True)},
        ),
        ("Police have not named the man.Additional reporting by Sarah Young", {("Sarah Young", False)}),
        # ordinary prose with the credit words gives nothing
        (
            "The UN said aid was blocked. Correspondent Jane Smith reported from UN headquarters that the "
            "council met twice. Writing by hand is a lost art, she said.",
            set(),
        ),
        ("By December, the campaign had raised $2 million from donors across the state.", set()),
        # an agency's sign-off on the last line; "with" in prose is no credit
        ("Talks will resume in Geneva next week, diplomats said.\n(With AFP)", {("AFP", True)}),
        ("The minister said she would meet them with Reuters present.", set()),
    ],
)
def test_credit_lines_and_prose(text, expected):
    assert {(r["name"], r["is_organization"]) for r in _text(text)} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "I still swim every morning.\nInterview by Hannah Booth.",
            {("Hannah Booth", "writer", None)},
        ),
        (
            "Readers told us what they had seen.\n”All interviews by Lauren Cochrane, Rosie Ifould",
            {("Lauren Cochrane", "writer", None), ("Rosie Ifould", "writer", None)},
        ),
        (
            "Her work has appeared in Nature.\xa0 Additional research by Eleanor Devenish.",
            {("Eleanor Devenish", "contributor", None)},
        ),
        (
            "The count went on overnight.\nReporting team: Maev Kennedy, Helen Clifton and Martin Wainwright",
            {
                ("Maev Kennedy", "author", None),
                ("Helen Clifton", "author", None),
                ("Martin Wainwright", "author", None),
            },
        ),
        (
            "That is the real scandal.\nDenis Moynihan contributed research to this column.",
            {("Denis Moynihan", "contributor", None)},
        ),
        (
            "The novel ends in Lisbon.\nTranslated by Sophie Hughes",
            {("Sophie Hughes", "contributor", None)},
        ),
        (
            "He has not lost a match since.\nMain photograph by Steve Double/Camera Press",
            {("Steve Double", "photographer", "Camera Press")},
        ),
        # a caption's credit inside the story, glued to the next sentence, credits a picture, not the story
        (
            "The bus after it exploded on Lambeth Bridge. Photograph: Steve Parsons/PAHuddleston said "
            "residents had been told.",
            set(),
        ),
        # the New York Times, USA TODAY and AP styles
        (
            "The talks ended.\nReporting was contributed by Aurelien Breeden from Paris and Christopher "
            "F. Schuetze from Berlin.",
            {("Aurelien Breeden", "contributor", None), ("Christopher F. Schuetze", "contributor", None)},
        ),
        (
            "The talks ended.\nContributing: Jane Doe, USA TODAY; The Associated Press",
            {("Jane Doe", "contributor", "USA TODAY"), ("Associated Press", "contributor", None)},
        ),
        (
            "The talks ended.\nAP writers Jill Lawless in London and Sylvie Corbet in Paris contributed.",
            {
                ("Jill Lawless", "contributor", "Associated Press"),
                ("Sylvie Corbet", "contributor", "Associated Press"),
            },
        ),
        (
            "The talks ended.\nStaff writer Jane Doe contributed to this report.",
            {("Jane Doe", "contributor", None)},
        ),
    ],
)
def test_closing_credits_in_the_guardians_styles_give_roles(text, expected):
    assert {(r["name"], r["role"], r["affiliation"]) for r in _text(text)} == expected


def test_a_json_author_field_gives_name_and_agency():
    line = (FIXTURES / "reuters-author-field.jsonl").read_bytes().strip()
    (rows,) = _bylines([RawRecord("reuters", "jsonl", line)])
    assert [(r["name"], r["affiliation"], r["source"]) for r in rows] == [
        ("Janie Gabbett", "Reuters", "json_field")
    ]


@pytest.mark.parametrize(
    ("fixture", "authors"),
    [
        # JSON-LD and the page's byline agree; capitals become title case
        ("apnews-florida-state-acc.html.gz", {"Ralph D. Russo", "Bob Ferrante"}),
        # no JSON-LD, no author meta tag: the link to the writer's page after "By"
        ("thecrimson-byline.html.gz", {"Cam E. Kettles"}),
    ],
)
def test_html_pages_give_their_authors(fixture, authors):
    payload = gzip.decompress((FIXTURES / fixture).read_bytes())
    (rows,) = _bylines([RawRecord(fixture.removesuffix(".gz"), "html", payload)])
    people = {r["name"] for r in rows if r["role"] == "author" and not r["is_organization"]}
    assert people == authors
    assert all(r["source"] in ("html_meta", "text_header") for r in rows if r["name"] in authors)


def _page(body: str, head: str = "") -> list[dict]:
    page = (
        f"<html><head><title>Story</title>{head}</head><body><article>{body}"
        "<p>The town council met on Tuesday night and voted to keep the library open for another "
        "year, after residents filled the hall to ask for it. The vote was 5 to 2.</p>"
        "<p>Members said the budget would be reviewed again in the spring, when the state sets "
        "its aid for next year.</p></article></body></html>"
    )
    (rows,) = _bylines([RawRecord("page.html", "html", page.encode())])
    return rows


def test_an_outlet_glued_to_a_name_is_the_affiliation():
    rows = _page('<div class="byline">Sarah BarnacleWorcester Telegram &amp; Gazette</div>')
    assert [(r["name"], r["affiliation"]) for r in rows if r["role"] == "author"] == [
        ("Sarah Barnacle", "Worcester Telegram & Gazette")
    ]


def test_links_to_the_people_a_story_is_about_are_no_authors():
    rows = _page(
        '<p><a href="/people/dr-dre/">Dr. Dre</a> and <a href="/people/snoop-dogg/">Snoop Dogg</a> '
        "are headed back into the studio together, sources close to the rappers tell us, for an "
        "album planned for next year.</p>"
        '<ul class="tags"><li><a href="/people/dr-dre/">Dr. Dre</a></li></ul>'
    )
    assert not [r for r in rows if r["role"] == "author" and not r["is_organization"]]


def test_a_sponsored_desk_is_no_person():
    rows = _page("", head='<meta name="author" content="INQUIRER.net BrandRoom">')
    assert all(r["is_organization"] for r in rows if r["name"] == "INQUIRER.net BrandRoom")
    assert not [r for r in rows if not r["is_organization"]]


def test_one_json_ld_person_naming_two_people_gives_both_in_order():
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Shooting in Norwood", '
        '"author": {"@type": "Person", "name": ["Travis Andersen", "Adam Sennott"]}}</script>'
    )
    rows = _page('<div class="byline">By Travis Andersen Globe Staff</div>', head=head)
    assert [r["name"] for r in rows if r["role"] == "author"] == ["Travis Andersen", "Adam Sennott"]


def test_a_title_between_bars_after_the_byline_is_kept():
    rows = _text("By Jane Doe | Staff Writer | March 3, 2024\nThe council voted to close the library.\n")
    assert [(r["name"], r["title"]) for r in rows] == [("Jane Doe", "Staff Writer")]


def test_an_outlet_word_before_a_role_word_is_part_of_the_title():
    rows = _page('<div class="byline">By Dave Epstein Globe Correspondent,Updated December 22, 2023</div>')
    assert [(r["name"], r["title"]) for r in rows if r["role"] == "author"] == [
        ("Dave Epstein", "Globe Correspondent")
    ]


def test_a_desk_shown_as_the_byline_beats_a_link_to_an_author_page_elsewhere():
    rows = _page(
        '<div class="byline">Associated Press</div>'
        '<aside><a href="/author/paul-solman">Paul Solman</a></aside>'
    )
    assert [(r["name"], r["is_organization"]) for r in rows if r["role"] == "author"] == [
        ("Associated Press", True)
    ]


def test_several_authors_in_one_string_are_rows_in_order_and_a_title_on_the_next_line_is_kept():
    rows = _text(
        "Council keeps the library open\nBy Mary Jo Kelly, Tom Hardy and Ana Ruiz\nStaff Writers\n\n"
        "The town council voted on Tuesday to keep the library open for another year.\n"
    )
    assert [(r["name"], r["title"]) for r in rows if r["role"] == "author"] == [
        ("Mary Jo Kelly", "Staff Writers"),
        ("Tom Hardy", "Staff Writers"),
        ("Ana Ruiz", "Staff Writers"),
    ]


def test_a_name_over_a_title_line_under_the_headline_is_a_byline_without_by():
    story = (
        "Commuters face another above-inflation rise in rail fares next year, after the retail prices "
        "index measure of inflation for July was confirmed at 3.6%.\n"
    )
    headline = "Rail fares in England and Wales to rise by 3.6% in January"
    rows = _text(f"{headline}\nGwyn Topham\nTransport correspondent\n{story}")
    assert [(r["name"], r["title"], r["role"]) for r in rows] == [
        ("Gwyn Topham", "Transport correspondent", "author")
    ]
    # a name alone under the headline may be whom the story is about
    assert _text(f"{headline}\nGwyn Topham\n{story}") == []


def test_bbc_and_ap_style_bylines_give_outlet_place_and_title():
    rows = _text(
        "Ceasefire talks resume\nBy Jane Doe\nBBC News, Kyiv\n\n"
        "Talks on a ceasefire will resume in Geneva next week, diplomats said on Monday.\n"
    )
    assert [(r["name"], r["affiliation"], r["location"], r["country_code"]) for r in rows] == [
        ("Jane Doe", "BBC News", "Kyiv", "UA")
    ]
    rows = _text(
        "Ceasefire talks resume\nBy Jane Doe in Kyiv and John Roe in Moscow\n\n"
        "Talks on a ceasefire will resume in Geneva next week, diplomats said on Monday.\n"
    )
    assert [(r["name"], r["location"]) for r in rows] == [("Jane Doe", "Kyiv"), ("John Roe", "Moscow")]
    rows = _text(
        "Ceasefire talks resume\nBy Jane Doe\nBBC Africa correspondent\n\n"
        "Talks on a ceasefire will resume in Geneva next week, diplomats said on Monday.\n"
    )
    assert [(r["name"], r["title"]) for r in rows] == [("Jane Doe", "BBC Africa correspondent")]


def test_a_news_service_signing_by_its_initials_is_an_organisation():
    story = (
        "MUMBAI: The civic body will pull down 120 illegal hoardings across the city in the next two "
        "weeks, its chief said on Thursday.\n"
    )
    rows = _text(f"BMC to demolish 120 illegal hoardings\n\nTNN | May 16, 2026\n\n{story}")
    assert [(r["name"], r["is_organization"], r["role"]) for r in rows] == [("TNN", True, "author")]
    rows = _text(f"BMC to demolish 120 illegal hoardings\nBy IANS\n\n{story}")
    assert [(r["name"], r["is_organization"]) for r in rows] == [("IANS", True)]
    # a bar after a line of prose is no credit
    prose = "Mumbai Live | Photos of the site"
    assert _text(f"BMC to demolish 120 illegal hoardings\n\n{prose}\n\n{story}") == []


def test_files_from_a_reporter_or_an_agency_credit_them_as_contributors():
    # CBC closes its stories with "With files from ..."
    story = (
        "N.B. nurses vote to accept new contract\n\n"
        "Nurses in New Brunswick have voted to accept a new collective agreement, ending more than two "
        "years of negotiations with the province.\n\n"
    )
    rows = _text(f"{story}With files from Alexandre Silberman and The Canadian Press\n")
    assert [(r["name"], r["role"], r["is_organization"]) for r in rows] == [
        ("Alexandre Silberman", "contributor", False),
        ("Canadian Press", "contributor", True),
    ]
    # Bloomberg closes with "With assistance from ..."
    rows = _text(f"{story}— With assistance from Erica Yokoyama\n")
    assert [(r["name"], r["role"]) for r in rows] == [("Erica Yokoyama", "contributor")]
    # files sent with something are no credit
    assert _text(f"{story}She left with files from the archive and a box of letters.\n") == []


def test_a_name_alone_under_the_headline_is_the_byline_unless_the_story_names_them_again():
    # The Irish Times prints its byline as the name alone under the headline
    story = (
        "Dublin City Council is to press ahead with plans to pedestrianise College Green, despite "
        "objections from taxi drivers and some businesses on Dame Street.\n\n"
        "The council's head of transport, Brendan O'Brien, said the plaza would transform the heart of "
        "the city and make it safer for people walking and cycling.\n\n"
        "Councillors voted 38 to 12 in favour of the scheme at Monday night's meeting.\n"
    )
    headline = "Dublin City Council to pedestrianise College Green by 2027"
    rows = _text(f"{headline}\n\nOlivia Kelly\n\n{story}")
    assert [(r["name"], r["role"], r["is_organization"]) for r in rows] == [("Olivia Kelly", "author", False)]
    # the person the story is about, named again below, is no byline
    assert _text(f"{headline}\n\nBrendan O'Brien\n\n{story}") == []


def test_the_outlet_a_byline_writes_for_is_its_affiliation():
    # The Daily Mail: "By Jack Elsom For Mailonline"
    (credit,) = parse_byline("By Jack Elsom For Mailonline")
    assert (credit.name, credit.affiliation, credit.is_organization) == ("Jack Elsom", "Mailonline", False)
    credits = parse_byline("By Jason Groves, Political Editor For The Daily Mail")
    assert [(c.name, c.title, c.affiliation) for c in credits] == [
        ("Jason Groves", "Political Editor", "The Daily Mail")
    ]


def test_a_lower_case_by_with_a_colon_and_agencies_closing_the_story_are_credits():
    story = (
        "European Union interior ministers on Monday agreed on a common position on new rules that would "
        "make it easier to deport rejected asylum-seekers.\n\n"
    )
    # Nexstar's local stations (KTLA, WGN) print "by: Iris Lee"
    rows = _text(f"Woman rescued after car plunges down embankment\n\nby: Iris Lee\n\n{story}")
    assert [(r["name"], r["role"]) for r in rows] == [("Iris Lee", "author")]
    # Deutsche Welle closes with the editors' initials and the agencies in brackets
    rows = _text(f"EU agrees to tighten rules on migrant returns\n\n{story}lo/sms (AFP, Reuters, dpa)\n")
    assert [(r["name"], r["role"], r["is_organization"]) for r in rows] == [
        ("AFP", "contributor", True),
        ("Reuters", "contributor", True),
        ("dpa", "contributor", True),
    ]
    # days in brackets are no agencies
    assert _text(f"EU agrees\n\n{story}The vote (Tuesday, Wednesday)\n") == []
