"""Quotes on the reference article: every span in curly quotes, its kind and its speaker."""

import pytest

from dateline.extract.quotes import extract_quotes
from dateline.ingest.articles import read_record
from dateline.models import RawRecord
from dateline.nlp import parse

# The 22 spans in curly quotes, in order, with their speakers (issue #3).
EXPECTED_SPEAKERS = [
    "John Kirby",
    "Russia",
    "Kremlin",
    "Kremlin",
    "negotiators",
    "Vladimir Medinsky",
    "Mevlut Cavusoglu",
    "Antony Blinken",
    "British government",
    "British government",
    "John Kirby",
    "John Kirby",
    "John Kirby",
    "Ukrainian military officials",
    "Ukrainian military officials",
    "Recep Tayyip Erdogan",
    "Dmytro Kuleba",
    "Sergei Lavrov",
    "Dmitry Peskov",
    "Dmytro Kuleba",
    "Oleksandr Chaly",
    "Oleksandr Chaly",
]
DIRECT = {1, 8, 9, 10, 13, 16}  # 1-based positions of full utterances; the rest are fragments


def _quotes(text):
    (document,) = read_record(RawRecord("article.txt", "txt", text.encode()))
    ((_, doc),) = list(parse([document]))
    return document, extract_quotes(document, doc)


@pytest.fixture(scope="module")
def seed_quotes(seed_text):
    return _quotes(seed_text)


def test_every_curly_quote_is_found_with_its_kind(seed_quotes):
    document, rows = seed_quotes
    marked = [r for r in rows if r["kind"] != "indirect"]
    curly = [r for r in marked if document.text[r["start"] - 1] == "“"]
    assert len(curly) == 22 == len(marked)
    for number, row in enumerate(curly, start=1):
        assert row["kind"] == ("direct" if number in DIRECT else "partial"), (number, row["quote"])
    assert curly[4]["quote"] == "nonaligned and nonnuclear"  # the comma inside the marks is the writer's


def test_quoted_spans_carry_the_right_speaker(seed_quotes):
    document, rows = seed_quotes
    marked = [r for r in rows if r["kind"] != "indirect"]
    right = [
        expected.lower() in (row["speaker"] or "").lower()
        for row, expected in zip(marked, EXPECTED_SPEAKERS, strict=True)
    ]
    wrong = [(n + 1, marked[n]["speaker"]) for n, ok in enumerate(right) if not ok]
    assert sum(right) >= 21, wrong
    first = marked[0]
    assert first["speaker_mention"] == "he" and first["cue"] == "say"
    assert document.text[first["speaker_start"] : first["speaker_end"]] == "he"


@pytest.mark.parametrize(
    ("speaker", "words"),
    [
        ("John Kirby", "there were continued strikes Tuesday on Kyiv"),
        ("Tod D. Wolters", "he could verify reports of Russian forces pulling back"),
        ("Oleksandr Chaly", "talks with Russia would continue"),
        ("Oleksandr Chaly", "Consultations have already begun"),
        ("Ukrainian delegates", "any agreement struck with Moscow would be subject to a popular referendum"),
        ("Ukrainian officials", "they had recaptured Irpin"),
        ("British government", "Boris Johnson also shared doubts"),
    ],
)
def test_reported_speech_is_found_with_its_speaker(seed_quotes, speaker, words):
    _, rows = seed_quotes
    indirect = [r for r in rows if r["kind"] == "indirect" and words in r["quote"]]
    assert indirect, f"no indirect quote holding {words!r}"
    assert any(speaker in (r["speaker"] or "") for r in indirect), [r["speaker"] for r in indirect]


def test_offsets_point_into_the_text(seed_quotes):
    document, rows = seed_quotes
    for row in rows:
        assert document.text[row["start"] : row["end"]] == row["quote"]
        if row["speaker_start"] is not None:
            assert document.text[row["speaker_start"] : row["speaker_end"]] == row["speaker_mention"]


def test_multi_paragraph_quote_is_one_quote_with_one_speaker():
    text = (
        "The minister spoke at length.\n"
        "“We will not give up the port. Our forces are ready,” Defence Minister Anna Berg said.\n"
        "“The city has held for weeks.\n"
        "“It will hold for weeks more,” she added.\n"
    )
    _, rows = _quotes(text)
    marked = [r for r in rows if r["kind"] != "indirect"]
    assert [r["speaker"] for r in marked] == ["Anna Berg", "Anna Berg"]
    assert marked[1]["quote"].startswith("The city has held") and marked[1]["quote"].endswith("weeks more")


