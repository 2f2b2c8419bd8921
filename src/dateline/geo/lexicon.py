"""Words and short names the place layer reads, kept as data apart from the logic that uses them."""

from __future__ import annotations

# What news means by a short name its sources do not give the place, by GeoNames id. An initialism
# with periods is matched as written, so "L.A." (Los Angeles) never meets "La." (Louisiana, AP style)
# or "LA" (its postal code); other names are matched as any name is, and go before the places the
# gazetteer already has under them ("America": the United States, not América, Argentina).
NEWS_NAMES: dict[str, int] = {
    "L.A.": 5368361,  # Los Angeles
    "D.C.": 4140963,  # Washington, D.C.
    "N.Y.C.": 5128581,  # New York City
    "NYC": 5128581,
    "America": 6252001,  # the United States
}

# Canadian provinces and territories as The Canadian Press abbreviates them ("Moncton, N.B."), by
# their ISO 3166-2 codes. Manitoba's "Man." is left out: it is also the word "man." ending a sentence.
CANADIAN_PRESS_ABBREVIATIONS: dict[str, str] = {
    "Alta.": "CA-AB",
    "B.C.": "CA-BC",
    "N.B.": "CA-NB",
    "N.L.": "CA-NL",
    "Nfld.": "CA-NL",
    "N.S.": "CA-NS",
    "N.W.T.": "CA-NT",
    "Ont.": "CA-ON",
    "P.E.I.": "CA-PE",
    "Que.": "CA-QC",
    "Sask.": "CA-SK",
}

# A city this size is taken as meant by its own name without NER's word for it, and its name
# outweighs NER's label: smaller towns share their names with people and words.
WELL_KNOWN_CITY_POPULATION = 100_000

# Countries whose news writes first-level regions by their ISO 3166-2 codes ("NSW", "ACT"), matched
# in capitals only. Elsewhere the codes read as words and names in capitals: of the codes met in
# Guardian and Reuters copy, New South Wales's was the only place; "BST", "ABC", "SFO", "NEC" and
# Reuters' "Shr" (shares) were taken for Bristol, Armagh, San Fernando, Negros Occidental and Egypt's
# Ash Sharqiyah.
REGION_CODES_IN_NEWS = frozenset({"AU"})

# Words that, after a town's name at the start of an organisation's, make it the town's own body:
# "Gainesville Police", "Dublin City Council" (not "Washington Post"). No "court": a court may be a
# nation's or a street ("the Supreme Court", "Superior Court", "Rye Court").
LOCAL_BODIES = frozenset(
    """
    city town village borough county council councils police sheriff fire department schools school
    district mayor utilities library libraries parks recreation transit commission board municipal
    township
    """.split()
)

# Words of a name that says where, not which place: "the West", "the Midwest", "Central".
DIRECTIONS = frozenset(
    "north south east west northeast northwest southeast southwest midwest western eastern northern "
    "southern central centre center far middle".split()
)

# Words after a name that make it a natural feature ("the Bosporus strait"): a place even when NER
# passes it by or calls it a person.
FEATURE_WORDS = frozenset(
    "strait river sea lake bay gulf peninsula island islands mountains valley desert canal".split()
)

# Last words of a building's name ("Dolmabahce Palace", "Wembley Stadium"): a facility, whatever
# label NER gives it.
FACILITY_WORDS = frozenset(
    "palace castle cathedral mosque temple stadium arena airport bridge tower hotel prison".split()
)

# Prepositions before a place: "in Kyiv", "near Kherson" (a name after one is a place, not a person).
LOCATIVE = frozenset(
    """
    in at from to near into across outside inside around toward towards via through throughout within
    between along off onto over under beyond on
    """.split()
)

# Nouns for a kind of place: "the city of Mariupol", "Kherson region".
PLACE_NOUNS = frozenset(
    """
    city town village capital port suburb region province state country nation peninsula island
    district county territory republic enclave neighborhood neighbourhood area municipality oblast
    """.split()
)

# The same nouns in the plural, which close a list of places: "Kericho, Bomet and Nandi counties".
PLURAL_PLACE_NOUNS = frozenset(
    """
    cities towns villages capitals ports suburbs regions provinces states countries nations islands
    districts counties territories republics neighborhoods neighbourhoods areas municipalities oblasts
    shires boroughs prefectures
    """.split()
)

# Words after a place's name that make it a disease's: Marburg virus, Lyme disease, Rift Valley fever.
DISEASE_WORDS = ("virus", "disease", "fever", "flu", "encephalitis", "syndrome")
