"""Quotation marks of every style, told from apostrophes, on sentences as newspapers print them."""

import pytest

from dateline.quotes.marks import find_marked_spans


def _quoted(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_marked_spans(text)]


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("“We will hold the port,” she said.", ["We will hold the port"]),
        ('"We will hold the port," she said.', ["We will hold the port"]),
        ("‘We will hold the port,’ she said.", ["We will hold the port"]),
        ("'We will hold the port,' she said.", ["We will hold the port"]),
        ("«Nous tiendrons le port», a-t-elle dit.", ["Nous tiendrons le port"]),
        ("„Wir halten den Hafen“, sagte sie.", ["Wir halten den Hafen"]),
        ("''We will hold the port,'' she said.", ["We will hold the port"]),
    ],
)
def test_each_style_of_mark_opens_and_closes_a_quotation(text, quoted):
    assert _quoted(text) == quoted


def test_apostrophes_inside_british_single_quotes_are_not_marks():
    text = (
        "‘It’s a disgrace, and we don’t accept it,’ said a lawyer acting for the Smiths. "
        "‘We went to the Smiths’ house in the ’90s and it’s gone. That’s rock ’n’ roll.’"
    )
    assert _quoted(text) == [
        "It’s a disgrace, and we don’t accept it",
        "We went to the Smiths’ house in the ’90s and it’s gone. That’s rock ’n’ roll.",
    ]


def test_apostrophes_outside_quotations_open_nothing():
    text = (
        "In ’08 the U.N.'s envoy said the Smiths’ case was closed. "
        "National Review‘s editors disagreed, and the students' union didn't comment."
    )
    assert _quoted(text) == []


def test_a_quotation_nested_in_the_other_style_belongs_to_the_outer_one():
    assert _quoted("‘He told me “not now” and left,’ she said.") == ["He told me “not now” and left"]
    assert _quoted("“The sign said ‘no entry’ in red,” he said.") == ["The sign said ‘no entry’ in red"]
    assert _quoted("'They called it \"fake\" twice,' she said.") == ['They called it "fake" twice']


def test_a_quotation_over_two_paragraphs_is_one_span_reopened_by_its_mark():
    text = "‘The city has held for weeks.\n‘It will hold for weeks more,’ she added.\nThe siege went on."
    (span,) = find_marked_spans(text)
    assert text[span.start : span.end] == "The city has held for weeks.\n‘It will hold for weeks more"
    assert text[span.open_at] == "‘" and text[span.close_at] == "’"


def test_a_quotation_left_open_ends_with_its_paragraph():
    text = "‘We are not finished\nThe minister left the room."
    assert _quoted(text) == ["We are not finished"]


def test_paragraphs_run_together_still_pair_their_marks():
    # The Guardian's archive lost its paragraph breaks: "usage.'She came", "startled,' said".
    text = "lit up from recent usage.'She came out of the dark, we were a bit startled,' said Mr Burrows."
    assert _quoted(text) == ["She came out of the dark, we were a bit startled"]


def test_a_quotation_in_hard_wrapped_wire_copy_runs_across_its_line_breaks():
    # Reuters-21578: lines wrapped at ~65 characters, paragraphs indented.
    text = (
        "JAPAN ALERTS GATT TO SOUTH KOREA IMPORT PLAN\n"
        "    Japan's move came after several unsuccessful bilateral\n"
        'negotiations on the plan, the spokesman said. "The notification\n'
        "does not represent anything resembling a formal complaint, nor\n"
        "is it intended to pressure South Korea. It is a routine\n"
        'procedure followed by all other GATT member states."\n'
        '    "I would be willing to sell Cyprus and buy\n'
        'Phelps Dodge if I were picking one copper stock," he said.\n'
    )
    assert _quoted(text) == [
        "The notification\ndoes not represent anything resembling a formal complaint, nor\n"
        "is it intended to pressure South Korea. It is a routine\n"
        "procedure followed by all other GATT member states.",
        "I would be willing to sell Cyprus and buy\nPhelps Dodge if I were picking one copper stock",
    ]


def test_lines_that_are_paragraphs_are_not_taken_for_wrapped_copy():
    # A line as long as a wrapped one that stops without a full stop, in text whose lines are
    # paragraphs, ends its paragraph: the open quotation does not swallow the next one.
    text = (
        "The council met on Tuesday to discuss the budget for the coming year, and several members "
        "argued that the cuts went too far for the communities they serve.\n"
        "Residents said the plan was “a betrayal of everything they were promised\n"
        "The vote was postponed until the next meeting of the full council, which is due in March.\n"
    )
    assert _quoted(text) == ["a betrayal of everything they were promised"]
