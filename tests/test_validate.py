"""`dateline validate`: the CI gate over the datasets on disk."""

import xml.etree.ElementTree as ET

import pyarrow as pa
import pyarrow.parquet as pq

from dateline.cli import main
from dateline.schemas import arrow_schema


def _plant(output, table, mutate):
    """Add a Parquet file holding the first row of `table`, changed by `mutate`."""
    (first,) = sorted((output / table).glob("part-2*.parquet"))[:1]
    row = pq.read_table(first).slice(0, 1).to_pylist()[0]
    mutate(row)
    planted = output / table / "part-zz-planted.parquet"
    pq.write_table(pa.Table.from_pylist([row], schema=arrow_schema(table)), planted)


def test_validate_passes_on_a_clean_run(seed_output_copy, capsys):
    assert main(["validate", str(seed_output_copy)]) == 0
    out = capsys.readouterr().out
    assert "passed" in out and "documents" in out and "mentions" in out
    assert (seed_output_copy / "_quality" / "data_docs" / "index.html").is_file()


def test_validate_fails_on_a_duplicated_doc_id_and_names_it(seed_output_copy, capsys):
    _plant(seed_output_copy, "documents", lambda row: row.update(source="planted.txt"))
    assert main(["validate", str(seed_output_copy)]) == 1
    out = capsys.readouterr().out
    assert "documents: expect_column_values_to_be_unique(column='doc_id')" in out
    assert "FAILED" in out


def test_validate_fails_on_an_offset_past_the_text_end(seed_output_copy, capsys):
    def past_end(row):
        row.update(mention_id="planted", start=row["start"] + 10**6, end=row["end"] + 10**6)

    _plant(seed_output_copy, "mentions", past_end)
    assert main(["validate", str(seed_output_copy)]) == 1
    out = capsys.readouterr().out
    assert "column_A='_doc_n_chars', column_B='end'" in out
    assert "span ends inside its document's text" in out
    assert "planted" in out


def test_validate_explains_a_wrong_folder(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "nowhere")]) == 2
    assert "dateline run" in capsys.readouterr().err


def test_junit_report_names_the_failing_expectation(seed_output_copy, tmp_path, capsys):
    _plant(seed_output_copy, "documents", lambda row: row.update(source="planted.txt"))
    junit = tmp_path / "reports" / "quality.xml"
    assert main(["validate", str(seed_output_copy), "--junit", str(junit)]) == 1
    root = ET.parse(junit).getroot()
    assert root.tag == "testsuites" and int(root.get("failures")) >= 1
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    assert set(suites) >= {"documents", "mentions", "quotes", "entities", "locations", "bylines"}
    failed = [c for c in suites["documents"].iter("testcase") if c.find("failure") is not None]
    assert [c.get("name") for c in failed] == ["expect_column_values_to_be_unique(doc_id)"]
    assert "unexpected" in failed[0].find("failure").get("message")
    # every other table passed: its cases have no failure element
    assert not [c for c in suites["quotes"].iter("testcase") if c.find("failure") is not None]
    assert int(suites["quotes"].get("tests")) == len(list(suites["quotes"].iter("testcase"))) > 3
