"""Cross-article merge: reports of the same event become one corroborated ``MergedEvent``.

Pure functions over ``Event`` records (no database), so the store, the scale engines and the
tests share one definition. The result does not depend on the order of the input: events are
sorted canonically, and clusters are seeded by the most precise, text-derived dates first.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import json
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from frontlines.records import (
    Actor,
    DatePrecision,
    DateSource,
    Event,
    EventType,
    Modality,
    Place,
    PlaceKind,
    SourceType,
    Status,
)

RADIUS_KM = 10.0  # two places this close are the same event location (town vs its district)
DAY_TOLERANCE = 1  # reports of "last night" vs "on Saturday" differ by a day
PUBLISHED_LAG_DAYS = 3  # a publication-date stand-in: the event happened up to this long before
UNDATED_WINDOW_DAYS = 7  # an undated report joins an event reported at most this long before
EARTH_KM = 6371.0

PRECISION_RANK: dict[DatePrecision, int] = {
    DatePrecision.DAY: 0,
    DatePrecision.WEEK: 1,
    DatePrecision.RANGE: 2,
    DatePrecision.MONTH: 3,
    DatePrecision.YEAR: 4,
    DatePrecision.UNRESOLVED: 5,
}


class MergedStatus(StrEnum):
    """Combined status: confirmed > reported > claimed; any denial makes it disputed."""

    CLAIMED = "claimed"
    REPORTED = "reported"
    CONFIRMED = "confirmed"
    DISPUTED = "disputed"  # reported by some, denied (or negated) by others
    DENIED = "denied"  # only denials


_RANK = {Status.CLAIMED: 1, Status.REPORTED: 2, Status.CONFIRMED: 3}


@dataclass(frozen=True, slots=True)
class Member:
    """One report behind a merged event: a link to the stored event and its evidence."""

    event_id: str
    article_id: str
    status: Status
    negated: bool
    date: dt.date | None
    date_precision: DatePrecision
    date_source: DateSource
    published: dt.date | None
    url: str | None
    outlet: str | None
    sentence: str | None  # the first evidence sentence
    source_types: tuple[SourceType, ...] = ()

    @property
    def is_denial(self) -> bool:
        return self.negated or self.status is Status.DENIED

    def to_dict(self) -> dict[str, Any]:
        return {
            "event_id": self.event_id,
            "article_id": self.article_id,
            "status": self.status.value,
            "negated": self.negated,
            "date": _iso(self.date),
            "date_precision": self.date_precision.value,
            "date_source": self.date_source.value,
            "published": _iso(self.published),
            "url": self.url,
            "outlet": self.outlet,
            "sentence": self.sentence,
            "source_types": [s.value for s in self.source_types],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Member:
        return cls(
            event_id=d["event_id"],
            article_id=d["article_id"],
            status=Status(d["status"]),
            negated=bool(d["negated"]),
            date=_date(d.get("date")),
            date_precision=DatePrecision(d["date_precision"]),
            date_source=DateSource(d["date_source"]),
            published=_date(d.get("published")),
            url=d.get("url"),
            outlet=d.get("outlet"),
            sentence=d.get("sentence"),
            source_types=tuple(SourceType(s) for s in d.get("source_types", ())),
        )

    @classmethod
    def of(cls, e: Event) -> Member:
        return cls(
            event_id=e.id,
            article_id=e.article_id,
            status=e.status,
            negated=e.negated,
            date=e.date,
            date_precision=e.date_precision,
            date_source=e.date_source,
            published=e.published,
            url=e.url,
            outlet=e.outlet,
            sentence=e.evidence[0].sentence if e.evidence else None,
            source_types=tuple(sorted({s.type for s in e.sources})),
        )


@dataclass(frozen=True, slots=True)
class MergedEvent:
    """One real-world event as corroborated by every article that reported it."""

    id: str
    type: EventType
    actor: Actor | None
    target: Actor | None
    place: Place | None
    facility: str | None
    date: dt.date | None
    date_precision: DatePrecision
    date_source: DateSource
    status: MergedStatus
    article_count: int
    outlet_count: int
    outlets: tuple[str, ...]
    source_types: tuple[SourceType, ...]
    first_report: dt.date | None
    last_report: dt.date | None
    fatalities: int | None
    members: tuple[Member, ...] = field(default=())

    @property
    def country(self) -> str:
        return self.place.country if self.place else ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type.value,
            "actor": self.actor.to_dict() if self.actor else None,
            "target": self.target.to_dict() if self.target else None,
            "place": self.place.to_dict() if self.place else None,
            "facility": self.facility,
            "date": _iso(self.date),
            "date_precision": self.date_precision.value,
            "date_source": self.date_source.value,
            "status": self.status.value,
            "article_count": self.article_count,
            "outlet_count": self.outlet_count,
            "outlets": list(self.outlets),
            "source_types": [s.value for s in self.source_types],
            "first_report": _iso(self.first_report),
            "last_report": _iso(self.last_report),
            "fatalities": self.fatalities,
            "members": [m.to_dict() for m in self.members],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> MergedEvent:
        return cls(
            id=d["id"],
            type=EventType(d["type"]),
            actor=Actor.from_dict(d["actor"]) if d.get("actor") else None,
            target=Actor.from_dict(d["target"]) if d.get("target") else None,
            place=Place.from_dict(d["place"]) if d.get("place") else None,
            facility=d.get("facility"),
            date=_date(d.get("date")),
            date_precision=DatePrecision(d["date_precision"]),
            date_source=DateSource(d["date_source"]),
            status=MergedStatus(d["status"]),
            article_count=int(d["article_count"]),
            outlet_count=int(d["outlet_count"]),
            outlets=tuple(d.get("outlets", ())),
            source_types=tuple(SourceType(s) for s in d.get("source_types", ())),
            first_report=_date(d.get("first_report")),
            last_report=_date(d.get("last_report")),
            fatalities=d.get("fatalities"),
            members=tuple(Member.from_dict(m) for m in d.get("members", ())),
        )


# --------------------------------------------------------------------------- compatibility


def date_interval(e: Event) -> tuple[dt.date, dt.date] | None:
    """The days an event's date could mean, given its precision; None when undated."""
    d = e.date
    if d is None or e.date_precision is DatePrecision.UNRESOLVED:
        return None
    p = e.date_precision
    if e.date_source is DateSource.PUBLISHED:
        return d - dt.timedelta(days=PUBLISHED_LAG_DAYS), d
    if p is DatePrecision.DAY:
        tol = dt.timedelta(days=DAY_TOLERANCE)
        return d - tol, d + tol
    if p in (DatePrecision.WEEK, DatePrecision.RANGE):
        return d, d + dt.timedelta(days=6)
    if p is DatePrecision.MONTH:
        return d, d.replace(day=calendar.monthrange(d.year, d.month)[1])
    return d, d.replace(month=12, day=31)


