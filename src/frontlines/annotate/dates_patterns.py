"""Grammar of temporal expressions: every regular expression of ``dates.py`` lives here.

Why this shape:

* One scan. ``SCAN`` is a single alternation of every form; ``finditer`` walks the text
  once. Each alternative also exists alone (``ALTERNATIVES``) with named groups, and only the
  few, short matches are re-read with it (Python forbids a group name twice in a pattern, so
  ``SCAN`` has none but an empty ``(?P<gN>)`` closing entry N: ``match.lastgroup``).
* Speed. Every alternative is written as (lead words, body). ``SCAN`` dispatches on the first
  character of the lead word and then on the literal rest of it, and CPython's regex engine
  skips a branch whose first op is a literal or a character class without entering it. So
  at a word like "the" only the few forms that really start with "the" are tried, and a
  2,000-character article is scanned in a small fraction of a millisecond.
* Order. At one position the first alternative that matches wins, so longer forms come
  first (ranges before single dates, dates before weekdays, "last weekend" before "last
  week"). Within a lead list, longer words come first ("this past" before "this").
* Capitalisation is grammar: weekday and month names must be capitalised, so the modal
  "may" and the verb "march" never match; the words around them ("on", "last") accept a
  capital first letter (sentence start), not ALL CAPS.
"""

from __future__ import annotations

import re
from typing import Final, NamedTuple

# --------------------------------------------------------------------------- vocabulary

WEEKDAY_NUMBER: Final[dict[str, int]] = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
WEEKDAYS: Final = tuple(name.capitalize() for name in WEEKDAY_NUMBER)

MONTH_NUMBER: Final[dict[str, int]] = {
    "january": 1, "jan": 1,
    "february": 2, "feb": 2,
    "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "may": 5,
    "june": 6, "jun": 6,
    "july": 7, "jul": 7,
    "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
MONTHS_FULL: Final = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
MONTHS_ABBR: Final = ("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept", "Sep", "Oct",
                      "Nov", "Dec")  # fmt: skip
MONTHS_ANY: Final = MONTHS_FULL + MONTHS_ABBR
# Names that are hardly ever anything else may stand alone ("the August offensive"); May,
# March, April and June need a preposition, qualifier, day or year.
MONTHS_BARE: Final = ("January", "February", "July", "August", "September", "October",
                      "November", "December")  # fmt: skip

NUMBER_WORD: Final[dict[str, int]] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "couple of": 2, "a couple of": 2,
}  # fmt: skip
# Vague counts ("a few days ago", "several weeks"): resolved as approximate ranges.
VAGUE_COUNT_WORDS: Final = ("a few", "few", "several")
COUNT_WORDS: Final = (*NUMBER_WORD, *VAGUE_COUNT_WORDS)

# "early August", "the end of July" -> which part of the period.
QUALIFIER_PART: Final[dict[str, str]] = {
    "early": "early", "beginning of": "early", "start of": "early", "earlier": "earlier",
    "mid": "mid", "middle of": "mid",
    "late": "late", "end of": "late", "later": "later",
}  # fmt: skip
QUAL_WORDS: Final = (
    "early", "mid", "late", "the end of", "the beginning of", "the start of", "the middle of",
    "end of", "beginning of", "start of", "middle of",
)  # fmt: skip

MONTH_PREPS: Final = ("in", "during", "until", "till", "through", "throughout", "by", "of",
                      "before", "after", "from", "around")  # fmt: skip
YEAR_PREPS: Final = ("in", "during", "until", "till", "through", "throughout", "before",
                     "after")  # fmt: skip
WEEKDAY_MODS: Final = ("last", "next", "this past", "past", "this", "coming", "early on",
                       "late on", "early", "late", "on")  # fmt: skip

# --------------------------------------------------------------------------- helpers


def _literal(word: str) -> str:
    return re.escape(word).replace(r"\ ", r"\s+")


def words(*items: str, ci: bool = True, whole: bool = True) -> str:
    """Any of ``items`` as a word, longest first.

    ``ci`` also accepts a capitalised first letter (sentence start); ``whole=False`` lets
    the word run on (a plural "s" in the body).
    """
    alts = []
    for item in sorted(items, key=len, reverse=True):
        first = f"[{item[0].lower()}{item[0].upper()}]" if ci else re.escape(item[0])
        alts.append(first + _literal(item[1:]))
    return f"(?:{'|'.join(alts)})" + (r"\b" if whole else "")