def test_an_unattributed_quote_far_from_any_speaker_has_no_speaker():
    text = (
        "Kirby said the strikes continued.\n"
        "The war began in February. Markets fell sharply on the news. Oil prices rose.\n"
        "Analysts pointed to supply. Shipping slowed in the Black Sea.\n"
        "Buses out of the city were turned back at “checkpoint zero” on Tuesday.\n"
    )
    _, rows = _quotes(text)
    (corridor,) = [r for r in rows if r["quote"] == "checkpoint zero"]
    assert corridor["speaker"] is None and corridor["kind"] == "partial"


def test_a_title_in_quotation_marks_is_not_a_quotation():
    text = "The ad ran twice during “Fox News Sunday” and again on Monday morning.\n"
    _, rows = _quotes(text)
    assert [r for r in rows if r["kind"] != "indirect"] == []


def test_words_in_marks_in_a_title_case_headline_are_a_quotation_when_the_story_quotes_them():
    text = (
        "Senator Warns Budget Deal Is ‘A Step Backward’ For Veterans\n"
        "Senator Jane Doe said on Tuesday that the budget deal was “a step backward” for veterans "
        "and that she would vote against it.\n"
    )
    _, rows = _quotes(text)
    assert [r["quote"] for r in rows if r["kind"] != "indirect"] == ["A Step Backward", "a step backward"]
    # a title in the headline, which the story names but does not quote, stays out
    review = (
        "Review: ‘Dune: Part Two’ Is a Sweeping Triumph\n"
        "Denis Villeneuve has made a sequel that is bigger and stranger than the first film, and the "
        "audience at the premiere cheered for ten minutes.\n"
    )
    _, rows = _quotes(review)
    assert [r for r in rows if r["kind"] != "indirect"] == []


def test_typewriter_quotes_and_dash_credits():
    text = (
        "''This isn't tax reform,'' said Douglas Holtz-Eakin, an economist.\n"
        "“Mr. Trump is clueless about the struggles of minorities.” ― Stephanie Egan\n"
    )
    _, rows = _quotes(text)
    marked = [r for r in rows if r["kind"] != "indirect"]
    assert [r["quote"] for r in marked] == [
        "This isn't tax reform",
        "Mr. Trump is clueless about the struggles of minorities.",
    ]
    assert [r["speaker"] for r in marked] == ["Douglas Holtz-Eakin", "Stephanie Egan"]


def test_a_quote_right_after_a_sentence_about_a_named_person_is_theirs():
    text = (
        "Rep. Elijah Cummings was effusive about his colleague on Friday.\n"
        "“He would be a great senator. Not good, great.”\n"
    )
    _, rows = _quotes(text)
    (quote,) = [r for r in rows if r["kind"] == "direct"]
    assert quote["speaker"] == "Elijah Cummings"
    assert text[quote["speaker_start"] : quote["speaker_end"]] == quote["speaker_mention"]


def test_a_parenthetical_attribution_reports_the_clause_it_interrupts():
    text = "Back in Virginia, Tom Clarke said, he decided to take aim at the coal industry.\n"
    _, rows = _quotes(text)
    (reported,) = [r for r in rows if r["kind"] == "indirect"]
    assert reported["speaker"] == "Tom Clarke"
    assert "he decided to take aim at the coal industry" in reported["quote"]


def _speakers(text):
    _, rows = _quotes(text)
    return {r["quote"]: r["speaker"] for r in rows if r["kind"] != "indirect"}


def test_an_attribution_after_the_quote_may_carry_a_long_appositive_or_a_party_label():
    speakers = _speakers(
        "“Hillary Clinton’s campaign is in panic mode. Full panic mode,” said Leslie Wimes, a South "
        "Florida-based president of the Democratic African-American Women Caucus.\n\n"
        '"He would be a great senator. Not good, great," Rep. Elijah E. Cummings (D-Md.) said in a '
        "phone interview.\n"
    )
    assert speakers == {
        "Hillary Clinton’s campaign is in panic mode. Full panic mode": "Leslie Wimes",
        "He would be a great senator. Not good, great": "Elijah E. Cummings",
    }


