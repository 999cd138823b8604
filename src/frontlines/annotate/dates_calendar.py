"""Calendar arithmetic for ``dates``: where a weekday, a month or a "point" falls.

Split from ``dates.py`` so the rule handlers there read as the conventions they apply,
while the day counting (month ends, leap years, the week's Monday, year inference for dates
written without one) lives, and is tested, in one place.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Final, NamedTuple

from frontlines.annotate import dates_patterns as pat
from frontlines.records import DatePrecision

P = DatePrecision
ONE_DAY: Final = dt.timedelta(days=1)

# A date without a year is put in the latest year that does not place it after the
# publication date -- except that up to this many days after publication it stays in the
# publication year (scheduled events, reports filed across a time-zone midnight).
FUTURE_GRACE_DAYS: Final = 7
# "for weeks", "days ago": a bare plural is at least two of the unit ...
VAGUE_MIN: Final = 2
# ... and "in recent days", "a few weeks ago" reach back at most this many units.
VAGUE_MAX: Final[dict[str, int]] = {"hour": 24, "day": 7, "week": 4, "month": 6, "year": 5}
# Coarseness of what is known about the publication date; a rule needing a finer anchor
# than the publication date has stays unresolved.
RANK: Final[dict[DatePrecision, int]] = {P.DAY: 0, P.RANGE: 0, P.WEEK: 1, P.MONTH: 2, P.YEAR: 3}
RANK_NOTE: Final = {
    1: "publication date known only to the week",
    2: "publication date known only to the month",
    3: "publication date known only to the year",
}
NO_PUBLICATION: Final = "no publication date"
NARRATIVE_NOTE: Final = "anchored on publication; may be relative to a date in the narrative"


@dataclass(frozen=True, slots=True)
class Context:
    """The publication date as far as it is known."""

    pub: dt.date | None
    rank: int  # 0 day ... 3 year; 9 when there is no publication date
    latest: dt.date | None  # the last day the publication can be on

    def need(self, rank: int) -> dt.date | str:
        """The publication date if known at least to ``rank``, else why not."""
        if self.pub is None:
            return NO_PUBLICATION
        if self.rank > rank:
            return RANK_NOTE[self.rank]
        return self.pub


class Interval(NamedTuple):
    start: dt.date
    end: dt.date
    precision: DatePrecision
    note: str | None = None


# --------------------------------------------------------------------------- calendar


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def on_or_before(day: dt.date, weekday: int) -> dt.date:
    """The latest ``weekday`` on or before ``day`` (``day`` itself if it is one)."""
    return day - dt.timedelta(days=(day.weekday() - weekday) % 7)


def strictly_before(day: dt.date, weekday: int) -> dt.date:
    return on_or_before(day - ONE_DAY, weekday)


def strictly_after(day: dt.date, weekday: int) -> dt.date:
    return day + dt.timedelta(days=(weekday - day.weekday() - 1) % 7 + 1)


def monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def part_of(start: dt.date, end: dt.date, part: str) -> tuple[dt.date, dt.date]:
    """Early / mid / late part of a period: thirds of a month, of a year, of a week."""
    days = (end - start).days + 1
    if days >= 365:  # a year: Jan-Apr, May-Aug, Sep-Dec
        bounds = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}[part]
        return dt.date(start.year, bounds[0], 1), month_end(start.year, bounds[1])
    if days <= 7:  # a week: Mon-Wed, Tue-Thu, Thu-Sun
        first, last = {"early": (0, 2), "mid": (1, 3), "late": (3, 6)}[part]
        return start + dt.timedelta(days=first), start + dt.timedelta(days=last)
    first, last = {"early": (1, 10), "mid": (11, 20), "late": (21, days)}[part]
    return start.replace(day=first), start.replace(day=last)


def year_for(month: int, day: int, latest: dt.date, grace: int) -> int:
    """The year that puts month/day on or before ``latest`` (+ ``grace`` days)."""
    # the day itself (clamped to the month's length only for Feb. 29 in a common year): a
    # clamp to the 28th put Jan. 29 a week after Jan. 21 and kept it in the same year
    last = calendar.monthrange(latest.year, month)[1]
    candidate = dt.date(latest.year, month, min(day, last))
    return latest.year if candidate <= latest + dt.timedelta(days=grace) else latest.year - 1


def unit_back(day: dt.date, unit: str, n: int) -> dt.date:
    if unit == "hour":
        return day - dt.timedelta(days=n // 24)
    if unit == "day":
        return day - dt.timedelta(days=n)
    if unit == "week":
        return day - dt.timedelta(weeks=n)
    return add_months(day, -n * (12 if unit == "year" else 1))


# --------------------------------------------------------------------------- small readers


def month_no(name: str) -> int:
    return pat.MONTH_NUMBER[name.rstrip(".").lower()]


def weekday_no(name: str) -> int:
    return pat.WEEKDAY_NUMBER[name.lower()]


def count_of(word: str | None) -> int | None:
    """A count word or number; None for a vague count ("few", "several") or none at all."""
    if word is None:
        return 1
    word = " ".join(word.lower().split())
    if word.isdigit():
        return int(word)
    return pat.NUMBER_WORD.get(word)


def qualifier(text: str | None) -> str | None:
    if not text:
        return None
    key = " ".join(text.lower().rstrip("-").split())
    return pat.QUALIFIER_PART[key.removeprefix("the ")]


# --------------------------------------------------------------------------- points


def resolve_point(
    text: str, anchor: dt.date | None, rank: int, latest: dt.date | None, grace: int
) -> Interval | str:
    """What a "point" (after "since", either side of a range) covers, or why unknown.

    ``anchor``/``rank`` serve relative points (weekdays, "last week"); ``latest``/``grace``
    place dates written without a year.
    """
    m = pat.POINT_RE.fullmatch(text)
    if m is None:  # pragma: no cover - the scan only hands over text the grammar accepts
        return "unreadable date"
    g = m.groupdict()
    try:
        if g["iso"]:
            day = dt.date.fromisoformat(g["iso"])
            return Interval(day, day, P.DAY)
        if g["mon1"] or g["mon2"]:
            i = "1" if g["mon1"] else "2"
            month, dom = month_no(g["mon" + i]), int(re.sub(r"\D", "", g["day" + i]))
            if g["year" + i]:
                day = dt.date(int(g["year" + i]), month, dom)
            elif latest is None:
                return "no year and no publication date"
            else:
                day = dt.date(year_for(month, dom, latest, grace), month, dom)
            wd = g["wd" + i]
            note = (
                "weekday does not match the date"
                if wd and weekday_no(wd) != day.weekday()
                else None
            )
            return Interval(day, day, P.DAY, note)
    except ValueError:
        return "no such date"
    if g["mon3"]:
        return month_interval(month_no(g["mon3"]), g["year3"], qualifier(g["qual3"]), latest, grace)
    if g["year4"]:
        year = int(g["year4"])
        start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
        part = qualifier(g["qual4"])
        if part:
            return Interval(*part_of(start, end, part), P.RANGE)
        return Interval(start, end, P.YEAR)
    if g["wd5"]:
        if anchor is None or rank > 0:
            return RANK_NOTE.get(rank, NO_PUBLICATION)
        wd = weekday_no(g["wd5"])
        day = strictly_before(anchor, wd) if g["mod5"] else on_or_before(anchor, wd)
        return Interval(day, day, P.DAY)
    unit = g["unit6"]
    needed = {"week": 1, "month": 2, "year": 3}[unit]
    if anchor is None or rank > needed:
        return RANK_NOTE.get(rank, NO_PUBLICATION)
    return period(anchor, unit, -1 if g["rel6"].lower() == "last" else 0)


def period(pub: dt.date, unit: str, offset: int) -> Interval:
    """This (0), last (-1) or next (1) week / month / year around ``pub``."""
    if unit == "week":
        start = monday(pub) + dt.timedelta(weeks=offset)
        return Interval(start, start + dt.timedelta(days=6), P.WEEK)
    if unit == "month":
        start = add_months(pub.replace(day=1), offset)
        return Interval(start, month_end(start.year, start.month), P.MONTH)
    year = pub.year + offset
    return Interval(dt.date(year, 1, 1), dt.date(year, 12, 31), P.YEAR)


def month_interval(
    month: int, year_text: str | None, part: str | None, latest: dt.date | None, grace: int
) -> Interval | str:
    if year_text:
        year = int(year_text)
    elif latest is None:
        return "no year and no publication date"
    else:
        first_day = {"mid": 11, "late": 21}.get(part or "", 1)
        year = year_for(month, first_day, latest, grace)
    start, end = dt.date(year, month, 1), month_end(year, month)
    if part in ("early", "mid", "late"):
        return Interval(*part_of(start, end, part), P.RANGE)
    return Interval(start, end, P.MONTH)


def make_context(published: dt.date | None, precision: DatePrecision | None) -> Context:
    if published is None or precision is P.UNRESOLVED:
        return Context(None, 9, None)
    rank = RANK.get(precision or P.DAY, 0)
    if rank == 1:
        latest = published + dt.timedelta(days=6)
    elif rank == 2:
        latest = month_end(published.year, published.month)
    elif rank == 3:
        latest = dt.date(published.year, 12, 31)
    else:
        latest = published
    return Context(published, rank, latest)
