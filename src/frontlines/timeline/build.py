"""Control periods of a place from its merged territorial events (pure functions).

Rules: a capture by X opens X's period; a withdrawal by the holder leaves the place to
nobody known (or to a same-day capturer); a siege makes it contested unless the besieger
already holds it; facility captures ("the prison") never flip the town. Weights follow the
status (a claim weighs less than a confirmation) and corroboration; comparable contradicting
reports on one day make the place contested rather than flip-flop between controllers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from frontlines.records import TERRITORIAL, Actor, DatePrecision, DateSource, EventType, Place
from frontlines.timeline.model import ControlChange, ControlPeriod, ControlStatus

if TYPE_CHECKING:
    from frontlines.store.merge import MergedEvent

STATUS_WEIGHT: dict[str, float] = {
    "confirmed": 1.0,
    "reported": 0.7,
    "claimed": 0.4,
    "disputed": 0.3,
}
PRECISION_WEIGHT: dict[DatePrecision, float] = {
    DatePrecision.DAY: 1.0,
    DatePrecision.WEEK: 0.8,
    DatePrecision.RANGE: 0.8,
    DatePrecision.MONTH: 0.6,
    DatePrecision.YEAR: 0.4,
    DatePrecision.UNRESOLVED: 0.5,
}
_STATUS_OF: dict[str, ControlStatus] = {
    "confirmed": ControlStatus.CONFIRMED,
    "reported": ControlStatus.REPORTED,
    "claimed": ControlStatus.CLAIMED,
    "disputed": ControlStatus.CONTESTED,
}


@dataclass(frozen=True, slots=True)
class TimelineConfig:
    """Tunable weights. ``contest_ratio``: a rival within this factor of the strongest
    same-day report makes the day contested; ``recent_days``: a weaker capture this soon
    after the current holder's stronger one contests instead of flipping."""

    contest_ratio: float = 1.5
    recent_days: int = 1
    published_factor: float = 0.7  # the date is the publication date, not from the text
    corroboration_step: float = 0.05  # per extra article
    corroboration_cap: float = 0.2


@dataclass(frozen=True, slots=True)
class _Report:
    day: dt.date
    weight: float
    event: MergedEvent


def event_day(m: MergedEvent) -> tuple[dt.date, bool] | None:
    """The day a merged event counts on, and whether it is only the publication date."""
    if m.date is not None and m.date_precision is not DatePrecision.UNRESOLVED:
        return m.date, m.date_source is DateSource.PUBLISHED
    if m.first_report is not None:
        return m.first_report, True
    return None


def weight(m: MergedEvent, config: TimelineConfig, from_publication: bool) -> float:
    """Status x date precision (x publication penalty) + corroboration, capped at 1."""
    w = STATUS_WEIGHT.get(m.status.value, 0.0) * PRECISION_WEIGHT[m.date_precision]
    if from_publication:
        w *= config.published_factor
    w += min(config.corroboration_cap, config.corroboration_step * (m.article_count - 1))
    return min(1.0, w)


def _relevant(place: Place, merged: Iterable[MergedEvent], config: TimelineConfig) -> list[_Report]:
    out: list[_Report] = []
    for m in merged:
        if m.type not in TERRITORIAL or m.facility is not None or m.status.value == "denied":
            continue
        if m.place is None or m.place.geonameid != place.geonameid:
            continue
        when = event_day(m)
        if when is not None:
            out.append(_Report(when[0], weight(m, config, when[1]), m))
    # A report with no date of its own says the change happened by the day it was published,
    # not on it: when the same side's change of this place is dated elsewhere, that date
    # stands and the undated report only corroborates it.
    dated = {(r.event.type, r.event.actor.id if r.event.actor else None)
             for r in out if r.event.date is not None}
    out = [r for r in out if r.event.date is not None
           or (r.event.type, r.event.actor.id if r.event.actor else None) not in dated]
    out.sort(key=lambda r: (r.day, r.event.id))
    return out


@dataclass(slots=True)
class _Open:
    """The period being built."""

    controller: Actor | None
    since: dt.date | None
    status: ControlStatus
    confidence: float
    evidence: list[str]


def _same(a: Actor | None, b: Actor | None) -> bool:
    return (a.id if a else None) == (b.id if b else None)


