"""Validation of tables as pandas frames: one batch before publishing, or the whole output on disk."""

from __future__ import annotations

import json
import posixpath
import tempfile
from collections.abc import Collection, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.fs as pafs

from dateline.quality.checks import ENTITY_LINKS, NEEDS_TEXTS, check_frame
from dateline.quality.integrity import file_problems, integrity_outcomes
from dateline.quality.validator import (
    Outcome,
    Validator,
    Verdict,
    merge_verdicts,
    shared_validator,
    suite_names,
)
from dateline.runtime import release_memory
from dateline.store import AGGREGATE_PART, PART_PREFIX, QUALITY_DIR, OutputStore
from dateline.stories.link import AGGREGATE_TABLES, LINKED_COLUMNS

DATA_DOCS_DIR = "data_docs"
SUMMARY_FILE = "validation.json"
# Rows of one table validated at once when checking a whole output: enough that Great Expectations'
# cost per run is spread thin, few enough that the frame, its check columns and GX's working copies
# stay within ~100 MB, and small enough that a 2,000-article run's tables already fill slices, so
# that the final validation's memory does not climb with the run's size (with 50,000 rows it did:
# frames on 10,000 articles peaked up to 290 MB above the model, ~110 MB on 2,000). Documents carry
# their texts, so a slice also stops at CHUNK_BYTES of data (uncompressed, from the files' footers).
CHUNK_ROWS = 20_000
CHUNK_BYTES = 16 * 2**20
WHOLE_OUTPUT_SCOPE = "the whole output"


def _frames(tables: Mapping[str, pa.Table]) -> dict[str, pd.DataFrame]:
    # Arrow-backed text columns keep memory low; types stay as the contract says.
    frames = {name: table.to_pandas() for name, table in tables.items()}
    documents = frames.get("documents", pd.DataFrame({"doc_id": [], "text": []}))
    entities = frames.get("entities")
    return {name: check_frame(name, frame, documents, entities) for name, frame in frames.items()}


def validate_batch(tables: Mapping[str, pa.Table], keep_results: bool = False) -> dict[str, Verdict]:
    """The publishing gate for one batch: every table that has a suite, validated in memory. With
    `keep_results`, each verdict carries Great Expectations' results, from which the run's Data
    Docs are rendered (`validate_output(checked=...)`): the run's rows are validated once."""
    validator = shared_validator()
    known = set(suite_names())
    return {
        name: validator.validate(name, frame, keep_results)
        for name, frame in _frames({n: t for n, t in tables.items() if n in known}).items()
    }


def validate_linked(tables: Mapping[str, pa.Table], verdicts: Mapping[str, Verdict]) -> dict[str, Verdict]:
    """The gate's verdicts, with the outcomes of expectations on the columns the flow filled in
    after it (story clusters, quotation keys: stories.link.LINKED_COLUMNS) replaced by outcomes on
    the values that will be published: the gate passed each batch with provisional ones."""
    validator = shared_validator()
    updated = dict(verdicts)
    for table, column in LINKED_COLUMNS.items():
        if table in tables and table in verdicts:
            frame = tables[table].select([column]).to_pandas()
            checked = validator.validate_columns(table, frame, keep_result=bool(verdicts[table].results))
            updated[table] = _with_outcomes(verdicts[table], checked.outcomes, checked.results)
    return updated


def batch_report(batch_key: str, verdicts: Mapping[str, Verdict], **extra: Any) -> str:
    """A held-back batch's verdicts as the JSON kept beside it in quarantine."""
    report = {
        "batch": batch_key,
        "held_back_at": datetime.now(UTC).isoformat(),
        "passed": all(v.passed for v in verdicts.values()),
        **extra,
        "tables": {name: v.to_dict() for name, v in verdicts.items()},
    }
    return json.dumps(report, indent=2, default=str) + "\n"


@dataclass(frozen=True)
class DatasetReport:
    output: str  # a folder or a filesystem URL
    verdicts: dict[str, Verdict]
    missing: list[str]
    damaged: list[str] = field(default_factory=list)  # files a reader could trip over
    scope: str = WHOLE_OUTPUT_SCOPE  # the rows Great Expectations saw; ids and links: always all

    @property
    def passed(self) -> bool:
        return not self.missing and not self.damaged and all(v.passed for v in self.verdicts.values())

    @property
    def data_docs(self) -> str:
        return posixpath.join(self.output, QUALITY_DIR, DATA_DOCS_DIR, "index.html")

    @property
    def summary_path(self) -> str:
        return posixpath.join(self.output, QUALITY_DIR, SUMMARY_FILE)

    def problems(self) -> list[str]:
        lines = [f"{table}: no dataset at {posixpath.join(self.output, table)}" for table in self.missing]
        lines.extend(self.damaged)
        for verdict in self.verdicts.values():
            lines.extend(o.describe() for o in verdict.critical_failures)
        return lines

    def warnings(self) -> list[str]:
        return [
            o.describe()
            for verdict in self.verdicts.values()
            for o in verdict.failures
            if o.severity != "critical"
        ]

    def to_dict(self, **extra: Any) -> dict[str, Any]:
        return {
            "output": str(self.output),
            "validated_at": datetime.now(UTC).isoformat(),
            "passed": self.passed,
            "scope": self.scope,
            "missing_tables": self.missing,
            "damaged_files": self.damaged,
            "tables": {name: v.to_dict() for name, v in self.verdicts.items()},
            "data_docs": str(self.data_docs),
            **extra,
        }


