"""Words that report speech.

Two lists, because they serve two purposes: `SPEECH_VERBS` make a clause reported speech on their own
("Kirby said there were strikes"), while `QUOTING_VERBS` also attribute words that are already in
quotation marks ("Peskov dismissed the allegation as “part of the information sabotage”") but do not
turn an unquoted clause into a quote.
"""

from __future__ import annotations

SPEECH_VERBS = frozenset(
    """
    say tell add state claim announce argue warn insist note explain report acknowledge admit deny
    confirm declare stress predict contend assert maintain suggest write reply respond testify
    allege complain caution concede recall reveal emphasize emphasise promise vow pledge repeat
    estimate indicate conclude disclose remark observe tweet comment answer ask agree reiterate
    affirm charge counter retort signal hint boast lament point inform assure advise urge
    """.split()
)

QUOTING_VERBS = SPEECH_VERBS | frozenset(
    """
    call describe characterize characterise dismiss liken label term brand praise criticize
    criticise condemn accuse blame decry hail welcome express quote cite demand question mock joke
    threaten reject denounce slam blast laud applaud recommend order propose declare vow cheer scoff
    continue read put shout yell chant scream exclaim cry whisper mutter proclaim scold tout wonder
    rate dub nickname deem find rule reference compare
    """.split()
)

PRONOUNS_PERSON = frozenset({"he", "she", "him", "her"})
PRONOUNS_GROUP = frozenset({"they", "them"})
PRONOUNS_THING = frozenset({"it"})
# Entity labels of a mention that may be a speaker: people, organisations, places speaking for a
# government, nationalities ("Ukrainian officials").
SPEAKING_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
# Articles a mention may open with, which a speaker's name does not count ("the Department").
ARTICLES = frozenset({"the", "a", "an"})
# Words that join the parts of an organisation's name written out in words ("Transport for Greater
# Manchester", "Friends of the Earth", "Marks and Spencer").
NAME_PREPOSITIONS = frozenset({"of", "for"})
NAME_JOINERS = frozenset({"the", "and", "&", "of", "for"})

# Common nouns that can be the subject of a reporting verb (people, roles, institutions, documents).
SPEAKER_NOUNS = frozenset(
    """
    official spokesman spokeswoman spokesperson minister president secretary government ministry
    source analyst expert negotiator delegate delegation leader lawmaker senator representative
    police military army company agency authority statement report document study survey poll
    officer general aide adviser advisor economist lawyer attorney prosecutor judge witness resident
    people person man woman member campaign administration department office committee council court
    party group union organization organisation team player coach chief executive director chairman
    chairwoman chair manager founder owner researcher scientist doctor professor teacher student
    parent mother father official diplomat ambassador envoy observer critic supporter opponent
    activist protester voter citizen worker employee investor trader bank firm board counterpart
    colleague friend family associate partner neighbor neighbour journalist reporter newspaper paper
    channel network outlet website blog post release letter memo filing ruling
    """.split()
)

# Nouns for a public body, which a name before them makes a named organisation: "Cumbria police",
# "Sutton council", "the Quebec government", "Dutch police" (not "British officials": people).
INSTITUTION_NOUNS = frozenset(
    """
    police government council ministry parliament congress senate assembly army military navy
    court administration department agency authority commission committee cabinet embassy regime
    party constabulary
    """.split()
)

# Singular nouns for a person's role: "the former secretary said" is a person speaking.
PERSON_NOUNS = frozenset(
    """
    official spokesman spokeswoman spokesperson minister president secretary negotiator delegate
    leader lawmaker senator representative officer general aide adviser advisor economist lawyer
    attorney prosecutor judge witness resident man woman chief executive director chairman
    chairwoman chair manager founder owner researcher scientist doctor professor teacher student
    diplomat ambassador envoy candidate nominee governor mayor congressman congresswoman host anchor
    analyst expert source counterpart colleague associate partner journalist reporter nurse pastor
    """.split()
)

# Nouns whose possessor is the speaker of the words they introduce: "Trump’s claim that “...”".
CLAIM_NOUNS = frozenset(
    """
    claim assertion remark remarks words comment comments statement description promise pledge
    warning accusation argument charge allegation insistence prediction vow call message slogan
    """.split()
)

# Speech verbs whose direct object is what was said: "noted the clot’s existence".
OBJECT_VERBS = frozenset(
    """
    note acknowledge deny confirm report announce reveal disclose admit claim predict promise repeat
    dispute concede allege cite stress emphasize emphasise mention declare
    """.split()
)

# Speech verbs whose object is the addressee and whose infinitive is what was said: "told his advisers
# to find a way".
ADDRESSING_VERBS = frozenset("tell ask warn urge advise remind instruct order".split())

# What people speak through: "according to a speech Mrs. Clinton delivered", "a statement from the
# Commission". The author named beside one of these is the speaker.
CHANNEL_NOUNS = frozenset(
    """
    speech statement report letter memo memorandum interview release post tweet email filing brief
    document study survey message note announcement remarks testimony op-ed column editorial video
    """.split()
)

# Words that begin with an apostrophe typed as an opening single mark (’90s, ‘em, rock ’n’ roll): an
# elision, never the start of a quotation. Matched case-blind on the letters right after the mark.
ELISIONS = frozenset("em til cause cos tis twas n bout".split())

# Small words a title keeps in lower case: “Orange Is the New Black”.
TITLE_SMALL_WORDS = frozenset("a an and at by for from in of on or the to with vs".split())

# Words right before a title in marks: on “Meet the Press”, the show “Politicking”, titled “...”.
BEFORE_A_WORK = frozenset("on of in at from titled entitled named a an the".split())

# Nouns for works and events: the anthem “A Change Is Gonna Come”, his “Keepin' It Real” radio program.
WORK_NOUNS = frozenset(
    """
    anthem song book film movie show program programme series album documentary column article essay
    poem play novel memoir podcast forum event conference summit campaign slogan initiative speech
    drama sitcom comedy thriller opera musical miniseries episode exhibition painting video report
    """.split()
)

# First words of what a speech verb reports: "said that ...", "asked why ...", "said yes".
REPORTED_OPENING_WORDS = frozenset("that to why whether how what when where who if so yes no".split())

# Words that open a new clause after a quotation, which is then no attribution: “...,” when Clinton
# blasted him.
SUBORDINATORS = frozenset("when while because after before if since until unless though although".split())

# Words that open a picture's credit in a caption ("Photograph: Hulton Archive/Getty Images"): the
# names after them took the picture and never speak in the story.
PICTURE_CREDIT_WORDS = frozenset("photograph photo photography illustration image picture composite".split())
