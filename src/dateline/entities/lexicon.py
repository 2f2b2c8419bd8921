"""Words about people and organisations, kept together as data: titles and honorifics, role words,
words that end organisations' names, news agencies, the words of bylines and credit lines, and what
is never a name. The entity, byline and speaker rules read them from here.
"""

from __future__ import annotations

from dateline.quotes.lexicon import PERSON_NOUNS

# Titles before a person's name: "President Zelensky", "Mr. Kirby".
PERSON_TITLES = frozenset(
    """
    mr mrs ms miss dr sir dame lord lady president sen senator rep gov governor gen general adm admiral
    col colonel lt capt captain sgt prime minister secretary judge justice pope king queen prince
    princess mayor chancellor premier rev father sister brother saint
    """.split()
)

# How demonyms end ("Ukrainians", "Japanese", "Israeli"): a NORP, not a GPE.
DEMONYM_ENDINGS = ("ians", "ian", "ans", "an", "ese", "ish", "is", "i", "ons", "on")

# Verbs of sport results: "Arsenal beat Chelsea" makes both teams, not places.
PLAY_VERBS = frozenset("beat defeat draw lose thrash edge rout overcome upset trounce outplay host".split())

# Words between team names in results tables: "Leeds v Everton".
TABLE_WORDS = frozenset("v vs vs. and at".split())

# Last words of organisations' names: "Manchester United", "Suffield Financial Corp".
ORG_WORDS = frozenset(
    """
    united city rovers athletic athletico wanderers albion fc afc club inc corp corporation co ltd plc
    llc ag sa nv gmbh bank group holdings party council committee association union university
    college institute ministry agency company airlines airways motors industries federation league
    """.split()
)

# Words for a person's role: "Pentagon spokesman John Kirby", "the striker".
ROLE_WORDS = PERSON_NOUNS | frozenset(
    """
    premier chancellor king queen prince princess pope emperor commander commissioner inspector
    superintendent sheriff marshal colonel captain lieutenant sergeant admiral major deputy vice
    head boss ceo cfo coo cto chairperson president-elect speaker whip treasurer clerk registrar
    editor correspondent columnist writer author artist actor actress singer musician director dj
    presenter broadcaster host rapper comedian
    producer activist oligarch businessman businesswoman entrepreneur investor banker economist
    strategist consultant pollster historian physicist chemist biologist officer agent detective
    player striker midfielder defender goalkeeper coach manager captain champion member
    """.split()
)

# Honorifics and abbreviated ranks are titles, not roles: "Gen. Tod D. Wolters" has role only if the
# article gives one ("The Pentagon’s top officer ...").
HONORIFICS = frozenset("mr mrs ms miss dr sir dame lord lady gen sen rep gov lt col capt sgt adm rev".split())

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

# Words that make a credited name a desk or an outlet rather than a person.
BYLINE_ORG_WORDS = frozenset(
    """
    press news newsroom staff desk team editors editorial agency agencies service services wire
    times post journal tribune herald globe guardian telegraph telegram gazette chronicle daily weekly
    magazine observer courier examiner inquirer bulletin dispatch mail
    media network radio television tv institute university school college foundation council
    association society center centre department ministry office bureau reports report group
    redazione redaktion rédaction redacción
    """.split()
)

# Role titles written after a name ("Jane Doe, Staff Writer", "John Roe - Chief Technology Officer").
BYLINE_ROLE_WORDS = frozenset(
    """
    writer reporter correspondent editor columnist contributor producer photographer photojournalist
    officer director analyst critic blogger author journalist intern fellow chief senior staff
    associate deputy managing executive contributing special political national foreign business
    sports science health technology tech investigative freelance guest head manager founder
    president ceo cto cfo professor lecturer researcher scientist economist strategist expert
    """.split()
)

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
