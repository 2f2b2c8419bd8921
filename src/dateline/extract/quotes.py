"""The `quotes` table: direct, partial and indirect quotations with their speakers resolved to names."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dateline.entities import DocEntities, resolve_entities
from dateline.extract.mentions import entity_id
from dateline.nlp import sentence_of, sentences_of, text_of
from dateline.quotes.attribution import (
    Attribution,
    QuoteMask,
    attribute_marked,
    core_phrase,
    find_indirect,
)
from dateline.quotes.lexicon import QUOTING_VERBS, SPEECH_VERBS
from dateline.quotes.marks import CLOSING, MarkedSpan, Paragraphs, find_marked_spans
from dateline.quotes.speakers import SpeakerResolver
from dateline.quotes.transcripts import Turn, transcript_turns
from dateline.stories.quote_keys import own_key

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from dateline.models import Document

_SENTENCE_END = ".!?:;—–"


@dataclass
class _Candidate:
    start: int
    end: int
    kind: str
    attribution: Attribution | None


def extract_quotes(document: Document, doc: Doc) -> list[dict[str, Any]]:
    text = document.text
    paragraph = Paragraphs(text)
    marked = find_marked_spans(text)
    mask = QuoteMask(marked)
    candidates = []
    for span in marked:
        turns = transcript_turns(text, span)
        if turns:
            candidates += [_Candidate(t.start, t.end, "direct", _labelled(doc, t)) for t in turns]
            continue
        attribution = attribute_marked(doc, span, mask)
        if _names_a_word(doc, span):
            continue  # because “she” is a “he”: a word talked about, not words said
        quoted = text[span.start : span.end]
        if _names_a_work(text, span) and is_title(quoted.removesuffix(".")):
            continue  # her new documentary “13th.”, the show “Politicking.”
        if is_title(quoted) and (
            attribution is None or attribution.subject is None or _inside_a_name(text, span)
        ):
            continue  # a show, a book, a nickname nobody is said to have used: not a quotation
        if (attribution is None or attribution.subject is None) and _term_in_writers_phrase(doc, span):
            continue  # the “sex tape” reference, a separate “liquidating trust”: a term, not words said
        candidates.append(_Candidate(span.start, span.end, _kind(doc, span), attribution))
    indirect = [_Candidate(q.start, q.end, "indirect", q.attribution) for q in find_indirect(doc, mask)]
    _inherit_from_reported_speech(candidates, indirect)
    candidates += indirect
    # Attribution sites are resolved in reading order, so that pronouns find earlier speakers.
    candidates.sort(key=lambda c: (_site(c), c.start))
    resolver = SpeakerResolver(doc, paragraph, mask)
    sentence_starts = [s.start_char for s in sentences_of(doc)]
    rows: list[dict[str, Any]] = []
    for candidate in candidates:
        sentence = bisect_right(sentence_starts, candidate.start) - 1
        row = {
            "quote_id": f"{document.doc_id}:{candidate.start}:{candidate.end}",
            "doc_id": document.doc_id,
            "quote": text[candidate.start : candidate.end],
            "quote_key": own_key(text[candidate.start : candidate.end]),  # the flow links copies
            "start": candidate.start,
            "end": candidate.end,
            "kind": candidate.kind,
            "speaker": None,
            "speaker_mention": None,
            "speaker_start": None,
            "speaker_end": None,
            "speaker_entity_id": None,
            "cue": None,
            "sentence": sentence,
        }
        attribution = candidate.attribution
        if attribution is not None:
            row["cue"] = attribution.cue
        if attribution is not None and attribution.subject is not None:
            name = resolver.resolve(attribution.subject, attribution.subject_full)
            _set_speaker(row, name, attribution.subject)
        elif candidate.kind != "indirect" and (previous := _continued(rows, row, paragraph)):
            for key in ("speaker", "speaker_mention", "speaker_start", "speaker_end", "cue"):
                row[key] = previous[key]
        elif candidate.kind == "direct" and (subject := _introducer(doc, candidate.start, mask)) is not None:
            _set_speaker(row, resolver.resolve(subject, subject), subject)
        rows.append(row)
    _link_speakers(rows, resolve_entities(doc), document.doc_id)
    unique = {row["quote_id"]: row for row in rows}
    return sorted(unique.values(), key=lambda r: (r["start"], r["end"]))


def _link_speakers(rows: list[dict[str, Any]], entities: DocEntities, doc_id: str) -> None:
    """The speaker's entity: the one whose canonical name the speaker resolved to ("he" -> "John
    Kirby"), else the one named by the head of the words at the attribution site."""
    for row in rows:
        if row["speaker"] is None:
            continue
        entity = entities.named(row["speaker"])
        if entity is None:
            # the phrase's last word is its head: "Pentagon spokesman John Kirby" is Kirby, while
            # "the British government" is not the NORP "British"
            entity = entities.at(row["speaker_end"] - 1, row["speaker_end"])
        if entity is not None and entity.label in _SPEAKER_LABELS:
            row["speaker_entity_id"] = entity_id(doc_id, entity.index)


