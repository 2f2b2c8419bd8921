"""Speakers that are no one, on wire copy: the quotes table over the first Reuters-21578 stories.

    python benchmarks/wire_speakers.py [--docs 3000] [--show 20]

Reuters copy of 1987 is hard-wrapped, opens with a dateline ("NEW YORK, March 3 -") and names
companies by ticker ("<PWA.TO>"). Among the quotations that have a speaker it counts those whose
speaker
- has no letter (">", "-", "1985"),
- holds a line break or a run of spaces ("A\\nspokesman"),
- is the place of the story's dateline ("NEW YORK" as the subject of "it said"),
and prints their share (target: under 0.1%), the speaker kinds, and the most frequent speakers so a
reader sees what the table would show. Documents are read by the pipeline's own readers.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dedup import SHARED, documents  # noqa: E402  (the pipeline's readers, exact copies dropped)

from dateline.extract.quotes import extract_quotes  # noqa: E402
from dateline.nlp import parse  # noqa: E402

REUTERS = SHARED / "reuters21578.jsonl.gz"
_LETTER = re.compile(r"[^\W\d_]")
_BREAK = re.compile(r"\n|\s{2,}")


def faults(speaker: str, place: str | None) -> list[str]:
    """What is wrong with a speaker string, if anything."""
    found = []
    if not _LETTER.search(speaker):
        found.append("no letter")
    if _BREAK.search(speaker):
        found.append("line break")
    if place and speaker.casefold() == place.casefold():
        found.append("dateline place")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=3000)
    parser.add_argument("--show", type=int, default=20, help="examples of bad speakers to print")
    args = parser.parse_args()

    docs = documents(REUTERS, args.docs)
    started = time.perf_counter()
    quotes = with_speaker = flawed = 0
    bad: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    speakers: Counter[str] = Counter()
    examples: list[str] = []
    for document, doc in parse(docs):
        dateline = doc._.dateline
        place = dateline.place if dateline else None
        for row in extract_quotes(document, doc):
            quotes += 1
            kinds[row.get("speaker_kind") or "none"] += 1
            if row["speaker"] is None:
                continue
            with_speaker += 1
            speakers[row["speaker"]] += 1
            found = faults(row["speaker"], place)
            for fault in found:
                bad[fault] += 1
            flawed += bool(found)
            if found and len(examples) < args.show:
                examples.append(f"  {', '.join(found)}: {row['speaker']!r} ({document.source})")
    seconds = time.perf_counter() - started
    print(f"Reuters-21578, first {len(docs)} stories: {quotes} quotations, {with_speaker} with a speaker")
    share = flawed / with_speaker if with_speaker else 0.0
    print(f"speakers that are no one: {flawed} ({share:.2%} of quotations with a speaker; target < 0.1%)")
    for fault in ("no letter", "line break", "dateline place"):
        print(f"  {fault:<15} {bad[fault]}")
    print("speaker kinds: " + ", ".join(f"{k} {n}" for k, n in kinds.most_common()))
    print("most frequent speakers: " + "; ".join(f"{s!r} {n}" for s, n in speakers.most_common(15)))
    if examples:
        print("examples:")
        print("\n".join(examples))
    print(f"time: {seconds:.1f} s (parse and quotes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
