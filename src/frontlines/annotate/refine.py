"""Document-level refinements that need more than one resolver.

- A page without a publication date is anchored on the best day it gives for itself
  (``page_anchor``): a "Published ..." line, a date line or dateline at its top, the date in
  its address, or the latest day its text names.
- Headline-style ALL-CAPS place names ("– Aug. 8 – KUNDUZ.") are looked up like title case.
- "the capital of Takhar province" names a city: the seat of that division.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from frontlines.annotate import dates_patterns as pat
from frontlines.annotate.dates import resolve_times
from frontlines.annotate.dates_calendar import month_no
from frontlines.annotate.gazetteer import Gazetteer
from frontlines.records import DatePrecision, PlaceKind, PlaceMention, Span
from frontlines.sources.dates import date_in_url

_CAPS = re.compile(r"\b[A-Z][A-Z'\u2019]{3,}(?:[- ][A-Z][A-Z'\u2019]*)*\b")
_CAPITAL_OF = re.compile(
    r"\b(?:provincial\s+|regional\s+|state\s+|administrative\s+)?capital\s+of\s+(?:the\s+)?"
    r"(?:[a-z-]+\s+){0,3}(?:(?:province|region|state|governorate|oblast)\s+of\s+)?$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class PageDate:
    """A day a page gives for itself: the anchor of its relative dates when it has no
    publication date. ``rule`` says where it was read (see ``page_anchor``)."""

    day: dt.date
    rule: str
    span: Span | None = None
    note: str | None = None


# Where a page's own date is looked for: its head (datelines, date lines, bylines).
HEAD_CHARS = 600
# A date line carries little but its date ("Tuesday 23 August 2011", "Updated ... | by X").
DATE_LINE_WORDS = 3
# Ranks of the kinds of page date, best first.
_RANK = {
    "date.in-text-published.v1": 0,
    "date.in-text-updated.v1": 1,
    "date.in-text-date-line.v1": 2,
    "date.in-text-dateline.v1": 3,
    "date.url.v1": 4,
    "date.in-text-latest.v1": 5,
}
_YEARS = re.compile(r"(?<![\w/.-])((?:19|20)\d\d)(?![\w/-])")
_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")
_SEGMENT = re.compile(r"[^|\u2022\u00b7]+")
_BULLET = re.compile(r"[ \t]*[\u2022\u00b7\u25aa\u25cf*\-\u2013\u2014][ \t]")


@dataclass(frozen=True, slots=True)
class _Found:
    span: Span
    day: dt.date | None  # None: written without a year
    month: int
    dom: int


def page_anchor(
    text: str, url: str | None = None, within: tuple[dt.date, dt.date] | None = None
) -> PageDate | None:
    """The best day a page without a (day-precise) publication date gives for itself.

    Why: scraped pages often lose their metadata date but keep one in the text. In order of
    trust: a marked date ("Published 13 Aug, 2021", then "Updated ..."), a line of the head
    that is a date ("Tuesday 23 August 2011", "11:22 JST, February 17, 2024"), a dateline
    ("KABUL, August 15 (Reuters) -", its year taken from the address or the article's other
    dates when it has none), the date in the page's address, and last the latest day the
    text names (a report is not older than what it tells), unless the text writes a later
    year. Dates on bulleted lines are left out: at the top of a page they are the site's
    "today", not the article's. ``within``: the period a coarse publication date allows
    (only YYYY-MM known); days outside it are not taken.
    """
    found: list[PageDate] = []
    head = text[:HEAD_CHARS]
    start = 0
    for line in head.split("\n"):
        found.extend(_line_dates(text, start, start + len(line)))
        start += len(line) + 1
    # a dateline counts only as the report's one: not a timeline's entries
    dateline = report_dateline(text)
    found = [
        c
        for c in found
        if c.rule != "date.in-text-dateline.v1"
        or (dateline is not None and c.span is not None and c.span.start == dateline.start)
    ]
    url_day = date_in_url(url)
    if url_day is not None:
        found.append(PageDate(url_day, "date.url.v1", None))
    year = _year_hint(text, found, within)
    dated: list[PageDate] = []
    for c in found:
        if c.day.year == 1:  # written without a year: placed in the year the page gives
            if year is None:
                continue
            c = _with_year(c, year, url_day)
        if within is None or within[0] <= c.day <= within[1]:
            dated.append(c)
    if dated:
        return min(dated, key=lambda c: _RANK[c.rule])
    latest = _latest_day(text, year)
    if latest is not None and (within is None or within[0] <= latest.day <= within[1]):
        return latest
    return None


def _line_dates(text: str, lo: int, hi: int) -> list[PageDate]:
    """The page-date candidates of one line of the head: marked, date line or dateline.
    Yearless ones carry year 1 until placed."""
    out: list[PageDate] = []
    if _BULLET.match(text, lo, hi):
        return out
    for f in _dates_in(text, lo, hi):
        marker = pat.DATE_MARKER.search(text, lo, f.span.start)
        seg = _segment(text, lo, hi, f.span.start)
        rest = text[seg[0] : f.span.start] + " " + text[f.span.end : seg[1]]
        extra = [w for w in _WORD.findall(pat.DATE_LINE_NOISE.sub(" ", rest))]
        if marker is not None:
            kind = marker.group("kind").lower()
            rule = (
                "date.in-text-updated.v1"
                if "updat" in kind or "modif" in kind
                else ("date.in-text-published.v1")
            )
        elif len(extra) <= DATE_LINE_WORDS:
            rule = "date.in-text-date-line.v1"
        elif _is_dateline(text, lo, f.span.start):
            rule = "date.in-text-dateline.v1"
        else:
            continue
        day = f.day or dt.date(1, f.month, min(f.dom, 28))
        note = None if f.day else f"{f.month:02d}-{f.dom:02d}"
        out.append(PageDate(day, rule, f.span, note))
    return out


def _dates_in(text: str, lo: int, hi: int) -> list[_Found]:
    """Dates of [lo, hi) with a day and a month, in English, numeric or another language."""
    out: list[_Found] = []
    line = text[lo:hi]
    for t in resolve_times(line, None):
        if t.rule not in ("date.v1", "date.iso.v1"):
            continue
        point = pat.POINT_RE.search(t.span.text)
        if point is None:
            continue
        span = Span(lo + t.span.start, lo + t.span.end, t.span.text)
        if t.value is not None:
            out.append(_Found(span, t.value, t.value.month, t.value.day))
        elif t.note == "no year and no publication date" and (point["mon1"] or point["mon2"]):
            month = month_no(point["mon1"] or point["mon2"])
            dom = int(re.sub(r"\D", "", point["day1"] or point["day2"]))
            out.append(_Found(span, None, month, dom))
    for m in pat.NUMERIC_DATE.finditer(line):
        day = _numeric(m)
        if day is not None:
            out.append(
                _Found(Span(lo + m.start(), lo + m.end(), m.group()), day, day.month, day.day)
            )
    for m in pat.FOREIGN_DATE.finditer(line):
        month = pat.FOREIGN_MONTH_NUMBER[(m["mon"] or m["mon2"]).lower()]
        dom = int(m["day"] or m["day2"])
        span = Span(lo + m.start(), lo + m.end(), m.group())
        try:
            day = dt.date(int(m["year"]), month, dom) if m["year"] else None
        except ValueError:
            continue
        if day is None and not 1 <= dom <= 31:
            continue
        out.append(_Found(span, day, month, dom))
    return sorted(out, key=lambda f: f.span.start)


def _numeric(m: re.Match[str]) -> dt.date | None:
    """A numeric date whose order is certain: year first, or one number too big for a month."""
    try:
        if m["y1"]:
            return dt.date(int(m["y1"]), int(m["m1"]), int(m["d1"]))
        a, b, y = int(m["a"]), int(m["b"]), int(m["y2"])
        year = y if y >= 100 else 2000 + y
        if a > 12 >= b:
            return dt.date(year, b, a)  # 14/11/23: day first
        if b > 12 >= a:
            return dt.date(year, a, b)  # 11/14/23: month first
    except ValueError:
        return None
    return None


def _segment(text: str, lo: int, hi: int, at: int) -> tuple[int, int]:
    """The part of the line, between separators such as "|", that holds offset ``at``."""
    for m in _SEGMENT.finditer(text, lo, hi):
        if m.start() <= at < m.end():
            return m.start(), m.end()
    return lo, hi


def report_dateline(text: str) -> Span | None:
    """The date of the dateline opening the report ("KABUL, Aug. 14 -", "MOSCOW (Sputnik -
    13th August, 2021) ..."), if its head has one: the report's date, not an event's. When
    several lines open that way they are a timeline's entries ("Zaranj, August 6: ...",
    "Sheberghan, August 7: ..."), which date events, and none is taken."""
    found: list[Span] = []
    start = 0
    for line in text.split("\n"):
        if pat.DATELINE_HEAD.match(line):
            for f in _dates_in(text, start, start + len(line)):
                if _is_dateline(text, start, f.span.start):
                    found.append(f.span)
                    break
        start += len(line) + 1
    if len(found) != 1 or found[0].start >= HEAD_CHARS:
        return None
    return found[0]


def _is_dateline(text: str, lo: int, at: int) -> bool:
    """ "KABUL, Aug. 14", "Kabul [Afghanistan], August 13 (ANI):", "MOSCOW (Sputnik - 13th
    August, 2021)": a place in capitals or title case, then the date, no sentence between."""
    head = pat.DATELINE_HEAD.match(text, lo, at)
    if head is None:
        return False
    between = re.sub(r"\([^)]*$|\([^)]*\)", " ", text[head.end() : at])
    return not re.search(r"\b[a-z]{3,}\b", between)


