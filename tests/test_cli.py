"""The command line as a user meets it: a real process, its exit code and what it prints."""

import argparse
import gzip
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time

import pyarrow.parquet as pq
import pytest

from conftest import ROOT, SEEDS
from dateline.cli import build_parser


def _dateline(*args, cwd=ROOT, env=None):
    return subprocess.run(
        [sys.executable, "-m", "dateline", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.slow
def test_run_prints_a_clean_summary_and_exits_zero(tmp_path):
    # A relative --output, as users type it, resolved against the working directory.
    prefect_home = tmp_path / "prefect-home"
    env = {**os.environ, "PREFECT_HOME": str(prefect_home)}
    result = _dateline("run", str(SEEDS), "--output", "out", cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    assert "inputs" in result.stdout and "1 new documents" in result.stdout
    assert "validation  passed" in result.stdout
    assert "out/_quality/data_docs/index.html" in result.stdout
    assert "Traceback" not in result.stderr and "CancelledError" not in result.stderr
    assert "telemetry" not in result.stderr.lower()
    # The CLI leaves without tearing the interpreter down (dateline.cli._exit_without_teardown): the
    # temporary Prefect server must still have recorded the whole run, down to its last log line.
    with sqlite3.connect(prefect_home / "prefect.db") as db:
        assert db.execute("select state_type from flow_run").fetchall() == [("COMPLETED",)]
        last = db.execute("select message from log order by timestamp desc limit 1").fetchone()[0]
        assert last == "Finished in state Completed()"
        published = db.execute("select count(*) from log where message like 'batch 1 published%'")
        assert published.fetchone() == (1,)
    assert (tmp_path / "out" / "documents").is_dir()
    assert (tmp_path / "out" / "_quality" / "data_docs" / "index.html").is_file()

    assert (tmp_path / "out" / "_reports" / "latest.html").is_file()
    assert "out/_reports/run-" in result.stdout

    again = _dateline("validate", "out", "--junit", "quality.xml", cwd=tmp_path)
    assert again.returncode == 0, again.stdout + again.stderr
    assert again.stdout.rstrip().splitlines()[-2].startswith("passed")
    assert (tmp_path / "quality.xml").is_file()

    # From the run to an answer in one line, as the README shows.
    top = _dateline(
        "sql",
        "select speaker, count(*) n from quotes where speaker is not null group by 1 order by n desc limit 5",
        "--output",
        "out",
        cwd=tmp_path,
    )
    assert top.returncode == 0, top.stderr
    assert "speaker" in top.stdout and "Kirby" in top.stdout
    loaded = subprocess.run(
        [sys.executable, "-c", "import dateline; print(dateline.load('quotes', 'out').head())"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert loaded.returncode == 0, loaded.stderr
    assert "quote_id" in loaded.stdout and "[5 rows x 16 columns]" in loaded.stdout


def test_sql_errors_say_what_to_do(seed_output):
    wrong_column = _dateline("sql", "select spokesman from quotes", "--output", str(seed_output))
    assert wrong_column.returncode == 2
    assert "speaker" in wrong_column.stderr  # DuckDB's candidate columns
    assert "describe quotes" in wrong_column.stderr
    no_output = _dateline("sql", "select 1", "--output", "does-not-exist")
    assert no_output.returncode == 2 and "dateline run" in no_output.stderr
    assert "Traceback" not in wrong_column.stderr + no_output.stderr


def test_run_on_a_missing_source_says_what_to_do(tmp_path):
    result = _dateline("run", str(tmp_path / "nothing-here"))
    assert result.returncode == 2
    assert "not a file, a folder or a glob" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_empty_source_says_so_and_fails_under_strict(tmp_path):
    (tmp_path / "feed").mkdir()
    (tmp_path / "feed" / ".partial.jsonl").write_text('{"text": "Not yet."}\n')  # hidden: passed over
    result = _dateline("run", str(tmp_path / "feed"), "--strict", "--output", str(tmp_path / "out"))
    assert result.returncode == 4
    assert "holds no input files" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_ctrl_c_leaves_with_one_line_and_a_rerun_completes_the_run(tmp_path, reuters):
    # Sixty Reuters stories in batches of ten; Ctrl-C (SIGINT to the whole process group, as a
    # terminal sends it, Prefect's temporary server included) once the first batch is published.
    source = tmp_path / "wire.jsonl"
    with gzip.open(reuters, "rt", encoding="utf-8") as stories:
        source.write_text("".join(next(stories) for _ in range(60)), encoding="utf-8")
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect-home")}
    env.pop("PREFECT_API_URL", None)
    command = [sys.executable, "-m", "dateline", "run", str(source), "--output", "out", "--batch-size", "10"]
    run = subprocess.Popen(
        command,
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    documents = tmp_path / "out" / "documents"
    deadline = time.monotonic() + 240
    while not (documents.is_dir() and any(documents.glob("*.parquet"))) and time.monotonic() < deadline:
        time.sleep(0.1)
    os.killpg(run.pid, signal.SIGINT)
    _, stderr = run.communicate(timeout=60)
    assert run.returncode == 130, stderr
    progress = "dateline run: batches"  # a progress line, every 30 s when stderr is no terminal
    lines = [line for line in stderr.splitlines() if line.strip() and not line.startswith(progress)]
    assert len(lines) == 1 and lines[0].startswith("dateline run: interrupted;"), stderr
    assert "run the same command again" in lines[0]

    again = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    stored = pq.read_table(documents, columns=["doc_id"]).column("doc_id").to_pylist()
    rejects = pq.read_table(tmp_path / "out" / "rejects").num_rows
    assert len(stored) == len(set(stored))  # nothing twice
    # nothing lost: "inputs 60 = 2 new documents + 1 duplicates in this run + 57 already stored + 0 rejects"
    counts = re.search(
        r"inputs\s+60 = (\d+) new documents \+ (\d+) duplicates.*? \+ (\d+) already stored", again.stdout
    )
    assert counts is not None, again.stdout
    new, duplicates, already = map(int, counts.groups())
    assert already > 0 and len(stored) == new + already == 60 - duplicates - rejects
    quote_ids = (
        pq.read_table(tmp_path / "out" / "quotes", columns=["quote_id"]).column("quote_id").to_pylist()
    )
    assert len(quote_ids) == len(set(quote_ids))


@pytest.mark.slow
def test_serve_without_a_prefect_server_refuses_and_says_what_to_run(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env["PREFECT_HOME"] = str(tmp_path / "prefect-home")
    unset = _dateline("serve", "--source", str(SEEDS), "--output", str(tmp_path / "out"), env=env)
    assert unset.returncode == 1
    assert "PREFECT_API_URL is not set" in unset.stderr and "prefect server start" in unset.stderr
    nobody = _dateline(
        "serve", "--source", str(SEEDS), env={**env, "PREFECT_API_URL": "http://127.0.0.1:9/api"}
    )
    assert nobody.returncode == 1
    assert "no Prefect server answers at PREFECT_API_URL=http://127.0.0.1:9/api" in nobody.stderr
    assert "Traceback" not in unset.stderr + nobody.stderr


def test_help_lists_every_command():
    text = build_parser().format_help()
    for command in ("run", "validate", "sql", "serve"):
        assert command in text


def test_every_option_of_every_command_is_explained():
    parser = build_parser()
    (commands,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    assert set(commands.choices) == {"run", "validate", "sql", "serve"}
    for name, command in commands.choices.items():
        assert command.description, f"dateline {name} has no description"
        for action in command._actions:
            assert action.help, f"dateline {name}: {action.dest} has no help text"
    assert "exit codes" in parser.format_help()
