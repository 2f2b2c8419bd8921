"""Words about people and organisations, kept together as data: titles and honorifics, role words,
words that end organisations' names, news agencies, the words of bylines and credit lines, and what
is never a name. The entity, byline and speaker rules read them from here.
"""

from __future__ import annotations

from dateline.quotes.lexicon import PERSON_NOUNS

# Honorifics and abbreviated ranks are titles, not roles: "Gen. Tod D. Wolters" has role only if the
# article gives one ("The Pentagon’s top officer ...").
HONORIFICS = frozenset(
    """
    mr mrs ms miss dr sir dame lord lady gen sen rep gov lt col capt sgt adm rev supt insp det ch pc
    dci cllr cr
    """.split()
)

# Honorifics that are courtesy, not rank: "Mr Smith" has no role, "Det Insp Jane Roe" has one.
COURTESY_TITLES = frozenset("mr mrs ms miss dr sir dame lord lady rev".split())

# Offices, which are a title before a name ("President Zelensky") and a role ("the president said").
OFFICES = frozenset(
    """
    admiral archbishop baron baroness bishop captain cardinal chancellor colonel countess duchess duke
    earl general governor judge king mayor minister pope premier president prince princess queen
    secretary senator
    """.split()
)

# Titles before a person's name: "President Zelensky", "Mr. Kirby".
PERSON_TITLES = HONORIFICS | OFFICES | frozenset("prime justice father sister brother saint".split())

# Words for a job in news, met both in an article ("the correspondent said") and after a byline's
# name ("Jane Doe, Staff Writer").
NEWSROOM_ROLES = frozenset(
    "author ceo cfo columnist correspondent cto deputy director economist editor head manager officer "
    "producer strategist writer".split()
)

# Words for a person's role: "Pentagon spokesman John Kirby", "the striker".
ROLE_WORDS = (
    PERSON_NOUNS
    | OFFICES
    | NEWSROOM_ROLES
    | frozenset(
        """
        emperor commander commissioner inspector superintendent sheriff marshal lieutenant sergeant
        major vice boss coo chairperson president-elect speaker whip treasurer clerk registrar
        artist actor actress singer musician dj presenter broadcaster host rapper comedian activist
        oligarch businessman businesswoman entrepreneur investor banker consultant pollster
        historian physicist chemist biologist agent detective player striker midfielder defender
        goalkeeper coach champion member lecturer campaigner trader broker dealer fellow engineer
        organiser organizer councillor councilor alderman
        """.split()
    )
)

# Role titles written after a name ("Jane Doe, Staff Writer", "John Roe - Chief Technology Officer").
BYLINE_ROLE_WORDS = NEWSROOM_ROLES | frozenset(
    """
    reporter contributor photographer photojournalist analyst critic blogger journalist intern fellow
    chief senior staff associate managing executive contributing special political national foreign
    business sports science health technology tech investigative freelance guest founder president
    professor lecturer researcher scientist expert
    """.split()
)

# Words for an institution, which end an organisation's name ("Harvard University") and make a
# credited name a desk rather than a person ("Reuters Institute").
INSTITUTION_WORDS = frozenset(
    "agency association college council group institute ministry university".split()
)

# Last words of organisations' names: "Manchester United", "Suffield Financial Corp".
ORG_WORDS = INSTITUTION_WORDS | frozenset(
    """
    united city rovers athletic athletico wanderers albion fc afc club inc corp corporation co ltd plc
    llc ag sa nv gmbh bank holdings party committee union company airlines airways motors industries
    federation league hospital trust foundation school academy society
    """.split()
)

# Words that make a credited name a desk or an outlet rather than a person.
BYLINE_ORG_WORDS = INSTITUTION_WORDS | frozenset(
    """
    press news newsroom staff desk team editors editorial agencies service services wire times post
    journal tribune herald globe guardian telegraph telegram gazette chronicle daily weekly magazine
    observer courier examiner inquirer bulletin dispatch mail media network radio television tv school
    foundation society center centre department office bureau reports report redazione redaktion
    rédaction redacción
    """.split()
)