_NAMED_GROUP = re.compile(r"\(\?P<\w+>")


def unnamed(pattern: str) -> str:
    """The same pattern with its named groups made non-capturing (for embedding)."""
    return _NAMED_GROUP.sub("(?:", pattern)


# --------------------------------------------------------------------------- building blocks

WD: Final = words(*WEEKDAYS, ci=False)
# The dot after an abbreviated month ("Aug."), written to follow a lead month name too.
MONTH_DOT: Final = r"(?:(?<=Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\.|(?<=Sept)\.)?"
MONTH: Final = words(*MONTHS_ANY, ci=False) + MONTH_DOT
MONTH_FULL: Final = words(*MONTHS_FULL, ci=False)
# A day of the month (1-31), not part of a larger number ("34", "6,000", "6.5") or word.
DAY: Final = r"\d\d?(?<![4-9]\d)(?<!3[2-9])(?<!00)(?<!\b0)(?:st|nd|rd|th)?(?!\w|,\d|\.\d|:\d)"
DAY_ORDINAL: Final = r"\d\d?(?<![4-9]\d)(?<!3[2-9])(?<!00)(?<!\b0)(?:st|nd|rd|th)\b"
YEAR: Final = r"(?:19|20)\d\d(?!\w|-\d|,\d)"
ISO: Final = r"\d{4}-[01]\d-[0-3]\d(?!\d)"
DASH: Final = r"\s*(?:-|–|—)\s*"
QUAL: Final = words(*QUAL_WORDS) + r"(?:-|\s+)"
NUM: Final = rf"(?:\d{{1,3}}|{words(*COUNT_WORDS)})"
UNIT: Final = r"(?:hour|day|week|month|year)"
POD: Final = r"(?:morning|afternoon|evening|night)\b"
CONNECTOR: Final = r"(?:and|to|until|till|through|thru)"
# What follows a lone month must not be a day ("by August 6" is a date, found at "August").
MONTH_TAIL: Final = r"(?!\.?,?\s+\d\d?(?:st|nd|rd|th)?(?!\w|,\d|\.\d))"
# After "the day before" etc.: an object means it is relative to an event, not to the report.
NO_OBJECT: Final = r"(?!\s+(?:the|a|an|his|her|its|their|[A-Z0-9]))"
_YEAR_TAIL: Final = rf"(?:,?\s+{YEAR})?"
_YEAR_GROUP: Final = rf"(?:,?\s+(?P<year>{YEAR}))?"

# A "point": what may follow "since" or stand on either side of a range. Read alone
# (``POINT_RE.fullmatch``) after the scan, so its named groups may be many.
POINT: Final = (
    rf"(?P<iso>{ISO})"
    rf"|(?:(?P<wd1>{WD}),?\s+)?(?P<mon1>{MONTH})\s+(?P<day1>{DAY})(?:,?\s+(?P<year1>{YEAR}))?"
    rf"|(?:(?P<wd2>{WD}),?\s+)?(?:[Tt]he\s+)?(?P<day2>{DAY})(?:\s+of)?\s+(?P<mon2>{MONTH})"
    rf"(?:,?\s+(?P<year2>{YEAR}))?"
    rf"|(?:(?P<qual3>{words(*QUAL_WORDS)})(?:-|\s+))?(?P<mon3>{MONTH_FULL})"
    rf"(?:,?\s+(?P<year3>{YEAR}))?"
    rf"|(?:(?P<qual4>{words(*QUAL_WORDS)})(?:-|\s+))?(?P<year4>{YEAR})"
    rf"|(?:(?P<mod5>{words('last', 'this past', 'past')})\s+)?(?P<wd5>{WD})"
    rf"|(?P<rel6>{words('last', 'this')})\s+(?P<unit6>week|month|year)\b"
)
POINT_U: Final = unnamed(POINT)

# --------------------------------------------------------------------------- rules


