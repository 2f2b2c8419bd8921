"""Toponym resolution on GeoVirus (WikiNews articles with gold coordinates) and LGL (local US news
with gold GeoNames ids), the pipeline beside a plain baseline (spaCy GPE/LOC + the most populous
gazetteer place of that name) in the same run.

    python benchmarks/locations.py [--data DIR] [--limit N] [--errors]

Scored on the pipeline's toponym rows, and on LGL, which marks adjectives of place ("American",
"Palestinian") as toponyms with their country's id, on its demonym rows too:
- acc@161: share of gold toponyms with an overlapping prediction whose point lies within 161 km;
- precision@161: predictions with coordinates that overlap a gold toponym within 161 km, over all
  predictions with coordinates;
- resolution acc@161: among gold toponyms some prediction with coordinates overlaps, the share within
  161 km;
- LGL only: exact-id accuracy, the share of gold toponyms with an overlapping prediction of the gold
  GeoNames id, and exact-id resolution accuracy, the same among gold toponyms some prediction overlaps.
  LGL's toponyms without a GeoNames id (626 of 5,088) are not scored.
Also the gazetteer's load time and the memory it takes in a fresh process.
"""

from __future__ import annotations

import argparse
import math
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field, replace
from pathlib import Path

import spacy

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dateline.extract.locations import extract_locations  # noqa: E402
from dateline.geo.gazetteer import fold, load_gazetteer  # noqa: E402
from dateline.ingest.articles import read_record  # noqa: E402
from dateline.ingest.normalize import offset_map  # noqa: E402
from dateline.models import RawRecord  # noqa: E402
from dateline.nlp import MODEL_NAME, parse  # noqa: E402

KM = 161.0


@dataclass
class Gold:
    start: int
    end: int
    name: str
    lat: float
    lon: float
    page: str  # the Wikipedia article the gold point comes from (GeoVirus), or ""
    geonameid: int | None = None  # LGL's gold id


@dataclass
class Point:
    start: int
    end: int
    text: str
    lat: float | None
    lon: float | None
    place: str | None = None
    feature: str | None = None
    geonameid: int | None = None


@dataclass
class Score:
    gold: int = 0
    gold_hit: int = 0
    gold_found: int = 0
    predicted: int = 0
    predicted_hit: int = 0
    other_point: int = 0  # the right country or region, its central point set differently from gold
    gold_exact: int = 0  # gold toponyms an overlapping prediction gives the gold GeoNames id
    with_ids: bool = False
    errors: list[str] = field(default_factory=list)

    def row(self) -> dict[str, float]:
        row = {
            "acc@161": self.gold_hit / self.gold if self.gold else 0.0,
            "precision@161": self.predicted_hit / self.predicted if self.predicted else 0.0,
            "resolution acc@161": self.gold_hit / self.gold_found if self.gold_found else 0.0,
        }
        if self.with_ids:
            row["exact id acc"] = self.gold_exact / self.gold if self.gold else 0.0
            row["resolution exact id acc"] = self.gold_exact / self.gold_found if self.gold_found else 0.0
        return row


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def read_geovirus(path: Path) -> list[tuple[str, list[Gold]]]:
    articles = []
    for article in ET.parse(path).getroot().iter("article"):
        text = article.findtext("text") or ""
        golds = [
            Gold(
                int(loc.findtext("start")),
                int(loc.findtext("end")),
                loc.findtext("name") or "",
                float(loc.findtext("lat")),
                float(loc.findtext("lon")),
                loc.findtext("page") or "",
            )
            for loc in article.iter("location")
        ]
        articles.append((text, golds))
    return articles


def read_lgl(path: Path) -> list[tuple[str, list[Gold]]]:
    """LGL's articles and the toponyms it gives a GeoNames id."""
    articles = []
    for article in ET.parse(path).getroot().iter("article"):
        text = article.findtext("text") or ""
        golds = []
        for toponym in article.iter("toponym"):
            tag = toponym.find("gaztag")
            if tag is None or not tag.get("geonameid"):
                continue
            golds.append(
                Gold(
                    int(toponym.findtext("start")),
                    int(toponym.findtext("end")),
                    toponym.findtext("phrase") or "",
                    float(tag.findtext("lat")),
                    float(tag.findtext("lon")),
                    "",
                    int(tag.get("geonameid")),
                )
            )
        articles.append((text, golds))
    return articles


# file, reader, and the pipeline's mention types the set's gold marks
DATASETS = {
    "GeoVirus": ("GeoVirus.xml", read_geovirus, ("toponym",)),
    "LGL": ("lgl.xml", read_lgl, ("toponym", "demonym")),
}


