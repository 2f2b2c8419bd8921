"""Great Expectations 1.x, run from the committed suites without a GX project on disk.

One ephemeral context per process holds the suites, loaded from `expectations/<table>.json`. Severity
comes from GX itself (`critical` / `warning` / `info` on each expectation): a failing critical
expectation blocks publishing, anything else is reported.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

import pandas as pd

from dateline.runtime import load_once
from dateline.schemas import packaged_or_checkout

EXPECTATIONS_DIR = packaged_or_checkout("suites", "expectations")
EXAMPLES = 5
DATA_DOCS_SITE = "dateline"

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")


@dataclass(frozen=True)
class Outcome:
    """One expectation's result on one table, in words a person reading a log can act on."""

    table: str
    expectation: str
    severity: str
    success: bool
    arguments: dict[str, Any]
    unexpected_count: int | None = None
    observed: int | None = None  # values judged (non-null ones), for expectations met "mostly"
    examples: list[Any] = field(default_factory=list)
    error: str | None = None
    why: str | None = None

    @property
    def key(self) -> str:
        """The expectation and its arguments: what identifies it on every slice of a table."""
        return json.dumps([self.expectation, self.arguments], sort_keys=True, default=str)

    def describe(self) -> str:
        args = ", ".join(f"{k}={_short(v)}" for k, v in self.arguments.items() if k != "column_set")
        text = f"{self.table}: {self.expectation}({args}) failed [{self.severity}]"
        if self.why:
            text += f" ({self.why})"
        if self.error:
            return f"{text}: {self.error}"
        if self.unexpected_count is not None:
            text += f": {self.unexpected_count} unexpected"
        if self.examples:
            text += f", e.g. {self.examples}"
        return text


@dataclass(frozen=True)
class Verdict:
    table: str
    rows: int
    outcomes: list[Outcome]
    # Great Expectations' own results behind the outcomes, as JSON text, when asked for: the run's
    # Data Docs are rendered from the batch gates' results instead of validating the rows again. Text
    # because the flow holds every published batch's until the run ends: ~65 KB per 200 articles,
    # about a fifth of the same results as Python objects.
    results: tuple[str, ...] = field(default=(), compare=False, repr=False)

    @property
    def failures(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.success]

    @property
    def met(self) -> str:
        """Expectations met out of those evaluated, e.g. "12/14"."""
        return f"{len(self.outcomes) - len(self.failures)}/{len(self.outcomes)}"

    @property
    def critical_failures(self) -> list[Outcome]:
        return [o for o in self.failures if o.severity == "critical"]

    @property
    def passed(self) -> bool:
        """Publishable: no critical expectation failed (warnings do not block)."""
        return not self.critical_failures

    def to_dict(self) -> dict[str, Any]:
        return {
            "table": self.table,
            "rows": self.rows,
            "passed": self.passed,
            "evaluated": len(self.outcomes),
            "failed": [asdict(o) for o in self.failures],
        }


def suite_names() -> list[str]:
    return sorted(p.stem for p in EXPECTATIONS_DIR.glob("*.json"))


def load_suite_json(table: str) -> dict[str, Any]:
    path = EXPECTATIONS_DIR / f"{table}.json"
    if not path.is_file():
        raise KeyError(f"no expectation suite {path}")
    return json.loads(path.read_text(encoding="utf-8"))


