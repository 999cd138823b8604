"""Document-level refinements that need more than one resolver.

- A dateline date ("August 14, 2021" heading an undated page) anchors relative dates when the
  page metadata has no publication date.
- Headline-style ALL-CAPS place names ("– Aug. 8 – KUNDUZ.") are looked up like title case.
- "the capital of Takhar province" names a city: the seat of that division.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from frontlines.annotate.gazetteer import Gazetteer
from frontlines.records import PlaceKind, PlaceMention, Span

MONTHS = {
    m: i
    for i, m in enumerate(
        [
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
        ],
        start=1,
    )
}
_DATELINE_DATE = re.compile(
    r"\b(?P<month>January|February|March|April|May|June|July|August|September|October|November"
    r"|December)\s+(?P<day>\d{1,2}),?\s+(?P<year>(?:19|20)\d\d)\b"
    r"|\b(?P<day2>\d{1,2})\s+(?P<month2>January|February|March|April|May|June|July|August"
    r"|September|October|November|December)\s+(?P<year2>(?:19|20)\d\d)\b"
)
DATELINE_CHARS = 160
_CAPS = re.compile(r"\b[A-Z][A-Z'\u2019]{3,}(?:[- ][A-Z][A-Z'\u2019]*)*\b")
_CAPITAL_OF = re.compile(
    r"\b(?:provincial\s+|regional\s+|state\s+|administrative\s+)?capital\s+of\s+(?:the\s+)?"
    r"(?:[a-z-]+\s+){0,3}(?:(?:province|region|state|governorate|oblast)\s+of\s+)?$",
    re.IGNORECASE,
)


def dateline_date(text: str) -> dt.date | None:
    """A full date at the very top of the text, taken as the day of publication."""
    m = _DATELINE_DATE.search(text[:DATELINE_CHARS])
    if not m:
        return None
    month = MONTHS[(m.group("month") or m.group("month2")).lower()]
    try:
        return dt.date(
            int(m.group("year") or m.group("year2")), month, int(m.group("day") or m.group("day2"))
        )
    except ValueError:
        return None


def title_case_caps(text: str) -> str:
    """Same length, ALL-CAPS words of four letters or more in title case, for name lookup."""
    return _CAPS.sub(lambda m: m.group().title(), text)


def restore_spans(text: str, mentions: Sequence[PlaceMention]) -> list[PlaceMention]:
    """Mentions found in a case-folded copy get their span text from the original."""
    out = []
    for m in mentions:
        original = text[m.span.start : m.span.end]
        if original != m.span.text:
            m = PlaceMention(
                Span(m.span.start, m.span.end, original), m.place, m.confidence, m.rule, m.facility
            )
        out.append(m)
    return out


def capital_seats(
    text: str, mentions: Sequence[PlaceMention], gazetteer: Gazetteer
) -> list[PlaceMention]:
    """Replace "capital of <admin1>" mentions by the division's seat city."""
    out = []
    for m in mentions:
        place = m.place
        if (
            place is not None
            and place.kind is PlaceKind.ADMIN1
            and place.admin1_code
            and _CAPITAL_OF.search(text[max(0, m.span.start - 60) : m.span.start])
        ):
            seat = gazetteer.seat_of(place.admin1_code)
            if seat is not None:
                m = PlaceMention(m.span, seat, m.confidence, "place.capital-of-division.v1")
        out.append(m)
    return out
