"""The data dictionary in docs/tables/ is generated from schemas/ and must match them."""

from __future__ import annotations

from dateline.dictionary import DICTIONARY_DIR, render_dictionary
from dateline.schemas import load_contract, table_names


def test_the_data_dictionary_is_up_to_date(seed_output):
    pages = render_dictionary(seed_output)
    committed = {p.name: p.read_text(encoding="utf-8") for p in DICTIONARY_DIR.glob("*.md")}
    stale = sorted(name for name, text in pages.items() if committed.get(name) != text)
    extra = sorted(set(committed) - set(pages))
    assert not stale and not extra, (
        f"docs/tables/ is out of date (changed: {stale}, no longer generated: {extra}): run `make docs`"
    )


def test_each_page_documents_every_column_with_an_example(seed_output):
    pages = render_dictionary(seed_output)
    for table in table_names():
        page = pages[f"{table}.md"]
        for column in load_contract(table).columns:
            assert f"| `{column.name}` | {column.type} |" in page
    # the example is the most complete row, and values that depend on the run are not shown
    (speaker,) = [line for line in pages["quotes.md"].splitlines() if line.startswith("| `speaker` |")]
    assert not speaker.endswith("| null |")
    (run_id,) = [line for line in pages["documents.md"].splitlines() if line.startswith("| `run_id` |")]
    assert run_id.endswith("*(differs from run to run)* |")
    assert "there is no example" in pages["rejects.md"]