def validate_output(
    output: str | Path,
    chunk_rows: int = CHUNK_ROWS,
    batches: Collection[str] | None = None,
    checked: Mapping[str, Mapping[str, Verdict]] | None = None,
    **summary_extra: Any,
) -> DatasetReport:
    """Validate the tables on disk against their suites; write Data Docs and a JSON summary under
    `<output>/_quality/`. Whole-output checks catch what batch gates cannot, such as one doc_id
    published by two runs.

    `batches` (keys of published batches) limits what Great Expectations reads to those batches'
    files and the tables rebuilt whole at each run: a run validates what it wrote, so that its last
    step does not grow with an archive that earlier runs validated as they wrote it. Ids unique and
    rows linked are checked across the whole output whatever the scope, and every file's footer is
    read; `dateline validate` (no `batches`) re-reads every row.

    `checked` holds the batch gate's verdicts of those batches (by batch key), with Great
    Expectations' results: a table every one of them validated is not read again, its verdict is
    theirs merged and its Data Docs are rendered from their results. Only the tables rebuilt at the
    end of a run (the speakers tables) are then read.

    A table is validated a slice of part files at a time (about `chunk_rows` rows), beside only the
    texts and entity ids of that slice's documents, and the slices' verdicts are merged; uniqueness
    and links across slices are checked on the files (dateline.quality.integrity). So the memory
    this takes follows the slice, not the output, which may hold years of news."""
    store = OutputStore(output)
    tables = suite_names()
    present = [t for t in tables if store.parts(t)]
    missing = [t for t in tables if t not in present]
    if "documents" not in present:  # mentions and entities cannot be checked without texts
        present = [t for t in present if t not in ("mentions", "entities")]
    scope = _Scope(store, batches)
    with _data_docs_folder(store) as docs_dir:
        validator = Validator(data_docs_dir=docs_dir)
        verdicts = {}
        for table in present:
            gated = _gate_verdicts(checked, batches, table)
            if gated is not None:
                for batch_key, verdict in gated.items():
                    validator.keep_results(batch_key, verdict.results)
                verdicts[table] = merge_verdicts(table, list(gated.values()))
                continue
            pieces = [
                validator.validate_with_docs({table: frame})[table]
                for parts in _slices(store, table, scope.parts(table), chunk_rows)
                for frame in _slice_frames(scope, table, parts, present, chunk_rows)
            ]
            verdicts[table] = merge_verdicts(table, pieces)
            release_memory(collect=False)  # frames are freed by reference counting: no collection
        validator.build_docs()
    for table, outcomes in integrity_outcomes(store, present).items():
        verdicts[table] = _with_outcomes(verdicts[table], outcomes)
    damaged = file_problems(store, tables)
    report = DatasetReport(
        output=str(output), verdicts=verdicts, missing=missing, damaged=damaged, scope=scope.describe()
    )
    summary = json.dumps(report.to_dict(**summary_extra), indent=2, default=str) + "\n"
    store.write_text(store.path(QUALITY_DIR, SUMMARY_FILE), summary)
    return report


def _gate_verdicts(
    checked: Mapping[str, Mapping[str, Verdict]] | None, batches: Collection[str] | None, table: str
) -> dict[str, Verdict] | None:
    """The gate's verdicts on `table` for every batch in scope, or None when one is missing or was
    given without its results (then the table's rows are read and validated here)."""
    if checked is None or batches is None:
        return None
    gated = {}
    for key in batches:
        verdict = checked.get(key, {}).get(table)
        if verdict is None or not verdict.results:
            return None
        gated[key] = verdict
    return gated


def _with_outcomes(verdict: Verdict, outcomes: list[Outcome], results: tuple[str, ...] = ()) -> Verdict:
    """`verdict` with whole-output outcomes added, each replacing the slices' outcome of the same
    expectation (a uniqueness check per slice cannot see a repeat in another slice)."""
    replaced = {o.key for o in outcomes}
    kept = [o for o in verdict.outcomes if o.key not in replaced]
    return Verdict(verdict.table, verdict.rows, [*kept, *outcomes], (*verdict.results, *results))


