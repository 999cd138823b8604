"""Token, cue and list patterns of the place resolver, named in one place.

What each one means is in the comment above it; ``places.py`` holds the logic that uses them.
"""

from __future__ import annotations

import re

# After a word's first letter: letters/digits; an apostrophe or hyphen only between letters.
# Written as an unrolled loop (``x*(?:p x*)*``), which the regex engine runs much faster than
# ``(?:x|p)*``.
_WORD_TAIL = r"[^\W_]*(?:['’ʼʻ‘`\-](?=[^\W\d_])[^\W_]*)*"
_POSSESSIVE = re.compile(r"['’]s$")
_ARTICLE_PREFIX = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|ez|an|ed|es|ul)-[^\W\d_]")
# an Arabic article glued to a name by a hyphen, any case: "Ar-Raqqa", "al-Bab", "As-Suwayda"
_GLUED_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|ez|an|ed|es|ul)-(?=[^\W\d_])", re.I)
_CONNECTORS = frozenset(
    [
        "i",
        "e",
        "ye",
        "al",
        "el",
        "ad",
        "ed",
        "ar",
        "as",
        "ash",
        "at",
        "az",
        "ez",
        "es",
        "an",
        "ul",
        "de",
        "del",
        "la",
        "le",
        "du",
        "des",
        "da",
        "di",
        "do",
        "dos",
        "das",
        "of",
        "on",
        "upon",
        "sur",
        "am",
        "der",
        "den",
        "van",
        "von",
        "y",
        "bin",
        "bani",
    ]
)
# the connectors that join the words of one name ("Bilad al Yubi", "Ras el Ain", "Qala i Naw"),
# unlike "of"/"on", which may join two names ("Governor of Helmand"), and unlike the English
# words among the Arabic articles ("surrendered to the Taliban as Herat fell")
_NAME_JOINERS = _CONNECTORS - {
    *("of", "on", "upon", "sur", "am", "der", "den", "van", "von", "y"),
    *("as", "at", "an", "do"),
}
_MAX_TOKENS = 6
_UPPER = "".join(re.escape(chr(c)) for c in range(0x2FF) if chr(c).isupper()) + "\u1e00-\u1eff"
_PREFIXES = r"(?:al|el|ad|ar|as|ash|at|az|ez|an|ed|es|ul)"
_CAPWORD = rf"(?:[{_UPPER}]|{_PREFIXES}-[{_UPPER}]){_WORD_TAIL}"
_RUN_REST = (
    rf"(?:[ \t\u00a0]{{1,2}}(?:{_CAPWORD}|(?:i|e|ye|al|el|ad|ed|ar|as|ash|at|az|ez|es"
    r"|an|ul|de|del|la|le|du|des|da|di|do|dos|das|of|on|upon|sur|am|der|den|van|von|y|bin|bani)"
    r"(?=[ \t\u00a0])))*"
)
# A run of capitalised words, possibly joined by lower-case connectors ("Qala i Naw").
_RUN = re.compile(_CAPWORD + _RUN_REST)
# The same runs for a text in which no word has a lower-case article prefix ("al-Qaeda"): a run
# can then only start with a capital letter, and the regex engine skips ahead to the next one.
_RUN_PLAIN = re.compile(rf"[{_UPPER}]{_WORD_TAIL}{_RUN_REST}")
# Superset of the places where a prefixed word can start a run: "-" after a prefix, capital next.
_PREFIXED = re.compile(rf"-(?:(?<=(?:al|el|ad|ar|as|at|az|ez|an|ed|es|ul)-)|(?<=ash-))[{_UPPER}]")

_ADMIN1_CUES = frozenset(
    [
        "province",
        "provinces",
        "oblast",
        "oblasts",
        "governorate",
        "governorates",
        "region",
        "regions",
        "state",
        "states",
        "prefecture",
        "department",
        "county",
    ]
)
_ADMIN2_CUES = frozenset(["district", "districts", "raion", "rayon", "municipality"])
_CITY_CUES = frozenset(["city", "town", "village", "port"])
# Capitalised words that may follow a place name without making it part of another name.
_PLACE_SUFFIXES = frozenset(
    [
        "province",
        "provinces",
        "oblast",
        "governorate",
        "region",
        "state",
        "district",
        "raion",
        "city",
        "town",
        "village",
        "airport",
        "airfield",
        "airbase",
        "valley",
        "river",
        "highway",
        "road",
        "university",
        "prison",
        "base",
        "border",
        "gate",
        "front",
        "frontline",
        "axis",
        "direction",
        "pass",
        "dam",
        "bridge",
        "square",
    ]
)
_TITLES = frozenset(
    [
        "president",
        "mr",
        "mrs",
        "ms",
        "dr",
        "gen",
        "general",
        "governor",
        "commander",
        "minister",
        "mullah",
        "sheikh",
        "haji",
        "colonel",
        "spokesman",
        "spokeswoman",
        "lt",
        "lieutenant",
        "col",
        "maj",
        "major",
        "capt",
        "captain",
        "sgt",
        "sergeant",
        "sen",
        "senator",
        "rep",
        "prof",
        "judge",
        "king",
        "queen",
        "prince",
        "emir",
        "mayor",
        "chief",
        "deputy",
        "secretary",
        "ambassador",
        "envoy",
    ]
)
_PERSON_POP = 100_000
_FUNCTION_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "in",
        "on",
        "at",
        "of",
        "and",
        "or",
        "but",
        "as",
        "to",
        "from",
        "with",
        "by",
        "for",
        "after",
        "before",
        "near",
        "into",
        "over",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ]
)
# the word after a name ("Ghazni province", "Kandahar's airport") and the phrase before it
_CUE_AFTER = re.compile(r"['’]?s?\s*([a-z]+)")
_CITY_OF = re.compile(r"\b(?:city|town|village|port)\s+of\s+$")
_ADMIN1_OF = re.compile(r"\b(?:province|region|oblast|governorate|state)\s+of\s+$")
_ADMIN2_OF = re.compile(r"\b(?:district)\s+of\s+$")
# "the provincial capitals of Kandahar, Helmand and Zabul": the provinces stand for their seats.
_CAPITAL_OF = re.compile(r"\bcapitals?\s+of\s")
_LIST_WORD = re.compile(r"(?:[A-Z][\w'’-]*|and|the|provinces?|,)")
# "Herat police headquarters", "Kandahar's airport"; "the prison in Herat"
_FACILITY_GAP = re.compile(r"(?:['’]s)?\s*(?:provincial\s+|city\s+|main\s+|central\s+)?")
_FACILITY_IN = re.compile(
    r"\s+(?:in|of|at|near|outside)\s+(?:the\s+)?(?:(?:city|town|province)\s+of\s+)?"
)
_SPACES = re.compile(r"\s+")