class Validator:
    """Validates pandas frames against the committed suites; optionally renders GX Data Docs."""

    def __init__(self, data_docs_dir: Path | None = None) -> None:
        import great_expectations as gx
        from great_expectations.core.expectation_suite import ExpectationSuite
        from great_expectations.data_context.types.base import (
            DataContextConfig,
            InMemoryStoreBackendDefaults,
            ProgressBarsConfig,
        )

        self._gx = gx
        config = DataContextConfig(
            store_backend_defaults=InMemoryStoreBackendDefaults(),
            progress_bars=ProgressBarsConfig(globally=False),
            analytics_enabled=False,
        )
        self.context = gx.get_context(mode="ephemeral", project_config=config)
        self._source = self.context.data_sources.add_pandas("dateline")
        self._definitions = {}
        self._column_definitions: dict[tuple[str, tuple[str, ...]], Any] = {}
        self._checkpoints: dict[str, Any] = {}
        for table in suite_names():
            suite = self.context.suites.add(ExpectationSuite(**load_suite_json(table)))
            batch = self._source.add_dataframe_asset(table).add_batch_definition_whole_dataframe("frame")
            self._definitions[table] = self.context.validation_definitions.add(
                gx.ValidationDefinition(name=table, data=batch, suite=suite)
            )
        self.data_docs_dir = data_docs_dir
        if data_docs_dir is not None:
            self.context.add_data_docs_site(
                site_name=DATA_DOCS_SITE,
                site_config={
                    "class_name": "SiteBuilder",
                    "store_backend": {
                        "class_name": "TupleFilesystemStoreBackend",
                        "base_directory": str(Path(data_docs_dir).resolve()),
                    },
                    "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
                },
            )

    def validate(self, table: str, frame: pd.DataFrame, keep_result: bool = False) -> Verdict:
        """Yes or no first, details only when something failed: nearly every batch passes, and
        GX's counts and example values double its time (0.8 -> 1.7 s for a batch of 200 articles).
        With `keep_result`, GX's counts at once, and its result on the verdict (`results`) for the
        Data Docs of a run. Through `Batch.validate`, which keeps no result in the context:
        `ValidationDefinition.run` stores each one, which for the batch gate's long-lived context
        meant every batch's results for the life of the worker."""
        return self._validate(table, self._definitions[table], frame, keep_result)

    def validate_columns(self, table: str, frame: pd.DataFrame, keep_result: bool = False) -> Verdict:
        """The table's expectations on `frame`'s columns only: for columns a step fills in after
        the whole table passed (`quotes.quote_key`, assigned in the flow against the stored index),
        so that what is published is what was checked."""
        columns = tuple(frame.columns)
        if (table, columns) not in self._column_definitions:
            from great_expectations.core.expectation_suite import ExpectationSuite

            suite = load_suite_json(table)
            name = f"{table}[{','.join(columns)}]"
            kept = [e for e in suite["expectations"] if e["kwargs"].get("column") in columns]
            added = self.context.suites.add(ExpectationSuite(**{**suite, "name": name, "expectations": kept}))
            batch = self._source.add_dataframe_asset(name).add_batch_definition_whole_dataframe("frame")
            self._column_definitions[table, columns] = self.context.validation_definitions.add(
                self._gx.ValidationDefinition(name=name, data=batch, suite=added)
            )
        return self._validate(table, self._column_definitions[table, columns], frame, keep_result)

    def _validate(self, table: str, definition: Any, frame: pd.DataFrame, keep_result: bool) -> Verdict:
        batch = definition.batch_definition.get_batch(batch_parameters={"dataframe": frame})
        # Kept for Data Docs, a result needs GX's counts ("BASIC": 30% above yes-or-no, where
        # "SUMMARY" doubles it); any failure is validated again with the details a reader needs.
        first = (
            {"result_format": "BASIC", "partial_unexpected_count": EXAMPLES}
            if keep_result
            else {"result_format": "BOOLEAN_ONLY"}
        )
        result = batch.validate(definition.suite, result_format=first)
        if not result.success or not all(item.success for item in result.results):
            summary = {"result_format": "SUMMARY", "partial_unexpected_count": EXAMPLES}
            result = batch.validate(definition.suite, result_format=summary)
        verdict = _verdict(table, frame, result)
        if not keep_result:
            return verdict
        return replace(verdict, results=(json.dumps(result.to_json_dict(), default=str),))

    def keep_results(self, run_name: str, results: Iterable[str]) -> None:
        """Results validated elsewhere (a batch gate, on a worker) kept for Data Docs, under
        `run_name`, as if this context had run them."""
        from great_expectations.core.expectation_validation_result import (
            ExpectationSuiteValidationResultSchema,
        )
        from great_expectations.core.run_identifier import RunIdentifier
        from great_expectations.data_context.types.resource_identifiers import (
            ExpectationSuiteIdentifier,
            ValidationResultIdentifier,
        )

        schema = ExpectationSuiteValidationResultSchema()
        run = RunIdentifier(run_name=run_name)
        for number, text in enumerate(results):
            result = json.loads(text)
            suite = result["suite_name"]
            key = ValidationResultIdentifier(ExpectationSuiteIdentifier(name=suite), run, f"{suite}-{number}")
            self.context.validation_results_store.set(key, schema.load(result))

    def validate_with_docs(self, frames: dict[str, pd.DataFrame]) -> dict[str, Verdict]:
        """Validate several tables, each through its checkpoint, keeping the results for Data Docs
        (`build_docs`)."""
        verdicts = {}
        for table, frame in frames.items():
            run = self._checkpoint(table).run(batch_parameters={"dataframe": frame})
            (result,) = run.run_results.values()
            verdicts[table] = _verdict(table, frame, result)
        return verdicts

    def build_docs(self) -> None:
        """Render every result kept so far into the Data Docs site, once: GX's UpdateDataDocsAction
        on each checkpoint run rebuilt the site's index every time (half of the end of a seed run)."""
        if self.data_docs_dir is not None:
            self.context.build_data_docs(site_names=[DATA_DOCS_SITE])

    def _checkpoint(self, table: str) -> Any:
        """One per table and context: GX stores it by name, and a slice of the same table reuses it."""
        if table not in self._checkpoints:
            self._checkpoints[table] = self._gx.Checkpoint(
                name=f"dateline-{table}",
                validation_definitions=[self._definitions[table]],
                actions=[],
                result_format={"result_format": "SUMMARY", "partial_unexpected_count": EXAMPLES},
            )
        return self._checkpoints[table]