class Alt(NamedTuple):
    """One alternative: ``body`` with the lead word put where ``{L}`` is (default: first).

    ``lead`` empty means the body itself starts with a digit.
    """

    lead: tuple[str, ...]
    body: str
    ci: bool = True  # lead words may be capitalised (sentence start)
    whole: bool = True  # lead words end at a word boundary


def _a(lead: tuple[str, ...] | str, body: str, ci: bool = True, whole: bool = True) -> Alt:
    lead_t = (lead,) if isinstance(lead, str) else lead
    return Alt(lead_t, body if "{L}" in body or not lead_t else "{L}" + body, ci, whole)


_DAY_MONTH: Final = rf"{DAY}(?:\s+of)?\s+{MONTH}{_YEAR_TAIL}"
_MONTH_DAY_TAIL: Final = rf"{MONTH_DOT}\s+{DAY}{_YEAR_TAIL}"
_EARLY_HOURS: Final = rf"hours\s+of\s+(?:(?P<mod>last|this\s+past|past)\s+)?(?P<wd>{WD})"

# rule name -> its alternatives, in scan order. To add a form: append ``_a(lead words, body)``
# to a rule (``{L}`` marks the lead inside a named group; it must come first), or add a rule
# here and its handler to ``dates._HANDLERS``; then a test row in tests/annotate/test_dates.py.
RULES: Final[dict[str, tuple[Alt, ...]]] = {
    "range": (
        # Aug. 6-9 / Aug. 30-Sept. 2, 2021 / 6-9 August
        _a(
            MONTHS_ANY,
            rf"(?P<mon>{{L}}{MONTH_DOT})\s+(?P<d1>{DAY}){DASH}"
            rf"(?:(?P<mon2>{MONTH})\s+)?(?P<d2>{DAY})(?:,?\s+(?P<year>{YEAR}))?",
            ci=False,
        ),
        _a(
            (),
            rf"(?P<d1>{DAY}){DASH}(?P<d2>{DAY})\s+(?P<mon2>{MONTH})"
            rf"(?:,?\s+(?P<year>{YEAR}))?",
        ),
        # between Aug. 6 and Aug. 9 / from Monday to Wednesday / between Aug. 6 and 9
        _a(
            ("between", "from"),
            rf"\s+(?P<a>{POINT_U})\s+{CONNECTOR}\s+"
            rf"(?:(?P<b>{POINT_U})|(?P<bd>{DAY}))",
        ),
        # between 6 and 9 August
        _a(("between", "from"), rf"\s+(?P<ad>{DAY})\s+{CONNECTOR}\s+(?P<b>{POINT_U})"),
    ),
    "since": (_a(("since", "ever since"), rf"\s+(?P<pt>{POINT_U})"),),
    "date": (
        _a(
            "on",
            rf"\s+(?P<pt>{ISO}|(?:{WD},?\s+)?{MONTH}\s+{DAY}{_YEAR_TAIL}"
            rf"|(?:{WD},?\s+)?(?:the\s+)?{_DAY_MONTH})",
        ),
        _a((), rf"(?P<pt>{ISO})"),
        _a(
            WEEKDAYS,
            rf"(?P<pt>{{L}},?\s+(?:{MONTH}\s+{DAY}{_YEAR_TAIL}|(?:the\s+)?{_DAY_MONTH}))",
            ci=False,
        ),
        _a(MONTHS_ANY, rf"(?P<pt>{{L}}{_MONTH_DAY_TAIL})", ci=False),
        _a("the", rf"\s+(?P<pt>{_DAY_MONTH})"),
        _a((), rf"(?P<pt>{_DAY_MONTH})"),
    ),
    "overnight": (
        _a(
            "overnight",
            rf"(?:\s+(?:on\s+)?(?P<wd>{WD})(?:\s+into\s+(?P<wd2>{WD}))?"
            rf"|\s+into\s+(?P<wd3>{WD}))?",
        ),
    ),
    "early_hours": (
        _a("in", rf"\s+the\s+(?:early|small|wee)\s+{_EARLY_HOURS}"),
        _a("the", rf"\s+(?:early|small|wee)\s+{_EARLY_HOURS}"),
        _a(("early", "small", "wee"), rf"\s+{_EARLY_HOURS}"),
    ),
    "weekday": (
        _a(WEEKDAY_MODS, rf"(?P<mod>{{L}})\s+(?P<wd>{WD})(?:\s+(?P<pod>{POD}))?"),
        _a(WEEKDAYS, rf"(?P<wd>{{L}})(?:\s+(?P<pod>{POD}))?", ci=False),
    ),
    "weekend": (
        _a(("over", "at", "during", "on"), r"\s+the\s+(?:past\s+)?weekend\b"),
        _a(("last", "this past", "past"), r"(?P<last>{L})\s+weekend\b"),
        _a("this", r"\s+weekend\b"),
    ),
    "relative": (
        _a("the", r"(?P<dby>{L}\s+day\s+before\s+yesterday)\b"),
        _a(
            ("early", "late"),
            r"(?P<ymod>{L})\s+(?P<yest>yesterday)"
            r"(?:\s+(?P<pod>morning|afternoon|evening))?\b",
        ),
        _a("yesterday", r"(?P<yest>{L})(?:\s+(?P<pod>morning|afternoon|evening))?\b"),
        _a(("earlier", "later"), r"\s+(?P<today>today)\b"),
        _a("today", r"(?P<today>{L})"),
        _a("tonight", r"(?P<tonight>{L})"),
        _a("this", r"\s+(?P<pod>morning|afternoon|evening)\b"),
        _a("late", r"\s+(?P<lastnight>last\s+night)\b"),
        _a("last", r"(?P<lastnight>{L}\s+night)\b"),
        _a("tomorrow", r"(?P<tomorrow>{L})"),
    ),
    "period": (
        _a(
            ("earlier", "later", "early", "mid", "late"),
            r"(?P<qual>{L})(?:-|\s+)(?P<rel>this|last|next)\s+(?P<unit>week|month|year)\b",
        ),
        _a(("this", "last", "next"), r"(?P<rel>{L})\s+(?P<unit>week|month|year)\b"),
        _a(("earlier", "later"), r"(?P<qual>{L})\s+in\s+the\s+(?P<unit>week|month|year)\b"),
    ),
    "recent": (
        _a(
            ("in", "over", "during", "within", "for"),
            rf"\s+(?:the\s+)?(?:past|last|previous)\s+(?:(?P<n>{NUM})\s+)?(?P<unit>{UNIT})s?\b",
        ),
        _a(("in", "over"), rf"\s+(?:the\s+)?recent\s+(?P<unit>{UNIT})s\b"),
    ),
    "duration": (
        _a(
            "for",
            rf"\s+(?:(?:more\s+than|over|nearly|almost|about|around|at\s+least)\s+)?"
            rf"(?:(?P<n>{NUM})\s+(?P<unit>{UNIT})s?|(?P<units>{UNIT})s)\b"
            r"(?!\s+(?:ago|earlier))",
        ),
    ),
    "ago": (
        _a((), rf"(?P<n>\d{{1,3}})\s+(?P<unit>{UNIT})s?\s+(?P<dir>ago|earlier)\b"),
        _a(COUNT_WORDS, rf"(?P<n>{{L}})\s+(?P<unit>{UNIT})s?\s+(?P<dir>ago|earlier)\b"),
        _a(
            ("hour", "day", "week", "month", "year"),
            r"(?P<units>{L})s\s+(?P<dir>ago|earlier)\b",
            whole=False,
        ),
    ),
    "narrative": (
        # "the day before"/"the day after" take no object ("the day after Kabul fell" is not a
        # count); "the next day", "the previous night" never have one, so a name may follow
        # ("on the following day Fayzabad fell")
        _a("the", r"(?P<before>{L}\s+previous\s+(?:day|night))\b"),
        _a("the", rf"(?P<before>{{L}}\s+(?:day|night)\s+before)\b{NO_OBJECT}"),
        _a("the", r"(?P<after>{L}\s+(?:next|following)\s+day)\b"),
        _a("the", rf"(?P<after>{{L}}\s+day\s+after)\b{NO_OBJECT}"),
        # "a day later", "two weeks later", "hours later": counted on from the narrative
        _a(COUNT_WORDS, rf"(?P<after>{{L}}\s+{UNIT}s?\s+later)\b"),
        _a((), rf"(?P<after>\d{{1,3}}\s+{UNIT}s?\s+later)\b"),
        _a(("hour", "day", "week", "month", "year"), r"(?P<after>{L}s\s+later)\b", whole=False),
    ),
    "day_of_month": (_a("on", rf"\s+the\s+(?P<dom>{DAY_ORDINAL})(?!\s+of\b|\s+[a-z])"),),
    "month": (
        _a(
            MONTH_PREPS,
            rf"(?P<prep>{{L}})\s+(?P<qual>{QUAL})(?P<mon>{MONTH_FULL}){_YEAR_GROUP}"
            rf"{MONTH_TAIL}",
        ),
        _a(QUAL_WORDS, rf"(?P<qual>{{L}}(?:-|\s+))(?P<mon>{MONTH_FULL}){_YEAR_GROUP}{MONTH_TAIL}"),
        _a(MONTH_PREPS, rf"(?P<prep>{{L}})\s+(?P<mon>{MONTH_FULL}){_YEAR_GROUP}{MONTH_TAIL}"),
        _a(("last", "this", "next"), rf"(?P<rel>{{L}})\s+(?P<mon>{MONTH_FULL}){MONTH_TAIL}"),
        _a(MONTHS_FULL, rf"(?P<mon>{{L}}),?\s+(?P<year>{YEAR})", ci=False),
        _a(MONTHS_BARE, rf"(?P<mon>{{L}}){MONTH_TAIL}", ci=False),
    ),
    "year": (
        _a(YEAR_PREPS, rf"(?P<prep>{{L}})\s+(?:(?P<qual>{QUAL}))?(?P<year>{YEAR})"),
        _a(QUAL_WORDS, rf"(?P<qual>{{L}}(?:-|\s+))(?P<year>{YEAR})"),
    ),
}


