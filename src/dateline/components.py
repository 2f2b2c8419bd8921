"""The per-article analyses, as stateless spaCy components that run once on a whole article's `Doc` after
the parse and put their results on `doc._` (declared in `dateline.docs`). Extractors read them;
none computes them again.

- `dateline_credits`: the story's dateline ("BEIRUT, March 7 (Reuters) -") as `doc._.dateline`,
  and the credit lines at its end ("Reporting by ...; editing by ...") as `doc._.credits`. The
  bylines, locations and quotes tables all read them.
- `dateline_entities`: the mentions, cleaned and relabelled, grouped into entities, as
  `doc._.entities`. The mentions, entities, quotes and locations tables all read this one result, so
  a mention's `entity_id` and a speaker's `speaker_entity_id` always agree.
- `dateline_toponyms`: the places the article names, with their roles (mention, dateline, byline)
  and the GeoNames place each resolves to, as `doc._.places`, from the three results above.
- `dateline_quotes`: the quotations in marks and in reported speech, attributed by the shipped
  models, with their speakers tied to the entities, as `doc._.quotes`.

They come last in the model `dateline.nlp.load_model` returns, so `nlp(text)` gives an analysed Doc.
`dateline.nlp.parse` runs them itself (`ANALYSES`, `analyse`): a long article is parsed in pieces,
and an analysis needs the whole article.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.language import Language

from dateline.bylines.credits import find_credits
from dateline.docs import text_of
from dateline.entities.resolve import resolve_entities
from dateline.geo.datelines import find_dateline
from dateline.geo.gazetteer import load_gazetteer
from dateline.geo.toponyms import find_places
from dateline.quotes.article import article_quotes
from dateline.quotes.model import shipped_models

if TYPE_CHECKING:
    from spacy.tokens import Doc

# in the order they run
ANALYSES = ("dateline_credits", "dateline_entities", "dateline_toponyms", "dateline_quotes")


@Language.component("dateline_credits", assigns=["doc._.dateline", "doc._.credits"])
def credits(doc: Doc) -> Doc:
    """The dateline and the credit lines of an article."""
    text = text_of(doc)
    gazetteer = load_gazetteer()
    doc._.dateline = find_dateline(text, lambda name: bool(gazetteer.lookup(name)))
    doc._.credits = find_credits(text, gazetteer)
    return doc


@Language.component("dateline_entities", requires=["doc.ents", "token.dep"], assigns=["doc._.entities"])
def entities(doc: Doc) -> Doc:
    """The article's entities, from NER's mentions and the ones it missed."""
    doc._.entities = resolve_entities(doc)
    return doc


@Language.component(
    "dateline_toponyms",
    requires=["doc._.entities", "doc._.dateline", "doc._.credits"],
    assigns=["doc._.places"],
)
def toponyms(doc: Doc) -> Doc:
    """The places an article names, resolved with what the article says around them."""
    doc._.places = find_places(doc)
    return doc


@Language.component(
    "dateline_quotes", requires=["doc._.entities", "doc._.dateline"], assigns=["doc._.quotes"]
)
def quotes(doc: Doc) -> Doc:
    """Who said what in the article, by the shipped attribution models."""
    doc._.quotes = article_quotes(doc, shipped_models())
    return doc