_SPEAKER_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC"})


def _inherit_from_reported_speech(marked: list[_Candidate], indirect: list[_Candidate]) -> None:
    """She said she recalls the colleague being “confused”: a fragment in marks with no attribution of
    its own, inside a clause reported from someone, is that someone's word."""
    for candidate in marked:
        if candidate.attribution is not None and candidate.attribution.subject is not None:
            continue
        home = next(
            (
                reported
                for reported in indirect
                if reported.start <= candidate.start
                and candidate.end <= reported.end + 1
                and reported.attribution is not None
                and reported.attribution.subject is not None
            ),
            None,
        )
        if home is not None:
            candidate.attribution = home.attribution


def _labelled(doc: Doc, turn: Turn) -> Attribution | None:
    label = doc.char_span(turn.label_start, turn.label_end, alignment_mode="expand")
    return Attribution(None, None, label, label) if label is not None else None


def _set_speaker(row: dict[str, Any], name: str | None, mention: Span) -> None:
    row["speaker"] = name
    row["speaker_mention"] = mention.text
    row["speaker_start"] = mention.start_char
    row["speaker_end"] = mention.end_char


def _site(candidate: _Candidate) -> int:
    attribution = candidate.attribution
    if attribution is not None and attribution.subject is not None:
        return min(attribution.subject.start_char, candidate.start)
    return candidate.start


