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

import datetime as dt
import re
from collections.abc import Callable
from typing import Final

from frontlines.annotate import dates_patterns as pat
from frontlines.annotate.dates_calendar import (
    FUTURE_GRACE_DAYS,
    NARRATIVE_NOTE,
    ONE_DAY,
    VAGUE_MAX,
    VAGUE_MIN,
    Context,
    Interval,
    add_months,
    count_of,
    make_context,
    month_end,
    month_interval,
    month_no,
    on_or_before,
    part_of,
    period,
    qualifier,
    resolve_point,
    strictly_after,
    strictly_before,
    unit_back,
    weekday_no,
)
from frontlines.records import DatePrecision, Span, TimeMention

__all__ = ["dateline", "resolve_times"]

P = DatePrecision

# --------------------------------------------------------------------------- rule handlers

_Handler = Callable[[re.Match[str], Span, Context], TimeMention | None]


def _mention(
    span: Span,
    found: Interval | dt.date | str,
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
    return m.group(name) if name in m.re.groupindex else None


def _req(m: re.Match[str], name: str) -> str:
    """A named group the alternative always has when this handler runs."""
    value = m.groupdict().get(name)
    if value is None:  # pragma: no cover - guaranteed by the grammar
        raise ValueError(f"temporal pattern without group {name!r}: {m.group()!r}")
    return value


def _pod(word: str | None) -> str | None:
    return word.lower() if word else None


def _weekday(m: re.Match[str], span: Span, ctx: Context) -> TimeMention:
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
    wd = weekday_no(_req(m, "wd"))
    if rule == "weekday.last.v1":
        return _mention(span, strictly_before(pub, wd), rule, pod)
    if rule == "weekday.next.v1":
        return _mention(span, strictly_after(pub, wd), rule, pod)
    return _mention(span, on_or_before(pub, wd), rule, pod)


def _early_hours(m: re.Match[str], span: Span, ctx: Context) -> TimeMention:
    pub = ctx.need(0)
    rule = "weekday.early-hours.v1"
    if isinstance(pub, str):
        return _mention(span, pub, rule, "night")
    wd = weekday_no(_req(m, "wd"))
    day = strictly_before(pub, wd) if _gr(m, "mod") else on_or_before(pub, wd)
    return _mention(span, day, rule, "night")


def _overnight(m: re.Match[str], span: Span, ctx: Context) -> TimeMention:
    """Bare "overnight": the night ending on the publication day, so a range from the day
    before to the publication day. "overnight Thursday": that day. "overnight into Friday",
    "overnight Thursday into Friday": Thursday to Friday."""
    rule = "overnight.v1"
    pub = ctx.need(0)
    if isinstance(pub, str):
        return _mention(span, pub, rule, "overnight")
    into = _gr(m, "wd2") or _gr(m, "wd3")
    if into:
        end = on_or_before(pub, weekday_no(into))
        return _mention(span, Interval(end - ONE_DAY, end, P.RANGE), rule, "overnight")
    if _gr(m, "wd"):
        return _mention(span, on_or_before(pub, weekday_no(_req(m, "wd"))), rule, "overnight")
    return _mention(span, Interval(pub - ONE_DAY, pub, P.RANGE), rule, "overnight")


def _weekend(m: re.Match[str], span: Span, ctx: Context) -> TimeMention:
    """Weekend: "over the weekend" is the Saturday-Sunday whose Saturday is on or before
    publication; "last weekend" the last one that ended before the publication day."""
    rule = "weekend.last.v1" if m.groupdict().get("last") else "weekend.v1"
    pub = ctx.need(0)
    if isinstance(pub, str):
        return _mention(span, pub, rule)
    saturday = on_or_before(pub - 2 * ONE_DAY if rule == "weekend.last.v1" else pub, 5)
    return _mention(span, Interval(saturday, saturday + ONE_DAY, P.RANGE), rule)


def _relative(m: re.Match[str], span: Span, ctx: Context) -> TimeMention:
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


def _period_rule(m: re.Match[str], span: Span, ctx: Context) -> TimeMention:
    """this/last/next week|month|year; "earlier this month" is the month itself; "early",
    "mid", "late" take a part of it (a range)."""
    g = m.groupdict()
    unit = g["unit"].lower()
    rel = (g.get("rel") or "this").lower()
    part = qualifier(g.get("qual"))
    rule = f"period.{unit}.v1"
    pub = ctx.need({"week": 1, "month": 2, "year": 3}[unit])
    if isinstance(pub, str):
        return _mention(span, pub, rule)
    found = period(pub, unit, {"this": 0, "last": -1, "next": 1}[rel])
    if part in ("early", "mid", "late"):
        found = Interval(*part_of(found.start, found.end, part), P.RANGE)
    return _mention(span, found, rule)


def _back(pub: dt.date, unit: str, n: int | None) -> tuple[dt.date, str | None]:
    """Start of "the past N units" (vague N: the most it can mean, with a note)."""
    if n is None:
        return unit_back(pub, unit, VAGUE_MAX[unit]), "approximate: vague count"
    return unit_back(pub, unit, max(n, 24) if unit == "hour" else n), None


def _recent(m: re.Match[str], span: Span, ctx: Context) -> TimeMention:
    """Recent past: "in the past two weeks", "in recent days" give a range ending on the
    publication day; "recent days" reaches back ``VAGUE_MAX`` units."""
    g = m.groupdict()
    unit = g["unit"].lower()
    rule = "recent.v1"
    pub = ctx.need(0 if unit in ("hour", "day", "week") else 2)
    if isinstance(pub, str):
        return _mention(span, pub, rule)
    n = count_of(g.get("n")) if g.get("n") or "recent" not in span.text.lower() else None
    start, note = _back(pub, unit, n)
    return _mention(span, Interval(start, pub, P.RANGE), rule, note=note)


def _duration(m: re.Match[str], span: Span, ctx: Context) -> TimeMention:
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
        start = unit_back(pub, unit, VAGUE_MIN * (24 if unit == "hour" else 1))
        note = "approximate start: at least two units before publication"
    else:
        start, vague = _back(pub, unit, count_of(g["n"]))
        note = vague or "assumed to end at publication"
    return _mention(span, Interval(start, pub, P.RANGE), rule, note=note)


def _ago(m: re.Match[str], span: Span, ctx: Context) -> TimeMention:
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
    n = None if g.get("units") else count_of(g["n"])
    if n is None:
        if unit == "hour":
            return _mention(span, pub, rule, note=note)
        high = unit_back(pub, unit, VAGUE_MAX[unit])
        low = unit_back(pub, unit, VAGUE_MIN)
        return _mention(span, Interval(high, low, P.RANGE), rule, note=note or "approximate")
    day = unit_back(pub, unit, n)
    if unit in ("hour", "day"):
        return _mention(span, day, rule, note=note)
    found = period(day, "week" if unit == "week" else "month", 0)
    return _mention(span, found, rule, note=note)


def _narrative(m: re.Match[str], span: Span, ctx: Context) -> TimeMention:
    """Narrative: "the day before" is anchored on publication (the day before it), with a
    note; "the next day" cannot be: it only means something against the narrative."""
    if m.groupdict().get("after"):
        return _mention(span, "relative to a date in the narrative", "narrative.after.v1")
    rule = "narrative.before.v1"
    pub = ctx.need(0)
    if isinstance(pub, str):
        return _mention(span, pub, rule)
    return _mention(span, pub - ONE_DAY, rule, note=NARRATIVE_NOTE)


def _day_of_month(m: re.Match[str], span: Span, ctx: Context) -> TimeMention:
    """Day of month: "on the 6th" is this month's 6th, or last month's if after publication."""
    rule = "day-of-month.v1"
    pub = ctx.need(0)
    if isinstance(pub, str):
        return _mention(span, pub, rule)
    dom = int(re.sub(r"\D", "", _req(m, "dom")))
    first = pub.replace(day=1) if dom <= pub.day else add_months(pub.replace(day=1), -1)
    try:
        return _mention(span, first.replace(day=dom), rule)
    except ValueError:
        return _mention(span, "no such date", rule)


def _point_rule(rule: str) -> _Handler:
    def handler(m: re.Match[str], span: Span, ctx: Context) -> TimeMention:
        found = resolve_point(_req(m, "pt"), ctx.pub, ctx.rank, ctx.latest, FUTURE_GRACE_DAYS)
        if rule == "date" and _req(m, "pt")[0].isdigit() and "-" in _req(m, "pt"):
            return _mention(span, found, "date.iso.v1")
        return _mention(span, found, f"{rule}.v1")

    return handler


def _since(m: re.Match[str], span: Span, ctx: Context) -> TimeMention:
    """Since: "since May" runs from the start of May to publication (or open-ended without one)."""
    found = resolve_point(_req(m, "pt"), ctx.pub, ctx.rank, ctx.latest, FUTURE_GRACE_DAYS)
    if isinstance(found, str):
        return _mention(span, found, "since.v1")
    end = ctx.pub if ctx.rank == 0 else ctx.latest
    return TimeMention(span, found.start, P.RANGE, "since.v1", end, note=found.note)


def _range(m: re.Match[str], span: Span, ctx: Context) -> TimeMention:
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
    end = resolve_point(b_text, ctx.pub, ctx.rank, ctx.latest, FUTURE_GRACE_DAYS)
    if isinstance(end, str):
        return _mention(span, end, rule)
    start = resolve_point(a_text, end.end, 0, end.end, 0)
    if isinstance(start, str):
        return _mention(span, start, rule)
    if start.start > end.end:
        return _mention(span, "range start after its end", rule)
    return TimeMention(span, start.start, P.RANGE, rule, end.end, note=start.note or end.note)


def _month(m: re.Match[str], span: Span, ctx: Context) -> TimeMention:
    """Months: "in August", "early August", "August 2021", "last August" (the latest August before
    the publication month), "this August", "next August"."""
    g = m.groupdict()
    month = month_no(g["mon"])
    part = qualifier(g.get("qual"))
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
            span, Interval(dt.date(year, month, 1), month_end(year, month), P.MONTH), rule
        )
    return _mention(
        span, month_interval(month, g.get("year"), part, ctx.latest, FUTURE_GRACE_DAYS), rule
    )