def build_periods(
    place: Place,
    merged: Iterable[MergedEvent],
    prior: Actor | None = None,
    config: TimelineConfig | None = None,
) -> list[ControlPeriod]:
    """The sorted, non-overlapping control periods of ``place``.

    ``merged`` may hold events of other places (they are ignored), so callers can pass a
    whole region. ``prior`` holds the place before the first event (status ``assumed``).
    """
    config = config or TimelineConfig()
    reports = _relevant(place, merged, config)
    periods: list[ControlPeriod] = []
    cur = _Open(prior, None, ControlStatus.ASSUMED, 0.5, []) if prior else None

    def switch(day: dt.date, new: _Open) -> None:
        nonlocal cur
        if cur is not None:
            periods.append(
                ControlPeriod(
                    place,
                    cur.controller,
                    cur.since,
                    day,
                    round(cur.confidence, 3),
                    cur.status,
                    tuple(cur.evidence),
                )
            )
        cur = new

    i = 0
    while i < len(reports):
        day = reports[i].day
        j = i
        while j < len(reports) and reports[j].day == day:
            j += 1
        decided = _decide(day, reports[i:j], cur, config)
        i = j
        if decided is None:
            continue
        if (
            cur is not None
            and _same(cur.controller, decided.controller)
            and (cur.status == decided.status)
        ):
            cur.evidence += [e for e in decided.evidence if e not in cur.evidence]
            cur.confidence = max(cur.confidence, decided.confidence)
            continue
        if cur is not None and cur.since == day:  # replaced on the same day: keep one period
            cur = decided
            continue
        switch(day, decided)
    if cur is not None:
        periods.append(
            ControlPeriod(
                place,
                cur.controller,
                cur.since,
                None,
                round(cur.confidence, 3),
                cur.status,
                tuple(cur.evidence),
            )
        )
    return [p for p in periods if p.since is None or p.until is None or p.since < p.until]


def _decide(
    day: dt.date, reports: list[_Report], cur: _Open | None, config: TimelineConfig
) -> _Open | None:
    """What one day's reports say about the place; None when they change nothing."""
    holder = cur.controller if cur else None
    captures: dict[str, tuple[float, Actor, list[_Report]]] = {}
    for r in reports:
        if r.event.type is EventType.CAPTURE and r.event.actor is not None:
            a = r.event.actor
            w, _, rs = captures.get(a.id, (0.0, a, []))
            captures[a.id] = (max(w, r.weight), a, [*rs, r])
    withdrawn = [r for r in reports if r.event.type is EventType.WITHDRAW]
    # a capture by the side that withdrew the same day is noise
    leavers = {r.event.actor.id for r in withdrawn if r.event.actor is not None}
    for aid in list(captures):
        if aid in leavers and len(captures) > 1:
            del captures[aid]
    ids = [r.event.id for r in reports]
    if captures:
        ranked = sorted(captures.values(), key=lambda c: (-c[0], c[1].id))
        w, actor, rs = ranked[0]
        if len(ranked) > 1 and ranked[1][0] * config.contest_ratio > w:
            return _Open(holder, day, ControlStatus.CONTESTED, w, ids)
        if (
            cur is not None
            and holder is not None
            and holder.id != actor.id
            and cur.since is not None
            and (day - cur.since).days <= config.recent_days
            and w * config.contest_ratio < cur.confidence
        ):
            return _Open(holder, day, ControlStatus.CONTESTED, w, ids)
        best = max(rs, key=lambda r: (r.weight, r.event.id))
        status = _STATUS_OF.get(best.event.status.value, ControlStatus.REPORTED)
        return _Open(actor, day, status, w, ids)
    if withdrawn:
        w = max(r.weight for r in withdrawn)
        for r in withdrawn:
            leaver = r.event.actor
            if leaver is None or holder is None or leaver.id == holder.id:
                status = _STATUS_OF.get(r.event.status.value, ControlStatus.REPORTED)
                return _Open(None, day, status, w, ids)
        if cur is not None and cur.status is ControlStatus.CONTESTED:  # the rival left
            return _Open(holder, day, ControlStatus.REPORTED, w, ids)
        return None
    sieges = [r for r in reports if r.event.type is EventType.SIEGE]
    besiegers = [r for r in sieges if not (holder and _same(r.event.actor, holder))]
    if besiegers:
        w = max(r.weight for r in besiegers)
        return _Open(holder, day, ControlStatus.CONTESTED, w, ids)
    return None


def changes_of(periods: list[ControlPeriod]) -> list[ControlChange]:
    """Changes of controller along one place's periods (status-only changes are not changes)."""
    out: list[ControlChange] = []
    previous: Actor | None = None
    for p in periods:
        if p.since is None:  # the prior
            previous = p.controller
            continue
        if _same(p.controller, previous):
            continue
        out.append(
            ControlChange(
                p.place, p.controller, previous, p.since, p.confidence, p.status, p.evidence
            )
        )
        previous = p.controller
    return out


def controller_on(periods: Iterable[ControlPeriod], day: dt.date) -> ControlPeriod | None:
    """The period covering ``day``, if any."""
    return next((p for p in periods if p.covers(day)), None)


def build_timelines(
    merged: Iterable[MergedEvent],
    priors: Mapping[str, Actor] | None = None,
    config: TimelineConfig | None = None,
) -> dict[int, list[ControlPeriod]]:
    """Periods of every place with a timeline, keyed by geonameid (places with none left out)."""
    by_place: dict[int, list[MergedEvent]] = {}
    places: dict[int, Place] = {}
    for m in merged:
        if m.place is not None and m.type in TERRITORIAL:
            by_place.setdefault(m.place.geonameid, []).append(m)
            places.setdefault(m.place.geonameid, m.place)
    priors = priors or {}
    out: dict[int, list[ControlPeriod]] = {}
    for gid in sorted(by_place):
        periods = build_periods(places[gid], by_place[gid], priors.get(places[gid].country), config)
        if periods:
            out[gid] = periods
    return out
