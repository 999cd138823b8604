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


# --------------------------------------------------------------------------- data files