def score(result: Score, golds: list[Gold], points: list[Point], text: str) -> None:
    located = [p for p in points if p.lat is not None and p.lon is not None]

    def overlaps(p: Point, g: Gold) -> bool:
        return p.start < g.end and g.start < p.end

    def near(p: Point, g: Gold) -> bool:
        return km(p.lat, p.lon, g.lat, g.lon) <= KM

    result.gold += len(golds)
    for g in golds:
        over = [p for p in located if overlaps(p, g)]
        result.gold_found += bool(over)
        if g.geonameid is not None:
            result.with_ids = True
            result.gold_exact += any(p.geonameid == g.geonameid for p in over)
        if any(near(p, g) for p in over):
            result.gold_hit += 1
        elif over:
            p = over[0]
            result.other_point += same_area(p, g)
            result.errors.append(
                f"far    {g.name!r} gold=({g.lat:.2f},{g.lon:.2f}) got=({p.lat:.2f},{p.lon:.2f}) "
                f"{km(p.lat, p.lon, g.lat, g.lon):.0f} km"
            )
        else:
            result.errors.append(f"missed {g.name!r} …{text[max(0, g.start - 40) : g.end + 20]!r}")
    result.predicted += len(located)
    for p in located:
        if any(overlaps(p, g) and near(p, g) for g in golds):
            result.predicted_hit += 1
        elif not any(overlaps(p, g) for g in golds):
            result.errors.append(f"extra  {p.text!r} …{text[max(0, p.start - 40) : p.end + 20]!r}")


def same_area(p: Point, g: Gold) -> bool:
    """A country, region or continent whose name is the gold's Wikipedia article: the right place,
    with a central point chosen by another source (Wikipedia's and GeoNames' differ by hundreds of
    kilometres for large countries)."""
    title = re.sub(r"\(.*\)", "", g.page.rsplit("/", 1)[-1].replace("_", " "))
    return p.feature in ("country", "region", "other") and fold(p.place or "") == fold(title)


def baseline(doc, gazetteer) -> list[Point]:
    points = []
    for ent in doc.ents:
        if ent.label_ not in ("GPE", "LOC"):
            continue
        candidates = sorted(gazetteer.lookup(ent.text), key=lambda p: -p.population)
        place = candidates[0] if candidates else None
        points.append(
            Point(
                ent.start_char,
                ent.end_char,
                ent.text,
                place and place.latitude,
                place and place.longitude,
                place and place.name,
                place and place.feature,
                place and place.geonameid,
            )
        )
    return points


def gazetteer_cost() -> tuple[float, float]:
    """Seconds to load the cached gazetteer and the memory it adds, in a fresh process."""
    probe = (
        "import resource, time\n"
        "from dateline.geo.gazetteer import load_gazetteer\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "t = time.perf_counter(); load_gazetteer(); t = time.perf_counter() - t\n"
        "after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "print(t, (after - before) / 1024)\n"
    )
    subprocess.run([sys.executable, "-m", "dateline.geo"], check=True, capture_output=True)
    out = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True)
    seconds, megabytes = out.stdout.split()
    return float(seconds), float(megabytes)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "geo-dev")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N articles of each set")
    parser.add_argument("--errors", action="store_true", help="list the pipeline's misses and errors")
    args = parser.parse_args()

    seconds, megabytes = gazetteer_cost()
    gazetteer = load_gazetteer()
    for name, (file_name, reader, kinds) in DATASETS.items():
        evaluate(name, reader(args.data / file_name)[: args.limit], kinds, gazetteer, args.errors)
    print(f"gazetteer: loads in {seconds:.2f} s, {megabytes:.0f} MB, {len(gazetteer.places):,} places")
    return 0


def evaluate(
    name: str, articles: list[tuple[str, list[Gold]]], kinds: tuple[str, ...], gazetteer, errors: bool
) -> None:
    documents, golds = [], {}
    for number, (text, gold) in enumerate(articles):
        (document,) = read_record(RawRecord(f"{name}-{number}.txt", "txt", text.encode()))
        if document.text != text:
            # reading normalised the text (a BOM, control characters, outer spaces): the gold
            # offsets move with it
            move = offset_map(text, document.text)
            gold = [replace(g, start=move(g.start), end=move(g.end)) for g in gold]
        documents.append(document)
        golds.setdefault(document.doc_id, gold)
    pipeline, plain = Score(), Score()
    shipped = spacy.load(MODEL_NAME)  # en_core_web_sm's own NER, not Dateline's
    with shipped.select_pipes(enable=["ner"]):
        texts = shipped.pipe(d.text for d in documents)
        plain_docs = {d.doc_id: ents for d, ents in zip(documents, texts, strict=True)}
    for document, doc in parse(documents):
        gold = golds.pop(document.doc_id, None)
        if gold is None:
            continue  # the same text twice in the data: scored once
        rows = extract_locations(document, doc)
        points = [
            Point(
                r["start"],
                r["end"],
                r["text"],
                r["latitude"],
                r["longitude"],
                r["name"],
                r["feature"],
                r["geonames_id"],
            )
            for r in rows
            if r["mention_type"] in kinds
        ]
        score(pipeline, gold, points, document.text)
        score(plain, gold, baseline(plain_docs[document.doc_id], gazetteer), document.text)
    if errors:
        print("\n".join(pipeline.errors))
    print(f"{name}: {len(documents)} articles scored, {pipeline.gold} gold toponyms")
    print(f"{'metric':<26}{'dateline':>12}{'baseline':>12}")
    for metric, value in pipeline.row().items():
        print(f"{metric:<26}{value:>12.3f}{plain.row()[metric]:>12.3f}")
    if name != "GeoVirus":
        return
    for system, result in (("dateline", pipeline), ("baseline", plain)):
        share = (result.gold_hit + result.other_point) / result.gold_found if result.gold_found else 0.0
        print(
            f"{system}: {result.other_point} resolved to the right country or region whose central point "
            f"lies over 161 km from Wikipedia's; counting those, resolution acc {share:.3f}"
        )


if __name__ == "__main__":
    sys.exit(main())
