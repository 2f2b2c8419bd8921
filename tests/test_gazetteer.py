"""The gazetteer as make install builds it and a later pipeline process loads it."""

import os
import subprocess
import sys

import pytest

from dateline.geo.gazetteer import fold, load_gazetteer


def test_names_fold_to_one_form():
    assert fold("U.S.") == fold("U. S.") == "us"
    assert fold("Côte d’Ivoire") == fold("Cote d'Ivoire")
    assert fold("KYIV") == fold("Kyiv")


def test_lookup_knows_exonyms_aliases_and_regions():
    gazetteer = load_gazetteer()
    assert gazetteer.lookup("Kiev")[0].geonameid == 703448  # Kyiv
    assert gazetteer.lookup("U.S.")[0].country_code == "US"
    assert gazetteer.lookup("Britain")[0].country_code == "GB"
    assert any(p.feature == "region" and p.country_code == "UA" for p in gazetteer.lookup("Crimea"))
    assert gazetteer.lookup("Washington")[0].geonameid == 4140963  # the US capital, most populous


@pytest.mark.slow
def test_the_cache_built_by_make_install_loads_in_another_process(tmp_path):
    env = {**os.environ, "DATELINE_CACHE": str(tmp_path)}
    subprocess.run([sys.executable, "-m", "dateline.geo"], env=env, check=True, capture_output=True)
    assert list(tmp_path.glob("gazetteer-*.pickle"))
    probe = (
        "from dateline.geo.gazetteer import load_gazetteer; "
        "print(load_gazetteer().lookup('Rabat')[0].geonameid)"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", probe], env=env, check=True, capture_output=True, text=True
    )
    assert loaded.stdout.strip() == "2538475"