def _introducer(doc: Doc, start: int, mask: QuoteMask) -> Span | None:
    """“He would be a great senator.” right after "Rep. Elijah Cummings was effusive." : a quote that
    opens its paragraph or sentence with no attribution is the words of the person the sentence just
    before it is about, when that sentence's subject is a named person."""
    token = doc.char_span(start, start + 1, alignment_mode="expand")
    if token is None:
        return None
    sentence = sentence_of(token[0])
    if sentence.start == 0:
        return None
    previous = sentence_of(doc[sentence.start - 1])
    if mask.covers(previous.start_char) or "\n\n\n" in text_of(doc)[previous.end_char : start]:
        return None
    subject = next((t for t in previous.root.children if t.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or mask.covers(subject.idx):
        return None
    if subject.ent_type_ == "PERSON":
        return core_phrase(subject)
    # "His former business partner, Lawrence B. Cummings, called him a master. “He showed ...”"
    named = next((t for t in subject.subtree if t.dep_ == "appos" and t.ent_type_ == "PERSON"), None)
    return core_phrase(named) if named is not None else None


def _continued(
    rows: list[dict[str, Any]], row: dict[str, Any], paragraph: Paragraphs
) -> dict[str, Any] | None:
    """The attributed quote an unattributed one continues: the nearest one before it, if it ends in the
    previous sentence, or is a direct quote in the same or the previous paragraph."""
    before = [r for r in rows if r["end"] <= row["start"] and r["speaker_mention"] is not None]
    if not before:
        return None
    previous = max(before, key=lambda r: r["end"])
    if row["sentence"] - previous["sentence"] <= 1:
        return previous
    paragraphs = paragraph.of(row["start"]) - paragraph.of(previous["end"])
    if previous["kind"] == "direct" and paragraphs <= 1:
        return previous
    return None


_TITLE_SMALL_WORDS = frozenset("a an and at by for from in of on or the to with vs".split())


def is_title(quoted: str) -> bool:
    """A name in quotation marks, not a quotation: “Fox News Sunday”, “The Apprentice”, “Bobby”.

    Every word capitalised (small words aside), no sentence punctuation, at most eight words."""
    words = quoted.split()
    if len(words) > 1 and quoted.endswith("."):
        words[-1] = words[-1][:-1]  # American style puts the sentence's period inside: “Nightly News.”
        quoted = quoted[:-1]
    if not words or len(words) > 8 or quoted.rstrip()[-1:] in ".!?,;:":
        return False
    if any(w[-1] in ".!?" and len(w) > 3 for w in words[:-1]):
        return False  # “The Donald. Big Daddy.” is two sentences; "Tod D. Wolters" or "Mr." are not
    if not (words[0][:1].isupper() or words[0][:1].isdigit()):
        return False
    return all(w[:1].isupper() or w.lower() in _TITLE_SMALL_WORDS or not w[:1].isalpha() for w in words)


def _names_a_word(doc: Doc, span: MarkedSpan) -> bool:
    """A lone pronoun, article or preposition in quotation marks is a word being talked about."""
    tokens = [t for t in doc.char_span(span.start, span.end, alignment_mode="expand") or [] if not t.is_punct]
    return len(tokens) == 1 and tokens[0].pos_ in ("PRON", "DET", "ADP", "CCONJ", "SCONJ")


_TERM_MODIFIERS = frozenset(("det", "amod", "compound", "nummod"))
_INSIDE_A_PHRASE = frozenset(("pobj", "dobj", "attr", "appos", "conj", "compound"))


def _term_in_writers_phrase(doc: Doc, span: MarkedSpan) -> bool:
    """A short noun phrase in marks whose determiner or adjective stands outside them (its “national
    enterprise reporter”, a bipartisan “Grand Bargain”) is a term the writer holds at a distance,
    unless a verb of naming or "as" puts it in someone's mouth (called him a “loser”, described as a
    “strong leader”)."""
    tokens = doc.char_span(span.start, span.end, alignment_mode="expand")
    if tokens is None or len(tokens) > 5 or tokens.start == 0:
        return False
    root = tokens.root
    if root.pos_ not in ("NOUN", "PROPN") or any(t.is_sent_start for t in tokens[1:]):
        return False
    if root.dep_ in ("compound", "nmod", "amod") and root.head.i >= tokens.end:
        return True  # the quote modifies the writer's noun: the “sex tape” reference
    outside = doc[tokens.start - 1]
    while outside.is_punct and outside.i > 0:
        outside = doc[outside.i - 1]
    if outside.head != root or outside.dep_ not in _TERM_MODIFIERS:
        return False
    # The naming verb or "as" is looked for both up the parse and just before the phrase, as
    # parses of "pounding Trump as a “con artist”" vary.
    phrase_start = min(root.left_edge.i, outside.i)
    governors = [doc[phrase_start - 1]] if phrase_start else []
    governor = root
    while governor.dep_ in _INSIDE_A_PHRASE and governor.head != governor:
        governor = governor.head
        governors.append(governor)
    return not any(_names_or_quotes(t) for t in governors)


def _names_or_quotes(token: Token) -> bool:
    lemma = token.lemma_.lower()
    return token.lower_ == "as" or lemma in QUOTING_VERBS or lemma in SPEECH_VERBS


def _inside_a_name(text: str, span: MarkedSpan) -> bool:
    """Marcia “Cia” Price: a nickname between a first name and a surname."""
    if span.close_at is None:
        return False
    before = text[max(0, span.open_at - 30) : span.open_at].split()
    after = text[span.close_at + 1 : span.close_at + 30].split()
    return bool(before and after) and before[-1][:1].isupper() and after[0][:1].isupper()


_BEFORE_A_WORK = frozenset("on of in at from titled entitled named a an the".split())
# Nouns for works and events: the anthem “A Change Is Gonna Come”, his “Keepin' It Real” radio program.
WORK_NOUNS = frozenset(
    """
    anthem song book film movie show program programme series album documentary column article essay
    poem play novel memoir podcast forum event conference summit campaign slogan initiative speech
    """.split()
)


def _names_a_work(text: str, span: MarkedSpan) -> bool:
    """A title in marks right after "on", "of", "titled", an article, a possessive (CNN’s “State of
    the Union”) or a noun for a work, or right before one, names a programme, a book or an event,
    whoever is quoted around it."""
    before = text[max(0, span.open_at - 40) : span.open_at].split()
    last = before[-1].lower().strip(",") if before else ""
    if last in _BEFORE_A_WORK or last in WORK_NOUNS or last.endswith(("’s", "'s")):
        return True
    if span.close_at is None:
        return False
    after = text[span.close_at + 1 : span.close_at + 40].split()
    following = after[0].lower().strip(".,;:") if after else ""
    return following in WORK_NOUNS or (len(after) > 1 and after[1].lower().strip(".,;:") in WORK_NOUNS)


def _kind(doc: Doc, span: MarkedSpan) -> str:
    """direct when the quote stands as its own utterance, partial when the writer's sentence carries it."""
    text = text_of(doc)
    line_start = text.rfind("\n", 0, span.open_at) + 1
    before = text[line_start : span.open_at].rstrip()
    quoted = text[span.start : span.end]
    words = len(quoted.split())
    starts_upper = quoted[:1].isupper() or not quoted[:1].isalpha()
    if not before or before[-1] in _SENTENCE_END or before[-1] in CLOSING:
        return "direct" if starts_upper or words >= 4 else "partial"
    if before[-1] == "," and starts_upper:
        return "direct"
    previous_word = before.split()[-1].strip(",").lower() if before.split() else ""
    token = doc.char_span(line_start + len(before) - len(previous_word), line_start + len(before))
    if (
        words >= 4
        and quoted.rstrip()[-1:] in ".!?"
        and token is not None
        and token[-1].lemma_.lower() in SPEECH_VERBS
    ):
        return "direct"
    return "partial"
