"""When: temporal expressions normalised against the publication date.

``resolve_times`` finds every temporal expression of a text in one regex scan (the grammar
is in ``dates_patterns``) and turns each into a ``TimeMention``: a date with a precision,
the span it came from and the id of the rule that read it. War reporting dates events
relative to the report ("on Thursday", "overnight", "last week"), so almost everything is
anchored on the publication date; conventions for the ambiguous forms are in
``docs/dates.md`` and repeated at the function that applies them.

Pure: no state but the compiled patterns; the same text and date always give the same
mentions.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final, NamedTuple

from frontlines.annotate import dates_patterns as pat
from frontlines.records import DatePrecision, Span, TimeMention

__all__ = ["resolve_times"]

P = DatePrecision
_DAY: Final = dt.timedelta(days=1)

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
_RANK: Final[dict[DatePrecision, int]] = {P.DAY: 0, P.RANGE: 0, P.WEEK: 1, P.MONTH: 2, P.YEAR: 3}
_RANK_NOTE: Final = {
    1: "publication date known only to the week",
    2: "publication date known only to the month",
    3: "publication date known only to the year",
}
NO_PUBLICATION: Final = "no publication date"
NARRATIVE_NOTE: Final = "anchored on publication; may be relative to a date in the narrative"


@dataclass(frozen=True, slots=True)
class _Ctx:
    """The publication date as far as it is known."""

    pub: dt.date | None
    rank: int  # 0 day ... 3 year; 9 when there is no publication date
    latest: dt.date | None  # the last day the publication can be on

    def need(self, rank: int) -> dt.date | str:
        """The publication date if known at least to ``rank``, else why not."""
        if self.pub is None:
            return NO_PUBLICATION
        if self.rank > rank:
            return _RANK_NOTE[self.rank]
        return self.pub


class _Interval(NamedTuple):
    start: dt.date
    end: dt.date
    precision: DatePrecision
    note: str | None = None


# --------------------------------------------------------------------------- calendar


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _on_or_before(day: dt.date, weekday: int) -> dt.date:
    """The latest ``weekday`` on or before ``day`` (``day`` itself if it is one)."""
    return day - dt.timedelta(days=(day.weekday() - weekday) % 7)


def _strictly_before(day: dt.date, weekday: int) -> dt.date:
    return _on_or_before(day - _DAY, weekday)


def _strictly_after(day: dt.date, weekday: int) -> dt.date:
    return day + dt.timedelta(days=(weekday - day.weekday() - 1) % 7 + 1)


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _part(start: dt.date, end: dt.date, part: str) -> tuple[dt.date, dt.date]:
    """Early / mid / late part of a period: thirds of a month, of a year, of a week."""
    days = (end - start).days + 1
    if days >= 365:  # a year: Jan-Apr, May-Aug, Sep-Dec
        bounds = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}[part]
        return dt.date(start.year, bounds[0], 1), _month_end(start.year, bounds[1])
    if days <= 7:  # a week: Mon-Wed, Tue-Thu, Thu-Sun
        first, last = {"early": (0, 2), "mid": (1, 3), "late": (3, 6)}[part]
        return start + dt.timedelta(days=first), start + dt.timedelta(days=last)
    first, last = {"early": (1, 10), "mid": (11, 20), "late": (21, days)}[part]
    return start.replace(day=first), start.replace(day=last)


def _year_for(month: int, day: int, latest: dt.date, grace: int) -> int:
    """The year that puts month/day on or before ``latest`` (+ ``grace`` days)."""
    candidate = dt.date(latest.year, month, min(day, 28))
    return latest.year if candidate <= latest + dt.timedelta(days=grace) else latest.year - 1


def _unit_back(day: dt.date, unit: str, n: int) -> dt.date:
    if unit == "hour":
        return day - dt.timedelta(days=n // 24)
    if unit == "day":
        return day - dt.timedelta(days=n)
    if unit == "week":
        return day - dt.timedelta(weeks=n)
    return _add_months(day, -n * (12 if unit == "year" else 1))


# --------------------------------------------------------------------------- small readers


def _month_no(name: str) -> int:
    return pat.MONTH_NUMBER[name.rstrip(".").lower()]


def _weekday_no(name: str) -> int:
    return pat.WEEKDAY_NUMBER[name.lower()]


def _count(word: str | None) -> int | None:
    """A count word or number; None for a vague count ("few", "several") or none at all."""
    if word is None:
        return 1
    word = " ".join(word.lower().split())
    if word.isdigit():
        return int(word)
    return pat.NUMBER_WORD.get(word)


def _qual(text: str | None) -> str | None:
    if not text:
        return None
    key = " ".join(text.lower().rstrip("-").split())
    return pat.QUALIFIER_PART[key.removeprefix("the ")]


# --------------------------------------------------------------------------- points


def _resolve_point(
    text: str, anchor: dt.date | None, rank: int, latest: dt.date | None, grace: int
) -> _Interval | str:
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
            return _Interval(day, day, P.DAY)
        if g["mon1"] or g["mon2"]:
            i = "1" if g["mon1"] else "2"
            month, dom = _month_no(g["mon" + i]), int(re.sub(r"\D", "", g["day" + i]))
            if g["year" + i]:
                day = dt.date(int(g["year" + i]), month, dom)
            elif latest is None:
                return "no year and no publication date"
            else:
                day = dt.date(_year_for(month, dom, latest, grace), month, dom)
            wd = g["wd" + i]
            note = (
                "weekday does not match the date"
                if wd and _weekday_no(wd) != day.weekday()
                else None
            )
            return _Interval(day, day, P.DAY, note)
    except ValueError:
        return "no such date"
    if g["mon3"]:
        return _month_interval(_month_no(g["mon3"]), g["year3"], _qual(g["qual3"]), latest, grace)
    if g["year4"]:
        year = int(g["year4"])
        start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
        part = _qual(g["qual4"])
        if part:
            return _Interval(*_part(start, end, part), P.RANGE)
        return _Interval(start, end, P.YEAR)
    if g["wd5"]:
        if anchor is None or rank > 0:
            return _RANK_NOTE.get(rank, NO_PUBLICATION)
        wd = _weekday_no(g["wd5"])
        day = _strictly_before(anchor, wd) if g["mod5"] else _on_or_before(anchor, wd)
        return _Interval(day, day, P.DAY)
    unit = g["unit6"]
    needed = {"week": 1, "month": 2, "year": 3}[unit]
    if anchor is None or rank > needed:
        return _RANK_NOTE.get(rank, NO_PUBLICATION)
    return _period(anchor, unit, -1 if g["rel6"].lower() == "last" else 0)


def _period(pub: dt.date, unit: str, offset: int) -> _Interval:
    """This (0), last (-1) or next (1) week / month / year around ``pub``."""
    if unit == "week":
        start = _monday(pub) + dt.timedelta(weeks=offset)
        return _Interval(start, start + dt.timedelta(days=6), P.WEEK)
    if unit == "month":
        start = _add_months(pub.replace(day=1), offset)
        return _Interval(start, _month_end(start.year, start.month), P.MONTH)
    year = pub.year + offset
    return _Interval(dt.date(year, 1, 1), dt.date(year, 12, 31), P.YEAR)


def _month_interval(
    month: int, year_text: str | None, part: str | None, latest: dt.date | None, grace: int
) -> _Interval | str:
    if year_text:
        year = int(year_text)
    elif latest is None:
        return "no year and no publication date"
    else:
        first_day = {"mid": 11, "late": 21}.get(part or "", 1)
        year = _year_for(month, first_day, latest, grace)
    start, end = dt.date(year, month, 1), _month_end(year, month)
    if part in ("early", "mid", "late"):
        return _Interval(*_part(start, end, part), P.RANGE)
    return _Interval(start, end, P.MONTH)


# --------------------------------------------------------------------------- rule handlers

_Handler = Callable[[re.Match[str], Span, _Ctx], TimeMention | None]


def _mention(
    span: Span,
    found: _Interval | dt.date | str,
    rule: str,
    pod: str | None = None,
    note: str | None = None,
) -> TimeMention:
    """A mention from an interval, a single day, or a reason it is unresolved."""
    if isinstance(found, str):
        return TimeMention(span, None, P.UNRESOLVED, rule, part_of_day=pod, note=found)
    if isinstance(found, dt.date):
        return TimeMention(span, found, P.DAY, rule, part_of_day=pod, note=note)
    end = None if found.precision is P.DAY else found.end
    return TimeMention(span, found.start, found.precision, rule, end, pod, note or found.note)


def _gr(m: re.Match[str], name: str) -> str | None:
    """A named group, None when absent from this alternative or unmatched."""
    return m.groupdict().get(name)


def _req(m: re.Match[str], name: str) -> str:
    """A named group the alternative always has when this handler runs."""
    value = m.groupdict().get(name)
    if value is None:  # pragma: no cover - guaranteed by the grammar
        raise ValueError(f"temporal pattern without group {name!r}: {m.group()!r}")
    return value


def _pod(word: str | None) -> str | None:
    return word.lower() if word else None


def _weekday(m: re.Match[str], span: Span, ctx: _Ctx) -> TimeMention:
    """Bare "Thursday", "on Thursday", "this Thursday": the latest Thursday on or before
    publication, the publication day included. "last"/"past" Thursday: strictly before
    (a Friday report's "last Friday" is a week back). "next"/"coming": strictly after.
    "early (on) Friday" is its morning, "late (on) Thursday" its evening unless said."""
    mod = " ".join((_gr(m, "mod") or "").lower().split())
    pod = (
        _pod(_gr(m, "pod"))
        or {"early": "morning", "early on": "morning"}.get(mod)
        or {
            "late": "evening",
            "late on": "evening",
        }.get(mod)
    )
    if mod in ("last", "past", "this past"):
        rule = "weekday.last.v1"
    elif mod in ("next", "coming"):
        rule = "weekday.next.v1"
    else:
        rule = "weekday.v1"
    pub = ctx.need(0)
    if isinstance(pub, str):
        return _mention(span, pub, rule, pod)
    wd = _weekday_no(_req(m, "wd"))
    if rule == "weekday.last.v1":
        return _mention(span, _strictly_before(pub, wd), rule, pod)
    if rule == "weekday.next.v1":
        return _mention(span, _strictly_after(pub, wd), rule, pod)
    return _mention(span, _on_or_before(pub, wd), rule, pod)


def _early_hours(m: re.Match[str], span: Span, ctx: _Ctx) -> TimeMention:
    pub = ctx.need(0)
    rule = "weekday.early-hours.v1"
    if isinstance(pub, str):
        return _mention(span, pub, rule, "night")
    wd = _weekday_no(_req(m, "wd"))
    day = _strictly_before(pub, wd) if _gr(m, "mod") else _on_or_before(pub, wd)
    return _mention(span, day, rule, "night")


def _overnight(m: re.Match[str], span: Span, ctx: _Ctx) -> TimeMention:
    """Bare "overnight": the night ending on the publication day, so a range from the day
    before to the publication day. "overnight Thursday": that day. "overnight into Friday",
    "overnight Thursday into Friday": Thursday to Friday."""
    rule = "overnight.v1"
    pub = ctx.need(0)
    if isinstance(pub, str):
        return _mention(span, pub, rule, "overnight")
    into = _gr(m, "wd2") or _gr(m, "wd3")
    if into:
        end = _on_or_before(pub, _weekday_no(into))
        return _mention(span, _Interval(end - _DAY, end, P.RANGE), rule, "overnight")
    if _gr(m, "wd"):
        return _mention(span, _on_or_before(pub, _weekday_no(_req(m, "wd"))), rule, "overnight")
    return _mention(span, _Interval(pub - _DAY, pub, P.RANGE), rule, "overnight")


def _weekend(m: re.Match[str], span: Span, ctx: _Ctx) -> TimeMention:
    """Weekend: "over the weekend" is the Saturday-Sunday whose Saturday is on or before
    publication; "last weekend" the last one that ended before the publication day."""
    rule = "weekend.last.v1" if m.groupdict().get("last") else "weekend.v1"
    pub = ctx.need(0)
    if isinstance(pub, str):
        return _mention(span, pub, rule)
    saturday = _on_or_before(pub - 2 * _DAY if rule == "weekend.last.v1" else pub, 5)
    return _mention(span, _Interval(saturday, saturday + _DAY, P.RANGE), rule)


def _relative(m: re.Match[str], span: Span, ctx: _Ctx) -> TimeMention:
    """today / tonight / this morning: the publication day. yesterday, last night: the day
    before (a morning report's "last night" is the previous evening)."""
    g = m.groupdict()
    pod = _pod(g.get("pod"))
    if g.get("dby"):
        rule, offset = "relative.day-before-yesterday.v1", -2
    elif g.get("yest"):
        rule, offset = "relative.yesterday.v1", -1
        ymod = (g.get("ymod") or "").lower()
        pod = pod or {"early": "morning", "late": "evening"}.get(ymod)
    elif g.get("lastnight"):
        rule, offset, pod = "relative.last-night.v1", -1, "night"
    elif g.get("tonight"):
        rule, offset, pod = "relative.tonight.v1", 0, "night"
    elif g.get("tomorrow"):
        rule, offset = "relative.tomorrow.v1", 1
    else:
        rule, offset = "relative.today.v1", 0
    pub = ctx.need(0)
    if isinstance(pub, str):
        return _mention(span, pub, rule, pod)
    return _mention(span, pub + dt.timedelta(days=offset), rule, pod)


def _period_rule(m: re.Match[str], span: Span, ctx: _Ctx) -> TimeMention:
    """this/last/next week|month|year; "earlier this month" is the month itself; "early",
    "mid", "late" take a part of it (a range)."""
    g = m.groupdict()
    unit = g["unit"].lower()
    rel = (g.get("rel") or "this").lower()
    part = _qual(g.get("qual"))
    rule = f"period.{unit}.v1"
    pub = ctx.need({"week": 1, "month": 2, "year": 3}[unit])
    if isinstance(pub, str):
        return _mention(span, pub, rule)
    found = _period(pub, unit, {"this": 0, "last": -1, "next": 1}[rel])
    if part in ("early", "mid", "late"):
        found = _Interval(*_part(found.start, found.end, part), P.RANGE)
    return _mention(span, found, rule)


def _back(pub: dt.date, unit: str, n: int | None) -> tuple[dt.date, str | None]:
    """Start of "the past N units" (vague N: the most it can mean, with a note)."""
    if n is None:
        return _unit_back(pub, unit, VAGUE_MAX[unit]), "approximate: vague count"
    return _unit_back(pub, unit, max(n, 24) if unit == "hour" else n), None


def _recent(m: re.Match[str], span: Span, ctx: _Ctx) -> TimeMention:
    """Recent past: "in the past two weeks", "in recent days" give a range ending on the
    publication day; "recent days" reaches back ``VAGUE_MAX`` units."""
    g = m.groupdict()
    unit = g["unit"].lower()
    rule = "recent.v1"
    pub = ctx.need(0 if unit in ("hour", "day", "week") else 2)
    if isinstance(pub, str):
        return _mention(span, pub, rule)
    n = _count(g.get("n")) if g.get("n") or "recent" not in span.text.lower() else None
    start, note = _back(pub, unit, n)
    return _mention(span, _Interval(start, pub, P.RANGE), rule, note=note)


def _duration(m: re.Match[str], span: Span, ctx: _Ctx) -> TimeMention:
    """Duration: "for two weeks" is assumed to run up to publication (war reporting's present
    perfect: "has been besieged for two weeks"). "for weeks" is at least two, so the range
    starts two units back at the latest -- the value is that latest possible start, noted."""
    g = m.groupdict()
    rule = "duration.v1"
    unit = (g.get("unit") or g.get("units") or "").lower()
    pub = ctx.need(0 if unit in ("hour", "day", "week") else 2)
    if isinstance(pub, str):
        return _mention(span, pub, rule)
    if g.get("units"):
        start = _unit_back(pub, unit, VAGUE_MIN * (24 if unit == "hour" else 1))
        note = "approximate start: at least two units before publication"
    else:
        start, vague = _back(pub, unit, _count(g["n"]))
        note = vague or "assumed to end at publication"
    return _mention(span, _Interval(start, pub, P.RANGE), rule, note=note)


def _ago(m: re.Match[str], span: Span, ctx: _Ctx) -> TimeMention:
    """Ago: "two days ago" is a day; "three weeks ago": that week; "two months ago": that month;
    "a year ago": the same month a year back (an anniversary, not a calendar year). Vague
    counts give a range. "N units earlier" is computed the same way, from publication,
    with a note: it is often relative to a date in the narrative."""
    g = m.groupdict()
    unit = (g.get("unit") or g.get("units") or "").lower()
    earlier = g["dir"].lower() == "earlier"
    rule = "earlier.v1" if earlier else "ago.v1"
    note = NARRATIVE_NOTE if earlier else None
    pub = ctx.need(0 if unit in ("hour", "day", "week") else 2)
    if isinstance(pub, str):
        return _mention(span, pub, rule)
    n = None if g.get("units") else _count(g["n"])
    if n is None:
        if unit == "hour":
            return _mention(span, pub, rule, note=note)
        high = _unit_back(pub, unit, VAGUE_MAX[unit])
        low = _unit_back(pub, unit, VAGUE_MIN)
        return _mention(span, _Interval(high, low, P.RANGE), rule, note=note or "approximate")
    day = _unit_back(pub, unit, n)
    if unit in ("hour", "day"):
        return _mention(span, day, rule, note=note)
    found = _period(day, "week" if unit == "week" else "month", 0)
    return _mention(span, found, rule, note=note)


def _narrative(m: re.Match[str], span: Span, ctx: _Ctx) -> TimeMention:
    """Narrative: "the day before" is anchored on publication (the day before it), with a
    note; "the next day" cannot be: it only means something against the narrative."""
    if m.groupdict().get("after"):
        return _mention(span, "relative to a date in the narrative", "narrative.after.v1")
    rule = "narrative.before.v1"
    pub = ctx.need(0)
    if isinstance(pub, str):
        return _mention(span, pub, rule)
    return _mention(span, pub - _DAY, rule, note=NARRATIVE_NOTE)


def _day_of_month(m: re.Match[str], span: Span, ctx: _Ctx) -> TimeMention:
    """Day of month: "on the 6th" is this month's 6th, or last month's if after publication."""
    rule = "day-of-month.v1"
    pub = ctx.need(0)
    if isinstance(pub, str):
        return _mention(span, pub, rule)
    dom = int(re.sub(r"\D", "", _req(m, "dom")))
    first = pub.replace(day=1) if dom <= pub.day else _add_months(pub.replace(day=1), -1)
    try:
        return _mention(span, first.replace(day=dom), rule)
    except ValueError:
        return _mention(span, "no such date", rule)


def _point_rule(rule: str) -> _Handler:
    def handler(m: re.Match[str], span: Span, ctx: _Ctx) -> TimeMention:
        found = _resolve_point(_req(m, "pt"), ctx.pub, ctx.rank, ctx.latest, FUTURE_GRACE_DAYS)
        if rule == "date" and _req(m, "pt")[0].isdigit() and "-" in _req(m, "pt"):
            return _mention(span, found, "date.iso.v1")
        return _mention(span, found, f"{rule}.v1")

    return handler


def _since(m: re.Match[str], span: Span, ctx: _Ctx) -> TimeMention:
    """Since: "since May" runs from the start of May to publication (or open-ended without one)."""
    found = _resolve_point(_req(m, "pt"), ctx.pub, ctx.rank, ctx.latest, FUTURE_GRACE_DAYS)
    if isinstance(found, str):
        return _mention(span, found, "since.v1")
    end = ctx.pub if ctx.rank == 0 else ctx.latest
    return TimeMention(span, found.start, P.RANGE, "since.v1", end, note=found.note)


def _range(m: re.Match[str], span: Span, ctx: _Ctx) -> TimeMention:
    """Ranges ("between Aug. 6 and 9", "from Monday to Wednesday", "Aug. 30-Sept. 2"): the end is
    placed first (against publication), then the start as the latest such point on or
    before the end."""
    g = m.groupdict()
    rule = "range.v1"
    if "d1" in g:  # hyphenated days
        month = g.get("mon2") if g.get("mon") is None else g["mon"]
        a_text = f"{month} {g['d1']}"
        b_text = f"{g.get('mon2') or month} {g['d2']}" + (f", {g['year']}" if g["year"] else "")
    elif g.get("bd"):
        a_text = g["a"]
        a_point = pat.POINT_RE.fullmatch(a_text)
        month = a_point and (a_point["mon1"] or a_point["mon2"])
        if not month or a_point is None:
            return _mention(span, "range end has no month", rule)
        b_text = f"{month} {g['bd']}" + (
            f", {a_point['year1'] or a_point['year2']}"
            if a_point["year1"] or a_point["year2"]
            else ""
        )
    elif g.get("ad"):
        b_text = g["b"]
        b_point = pat.POINT_RE.fullmatch(b_text)
        month = b_point and (b_point["mon1"] or b_point["mon2"])
        if not month:
            return _mention(span, "range start has no month", rule)
        a_text = f"{month} {g['ad']}"
    else:
        a_text, b_text = g["a"], g["b"]
    end = _resolve_point(b_text, ctx.pub, ctx.rank, ctx.latest, FUTURE_GRACE_DAYS)
    if isinstance(end, str):
        return _mention(span, end, rule)
    start = _resolve_point(a_text, end.end, 0, end.end, 0)
    if isinstance(start, str):
        return _mention(span, start, rule)
    if start.start > end.end:
        return _mention(span, "range start after its end", rule)
    return TimeMention(span, start.start, P.RANGE, rule, end.end, note=start.note or end.note)


def _month(m: re.Match[str], span: Span, ctx: _Ctx) -> TimeMention:
    """Months: "in August", "early August", "August 2021", "last August" (the latest August before
    the publication month), "this August", "next August"."""
    g = m.groupdict()
    month = _month_no(g["mon"])
    part = _qual(g.get("qual"))
    rule = "month.part.v1" if part else "month.v1"
    rel = (g.get("rel") or "").lower()
    if rel:
        rule = f"month.{rel}.v1"
        pub = ctx.need(2)
        if isinstance(pub, str):
            return _mention(span, pub, rule)
        year = pub.year
        if rel == "last" and month >= pub.month:
            year -= 1
        elif rel == "next" and month <= pub.month:
            year += 1
        return _mention(
            span, _Interval(dt.date(year, month, 1), _month_end(year, month), P.MONTH), rule
        )
    return _mention(
        span, _month_interval(month, g.get("year"), part, ctx.latest, FUTURE_GRACE_DAYS), rule
    )


def _year(m: re.Match[str], span: Span, ctx: _Ctx) -> TimeMention:
    year = int(_req(m, "year"))
    part = _qual(_gr(m, "qual"))
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    if part in ("early", "mid", "late"):
        return _mention(span, _Interval(*_part(start, end, part), P.RANGE), "year.part.v1")
    return _mention(span, _Interval(start, end, P.YEAR), "year.v1")


_HANDLERS: Final[dict[str, _Handler]] = {
    "range": _range,
    "since": _since,
    "date": _point_rule("date"),
    "overnight": _overnight,
    "early_hours": _early_hours,
    "weekday": _weekday,
    "weekend": _weekend,
    "relative": _relative,
    "period": _period_rule,
    "recent": _recent,
    "duration": _duration,
    "ago": _ago,
    "narrative": _narrative,
    "day_of_month": _day_of_month,
    "month": _month,
    "year": _year,
}


# --------------------------------------------------------------------------- entry point


def _context(published: dt.date | None, precision: DatePrecision | None) -> _Ctx:
    if published is None or precision is P.UNRESOLVED:
        return _Ctx(None, 9, None)
    rank = _RANK.get(precision or P.DAY, 0)
    if rank == 1:
        latest = published + dt.timedelta(days=6)
    elif rank == 2:
        latest = _month_end(published.year, published.month)
    elif rank == 3:
        latest = dt.date(published.year, 12, 31)
    else:
        latest = published
    return _Ctx(published, rank, latest)


def resolve_times(
    text: str,
    published: dt.date | None,
    published_precision: DatePrecision | None = DatePrecision.DAY,
) -> list[TimeMention]:
    """Every temporal expression in ``text``, normalised against the publication date.

    ``published_precision`` says how much of ``published`` is known (``MONTH`` when only
    YYYY-MM is): expressions needing a finer anchor come back unresolved, with a note.
    Mentions are in text order and never overlap.
    """
    ctx = _context(published, published_precision)
    out: list[TimeMention] = []
    for scan in pat.SCAN.finditer(text):
        index = pat.ENTRY_ALTERNATIVE[int(scan.lastgroup[1:])]  # type: ignore[index]
        rule, alternative = pat.ALTERNATIVES[index]
        m = alternative.match(text, scan.start())
        if m is None or m.end() != scan.end():  # pragma: no cover - same regex, same match
            continue
        span = Span(scan.start(), scan.end(), scan.group())
        mention = _HANDLERS[rule](m, span, ctx)
        if mention is not None:
            out.append(mention)
    return out