def _year(m: re.Match[str], span: Span, ctx: Context) -> TimeMention:
    year = int(_req(m, "year"))
    part = qualifier(_gr(m, "qual"))
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    if part in ("early", "mid", "late"):
        return _mention(span, Interval(*part_of(start, end, part), P.RANGE), "year.part.v1")
    return _mention(span, Interval(start, end, P.YEAR), "year.v1")


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
    ctx = make_context(published, published_precision)
    out: list[TimeMention] = []
    for scan in pat.SCAN.finditer(text):
        rule, alternative = pat.ALTERNATIVES[pat.ENTRY_ALTERNATIVE[scan.lastgroup or ""]]
        start, end = scan.span()
        m = alternative.match(text, start)
        if m is None or m.end() != end:  # pragma: no cover - same regex, same match
            continue
        span = Span(start, end, scan.group())
        mention = _HANDLERS[rule](m, span, ctx)
        if mention is not None:
            out.append(mention)
    return out


def dateline(text: str, within: int = 300) -> dt.date | None:
    """The first date written in full (day, month and year) in the first ``within`` chars.

    Why: extracted pages often lose their publication date but keep a dateline or byline
    ("KABUL, Aug. 14, 2021 -"). A caller with no ``published`` may anchor on this instead;
    ``resolve_times`` itself never guesses, so its contract stays "no publication date".
    """
    for mention in resolve_times(text[:within], None):
        if mention.precision is P.DAY and mention.value is not None:
            return mention.value
    return None