def _year_hint(
    text: str, found: Sequence[PageDate], within: tuple[dt.date, dt.date] | None
) -> int | None:
    """The year a yearless page date goes in: the coarse publication date's, the page's
    other dated candidates', else the latest year the text writes with a month."""
    if within is not None:
        return within[1].year
    years = [c.day.year for c in found if c.day.year > 1]
    if years:
        return years[0]
    written = [
        t.value.year
        for t in resolve_times(text, None)
        if t.value is not None
        and re.search(r"\b(?:19|20)\d\d\b", t.span.text)
        and t.precision in (DatePrecision.DAY, DatePrecision.MONTH)
    ]
    return max(written) if written else None


def _with_year(c: PageDate, year: int, url_day: dt.date | None) -> PageDate:
    """A yearless page date in ``year`` (the year before if that puts it well after the page's
    address date), saying where the year came from."""
    month, dom = (int(x) for x in (c.note or "01-01").split("-"))
    try:
        day = dt.date(year, month, dom)
        if url_day is not None and day > url_day + dt.timedelta(days=7):
            day = dt.date(year - 1, month, dom)
    except ValueError:
        return PageDate(dt.date(1, 1, 1), c.rule, c.span, "no such date")
    return PageDate(day, c.rule, c.span, f"year {day.year} from the page's other dates")


def _latest_day(text: str, year: int | None) -> PageDate | None:
    """The latest day the text names, yearless days placed in ``year``; None when the text
    writes a later year than that day's (the day is background: "on September 9, 2001" in a
    report that speaks of 2021)."""
    times = resolve_times(text, dt.date(year, 1, 1), DatePrecision.YEAR) if year else []
    days = [t for t in times if t.precision is DatePrecision.DAY and t.value is not None]
    if not days:
        return None
    best = max(days, key=lambda t: (t.value or dt.date.min, -t.span.start))
    assert best.value is not None
    if any(int(y) > best.value.year for y in _YEARS.findall(text)):
        return None
    return PageDate(
        best.value, "date.in-text-latest.v1", best.span, "the latest day the text names"
    )


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