def _alternative_pattern(alt: Alt) -> str:
    lead = words(*alt.lead, ci=alt.ci, whole=alt.whole) if alt.lead else ""
    return alt.body.replace("{L}", lead)


POINT_RE: Final = re.compile(POINT)

# (rule name, the alternative compiled with its named groups), by alternative index.
ALTERNATIVES: Final[tuple[tuple[str, re.Pattern[str]], ...]] = tuple(
    (name, re.compile(_alternative_pattern(alt))) for name, alts in RULES.items() for alt in alts
)


def _build_scan() -> tuple[re.Pattern[str], dict[str, int]]:
    """The scanner and, for each of its entries ``g<N>``, the index of its alternative.

    One branch per first character of a lead word (a literal: capitalised and lower-case
    variants are separate branches); inside it, in rule order, one entry per alternative
    whose lead words start with that character: the rest of those words, then the body.
    Each level starts with a literal, which the engine checks without entering the branch,
    so a word is only tried against the forms that really start with it.
    """
    by_key: dict[str, list[str]] = {}
    entry_alt: dict[str, int] = {}
    flat = [alt for alts in RULES.values() for alt in alts]
    for index, alt in enumerate(flat):
        body = unnamed(alt.body).replace("{L}", "")  # the lead is always first
        rests: dict[str, list[str]] = {}
        for word in sorted(alt.lead, key=len, reverse=True):
            firsts = sorted({word[0].lower(), word[0].upper()}) if alt.ci else [word[0]]
            for first in firsts:
                rests.setdefault(re.escape(first), []).append(_literal(word[1:]))
        if not alt.lead:
            lead_by_key = {r"(?=\d)": ""}
        else:
            end = r"\b" if alt.whole else ""
            lead_by_key = {k: f"(?:{'|'.join(v)}){end}" for k, v in rests.items()}
        for key, lead in lead_by_key.items():
            name = f"g{len(entry_alt)}"
            by_key.setdefault(key, []).append(f"{lead}{body}(?P<{name}>)")
            entry_alt[name] = index
    branches = "|".join(f"{key}(?:{'|'.join(entries)})" for key, entries in by_key.items())
    return re.compile(rf"(?<!\w)(?:{branches})"), entry_alt