def _verdict(table: str, frame: pd.DataFrame, result: Any) -> Verdict:
    outcomes = []
    for item in result.results:
        config = item.expectation_config
        details = item.result or {}
        error = None
        if item.exception_info and item.exception_info.get("raised_exception"):
            error = str(item.exception_info.get("exception_message"))
        outcomes.append(
            Outcome(
                table=table,
                expectation=config.type,
                severity=str(getattr(config.severity, "value", config.severity)),
                success=bool(item.success),
                arguments={
                    k: v
                    for k, v in config.kwargs.items()
                    if k not in ("batch_id", "result_format") and v is not None
                },
                unexpected_count=details.get("unexpected_count"),
                observed=_observed(details),
                examples=_examples(frame, config.kwargs, details),
                error=error,
                why=(config.meta or {}).get("why"),
            )
        )
    return Verdict(table=table, rows=len(frame), outcomes=outcomes)


def _observed(details: dict[str, Any]) -> int | None:
    if details.get("element_count") is None:
        return None
    return int(details["element_count"]) - int(details.get("missing_count") or 0)


def merge_verdicts(table: str, pieces: list[Verdict]) -> Verdict:
    """One table's verdict from the verdicts of its pieces (a large table is validated a slice at a
    time). Every expectation here is judged row by row, so counts add up; one met "mostly" is met
    when the unexpected share over all pieces is within bounds, whatever each piece said. Uniqueness
    across pieces is not visible here: dateline.quality.integrity checks it on the whole table."""
    groups: dict[str, list[Outcome]] = {}
    for verdict in pieces:
        for outcome in verdict.outcomes:
            groups.setdefault(outcome.key, []).append(outcome)
    outcomes = [_merge(group) for group in groups.values()]
    results = tuple(r for v in pieces for r in v.results)
    return Verdict(table=table, rows=sum(v.rows for v in pieces), outcomes=outcomes, results=results)


def _merge(outcomes: list[Outcome]) -> Outcome:
    if len(outcomes) == 1:
        return outcomes[0]
    counts = [o.unexpected_count for o in outcomes if o.unexpected_count is not None]
    observed = [o.observed for o in outcomes if o.observed is not None]
    unexpected = sum(counts) if counts else None
    success = all(o.success for o in outcomes)
    mostly = outcomes[0].arguments.get("mostly")
    errors = [o.error for o in outcomes if o.error]
    if mostly is not None and unexpected is not None and observed and not errors:
        success = unexpected <= (1 - float(mostly)) * sum(observed)
    return replace(
        outcomes[0],
        success=success,
        unexpected_count=unexpected,
        observed=sum(observed) if observed else None,
        examples=[e for o in outcomes for e in o.examples][:EXAMPLES],
        error=errors[0] if errors else None,
    )


def _examples(frame: pd.DataFrame, kwargs: dict[str, Any], details: dict[str, Any]) -> list[Any]:
    """GX's own examples, except for derived check columns, whose values (False) say nothing:
    for those, the ids of the offending rows."""
    checked = [kwargs.get(k) for k in ("column", "column_A", "column_B")]
    if not any(isinstance(c, str) and c.startswith("_") for c in checked):
        return _plain(details.get("partial_unexpected_list") or [])[:EXAMPLES]
    if kwargs.get("column"):
        bad = ~frame[kwargs["column"]].isin(kwargs.get("value_set") or [True]).fillna(False)
    else:
        a, b = frame[kwargs["column_A"]], frame[kwargs["column_B"]]
        bad = ~((a >= b) if kwargs.get("or_equal") else (a > b)).fillna(False).astype(bool)
    id_column = frame.columns[0]
    return _plain(frame.loc[bad, id_column].head(EXAMPLES).tolist())


def _short(value: Any) -> str:
    if isinstance(value, list | tuple | set) and len(value) > 4:
        return f"[{', '.join(map(repr, list(value)[:4]))}, … {len(value) - 4} more]"
    return repr(value)


def _plain(values: list[Any]) -> list[Any]:
    """JSON-friendly copies of GX's example values (numpy scalars, timestamps, NaN)."""
    return json.loads(json.dumps(values, default=str))


@load_once
def shared_validator() -> Validator:
    """The per-process validator the batch gate uses; building one costs about a second."""
    return Validator()