def test_as_someone_put_it_and_according_to_their_speech():
    speakers = _speakers(
        "As Steven M. Rosenthal, a tax lawyer, recently put it, ''Did Trump lower his taxes through legal "
        "tax avoidance, or illegal tax evasion?''\n"
        "The plan is supposed to curb ''activist'' investors, according to a speech Mrs. Clinton delivered "
        "at New York University in July 2015.\n"
    )
    assert speakers["Did Trump lower his taxes through legal tax avoidance, or illegal tax evasion?"] == (
        "Steven M. Rosenthal"
    )
    assert speakers["activist"] == "Clinton"


def test_what_a_news_outlet_reported_as_a_clause_beside_as_is_its_reported_speech():
    _, rows = _quotes(
        "Wildfire crews face pay cut\n\n"
        "As The Associated Press first reported last week, the temporary pay increase for federal "
        "wildland firefighters expires on Sept. 30.\n\n"
        "The talks collapsed on Friday, as reported by Reuters, after the two sides failed to agree.\n"
    )
    indirect = {r["quote"]: r["speaker"] for r in rows if r["kind"] == "indirect"}
    assert indirect["the temporary pay increase for federal wildland firefighters expires on Sept. 30"] == (
        "the Associated Press"
    )
    assert [s for q, s in indirect.items() if q.startswith("The talks collapsed")] == ["Reuters"]
    # a verb beside "as" with a clause of its own reports that clause, not the sentence around it
    _, rows = _quotes(
        "The Bank of Japan kept its benchmark interest rate unchanged, as Governor Kazuo Ueda signaled "
        "he wants more evidence that wage gains are spreading before raising borrowing costs again.\n"
    )
    indirect = [r["quote"] for r in rows if r["kind"] == "indirect"]
    assert indirect and all(q.startswith("he wants more evidence") for q in indirect)


def test_a_pronoun_refers_to_the_subject_named_after_the_last_speaker():
    speakers = _speakers(
        "“He can’t simply dispense with facts he doesn’t find convenient,” said David Gorski, a surgeon.\n"
        "Democratic Sen. Claire McCaskill scolded him: “The scientific community is almost monolithic "
        "against you,” she said.\n"
    )
    assert speakers["The scientific community is almost monolithic against you"] == "Claire McCaskill"


def test_a_transcript_in_quotation_marks_is_one_quote_per_turn():
    text = (
        "Mike Pence spoke to Chris Wallace on Sunday. Partial transcript as follows:\n\n"
        '"WALLACE: Two questions: Why would Trump do that? And will she be there?\n\n'
        '"PENCE: Well, look, Hillary Clinton apparently thinks this is an episode of “Shark Tank.” But '
        "this is America, Chris.\n\n"
        '"WALLACE: If I may, sir, because we’ve got limited time."\n'
    )
    _, rows = _quotes(text)
    turns = [(r["quote"][:20], r["speaker"], r["speaker_mention"]) for r in rows if r["kind"] == "direct"]
    assert turns == [
        ("Two questions: Why w", "Chris Wallace", "WALLACE"),
        ("Well, look, Hillary ", "Mike Pence", "PENCE"),
        ("If I may, sir, becau", "Chris Wallace", "WALLACE"),
    ]


def test_a_nickname_inside_a_name_is_not_a_quotation():
    speakers = _speakers(
        '"This is a big year for our potential United States senator!" Scott\'s niece, state Del. Marcia '
        '"Cia" Price, shouted to the crowd.\n'
    )
    assert list(speakers) == ["This is a big year for our potential United States senator!"]


def test_a_fragment_inside_reported_speech_is_the_reporters_word():
    speakers = _speakers(
        "Loretta Lynch spoke to the graduates on Monday.\n"
        'She said she recalls the colleague being "confused," and the partner being amused.\n'
        "PolitiFact rated 32% of Republican claims as “false” or “pants on fire,” compared to 11% of "
        "Democratic claims.\n"
    )
    assert speakers == {"confused": "Loretta Lynch", "false": "PolitiFact", "pants on fire": "PolitiFact"}


def test_a_word_talked_about_is_not_a_quotation():
    speakers = _speakers(
        'Why are you voting for Trump, unless simply because "she" is a "he"? A loud-mouthed "he."\n'
    )
    assert speakers == {}


