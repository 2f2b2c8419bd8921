"""What Dateline keeps on a parsed `Doc`: spaCy's `doc._` extensions, registered once, and the
accessors extractors use to read a whole article's text and sentences without rebuilding them.

Results of the per-article analyses (`dateline.components`) live here too, so a reader finds every
attribute a `Doc` carries in one list, `EXTENSIONS`.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# name on `doc._` -> what it holds
EXTENSIONS = {
    "share_buttons": "runs of share-button labels (spans), blocked for the NER",
    "text": "the article's text, joined once",
    "sentences": "the sentences (spans), listed once",
    "sentence_starts": "the token index each sentence starts at",
    "dateline": "the story's dateline (geo.datelines.Dateline) or None",
    "credits": "the credit lines at the story's end (bylines.credits.TextCredit)",
    "entities": "mentions grouped into entities (entities.resolve.DocEntities)",
    "places": "the places named, their roles and resolutions (geo.toponyms.PlaceMention)",
    "quotes": "the quotations with their speakers (quotes.article.ArticleQuote)",
}
_DEFAULTS = {"share_buttons": ()}


def register_extensions() -> None:
    """Declare the `doc._` attributes (spaCy stores their values with the Doc)."""
    from spacy.tokens import Doc

    for name in EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=_DEFAULTS.get(name))


def release(doc: Doc) -> None:
    """Drop what the analyses put on the Doc. Their spans hold the Doc, a reference cycle that would
    keep every parsed Doc alive until a full collection."""
    for name in EXTENSIONS:
        doc._.set(name, _DEFAULTS.get(name))


def text_of(doc: Doc) -> str:
    """`doc.text`, joined once: spaCy rebuilds the string from every token on each access, which
    extractors touching the text per quote or per mention cannot afford."""
    text = doc._.text
    if text is None:
        text = doc._.text = doc.text
    return text


def sentences_of(doc: Doc) -> list[Span]:
    """The document's sentences, listed once: `doc.sents` walks every token on each call."""
    sentences = doc._.sentences
    if sentences is None:
        sentences = doc._.sentences = list(doc.sents)
        doc._.sentence_starts = [s.start for s in sentences]
    return sentences


def sentence_of(token: Token) -> Span:
    """`token.sent` by bisection over the listed sentences; spaCy's own lookup scans the document,
    which makes per-token calls quadratic on long texts."""
    sentences = sentences_of(token.doc)
    return sentences[bisect_right(token.doc._.sentence_starts, token.i) - 1]
