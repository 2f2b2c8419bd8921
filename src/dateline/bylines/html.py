"""Bylines from a news page's markup, where trafilatura's single author field falls short: the
byline shown on the page ("By Christy Choi and Oscar Holland, CNN"), schema.org JSON-LD authors and
author meta tags.

Read from the already-fetched bytes with lxml's HTML parser, which neither runs scripts nor fetches
anything."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from typing import Any

from dateline.bylines.parse import parse_byline

_MAX_BYLINE_CHARS = 200
_MAX_JSON_CHARS = 200_000
_BYLINE_TOKEN = re.compile(r"byline|author|writer|contributor", re.IGNORECASE)
# Parts of a page about authors that are not the story's byline.
_NOT_BYLINE = re.compile(
    r"bio|avatar|image|img|photo|related|comment|more|follow|social|share|list|card|about", re.IGNORECASE
)
_META_NAMES = (
    "author",
    "byl",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "article:author",
    "og:article:author",
)
_NOT_STORIES = frozenset(("Comment", "Review", "Answer", "Question", "Recipe", "Product", "VideoObject"))
_AUTHOR_PAGE = re.compile(
    r"/(?:author|authors|writer|writers|people|staff|profile|profiles|reporter|journalist|contributor|contributors)/",
    re.IGNORECASE,
)
_TOPIC_MARKS = re.compile(r"tag|topic|keyword|categor|subject|related|mention", re.IGNORECASE)
_TOPIC_DEPTH = 4  # ancestors looked at for a tag list or a paragraph around a link
_PROSE_CHARS = 120  # a paragraph longer than a byline: the story's own text
_SKIPPED_TAGS = frozenset(("script", "style", "noscript", "meta", "link", "img", "svg", "head", "title"))


def page_bylines(payload: bytes | str) -> dict[str, str]:
    """The bylines a page states, by where they were found: "visible", "json_ld", "meta", "links".
    Each a "; "-joined string for `parse_byline`; absent when the page has none of that kind."""
    import lxml.html

    try:
        root = lxml.html.fromstring(payload)
    except (ValueError, TypeError, lxml.etree.ParserError):
        return {}
    found: dict[str, str] = {}
    visible = _visible_byline(root)
    if visible:
        found["visible"] = visible
    authors = list(dict.fromkeys(_json_ld_authors(root)))
    if authors:
        found["json_ld"] = "; ".join(authors)
    meta = list(dict.fromkeys(_meta_authors(root)))
    if meta:
        found["meta"] = "; ".join(meta)
    linked = _linked_authors(root)
    if linked:
        found["links"] = linked
    return found


def choose_byline(found: dict[str, str], fallback: str | None, publisher: str | None = None) -> str | None:
    """The byline to keep. Structured data (JSON-LD, then meta tags) names the people; the byline
    shown on the page (or, failing that, links to author pages) wins when it agrees with them on a
    person and names at least as many ("By Christy Choi and Oscar Holland, CNN" where JSON-LD lists
    only the first), and counts alone when nothing structured names a person ("Van Sias" where
    JSON-LD says "Tennis.com"); links to author pages count only where the shown byline names no
    desk. The publisher named as author ("USA TODAY", "Al Jazeera") is no byline; a desk is kept
    only from the shown byline ("By Associated Press")."""
    people = {source: _people(text, publisher) for source, text in found.items()}
    structured = next((s for s in ("json_ld", "meta") if people.get(s)), None)
    desk = found.get("visible")
    desk = desk if desk and parse_byline(desk) and not _publisher(desk, publisher) else None
    # Links to author pages stand in for a shown byline that names nobody, not for one that names a
    # desk ("Associated Press" shown, a link to a columnist's page elsewhere on it).
    shown = "visible" if people.get("visible") else ("links" if people.get("links") and not desk else None)
    if structured and shown:
        agree = people[structured] & people[shown]
        larger = len(people[shown]) >= len(people[structured])
        return found[shown] if agree and larger else found[structured]
    if structured or shown:
        return found[structured or shown]
    if desk:
        return desk
    return fallback if _people(fallback, publisher) else None


def _people(text: str | None, publisher: str | None = None) -> set[str]:
    return {
        c.name.lower()
        for c in parse_byline(text)
        if not c.is_organization and not _publisher(c.name, publisher)
    }


def _publisher(name: str, publisher: str | None) -> bool:
    def squeeze(value: str) -> str:
        return re.sub(r"[^a-z0-9]", "", value.lower().removeprefix("the "))

    return bool(publisher) and squeeze(name) in (squeeze(publisher), squeeze(publisher) + "staff")


def _linked_authors(root: Any) -> str | None:
    """Names linked to author pages (By <a href="/writer/1218373/Cam_E._Kettles/">Cam E. Kettles</a>):
    the links written after "By" first, else the first link with its siblings."""
    groups: list[tuple[bool, list[str]]] = []
    for link in root.iter("a"):
        if not _AUTHOR_PAGE.search(link.get("href") or "") or _topic_link(link):
            continue
        parent = link.getparent()
        siblings = list(parent.iter("a")) if parent is not None else [link]
        names = [
            " ".join(a.text_content().split()) for a in siblings if _AUTHOR_PAGE.search(a.get("href") or "")
        ]
        names = [n for n in dict.fromkeys(names) if n and len(n) <= 60]
        if names and parse_byline("; ".join(names)):
            groups.append((_after_by(link), names))
    if not groups:
        return None
    by = [names for after, names in groups if after]
    return "; ".join(by[0] if by else groups[0][1])


def _topic_link(link: Any) -> bool:
    """A link to a person's page that names a subject of the story, not its author: inside a
    paragraph of the story's text ("<a href="/people/dr-dre/">Dr. Dre</a> and Snoop Dogg were
    ...") or a list of tags or related topics."""
    for depth, ancestor in enumerate(link.iterancestors()):
        if depth >= _TOPIC_DEPTH:
            break
        marks = " ".join(ancestor.get(a) or "" for a in ("class", "id"))
        if _TOPIC_MARKS.search(marks):
            return True
        if ancestor.tag == "p" and len(" ".join(ancestor.text_content().split())) > _PROSE_CHARS:
            return True
    return False


