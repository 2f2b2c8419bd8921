"""The report's charts, drawn with matplotlib into PNG data URIs: the page is one self-contained
file that opens anywhere (a CI artifact, an e-mail attachment) with no JavaScript and no network."""

from __future__ import annotations

import base64
import io
from functools import cache
from typing import TYPE_CHECKING

from dateline.report.facts import Place, Speaker

if TYPE_CHECKING:
    from matplotlib.axis import Axis
    from matplotlib.figure import Figure

INK, ACCENT, LAND = "#1f2937", "#c2410c", "#e5e7eb"


# Charts are drawn at the size the page shows them (one per row, CHART_WIDTH inches at DPI fill the
# page's 70rem column), so that their text keeps the size it is set in: drawn wider and scaled down
# to half the column, 10-point labels came out 9 pixels high on a 1,400-pixel screen.
DPI = 110
CHART_WIDTH = 10.0
MAP_LABELS = 8  # names written on the map: the most mentioned places, each clear of the others
LABEL_CLEARANCE = (25.0, 8.0)  # degrees of longitude and latitude a label keeps from another


def _figure(width: float, height: float) -> Figure:
    from matplotlib.figure import Figure  # the object API: no pyplot state, no display backend

    figure = Figure(figsize=(width, height), dpi=DPI, layout="constrained")
    figure.patch.set_facecolor("white")
    return figure


def _data_uri(figure: Figure) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def speakers_chart(speakers: list[Speaker]) -> str:
    figure = _figure(CHART_WIDTH, 0.9 + 0.3 * max(len(speakers), 3))
    axes = figure.add_subplot()
    names = [s.name for s in reversed(speakers)]
    axes.barh(names, [s.quotes for s in reversed(speakers)], color=ACCENT)
    axes.set_xlabel("quotations")
    _thousands(axes.xaxis)
    axes.set_title("Quotes per named speaker", loc="left", color=INK)
    axes.spines[["top", "right"]].set_visible(False)
    if not speakers:
        axes.text(0.5, 0.5, "no quotation has a named speaker yet", ha="center", transform=axes.transAxes)
    return _data_uri(figure)


def entity_types_chart(entity_types: dict[str, int]) -> str:
    """Horizontal bars, most frequent type on top: type names read level, however many there are."""
    ordered = sorted(entity_types.items(), key=lambda item: item[1])
    figure = _figure(CHART_WIDTH, 0.9 + 0.3 * max(len(ordered), 3))
    axes = figure.add_subplot()
    axes.barh([name for name, _ in ordered], [count for _, count in ordered], color=INK)
    axes.set_xlabel("entities (one per article)")
    _thousands(axes.xaxis)
    axes.set_title("Entity types", loc="left", color=INK)
    axes.spines[["top", "right"]].set_visible(False)
    return _data_uri(figure)


def _apart(places: list[Place], most: int) -> list[Place]:
    """Up to `most` places in the order given (most mentioned first), leaving out any place too
    close to one already taken for its name to be read (New York beside Washington)."""
    taken: list[Place] = []
    for place in places:
        if len(taken) == most:
            break
        if all(
            abs(place.longitude - other.longitude) > LABEL_CLEARANCE[0]
            or abs(place.latitude - other.latitude) > LABEL_CLEARANCE[1]
            for other in taken
        ):
            taken.append(place)
    return taken


def _thousands(axis: Axis) -> None:
    from matplotlib.ticker import StrMethodFormatter

    axis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))


@cache
def _country_outlines() -> tuple[tuple[tuple[float, ...], tuple[float, ...]], ...]:
    import countryinfo

    from dateline.geo.gazetteer import outline_rings

    shapes = []
    for country in countryinfo.all_countries():
        for ring in outline_rings(country.geo_json()):
            longitudes, latitudes = zip(*((p[0], p[1]) for p in ring), strict=True)
            shapes.append((longitudes, latitudes))
    return tuple(shapes)


def locations_map(places: list[Place]) -> str:
    """An equirectangular world map: country outlines, one dot per resolved place, sized by mentions."""
    from matplotlib.collections import PolyCollection

    figure = _figure(CHART_WIDTH, 5.3)
    axes = figure.add_subplot()
    # One artist for every country's outline: a polygon each (`axes.fill`) took half a second to draw.
    outlines = [list(zip(lons, lats, strict=True)) for lons, lats in _country_outlines()]
    axes.add_collection(PolyCollection(outlines, facecolor=LAND, edgecolor="white", linewidth=0.4))
    if places:
        largest = max(p.mentions for p in places)
        axes.scatter(
            [p.longitude for p in places],
            [p.latitude for p in places],
            s=[12 + 240 * p.mentions / largest for p in places],
            color=ACCENT,
            alpha=0.6,
            edgecolor="white",
            linewidth=0.5,
            zorder=3,
        )
        for place in _apart(places, MAP_LABELS):
            axes.annotate(
                place.name,
                (place.longitude, place.latitude),
                xytext=(4, 4),
                textcoords="offset points",
                fontsize=10,
                color=INK,
                zorder=4,
            )
    axes.set_xlim(-180, 180)
    axes.set_ylim(-60, 85)
    axes.set_aspect("equal")
    axes.set_xticks([])
    axes.set_yticks([])
    axes.spines[:].set_visible(False)
    axes.set_title(f"Resolved locations ({len(places):,} places)", loc="left", color=INK)
    return _data_uri(figure)