# --------------------------------------------------------------------------- open-world
# Containers of a name the gazetteer may not know (``open_places.py``). The kind words
# themselves come from ``data/open_places.yaml``; ``{kind}`` below is their alternation.

# a parenthesis right after a name (ACLED style): "Bar-Sanguun (Kismaayo, Lower Juba)"
_PAREN_AFTER = re.compile(r"\s*\(([^()]{2,80})\)")
# a description between a name and what locates it: ", a village", " village,"
_DESCRIPTION = (
    r"\s*,?\s*(?:(?:a|an|the)\s+(?:[a-z][\w-]*\s+){0,3}?)?(?:(?:located|situated|lying)\s+)?"
)
_COMPASS = (
    r"(?:north|south)(?:-?(?:east|west))?(?:ern)?|(?:north|south)?(?:east|west)(?:ern)?|central"
)
# "in (the) (northern) X district", "of X province", "in the district of X"
_IN_KIND_HEAD = (
    _DESCRIPTION + rf"(?P<prep>in|of|within|inside)\s+(?:the\s+)?(?:(?:{_COMPASS})\s+)?"
)
# "near Y", "outside Y", "20 km north of Y", "in the vicinity of Y"; the town Y is the point
_NEAR_HEAD = re.compile(
    _DESCRIPTION + r"(?:near|outside|close\s+to|next\s+to|on\s+the\s+(?:outskirts|edge)\s+of"
    r"|in\s+the\s+(?:vicinity|countryside|outskirts|environs|surroundings)\s+of"
    r"|(?:(?:about|some|around|roughly|nearly|approximately|just)\s+)?"
    r"(?P<dist>\d+(?:[.,]\d+)?)\s*-?\s*(?P<unit>km|kms|kilometres|kilometers|miles|mi)\b"
    r"(?:\s*\([^()]{1,24}\))?\s+"
    rf"(?:(?:to\s+the\s+)?(?P<dir1>{_COMPASS})\s+)?(?:of|from)"
    rf"|(?:(?:just|due)\s+)?(?P<dir2>{_COMPASS})\s+of)\s+(?:the\s+)?"
    r"(?:(?:city|town|village|district|province)\s+of\s+)?"
)
# compass words as bearings in degrees ("north-east", "northeastern" -> 45)
_BEARINGS = {
    "north": 0.0,
    "northeast": 45.0,
    "east": 90.0,
    "southeast": 135.0,
    "south": 180.0,
    "southwest": 225.0,
    "west": 270.0,
    "northwest": 315.0,
}
_MILE_KM = 1.609
# ", Y" right after a name (apposition): "Vodiane, Donetsk", "Terter, Tartar region"
_APPOSITION_HEAD = re.compile(r",\s*(?:in\s+)?(?:the\s+)?")
# after an apposition: the name was one item of a list ("Kunduz, Takhar and Baghlan")
_LIST_GOES_ON = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s(?:and|or|&)\s+)[A-Z]")
# the parts of a parenthesis: "Kismaayo, Lower Juba" -> two
_PAREN_SPLIT = re.compile(r"\s*[,;/]\s*")
# cleaning a span the parser put in a place role
_DETERMINER = re.compile(r"^(?:the|a|an|this|that)\s+", re.IGNORECASE)
_TRAILING_PUNCT = re.compile(r"[\s.,;:!?\"'’”)\]]+$")
_LEADING_PUNCT = re.compile(r"^[\s\"'“‘(\[]+")
# "the strategic village of", "the northern district of": lower-case words before "<kind> of"
_ADJECTIVES = r"(?:[a-z][\w-]*\s+){0,3}?"
# a name's own words: capitalised, article-prefixed ("al-Hawl") or connectors between them
_NAME_WORD = re.compile(rf"(?:[{_UPPER}]|{_PREFIXES}-[{_UPPER}]){_WORD_TAIL}(?:-\d+)?$")
# an acronym ("NAF", "OSCE", "LNA"): an actor or an institution, not a place
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&.]{1,5}$")
# the lower-case word right after a name ("Nyatura militia", "Houthi forces")
_NEXT_WORD = re.compile(r"\s+([a-z][a-z-]*)\b")
# what may follow a name when a container follows it: "(", ",", "in", "of", "within", "inside"
_MAY_CONTAIN = re.compile(r"\s*(?:[(,]|(?:in|of|within|inside)\s)")
