"""The numbers a run report shows, read from the published tables (all runs, not only this one)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

TOP_SPEAKERS = 15


@dataclass(frozen=True)
class Speaker:
    name: str
    quotes: int
    articles: int


@dataclass(frozen=True)
class Place:
    name: str
    country_code: str | None
    latitude: float
    longitude: float
    mentions: int


@dataclass(frozen=True)
class OutputFacts:
    speakers: list[Speaker]
    entity_types: dict[str, int]
    places: list[Place]
    unresolved_places: int


def gather_facts(output: str | Path) -> OutputFacts:
    from dateline.outputs import connect

    db = connect(output)
    # Named speakers only: "a spokesman" and "analysts" are many people, not one to rank.
    speakers = db.sql(
        f"""select speaker, count(*) as quotes, count(distinct doc_id) as articles
            from quotes where speaker_kind in ('person', 'organization')
            group by speaker order by quotes desc, speaker limit {TOP_SPEAKERS}"""
    ).fetchall()
    entity_types = db.sql("select label, count(*) from entities group by label order by 2 desc, 1").fetchall()
    places = db.sql(
        """select geonames_id, any_value(name), any_value(country_code), any_value(latitude),
                  any_value(longitude), count(*) as mentions
           from locations where latitude is not null and longitude is not null
           group by geonames_id order by mentions desc, 2"""
    ).fetchall()
    ((unresolved,),) = db.sql("select count(*) from locations where latitude is null").fetchall()
    db.close()
    return OutputFacts(
        speakers=[Speaker(name, quotes, articles) for name, quotes, articles in speakers],
        entity_types={label: n for label, n in entity_types},
        places=[Place(name, code, lat, lon, n) for _, name, code, lat, lon, n in places],
        unresolved_places=unresolved,
    )
