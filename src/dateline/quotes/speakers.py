"""From the words at an attribution site to the speaker's name.

Works through the document in reading order, remembering who has spoken, so that "he" and "they" find
the speaker they refer to, "Kirby" finds "John Kirby", and "the officials" finds "Ukrainian military
officials". It never reaches further back than a few sentences: an unresolved pronoun stays null
rather than becoming a guess from far away.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dateline.entities.names import name_words, strip_possessive
from dateline.nlp import sentences_of
from dateline.quotes.lexicon import PERSON_NOUNS, PRONOUNS_GROUP, PRONOUNS_PERSON, PRONOUNS_THING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from dateline.quotes.attribution import QuoteMask
    from dateline.quotes.marks import Paragraphs

_LOOKBACK_SENTENCES = 3
_CHAIN_SENTENCES = 6  # how far a chain of "She ... She ... she said" may lead back to the name


@dataclass(frozen=True)
class Speaker:
    name: str
    kind: str  # person | group | thing
    sentence: int
    paragraph: int
    position: int  # token index of the mention, for which of two candidates was named last


class SpeakerResolver:
    def __init__(self, doc: Doc, paragraphs: Paragraphs, mask: QuoteMask) -> None:
        self.doc = doc
        self._mask = mask
        self._position = 0
        self.history: list[Speaker] = []
        self._sentence_starts = [s.start for s in sentences_of(doc)]
        self._paragraphs = paragraphs
        self._people = self._person_names(doc)
        self._people_by_word: dict[str, list[tuple[int, tuple[str, ...], str]]] | None = None
        self._ents = list(doc.ents)  # `doc.ents` builds its spans anew on every access
        self._ent_starts = [e.start for e in self._ents]

    @staticmethod
    def _person_names(doc: Doc) -> list[tuple[int, tuple[str, ...], str]]:
        names = []
        for ent in doc.ents:
            if ent.label_ == "PERSON":
                name = strip_possessive(ent.text.strip())
                words = name_words(name)
                if words:
                    names.append((ent.start_char, words, name))
        return names

    def _recent(self, speaker: Speaker, sentence: int, paragraph: int) -> bool:
        """Close enough to be what a pronoun refers to: a few sentences back, or the previous paragraph
        (quoted passages are cut into many short sentences)."""
        return sentence - speaker.sentence <= _LOOKBACK_SENTENCES or paragraph - speaker.paragraph <= 1

    def paragraph_of(self, token: Token) -> int:
        return self._paragraphs.of(token.idx)

    def sentence_of(self, token: Token) -> int:
        return bisect_right(self._sentence_starts, token.i) - 1

    def full_name(self, name: str, position: int) -> str:
        """The fullest form of a person's name in the article: the longest name containing these
        words, the nearest earlier one first."""
        words = name_words(name)
        if not words:
            return name
        best: tuple[int, int, str] | None = None
        for start, candidate_words, candidate in self._people_with(words[0]):
            if len(candidate_words) > len(words) and _contains(candidate_words, words):
                distance = position - start if start <= position else 10**9 + start
                key = (distance, -len(candidate_words), candidate)
                if best is None or key < best:
                    best = key
        return best[2] if best else strip_possessive(name)

    def resolve(self, core: Span | None, full: Span | None) -> str | None:
        if core is None:
            return None
        if core.root.tag_ in ("WP", "WDT") and full is not None:
            core = full  # a relative pronoun names whoever its clause hangs from
        head = core.root
        self._position = head.i
        sentence, paragraph = self.sentence_of(head), self.paragraph_of(head)
        lower = head.lower_
        for pronouns, kind in (
            (PRONOUNS_PERSON, "person"),
            (PRONOUNS_GROUP, "group"),
            (PRONOUNS_THING, "thing"),
        ):
            if lower in pronouns:
                name = self._antecedent(kind, sentence, paragraph, head)
                return self._remember(name, kind, sentence, paragraph)
        if head.pos_ == "PRON":
            return None
        if core.text.isupper() and self._known_person(core.text.title()):
            # "WALLACE:" opening a transcript turn: a person the article names, in capitals.
            name = self.full_name(core.text.title(), core.start_char)
            return self._remember(name, "person", sentence, paragraph)
        person = self._person_in(core) or (self._person_in(full) if full is not None else None)
        if person is not None:
            name = self.full_name(person.text, person.start_char)
            return self._remember(name, "person", sentence, paragraph)
        if head.pos_ == "PROPN" and self._known_person(core.text):
            # NER missed this mention ("Kuleba" tagged ORG), but the article names the person elsewhere.
            name = self.full_name(core.text, core.start_char)
            return self._remember(name, "person", sentence, paragraph)
        plural = head.tag_ in ("NNS", "NNPS") or head.ent_type_ == "NORP"
        if plural:
            kind = "group"
        elif head.lemma_.lower() in PERSON_NOUNS:
            kind = "person"
        else:
            kind = "thing"
        earlier = self._earlier_description(core, kind, sentence, paragraph)
        return self._remember(earlier or self._description(core), kind, sentence, paragraph)

    def _known_person(self, text: str) -> bool:
        words = name_words(text)
        return bool(words) and any(_contains(name, words) for _, name, _ in self._people_with(words[0]))

    def _people_with(self, word: str) -> list[tuple[int, tuple[str, ...], str]]:
        """The people whose names hold this word (names indexed by word on first use)."""
        if self._people_by_word is None:
            self._people_by_word = {}
            for person in self._people:
                for name_word in set(person[1]):
                    self._people_by_word.setdefault(name_word, []).append(person)
        return self._people_by_word.get(word, [])

    def _person_in(self, span: Span) -> Span | None:
        first = bisect_left(self._ent_starts, span.start)
        last = bisect_left(self._ent_starts, span.end)
        people = [e for e in self._ents[first:last] if e.label_ == "PERSON" and e.end <= span.end]
        if not people:
            return None
        covering = [e for e in people if e.start <= span.root.i < e.end]
        return covering[0] if covering else max(people, key=len)

    def _description(self, core: Span) -> str:
        text = strip_possessive(core.text.strip())
        if text.startswith("The "):
            text = "the " + text[4:]
        return text

    def _earlier_description(self, core: Span, kind: str, sentence: int, paragraph: int) -> str | None:
        """ "the officials" after "Ukrainian military officials": a definite description with the same
        head noun as a recent speaker's name is that speaker."""
        if core[0].lower_ != "the" or len(core) != 2:
            return None
        head = core.root.lemma_.lower()
        for speaker in reversed(self.history):
            if not self._recent(speaker, sentence - _LOOKBACK_SENTENCES, paragraph - 1):
                break
            last = speaker.name.split()[-1].lower()
            if (
                speaker.kind == kind
                and len(speaker.name.split()) > 1
                and last.rstrip("s") == head.rstrip("s")
            ):
                return speaker.name
        return None

    def _antecedent(self, kind: str, sentence: int, paragraph: int, pronoun: Token) -> str | None:
        """The last speaker of the pronoun's kind, unless someone of that kind was named as a subject
        after them, in this sentence or the one before ("Sen. Claire McCaskill scolded him: “...” she
        said" is McCaskill, whoever spoke last)."""
        recent = next(
            (
                speaker
                for speaker in reversed(self.history)
                if speaker.kind == kind and speaker.position < pronoun.i
            ),
            None,
        )
        if recent is not None and not self._recent(recent, sentence, paragraph):
            recent = None
        subject = self._subject_before(kind, sentence, pronoun)
        if subject is not None and (recent is None or subject.start > recent.position):
            if kind == "person":
                return self.full_name(subject.text, subject.start_char)
            return strip_possessive(subject.text.strip())
        return recent.name if recent is not None else None

    def _subject_before(self, kind: str, sentence: int, pronoun: Token) -> Span | None:
        """The last entity of the pronoun's kind that is a subject, outside quotation marks, in this
        sentence (before the pronoun) or the previous one; further back only along a chain of the same
        pronoun as subject ("Loretta Lynch ... She recently called in ... She said ..."). Failing a
        subject, the one person the previous sentence names ("... concerns Henry Crespo. “...,” he
        said")."""
        labels = ("PERSON",) if kind == "person" else ("ORG", "GPE", "NORP")
        pronouns = {"person": PRONOUNS_PERSON, "group": PRONOUNS_GROUP, "thing": PRONOUNS_THING}[kind]
        end = pronoun.i
        index = sentence + 1
        for back in range(_CHAIN_SENTENCES):
            index -= 1
            while index > 0 and back > 0 and self._quoted_sentence(index):
                index -= 1  # “... Obama had will.i.am. ...,” he said: the quote's sentences are not prose
            if index < 0:
                return None
            start = self._sentence_starts[index]
            named = [
                e
                for e in self._ents_between(start, end)
                if e.label_ in labels or (kind == "person" and self._known_person(e.text))
            ]
            subjects = [e for e in named if e.root.dep_ in ("nsubj", "nsubjpass")]
            if kind == "person":
                # "Lynch speaks more frequently ...": a surname NER left untagged, known from elsewhere.
                subjects += [
                    self.doc[t.i : t.i + 1]
                    for t in self.doc[start:end]
                    if t.dep_ in ("nsubj", "nsubjpass")
                    and t.pos_ == "PROPN"
                    and not t.ent_type_
                    and not self._mask.covers(t.idx)
                    and self._known_person(t.text)
                ]
            if subjects:
                return max(subjects, key=lambda span: span.start)
            if back == 1 and kind == "person" and len({e.text for e in named}) == 1:
                return named[-1]
            chained = any(
                t.dep_ in ("nsubj", "nsubjpass") and t.lower_ in pronouns and not self._mask.covers(t.idx)
                for t in self.doc[start:end]
            )
            if back >= 1 and not chained:
                return None
            end = start
        return None

    def _quoted_sentence(self, index: int) -> bool:
        sentence = sentences_of(self.doc)[index]
        words = [t for t in sentence if not t.is_space and not t.is_punct]
        return bool(words) and all(self._mask.covers(t.idx) for t in words)

    def _ents_between(self, start: int, end: int) -> list[Span]:
        first = bisect_left(self._ent_starts, start)
        last = bisect_left(self._ent_starts, end)
        return [e for e in self._ents[first:last] if not self._mask.covers(e.start_char)]

    def _remember(self, name: str | None, kind: str, sentence: int, paragraph: int) -> str | None:
        if name:
            self.history.append(Speaker(name, kind, sentence, paragraph, self._position))
        return name


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    return all(word in longer for word in shorter)