def test_a_clause_after_the_quote_is_not_its_attribution_and_a_statement_speaks_for_its_issuer():
    speakers = _speakers(
        "Donald Trump said during the debate last week, “That makes me smart,” when Clinton blasted him "
        "for not paying income tax.\n"
        "Following a late-afternoon meeting, the Security Council issued a statement calling the nuclear "
        'test "a clear violation and in flagrant disregard" of five previous resolutions.\n'
    )
    assert speakers == {
        "That makes me smart": "Donald Trump",
        "a clear violation and in flagrant disregard": "the Security Council",
    }


def test_a_term_inside_the_writers_noun_phrase_is_not_a_quotation():
    speakers = _speakers(
        'The mines would be placed in a separate "liquidating trust." The only "medical records" that '
        "Trump released on air were a one-page letter.\n"
        "She made this clear in her stunning new documentary “13th.” The film debuts on Friday.\n"
        "Harry Reid has been steadily pounding Trump as a “con artist” for a year.\n"
        'Senator Bob Casey said he would consider it a "personal insult" if they did not vote for her.\n'
    )
    # "as a “...”" and a quote with a speaker are words someone used, whatever the article before them.
    assert set(speakers) == {"con artist", "personal insult"}
    assert speakers["personal insult"] == "Bob Casey"


def test_misdirected_curly_marks_still_pair():
    speakers = _speakers(
        "Mark Barabak noted that the way Pence carried himself was critical.\n\n"
        "” … he delivered a mix of conservative orthodoxy and there-you-go-again rejoinders,” "
        "Barabak wrote.\n\n"
        "PolitiFact concluded his comments were “Mostly False.“\n\nThe rate is 51 percent.\n"
    )
    assert speakers == {
        "… he delivered a mix of conservative orthodoxy and there-you-go-again rejoinders": "Mark Barabak",
        "Mostly False.": "PolitiFact",
    }


def test_a_british_article_in_single_marks_gives_quotations_with_their_speakers():
    # From the Guardian (guardian-20k #520), paragraphs restored: single marks, apostrophes inside.
    text = (
        "A British couple have told police they found a mobile phone on the beach where a backpacker "
        "was killed.\n"
        "'She came out of the dark, we were a bit startled,' said Mr Burrows, who comes from Silsoe in "
        "Bedfordshire. 'She was chatting on the phone. She was very happy.'\n"
        "'She was all bubbly,' Mrs Burrows added.\n"
        "‘We couldn’t see it was a phone until we were right next to it. It’s the Smiths’ holiday all "
        "over again,’ he said.\n"
    )
    _, rows = _quotes(text)
    marked = [r for r in rows if r["kind"] != "indirect"]
    assert [r["quote"] for r in marked] == [
        "She came out of the dark, we were a bit startled",
        "She was chatting on the phone. She was very happy.",
        "She was all bubbly",
        "We couldn’t see it was a phone until we were right next to it. It’s the Smiths’ holiday all "
        "over again",
    ]
    assert [r["kind"] for r in marked] == ["direct"] * 4
    assert [r["speaker"] for r in marked] == ["Mr Burrows", "Mr Burrows", "Mrs Burrows", "Mrs Burrows"]


def test_a_quotation_over_two_paragraphs_in_single_marks_is_one_row_with_one_speaker():
    text = (
        "The minister spoke at length.\n"
        "‘We will not give up the port,’ Defence Minister Anna Berg said. ‘Our forces are ready.\n"
        "‘The city has held for weeks, and it will hold for weeks more.’\n"
    )
    _, rows = _quotes(text)
    marked = [r for r in rows if r["kind"] != "indirect"]
    assert len(marked) == 2
    # one row over both paragraphs: the break and the reopening mark are the text's, as printed
    assert marked[1]["quote"] == (
        "Our forces are ready.\n‘The city has held for weeks, and it will hold for weeks more."
    )
    assert [r["speaker"] for r in marked] == ["Anna Berg", "Anna Berg"]


def test_a_quotation_nested_in_the_other_style_stays_inside_its_speakers_quotation():
    text = "“The sign said ‘no entry’ and we turned back,” said Ahmed Yusuf, a driver from Kherson.\n"
    _, rows = _quotes(text)
    (quote,) = [r for r in rows if r["kind"] != "indirect"]
    assert quote["quote"] == "The sign said ‘no entry’ and we turned back"
    assert quote["speaker"] == "Ahmed Yusuf"
