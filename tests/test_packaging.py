"""The wheel carries everything a run needs and installs nothing but `dateline`."""

import subprocess
import sys
import tomllib
import zipfile

import pytest

from conftest import ROOT


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_every_package_of_the_source_tree_is_listed_for_the_wheel():
    listed = set(_pyproject()["tool"]["setuptools"]["packages"])
    source = ROOT / "src"
    on_disk = {".".join(path.parent.relative_to(source).parts) for path in source.rglob("__init__.py")}
    assert on_disk <= listed, sorted(on_disk - listed)


@pytest.mark.slow
def test_the_wheel_holds_the_flows_contracts_and_suites_inside_dateline(tmp_path):
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", str(ROOT), "-w", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = tmp_path.glob("dateline-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert {name.split("/")[0] for name in names} == {"dateline", wheel.name.split("-py3")[0] + ".dist-info"}
    contracts = {
        name.removeprefix("dateline/contracts/") for name in names if name.startswith("dateline/contracts/")
    }
    suites = {name.removeprefix("dateline/suites/") for name in names if name.startswith("dateline/suites/")}
    assert contracts == {path.name for path in (ROOT / "schemas").glob("*.yaml")}
    assert suites == {path.name for path in (ROOT / "expectations").glob("*.json")}
    assert {"dateline/flows/pipeline.py", "dateline/flows/deployment.py"} <= set(names)
    assert "dateline/quotes/attribution-model.json" in names and "dateline/entities/ner/model" in names