# The one scanner; ``ENTRY_ALTERNATIVE[m.lastgroup]`` indexes ``ALTERNATIVES``.
SCAN, ENTRY_ALTERNATIVE = _build_scan()


# --------------------------------------------------------------------------- page dates

# A page's own date (its dateline, a "Published ..." line) may be written in another
# language when the page was translated or comes from a foreign desk: "15 de marzo de 2022",
# "3 mars 2022", "15. März 2022". These names are read only where a page dates itself
# (``refine.page_anchor``), never in running text, where "mars" or "mai" mean other things.
FOREIGN_MONTH_NUMBER: Final[dict[str, int]] = {
    # Spanish
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11,
    "diciembre": 12,
    # Portuguese
    "janeiro": 1, "fevereiro": 2, "março": 3, "maio": 5, "junho": 6, "julho": 7,
    "setembro": 9, "outubro": 10, "novembro": 11, "dezembro": 12,
    # French
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12,
    # Italian
    "gennaio": 1, "febbraio": 2, "aprile": 4, "maggio": 5, "giugno": 6, "luglio": 7,
    "settembre": 9, "ottobre": 10, "dicembre": 12,
    # German and Dutch
    "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "juni": 6, "juli": 7, "oktober": 10,
    "dezember": 12, "januari": 1, "februari": 2, "maart": 3, "mei": 5, "augustus": 8,
}  # fmt: skip
_FOREIGN: Final = "|".join(sorted(FOREIGN_MONTH_NUMBER, key=len, reverse=True))
_PAGE_YEAR: Final = r"(?P<year>(?:19|20)\d\d)(?!\d)"
# "15 de marzo de 2022", "15. März 2022", "1er mai 2022", "marzo 15, 2022"; the year may be
# missing in a dateline ("KIEV, 15 de marzo (Agencia) -").
FOREIGN_DATE: Final = re.compile(
    rf"(?<!\w)(?:(?P<day>\d{{1,2}})(?:\.|º|er)?\s+(?:de\s+)?(?P<mon>{_FOREIGN})\b\.?"
    rf"|(?P<mon2>{_FOREIGN})\s+(?P<day2>\d{{1,2}})\b)"
    rf"(?:,?\s+(?:de\s+|del\s+)?{_PAGE_YEAR})?",
    re.IGNORECASE,
)
# Numeric page dates: "11/14/23", "14.11.2023", "2023/11/14". Day-month order is read only
# when one of the two numbers cannot be a month; ambiguous ones ("06/08/2021") are skipped.
NUMERIC_DATE: Final = re.compile(
    r"(?<![\d/.:])(?:(?P<y1>(?:19|20)\d\d)(?P<s1>[/.-])(?P<m1>\d{1,2})(?P=s1)(?P<d1>\d{1,2})"
    r"|(?P<a>\d{1,2})(?P<s2>[/.])(?P<b>\d{1,2})(?P=s2)(?P<y2>(?:19|20)?\d\d))(?![\d/.:]|\.\d)"
)
# What introduces a page's own date: "Published", "Updated 8:00 p.m. ET,", "Last Updated On:".
DATE_MARKER: Final = re.compile(
    r"\b(?P<kind>(?:first\s+)?(?:published|posted)|(?:last\s+)?(?:updated|modified)|dated?)\b"
    r"(?:\s+(?:on|at))?[\s:,]*(?:\d{1,2}[:.]\d\d\s*(?:[ap]\.?\s?m\.?)?\s*(?:[A-Z]{2,4}\b)?[\s,]*)?$",
    re.IGNORECASE,
)
# Words a date line may carry besides its date: weekdays, clock times, zones, "by".
DATE_LINE_NOISE: Final = re.compile(
    r"\b(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?|(?:mon|tues|wednes|thurs|fri|satur"
    r"|sun)day|\d{1,2}[:.]\d\d(?:\s*[ap]\.?\s?m\.?)?|[ap]\.?m\.?|gmt|utc|est|edt|et|ist|jst|cet"
    r"|cest|bst|pst|pdt|updated|published|posted|last|first|on|at|by|am|pm)\b",
    re.IGNORECASE,
)
# The head of a dateline: "KABUL,", "Kabul [Afghanistan],", "MOSCOW (Sputnik -".
DATELINE_HEAD: Final = re.compile(
    r"[ \t]*[A-Z][A-Za-z.'\u2019 -]{1,30}(?:\s*\[[^\]\n]{1,30}\])?\s*[,(]"
)
