"""From the words at an attribution site to the speaker's name.

Works through the document in reading order, remembering who has spoken, so that "he" and "they" find
the speaker they refer to, "Kirby" finds "John Kirby", and "the officials" finds "Ukrainian military
officials". It never reaches further back than a few sentences: an unresolved pronoun stays null
rather than becoming a guess from far away.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from dateline.docs import sentences_of
from dateline.entities.lexicon import COURTESY_TITLES, HONORIFICS, PERSON_TITLES
from dateline.entities.names import NAME_LABELS, honorifics_ahead, name_words, strip_possessive
from dateline.entities.roles import ROLE_WORDS, role_ahead, role_of
from dateline.geo.datelines import Dateline, dateline_chars
from dateline.quotes.lexicon import (
    ARTICLES,
    INSTITUTION_NOUNS,
    NAME_JOINERS,
    NAME_PREPOSITIONS,
    PERSON_NOUNS,
    PRONOUNS_GROUP,
    PRONOUNS_PERSON,
    PRONOUNS_THING,
)

_PRONOUNS = PRONOUNS_PERSON | PRONOUNS_GROUP | PRONOUNS_THING
_TITLE_WORDS = ROLE_WORDS | PERSON_TITLES  # a role or title: "the Archbishop (of Canterbury)"
# Words a sentence capitalises that are otherwise written in lower case.
_LOWER_CASE_WORDS = ("DET", "NOUN", "ADJ", "NUM", "PRON")

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
    named: bool = True  # a name, not a description ("a spokesman")
    role: str | None = None


@dataclass(frozen=True)
class Identity:
    """Who a mention stands for: a name or a description, what kind of speaker (person, group,
    thing), whether it is a name of someone (not a description such as "a spokesman" or
    "analysts"), and the role the mention gives ("Police spokeswoman")."""

    name: str | None
    kind: str
    named: bool
    role: str | None = None


class SpeakerResolver:
    def __init__(
        self, doc: Doc, paragraphs: Paragraphs, mask: QuoteMask, dateline: Dateline | None = None
    ) -> None:
        self.doc = doc
        self._mask = mask
        # A wire story's dateline names where it was filed, never who speaks in it: nothing in it
        # is a speaker, and its place is nobody's name ("NEW YORK ... it said").
        self._dateline = dateline_chars(dateline)
        self._place = dateline.place.casefold() if dateline is not None else None
        self.history: list[Speaker] = []
        self._sentence_starts = [s.start for s in sentences_of(doc)]
        self._paragraphs = paragraphs
        self._people = self._person_names(doc)
        self._people_by_word: dict[str, list[tuple[int, tuple[str, ...], str]]] | None = None
        self._ents = list(doc.ents)  # `doc.ents` builds its spans anew on every access
        # names written in full, by first word, in text order; built on first use
        self._proper_names: dict[str, list[tuple[int, tuple[str, ...], str]]] | None = None
        self._identities: dict[tuple[int, int, int, int], Identity | None] = {}
        self._subjects_before: dict[tuple[str, int, int], Span | None] = {}
        self._quoted: dict[int, bool] = {}
        self._ent_starts = [e.start for e in self._ents]
        # share-button labels ("Facebook Twitter Pinterest") are no name (nlp.share_buttons)
        buttons = getattr(doc._, "share_buttons", ())
        self._buttons = {i for span in buttons for i in range(span.start, span.end)}

    @staticmethod
    def _person_names(doc: Doc) -> list[tuple[int, tuple[str, ...], str]]:
        """People NER found, each with the proper nouns right after it that NER cut off
        ("Njuguna" of "Njuguna Ndung'u"). A name NER labels otherwise more often than a person is
        left out: it is no fuller form of a person's name ("Björk Digital", an exhibition NER once
        called a person, is not who "Björk" is)."""
        votes = Counter((e.text, e.label_ == "PERSON") for e in doc.ents)
        names = []
        for ent in doc.ents:
            if ent.label_ == "PERSON" and votes[ent.text, True] >= votes[ent.text, False]:
                name = strip_possessive(_whole_name(ent).text.strip())
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

    def resolve(self, core: Span | None, full: Span | None) -> Identity | None:
        """Who a mention stands for, remembered as the latest speaker of its kind."""
        identity = self.identify(core, full)
        if identity is not None and identity.named and identity.name and identity.kind != "person":
            identity = self._earlier_speaker_named(identity)
        if identity is not None and identity.name and identity.role is None:
            # the role the article gave the same person at an earlier attribution
            role = next((s.role for s in reversed(self.history) if s.name == identity.name and s.role), None)
            identity = replace(identity, role=role) if role else identity
        if identity is not None and identity.name and core is not None:
            head = core.root
            self.history.append(
                Speaker(
                    identity.name,
                    identity.kind,
                    self.sentence_of(head),
                    self.paragraph_of(head),
                    head.i,
                    identity.named,
                    identity.role,
                )
            )
        return identity

    def _earlier_speaker_named(self, identity: Identity) -> Identity:
        """ "St. Germain said" after "House Banking Committee chairman\nFernand St. Germain ...
        said": a name NER took for no person is the person who spoke earlier in the article under a
        fuller name holding all its words. Asked in reading order, when the earlier speakers are
        known, so not in `identify`."""
        words = name_words(identity.name or "")
        if not words:
            return identity
        for speaker in reversed(self.history):
            if speaker.kind == "person" and speaker.named:
                fuller = name_words(speaker.name)
                if len(fuller) > len(words) and _contains(fuller, words):
                    return Identity(speaker.name, "person", True, speaker.role)
        return identity

    def identify(self, core: Span | None, full: Span | None) -> Identity | None:
        """Who a mention stands for, without remembering it: what the speaker model asks of every
        candidate. A name does not depend on who spoke before, so it is worked out once; pronouns
        and "the officials" do."""
        core, full = self._without_buttons(core), self._without_buttons(full)
        if core is None:
            return None
        if core.root.lower_ in _PRONOUNS or (core[0].lower_ == "the" and len(core) == 2):
            return self._not_the_dateline(self._identify(core, full))
        key = (
            core.start,
            core.end,
            full.start if full is not None else -1,
            full.end if full is not None else -1,
        )
        if key not in self._identities:
            self._identities[key] = self._not_the_dateline(self._identify(core, full))
        return self._identities[key]

    def _without_buttons(self, span: Span | None) -> Span | None:
        """The span without share-button labels at its ends (the parser joins "Facebook Twitter
        Pinterest" to the name after it); None when nothing else is left."""
        if span is None:
            return None
        start, end = span.start, span.end
        while start < end and start in self._buttons:
            start += 1
        while end > start and end - 1 in self._buttons:
            end -= 1
        if end == start:
            return None
        return span if (start, end) == (span.start, span.end) else self.doc[start:end]

    def _not_the_dateline(self, identity: Identity | None) -> Identity | None:
        if identity is not None and identity.name and identity.name.casefold() == self._place:
            return Identity(None, identity.kind, False)
        return identity

    def _identify(self, core: Span, full: Span | None) -> Identity | None:
        if core.root.tag_ in ("WP", "WDT") and full is not None:
            core = full  # a relative pronoun names whoever its clause hangs from
        head = core.root
        sentence, paragraph = self.sentence_of(head), self.paragraph_of(head)
        lower = head.lower_
        for pronouns, kind in (
            (PRONOUNS_PERSON, "person"),
            (PRONOUNS_GROUP, "group"),
            (PRONOUNS_THING, "thing"),
        ):
            if lower in pronouns:
                found = self._antecedent(kind, sentence, paragraph, head)
                return found if found is not None else Identity(None, kind, False)
        if head.pos_ == "PRON":
            return None
        if core.text.isupper() and self._known_person(core.text.title()):
            # "WALLACE:" opening a transcript turn: a person the article names, in capitals.
            return Identity(self.full_name(core.text.title(), core.start_char), "person", True)
        shared = _shared_body(core)
        if shared is not None:
            return Identity(shared, "thing", True)
        written_out = _name_with_preposition(core)
        if written_out is not None and not self._known_person(core.text):
            name, titled = written_out
            return Identity(name, "person" if titled else "thing", True)
        person = self._person_in(core) or (self._person_in(full) if full is not None else None)
        if person is not None:
            role = role_of(person) or _rank_of(person)
            return Identity(self.full_name(person.text, person.start_char), "person", True, role)
        person = self._name_after_role(core)
        if person is not None:
            role = role_of(person) or role_ahead(core, person)
            return Identity(self.full_name(person.text, person.start_char), "person", True, role)
        ranked = _ranked_name(core) if head.pos_ == "PROPN" else None
        if ranked is not None:
            name, rank = ranked
            return Identity(self.full_name(name, core.start_char), "person", True, rank)
        if head.pos_ == "PROPN" and self._known_person(core.text):
            # NER missed this mention ("Kuleba" tagged ORG), but the article names the person elsewhere.
            return Identity(self.full_name(core.text, core.start_char), "person", True)
        if head.pos_ == "PROPN":
            organisation = self._fuller_organisation(core)
            if organisation is not None:
                return Identity(organisation, "thing", True)
        plural = head.tag_ in ("NNS", "NNPS") or head.ent_type_ == "NORP"
        if plural:
            kind = "group"
        elif head.lemma_.lower() in PERSON_NOUNS:
            kind = "person"
        else:
            kind = "thing"
        earlier = self._earlier_description(core, kind, sentence, paragraph)
        if earlier is not None:
            return Identity(earlier.name, kind, earlier.named)
        named = (kind != "group" and head.pos_ == "PROPN") or _named_institution(head)
        return Identity(self._description(core), kind, named)

    def _fuller_organisation(self, core: Span) -> str | None:
        """ "Suffield" after "Suffield Financial Corp", "Hartford" after "Hartford Insurance Group": the
        name, written in full earlier in the article, that begins with the mention's words (the
        first, if several: a wire story names its company first, then its units). Names are
        organisations NER found and runs of proper nouns, as NER often misses a company whose name
        begins with a town's."""
        words = tuple(core.text.split())
        if not words or core.start_char in self._dateline:
            return None
        if self._proper_names is None:
            self._proper_names = {}
            for start, name in self._names_written_in_full():
                parts = tuple(name.split())
                self._proper_names.setdefault(parts[0], []).append((start, parts, name))
        for start, parts, name in self._proper_names.get(words[0], ()):
            if start > core.start_char:
                break  # a name that starts where the mention does is the mention parsed short
            if len(parts) > len(words) and parts[: len(words)] == words:
                return name
        return None

    def _names_written_in_full(self) -> list[tuple[int, str]]:
        """Organisations NER found and runs of two or more proper nouns (across a hard line break),
        outside quotation marks and the dateline, in text order."""
        names = [
            (e.start_char, " ".join(strip_possessive(e.text).split()))
            for e in self._ents
            if e.label_ == "ORG" and e.start_char not in self._dateline
        ]
        from spacy.attrs import POS
        from spacy.symbols import PROPN, SPACE

        pos = self.doc.to_array([POS])
        run: list[Token] = []
        for i in [*(pos == PROPN).nonzero()[0].tolist(), len(self.doc)]:
            token = self.doc[i] if i < len(self.doc) else None
            if token is not None and (
                self._mask.covers(token.idx) or token.text in "<>[]" or token.i in self._buttons
            ):
                continue  # the tagger calls the brackets around "<Multi-Step Products Inc>" names too
            # a run goes on across a line break inside a name in hard-wrapped copy
            between = range(run[-1].i + 1, i) if run else range(0)
            joined = bool(run) and all(pos[j] == SPACE and "\n\n" not in self.doc[j].text for j in between)
            if run and not joined:
                # a person with a title ("Treasury Cabinet Secretary Njuguna Ndung'u") is no company
                person = any(t.ent_type_ == "PERSON" or t.lower_ in ROLE_WORDS for t in run)
                if len(run) > 1 and run[0].idx not in self._dateline and not person:
                    names.append((run[0].idx, " ".join(self.doc[run[0].i : run[-1].i + 1].text.split())))
                run = []
            if token is not None:
                run.append(token)
        return sorted(names)

    def _name_after_role(self, core: Span) -> Span | None:
        """ "Police spokeswoman Resila Onyango", "Treasury Cabinet Secretary Njuguna Ndung'u", where
        NER gave the name another label or none: two or more proper nouns after a word for a role (in
        lower case or, as a title, capitalised) are a person's name."""
        names = 0
        while names < len(core) and core[len(core) - 1 - names].pos_ == "PROPN":
            if core[len(core) - 1 - names].lower_ in ROLE_WORDS:
                break  # a capitalised title ends the name: "Secretary" of "Cabinet Secretary X"
            names += 1
        at = len(core) - 1 - names
        while at >= 0 and core[at].is_space:
            at -= 1  # a hard line break between role and name, in wrapped wire copy
        if names < 2 or at < 0:
            return None
        before = core[at]
        if before.lower_ not in ROLE_WORDS and before.lemma_.lower() not in ROLE_WORDS:
            return None
        return core[len(core) - names :]

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
        if not covering and span.root.tag_ in ("NNS", "NNPS"):
            return None  # "Sangamon County officials", "Obama administration officials": a group
        return _whole_name(covering[0] if covering else max(people, key=len), span.end)

    def _description(self, core: Span) -> str:
        """The mention as the speaker's name: "A spokesman", "a spokesman" and "A\nspokesman" are one
        speaker, as are "Analysts" opening a sentence and "analysts" inside one; a word of a name
        keeps its capital ("French officials", "British Transport Police"), where a noun the NER
        took for a name ("Rumours") or a number ("One analyst") does not."""
        text = " ".join(strip_possessive(core.text.strip()).split())
        first = core[0]
        named = first.ent_type_ in NAME_LABELS and first.pos_ != "NOUN"
        sentence_start = first.is_sent_start and first.pos_ in _LOWER_CASE_WORDS and not named
        if (sentence_start or first.lower_ in ARTICLES) and not any(c.isupper() for c in first.text[1:]):
            text = text[:1].lower() + text[1:]
        return text

    def _earlier_description(self, core: Span, kind: str, sentence: int, paragraph: int) -> Speaker | None:
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
                return speaker
        return None

    def _antecedent(self, kind: str, sentence: int, paragraph: int, pronoun: Token) -> Identity | None:
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
        key = (kind, sentence, pronoun.i)
        if key not in self._subjects_before:  # the same for every quotation that asks
            self._subjects_before[key] = self._subject_before(kind, sentence, pronoun)
        subject = self._subjects_before[key]
        if subject is not None and (recent is None or subject.start > recent.position):
            if kind == "person":
                return Identity(
                    self.full_name(subject.text, subject.start_char), kind, True, role_of(subject)
                )
            named = subject.label_ in ("PERSON", "ORG", "GPE")
            name = self._fuller_organisation(subject) or strip_possessive(subject.text.strip())
            return Identity(name, kind, named)
        return Identity(recent.name, kind, recent.named, recent.role) if recent is not None else None

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
                    and t.idx not in self._dateline
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
        if index not in self._quoted:
            sentence = sentences_of(self.doc)[index]
            words = [t for t in sentence if not t.is_space and not t.is_punct]
            self._quoted[index] = bool(words) and all(self._mask.covers(t.idx) for t in words)
        return self._quoted[index]

    def _ents_between(self, start: int, end: int) -> list[Span]:
        first = bisect_left(self._ent_starts, start)
        last = bisect_left(self._ent_starts, end)
        return [
            e
            for e in self._ents[first:last]
            if not self._mask.covers(e.start_char) and e.start_char not in self._dateline
        ]


def _ranked_name(core: Span) -> tuple[str, str | None] | None:
    """ "Det Insp Rachel Greaves" where NER found no person: ranks and honorifics before two or
    three capitalised words name one. A rank is the person's role ("Det Insp"); a courtesy title
    ("Mr") is not."""
    words = core.text.split()
    count = honorifics_ahead(words)
    rest = words[count:]
    if not count or not 2 <= len(rest) <= 3 or not all(w[:1].isupper() and w[1:].islower() for w in rest):
        return None
    return " ".join(rest), _as_rank(words[:count])


def _rank_of(person: Span) -> str | None:
    """ "Det Insp" of "Det Insp Rachel Greaves": the ranks opening or just before a person's name,
    which are the person's role; courtesy titles ("Mr", "Dr") are none."""
    doc = person.doc
    start = person.start + honorifics_ahead([t.text for t in person])
    first = person.start
    while first > 0 and doc[first - 1].text.lower().rstrip(".") in HONORIFICS:
        first -= 1
    return _as_rank([t.text for t in doc[first:start]])


def _as_rank(titles: list[str]) -> str | None:
    """The titles before a name as a role, unless they are only courtesy ("Mr", "Dr")."""
    if not titles or all(w.lower().rstrip(".") in COURTESY_TITLES for w in titles):
        return None
    return " ".join(titles)


def _whole_name(person: Span, limit: int | None = None) -> Span:
    """A person NER found, with up to two proper nouns right after it that NER cut off ("Njuguna" of
    "Njuguna Ndung'u"), and ending before a possessive it ran past ("Jack Rosenthal’s Bar Mitzvah
    Boy"); never past `limit`."""
    doc = person.doc
    stop = min(len(doc), limit if limit is not None else len(doc))
    start, end = person.start, person.end
    while end < stop and end - person.end < 2 and doc[end].pos_ == "PROPN" and not doc[end].ent_type_:
        end += 1
    start += honorifics_ahead([t.text for t in doc[start:end]])  # the rank is no part of the name
    roles = [t.i for t in doc[start : end - 2] if t.lower_ in ROLE_WORDS]
    if roles:
        start = roles[-1] + 1  # "Rockhampton Mayor Tony Williams": the role is no part of the name
    return _before_possessive(doc[start:end])


def _before_possessive(name: Span) -> Span:
    """A name NER ran past a possessive ("Jack Rosenthal’s Bar Mitzvah Boy") ends before it."""
    for token in name[1:]:
        if token.tag_ == "POS":
            return name.doc[name.start : token.i]
    return name


def _shared_body(core: Span) -> str | None:
    """ "Devon and Cornwall Police", "Avon and Somerset Constabulary": names joined by "and" before a
    word for a public body are one body's name, which the parse reads as a coordination and NER may
    split ("Devon" a person, "Cornwall Police" an organisation)."""
    words = [t for t in core if not t.is_space]
    if words and words[0].lower_ in ARTICLES:
        words = words[1:]
    if len(words) < 4:
        return None
    last = words[-1]
    if last.lemma_.lower() not in INSTITUTION_NOUNS or not last.text[:1].isupper():
        return None
    joiners = [t for t in words if t.lower_ in ("and", "&")]
    if not joiners or not all(t.text[:1].isupper() for t in words if t not in joiners):
        return None
    return " ".join(t.text for t in words)


def _name_with_preposition(core: Span) -> tuple[str, bool] | None:
    """ "Transport for Greater Manchester said", "Friends of the Earth", "the Duke of Sussex": a
    capitalised head with "of" or "for" and a name after it is one name, which the parse splits at
    the preposition (the mention stops before it). With the name, whether it is a person's title
    ("the Archbishop of Canterbury", "Lord Smith of Finsbury"). Not a plural opening a sentence,
    capitalised by its place alone ("Residents of Grenfell Tower", "Ministers of ...")."""
    head, doc = core.root, core.doc
    if head.i != core.end - 1 or not head.text[:1].isupper():
        return None
    if head.ent_type_ == "PERSON" and head.pos_ != "NOUN":
        return None  # a name ("Smith" of "John Smith of Acme"); NER's "Friends" is a common noun
    plural = head.tag_ in ("NNS", "NNPS")
    if plural and head.i == core.start and head.is_sent_start:
        return None
    if head.i + 1 >= len(doc) or doc[head.i + 1].lower_ not in NAME_PREPOSITIONS:
        return None
    preposition = doc[head.i + 1]
    if preposition.head != head or preposition.dep_ != "prep":
        return None
    rest = doc[preposition.i + 1 : preposition.right_edge.i + 1]
    if not rest or len(rest) > 6 or not rest[-1].text[:1].isupper():
        return None
    if not all(t.text[:1].isupper() or t.lower_ in NAME_JOINERS for t in rest):
        return None
    words = doc[core.start : rest.end]
    if words[0].lower_ in ARTICLES:
        words = words[1:]
    titled = {head.lower_, head.lemma_.lower(), words[0].lower_.rstrip(".")} & _TITLE_WORDS
    if titled and plural:
        return None  # "Ministers of the Crown": a group, described
    return " ".join(words.text.split()), bool(titled)


def _named_institution(head: Token) -> bool:
    """A public body a name modifies ("Cumbria police", "the Quebec government", "Dutch police"):
    an organisation the article names, where "the police" and "British officials" are not."""
    return head.lemma_.lower() in INSTITUTION_NOUNS and any(
        child.dep_ in ("compound", "amod") and (child.pos_ == "PROPN" or child.ent_type_ in NAME_LABELS)
        for child in head.lefts
    )


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    return all(word in longer for word in shorter)