def _after_by(link: Any) -> bool:
    previous = link.getprevious()
    before = (
        previous.tail
        if previous is not None
        else (link.getparent().text if link.getparent() is not None else "")
    ) or ""
    return bool(re.search(r"\bby:?\s*$", before, re.IGNORECASE))


def _visible_byline(root: Any) -> str | None:
    """The first element marked as a byline or author whose text reads as one."""
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag in _SKIPPED_TAGS:
            continue  # comments and processing instructions have no attributes
        marks = " ".join(element.get(a) or "" for a in ("class", "id", "rel", "itemprop", "data-testid"))
        if not _BYLINE_TOKEN.search(marks) or _NOT_BYLINE.search(marks):
            continue
        text = " ".join(element.text_content().split())
        if 3 <= len(text) <= _MAX_BYLINE_CHARS and parse_byline(text):
            return text
    return None


def _json_ld_authors(root: Any) -> Iterator[str]:
    for script in root.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json":
            continue
        raw = script.text or ""
        if len(raw) > _MAX_JSON_CHARS:
            continue
        try:
            data = json.loads(raw)
        except ValueError:
            continue
        for item in _objects(data):
            kind = item.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            if not any(isinstance(k, str) and k in _NOT_STORIES for k in kinds):
                yield from _names(item.get("author"))


def _objects(data: Any, depth: int = 0) -> Iterator[dict]:
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data:
            yield from _objects(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _objects(data["@graph"], depth + 1)


def _names(author: Any) -> Iterator[str]:
    if isinstance(author, list):
        for item in author:
            yield from _names(item)
    elif isinstance(author, dict):
        # One Person object may name several people: {"@type": "Person", "name": ["A", "B"]}.
        yield from _names(author.get("name"))
    elif isinstance(author, str) and author.strip() and not author.startswith("http"):
        yield html.unescape(author.strip())


def _meta_authors(root: Any) -> Iterator[str]:
    for meta in root.iter("meta"):
        key = (meta.get("name") or meta.get("property") or "").lower()
        content = (meta.get("content") or "").strip()
        if key in _META_NAMES and content and not content.startswith(("http", "/")):
            yield content
