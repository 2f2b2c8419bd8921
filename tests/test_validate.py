"""`dateline validate`: the CI gate over the datasets on disk."""

import xml.etree.ElementTree as ET

import pyarrow as pa
import pyarrow.parquet as pq

from dateline.cli import main
from dateline.quality.dataset import validate_output
from dateline.schemas import arrow_schema


def _plant(output, table, mutate):
    """Append to the table's published file a copy of its first row, changed by `mutate`."""
    (part,) = sorted((output / table).glob("part-2*.parquet"))[:1]
    rows = pq.read_table(part)
    row = rows.slice(0, 1).to_pylist()[0]
    mutate(row)
    pq.write_table(pa.concat_tables([rows, pa.Table.from_pylist([row], schema=rows.schema)]), part)


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


def _split_parts(output, *tables):
    """Rewrite each table's one batch file as two files of the same rows, as two batches would have
    written them (the second batch's documents file holding no rows, as for a batch of rejects)."""
    second = "part-zz-second-half.parquet"
    (commit,) = sorted((output / "documents").glob("part-2*.parquet"))
    pq.write_table(pq.read_table(commit).slice(0, 0), commit.with_name(second))
    for table in tables:
        (part,) = sorted((output / table).glob("part-2*.parquet"))
        rows = pq.read_table(part)
        half = rows.num_rows // 2
        pq.write_table(rows.slice(0, half), part)
        pq.write_table(rows.slice(half), part.with_name(second))


def test_a_whole_output_validated_slice_by_slice_gets_the_verdicts_of_one_pass(seed_output_copy):
    _split_parts(seed_output_copy, "mentions", "quotes", "entities")
    whole = validate_output(seed_output_copy)
    sliced = validate_output(seed_output_copy, chunk_rows=10)  # ten-row slices: several per table
    assert whole.passed and sliced.passed
    for table, verdict in whole.verdicts.items():
        assert sliced.verdicts[table].rows == verdict.rows > 0 or table in ("rejects", "bylines")
        pairs = {o.key: (o.success, o.unexpected_count) for o in sliced.verdicts[table].outcomes}
        assert pairs == {o.key: (o.success, o.unexpected_count) for o in verdict.outcomes}


def test_a_repeat_in_another_slice_and_an_orphan_row_fail_the_whole_output(seed_output_copy):
    _split_parts(seed_output_copy, "mentions")
    second = seed_output_copy / "mentions" / "part-zz-second-half.parquet"
    rows = pq.read_table(second).to_pylist()
    repeated = pq.read_table(sorted(second.parent.glob("part-2*.parquet"))[0]).slice(0, 1).to_pylist()
    orphan = dict(rows[0], mention_id="orphan", doc_id="no-such-document", entity_id="no-such-entity")
    table = pa.Table.from_pylist([*rows, *repeated, orphan], schema=arrow_schema("mentions"))
    pq.write_table(table, second)
    report = validate_output(seed_output_copy, chunk_rows=10)  # ten-row slices: several per table
    assert not report.passed
    failed = {o.expectation: o for o in report.verdicts["mentions"].critical_failures}
    unique = failed["expect_column_values_to_be_unique"]
    assert unique.unexpected_count == 1 and unique.examples == [repeated[0]["mention_id"]]
    published = [o for o in report.verdicts["mentions"].critical_failures if "published" in o.expectation]
    assert {o.arguments["column"] for o in published} == {"doc_id", "entity_id"}
    assert all(
        o.examples == [f"no-such-{'document' if o.arguments['column'] == 'doc_id' else 'entity'}"]
        for o in published
    )


def test_a_file_of_a_batch_never_committed_is_reported(seed_output_copy, capsys):
    (part,) = sorted((seed_output_copy / "quotes").glob("part-2*.parquet"))
    leftover = part.with_name("part-20990101T000000-deadbeef-00001.parquet")  # a crash's leftover
    leftover.write_bytes(part.read_bytes()[:100])  # and cut short
    assert main(["validate", str(seed_output_copy)]) == 1
    out = capsys.readouterr().out
    assert f"{leftover} holds rows of a batch that was never committed" in out
    assert f"{leftover} is not a readable Parquet file" in out
    assert "quotes" in out and "FAILED" in out


def test_a_file_dropped_into_a_table_folder_fails_validation_and_is_named(seed_output_copy, capsys):
    # pd.read_parquet("output/quotes") would read the copy as more rows; hidden files it skips.
    (part,) = sorted((seed_output_copy / "quotes").glob("part-2*.parquet"))
    copy = part.with_name("quotes-backup.parquet")
    copy.write_bytes(part.read_bytes())
    (part.parent / ".notes.txt").write_text("a hidden file readers pass over")
    assert main(["validate", str(seed_output_copy)]) == 1
    out = capsys.readouterr().out
    assert f"quotes: {copy} is not a file of a Dateline batch" in out
    assert ".notes.txt" not in out