# How demonyms end ("Ukrainians", "Japanese", "Israeli"): a NORP, not a GPE.
DEMONYM_ENDINGS = ("ians", "ian", "ans", "an", "ese", "ish", "is", "i", "ons", "on")

# Roles in a team: a county or a city before one names a club ("Derbyshire captain Kim Barnett",
# "Newcastle boss Eddie Howe"), not a place.
TEAM_ROLES = frozenset(
    "captain skipper coach manager boss player striker midfielder defender goalkeeper winger batsman "
    "bowler keeper forward quarterback pitcher".split()
)

# Verbs of sport results: "Arsenal beat Chelsea" makes both teams, not places.
PLAY_VERBS = frozenset("beat defeat draw lose thrash edge rout overcome upset trounce outplay host".split())

# Words between team names in results tables: "Leeds v Everton".
TABLE_WORDS = frozenset("v vs vs. and at".split())


# Wire services and desks that sign stories; matched on whole words, case-insensitively.
AGENCIES = {
    "ap": "Associated Press",
    "associated press": "Associated Press",
    "the associated press": "Associated Press",
    "reuters": "Reuters",
    "reuter": "Reuters",
    "afp": "AFP",
    "agence france-presse": "AFP",
    "agence france presse": "AFP",
    "bloomberg": "Bloomberg",
    "bloomberg news": "Bloomberg",
    "press association": "Press Association",
    "pa": "Press Association",
    "pa media": "PA Media",
    "xinhua": "Xinhua",
    "dpa": "dpa",
    "upi": "UPI",
    "cnn": "CNN",
    "bbc": "BBC",
    "ians": "IANS",
    "pti": "PTI",
    "ani": "ANI",
}


# Page furniture that a byline element may hold: "Contributor Content", "Edit Profile".
NOT_NAME_WORDS = frozenset(
    "content sponsored profile edit view more contact about share follow subscribe login sign menu "
    "home search advertisement contributor".split()
)

# Degrees and credentials after a name: "Lauren Manaker MS, RDN, LD".
CREDENTIALS = frozenset("md phd ms ma mba rdn ld rn mph do dds cpa esq".split())

# Lower-case words inside names: "Ursula von der Leyen", "Ibn Saud".
NAME_PARTICLES = frozenset("de da di del della der den van von la le du dos das bin ibn al el st st.".split())

# What a credit line's key words make the people they name: "Additional reporting by", "Editing by".
CHAIN_ROLES = {
    "additional reporting": "contributor",
    "reporting was contributed": "contributor",  # "Reporting was contributed by A from Paris"
    "additional reporting was contributed": "contributor",
    "additional research": "contributor",
    "with files": "contributor",  # CBC's "With files from A and The Canadian Press"
    "with assistance": "contributor",  # Bloomberg's "With assistance from A"
    "research": "contributor",
    "translated": "contributor",
    "translation": "contributor",
    "reporting team": "author",
    "reporting": "author",
    "interview": "writer",  # "Interview by X" closes a first-person piece X wrote from the interview
    "interviews": "writer",
    "photograph": "photographer",  # "Main photograph by X"
    "photographs": "photographer",
    "writing": "writer",
    "editing": "editor",
    "edited": "editor",
    "compiled": "writer",
    "photography": "photographer",
    "photos": "photographer",
    "graphics": "contributor",
    "production": "contributor",
    "produced": "contributor",
}

# Words that make what a credit line's name pattern took nobody: pronouns, job words, "officials".
NOT_CREDITED_NAMES = frozenset(
    """
    this that he she they it we i you his her their our its correspondent reporter writer editor
    officials official president minister police staff
    """.split()
)

# The labels of share buttons that a page's text kept, three or more in a row ("Facebook    Twitter
# Pinterest": the Guardian's picture widget, 12,914 times in 20,000 of its articles). Read as prose
# they gave organisations ("Twitter    Pinterest"), people glued to a caption's name ("Ronan
# Facebook") and speakers.
SHARE_BUTTON_LABELS = ("Facebook", "Twitter", "Pinterest", "LinkedIn", "WhatsApp", "Reddit", "Email", "Share")