def distance_km(a: Place, b: Place) -> float:
    """Great-circle distance (haversine)."""
    la1, la2 = math.radians(a.lat), math.radians(b.lat)
    dla, dlo = la2 - la1, math.radians(b.lon - a.lon)
    h = math.sin(dla / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin(dlo / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


def same_location(a: Place, b: Place, radius_km: float = RADIUS_KM) -> bool:
    return a.geonameid == b.geonameid or distance_km(a, b) <= radius_km


def actors_compatible(a: Actor | None, b: Actor | None) -> bool:
    """Same actor id, or one of them unknown."""
    return a is None or b is None or a.id == b.id


def _event_key(e: Event) -> tuple[Any, ...]:
    """Canonical order: precise text dates first, so they seed the clusters."""
    return (
        e.date is None or e.date_precision is DatePrecision.UNRESOLVED,
        e.date_source is DateSource.PUBLISHED,
        PRECISION_RANK[e.date_precision],
        e.date or dt.date.min,
        e.actor is None,
        e.actor.id if e.actor else "",
        e.published or dt.date.min,
        e.article_id,
        e.id,
    )


# --------------------------------------------------------------------------- clustering


@dataclass(slots=True)
class _Cluster:
    seq: int
    anchor: Place
    actor: Actor | None
    interval: tuple[dt.date, dt.date] | None
    first_published: dt.date | None
    last_published: dt.date | None
    events: list[Event]

    def add(self, e: Event, interval: tuple[dt.date, dt.date] | None) -> None:
        self.events.append(e)
        if self.actor is None and e.actor is not None:
            self.actor = e.actor
        if interval is not None and self.interval is not None:
            self.interval = (max(self.interval[0], interval[0]), min(self.interval[1], interval[1]))
        if e.published is not None:
            fp, lp = self.first_published, self.last_published
            self.first_published = e.published if fp is None else min(fp, e.published)
            self.last_published = e.published if lp is None else max(lp, e.published)


class _Grid:
    """Clusters indexed by a lat/lon cell about ``radius_km`` wide, for radius look-ups."""

    def __init__(self, radius_km: float) -> None:
        self.radius_km = radius_km
        self.step = max(radius_km, 0.001) / 111.0
        self.cells: dict[tuple[int, int], list[_Cluster]] = {}

    def _cell(self, p: Place) -> tuple[int, int]:
        return math.floor(p.lat / self.step), math.floor(p.lon / self.step)

    def put(self, c: _Cluster) -> None:
        self.cells.setdefault(self._cell(c.anchor), []).append(c)

    def near(self, p: Place) -> list[_Cluster]:
        ci, cj = self._cell(p)
        span = math.ceil(1 / max(math.cos(math.radians(p.lat)), 0.05))
        out: list[_Cluster] = []
        for i in (ci - 1, ci, ci + 1):
            for j in range(cj - span, cj + span + 1):
                for c in self.cells.get((i, j), ()):
                    if same_location(c.anchor, p, self.radius_km):
                        out.append(c)
        return out


def _overlap(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _undated_fits(c: _Cluster, e: Event) -> bool:
    p = e.published
    if p is None:
        return True
    if c.interval is not None:
        earliest = c.interval[0] - dt.timedelta(days=DAY_TOLERANCE)
        latest = max(c.interval[1], c.last_published or c.interval[1])
    else:
        if c.first_published is None or c.last_published is None:
            return False
        earliest = c.first_published - dt.timedelta(days=UNDATED_WINDOW_DAYS)
        latest = c.last_published
    return earliest <= p <= latest + dt.timedelta(days=UNDATED_WINDOW_DAYS)


def _cluster_group(events: list[Event], radius_km: float) -> list[_Cluster]:
    """Greedy clustering of events of one (type, facility), already in canonical order."""
    grid = _Grid(radius_km)
    clusters: list[_Cluster] = []
    for e in events:
        assert e.place is not None
        interval = date_interval(e)
        fits = [
            c
            for c in grid.near(e.place)
            if actors_compatible(c.actor, e.actor)
            and (
                (c.interval is not None and _overlap(c.interval, interval))
                if interval is not None
                else _undated_fits(c, e)
            )
        ]
        if interval is None and e.published is None and len(fits) > 1:
            fits = []  # nothing to choose between several events: keep it apart
        if fits:
            best = min(fits, key=lambda c: (_gap(c, e), -len(c.events), c.seq))
            best.add(e, interval)
            continue
        c = _Cluster(len(clusters), e.place, None, interval, None, None, [])
        c.add(e, interval)
        clusters.append(c)
        grid.put(c)
    return clusters


def _gap(c: _Cluster, e: Event) -> int:
    """How far (days) an undated report's publication is from the cluster's date."""
    if date_interval(e) is not None or c.interval is None or e.published is None:
        return 0
    return abs((e.published - c.interval[1]).days)


def merge_events(events: Iterable[Event], *, radius_km: float = RADIUS_KM) -> list[MergedEvent]:
    """Merge reports of the same event across articles; returns events sorted by id.

    Only asserted events merge (an attempt or a plan is not the event); negated or denied
    reports join the event they deny and make it ``disputed``. Events without a place stay
    alone: nothing says two of them are the same.
    """
    unique: dict[str, Event] = {}
    for e in events:
        if e.modality is not Modality.ASSERTED:
            continue
        old = unique.get(e.id)
        if old is None or _canonical(e) < _canonical(old):  # same id twice: pick one, any order
            unique[e.id] = e
    groups: dict[tuple[str, str], list[Event]] = {}
    alone: list[Event] = []
    for e in sorted(unique.values(), key=_event_key):
        if e.place is None:
            alone.append(e)
        else:
            groups.setdefault((e.type.value, e.facility or ""), []).append(e)
    clusters: list[list[Event]] = [[e] for e in alone]
    for key in sorted(groups):
        clusters.extend(c.events for c in _cluster_group(groups[key], radius_km))
    merged: dict[str, MergedEvent] = {}
    for members in clusters:
        m = combine(members)
        if m.id in merged:  # same type/place/actor/date but kept apart: still distinct ids
            m = replace(m, id=_hash(m.id, min(e.id for e in members)))
        merged[m.id] = m
    return [merged[k] for k in sorted(merged)]


def place_components(
    places: Iterable[tuple[int, float | None, float | None]], radius_km: float = RADIUS_KM
) -> list[list[int]]:
    """Groups of geonameids linked by chains of places within ``radius_km``, sorted.

    Events of different groups can never merge, so a store can merge one group at a time
    (memory bounded by the busiest area, not by the whole block) with the same result.
    """
    pts = sorted(set(places), key=lambda p: (p[0], p[1] or 0.0, p[2] or 0.0))
    parent = {gid: gid for gid, _, _ in pts}

    def root(g: int) -> int:
        while parent[g] != g:
            parent[g] = parent[parent[g]]
            g = parent[g]
        return g

    grid = _Grid(radius_km)
    for gid, lat, lon in pts:
        if lat is None or lon is None:  # no coordinates: only its own geonameid
            continue
        here = Place(gid, "", PlaceKind.CITY, lat, lon, "")
        for c in grid.near(here):
            a, b = root(c.anchor.geonameid), root(gid)
            if a != b:
                parent[max(a, b)] = min(a, b)
        grid.put(_Cluster(0, here, None, None, None, None, []))
    groups: dict[int, list[int]] = {}
    for gid, _, _ in pts:
        groups.setdefault(root(gid), []).append(gid)
    return sorted(groups.values())


# --------------------------------------------------------------------------- combining


def combine(events: list[Event]) -> MergedEvent:
    """Build one merged event from the reports judged to be the same event."""
    events = sorted(events, key=lambda e: (e.published or dt.date.min, e.article_id, e.id))
    first = events[0]
    actor = next((e.actor for e in sorted(events, key=_event_key) if e.actor), None)
    date, precision, source = _merged_date(events)
    places = Counter(e.place.geonameid for e in events if e.place)
    place = None
    if places:
        gid = min(places, key=lambda g: (-places[g], g))
        place = next(e.place for e in events if e.place and e.place.geonameid == gid)
    targets = Counter(e.target.id for e in events if e.target)
    target = None
    if targets:
        tid = min(targets, key=lambda t: (-targets[t], t))
        target = next(e.target for e in events if e.target and e.target.id == tid)
    published = [e.published for e in events if e.published]
    outlets = tuple(sorted({e.outlet for e in events if e.outlet}))
    fatalities = [e.fatalities for e in events if e.fatalities is not None]
    key = "|".join(
        [
            first.type.value,
            str(place.geonameid if place else ""),
            first.facility or "",
            actor.id if actor else "",
            _iso(date) or "",
            precision.value,
            "" if place else min(e.id for e in events),
        ]
    )
    return MergedEvent(
        id=_hash(key),
        type=first.type,
        actor=actor,
        target=target,
        place=place,
        facility=first.facility,
        date=date,
        date_precision=precision,
        date_source=source,
        status=combined_status(events),
        article_count=len({e.article_id for e in events}),
        outlet_count=len(outlets),
        outlets=outlets,
        source_types=tuple(sorted({s.type for e in events for s in e.sources})),
        first_report=min(published) if published else None,
        last_report=max(published) if published else None,
        fatalities=max(fatalities) if fatalities else None,
        members=tuple(Member.of(e) for e in events),
    )


def combined_status(events: Iterable[Event]) -> MergedStatus:
    """confirmed > reported > claimed over the affirming reports; a denial makes it disputed."""
    affirm = [e.status for e in events if not e.negated and e.status is not Status.DENIED]
    denied = any(e.negated or e.status is Status.DENIED for e in events)
    if not affirm:
        return MergedStatus.DENIED
    if denied:
        return MergedStatus.DISPUTED
    return MergedStatus(max(affirm, key=lambda s: _RANK.get(s, 0)).value)


def _merged_date(events: list[Event]) -> tuple[dt.date | None, DatePrecision, DateSource]:
    """The most precise date most reports support; a date from the text beats publication."""
    dated = [
        e for e in events if e.date is not None and e.date_precision is not DatePrecision.UNRESOLVED
    ]
    if not dated:
        return None, DatePrecision.UNRESOLVED, DateSource.NONE

    def tier(e: Event) -> tuple[bool, int]:
        return e.date_source is DateSource.PUBLISHED, PRECISION_RANK[e.date_precision]

    best = min(tier(e) for e in dated)
    pool = [e for e in dated if tier(e) == best]
    votes = Counter(e.date for e in pool)
    day = min(votes, key=lambda d: (-votes[d], d or dt.date.min))
    chosen = min((e for e in pool if e.date == day), key=lambda e: e.date_source.value)
    return day, chosen.date_precision, chosen.date_source


def _canonical(e: Event) -> str:
    return json.dumps(e.to_dict(), sort_keys=True)


def _hash(*parts: str) -> str:
    return hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()[:16]


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def _date(s: str | None) -> dt.date | None:
    return dt.date.fromisoformat(s) if s else None