class _Scope:
    """The part files a validation reads rows from: all of them, or those of some batches and of
    the tables rebuilt whole (AGGREGATE_PART)."""

    def __init__(self, store: OutputStore, batches: Collection[str] | None) -> None:
        self.store = store
        self.batches = None if batches is None else set(batches)
        self._names = None
        if batches is not None:
            self._names = {f"{PART_PREFIX}{key}.parquet" for key in batches} | {AGGREGATE_PART}
        self._parts: dict[str, list[str]] = {}

    def parts(self, table: str) -> list[str]:
        if table not in self._parts:
            parts = self.store.parts(table)
            if self._names is not None:
                parts = [p for p in parts if posixpath.basename(p) in self._names]
            self._parts[table] = parts
        return self._parts[table]

    def rows(self, table: str) -> pc.Expression | None:
        """Which rows of the table's files to validate: all, except for a table rebuilt whole
        (the speakers tables) under a batch scope, where they are the rows of the entities these
        batches name. The others are carried over unchanged from the runs that validated them;
        validating all of them made each run's last step grow with the archive."""
        if self.batches is None or table not in AGGREGATE_TABLES:
            return None
        return pc.field("entity_key").isin(self._named_entities)

    @cached_property
    def _named_entities(self) -> pa.Array:
        """The entity keys of the scope's batches, read once for both speakers tables."""
        named = self.store.dataset("entities", self.parts("entities")).to_table(columns=["entity_key"])
        return pc.unique(named["entity_key"].drop_null())

    def describe(self) -> str:
        if self.batches is None:
            return WHOLE_OUTPUT_SCOPE
        n = len(self.batches)
        return f"the {n:,} batch{'' if n == 1 else 'es'} this run published and the speakers they name"


def _slices(store: OutputStore, table: str, parts: list[str], chunk_rows: int) -> Iterator[list[str]]:
    """The part files in runs of at most `chunk_rows` rows and CHUNK_BYTES of data (both from the
    files' footers), a file larger than that alone (`_slice_frames` splits it by rows); one empty
    run when there are none, so that a table this run wrote nothing to is still validated (an empty
    frame: its columns and types). A run stops before the file that would pass a limit, so that
    only such a file is split, and the documents files beside a run are read once."""
    if not parts:
        yield []
        return
    chunk: list[str] = []
    rows = size = 0
    for fragment in store.dataset(table, parts).get_fragments():
        metadata = fragment.metadata
        n = metadata.num_rows
        nbytes = sum(metadata.row_group(i).total_byte_size for i in range(metadata.num_row_groups))
        if chunk and (rows + n > chunk_rows or size + nbytes > CHUNK_BYTES):
            yield chunk
            chunk, rows, size = [], 0, 0
        chunk.append(fragment.path)
        rows += n
        size += nbytes
    if chunk:
        yield chunk


def _slice_frames(
    scope: _Scope, table: str, parts: list[str], present: list[str], chunk_rows: int
) -> Iterator[pd.DataFrame]:
    """The slice's rows as frames of at most `chunk_rows` rows (a table rebuilt whole is one file,
    as long as the output is large), each with its check columns: texts and entity ids are looked
    up for the rows of that frame only."""
    data = scope.store.dataset(table, parts).to_table(filter=scope.rows(table))
    for start in range(0, max(data.num_rows, 1), chunk_rows):
        rows = data.slice(start, chunk_rows)
        documents = pd.DataFrame({"doc_id": [], "text": []})
        if table in NEEDS_TEXTS and "documents" in present:
            documents = _lookup(scope, "documents", "doc_id", rows.column("doc_id"), ["text"], parts)
        entities = None
        if table in ENTITY_LINKS and "entities" in present:
            column, _ = ENTITY_LINKS[table]
            entities = _lookup(scope, "entities", "entity_id", rows.column(column), [], parts)
        yield check_frame(table, rows.to_pandas(), documents, entities)


def _lookup(
    scope: _Scope, table: str, key: str, wanted: pa.ChunkedArray, columns: list[str], beside: list[str]
) -> pd.DataFrame:
    """The rows of `table` whose `key` is among `wanted`, read from the files of the same batches
    as `beside` (a batch publishes rows, their documents and their entities together), else from
    all the scope's files: only an output that breaks that rule pays for reading all of it."""
    values = pc.unique(wanted.drop_null())
    where = pc.field(key).isin(values)
    names = {posixpath.basename(p) for p in beside}
    paired = [p for p in scope.parts(table) if posixpath.basename(p) in names]
    found = scope.store.dataset(table, paired).to_table(columns=[key, *columns], filter=where)
    if len(pc.unique(found.column(key))) < len(values):
        found = scope.store.dataset(table, scope.parts(table)).to_table(columns=[key, *columns], filter=where)
    return found.to_pandas()


@contextmanager
def _data_docs_folder(store: OutputStore) -> Iterator[Path]:
    """Great Expectations renders Data Docs into a local folder: the output's own when it is local,
    else a temporary one copied to the output's filesystem afterwards."""
    target = store.path(QUALITY_DIR, DATA_DOCS_DIR)
    if isinstance(store.fs, pafs.LocalFileSystem):
        yield Path(target)
        return
    with tempfile.TemporaryDirectory(prefix="dateline-data-docs-") as local:
        yield Path(local)
        store.fs.create_dir(target, recursive=True)
        pafs.copy_files(
            local, target, source_filesystem=pafs.LocalFileSystem(), destination_filesystem=store.fs
        )
