"""Shared fixtures: one Prefect test server for the session, real articles, one seed run."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

# Before anything imports Prefect: a throwaway Prefect home, no telemetry, quiet console.
os.environ["PREFECT_HOME"] = tempfile.mkdtemp(prefix="dateline-prefect-home-")
os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "WARNING")

from dateline.runtime import configure_environment

configure_environment()

import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SEEDS = ROOT / "seeds"
SEED_ARTICLE = SEEDS / "istanbul-peace-talks.txt"
SHARED = ROOT.parent / "shared"
REUTERS = SHARED / "corpora" / "reuters21578.jsonl.gz"
GUARDIAN = SHARED / "corpora" / "guardian-20k.jsonl.gz"


def shared_file(path: Path) -> Path:
    """A file from ../shared; skipped on a developer checkout without it, a failure in CI, which
    always has it."""
    if not path.is_file():
        message = f"needs {path} (the shared data folder beside the checkout)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


def comparable(frame, sort_by: list[str]):  # type: ignore[no-untyped-def]
    """`frame` sorted, with list values (numpy arrays once read) as tuples, for frame equality."""
    frame = frame.copy()
    for column in frame.columns:
        if frame[column].map(lambda v: hasattr(v, "tolist")).any():
            frame[column] = frame[column].map(lambda v: tuple(v.tolist()) if hasattr(v, "tolist") else v)
    return frame.sort_values(sort_by).reset_index(drop=True)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that runs the pipeline (through the session's Prefect server) is `slow`:
    `pytest -m "not slow"` runs the rest, the unit tests on real text, in under a minute."""
    for item in items:
        if "prefect_server" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def reuters() -> Path:
    return shared_file(REUTERS)


@pytest.fixture(scope="session")
def guardian() -> Path:
    return shared_file(GUARDIAN)


@pytest.fixture(scope="session")
def prefect_server():
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture(scope="session")
def seed_output(tmp_path_factory, prefect_server) -> Path:
    """output/ of one pipeline run on seeds/, shared read-only by the tests that inspect it."""
    from dateline.flows.pipeline import pipeline

    output = tmp_path_factory.mktemp("seed-output")
    pipeline(source=str(SEEDS), output=str(output))
    return output


@pytest.fixture
def seed_output_copy(seed_output, tmp_path) -> Path:
    """A private copy for tests that plant bad files."""
    target = tmp_path / "output"
    shutil.copytree(seed_output, target)
    return target


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED_ARTICLE.read_text(encoding="utf-8")
