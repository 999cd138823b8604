"""SQL building and row conversions shared by the store's queries (no connection here)."""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from frontlines.records import (
    Actor,
    Aggregate,
    Article,
    DatePrecision,
    Event,
    Evidence,
    Place,
    PlaceKind,
    Span,
)
from frontlines.store.types import EventQuery, PlaceKindFilter

#: The largest integer SQLite stores; a longer number can be no geonameid.
MAX_INT64 = 2**63 - 1


def as_number(value: str | int) -> int | None:
    """A geonameid typed as digits: ASCII digits only ("²" is a digit to ``str.isdigit`` but
    not to ``int``), -1 for a number too large to be any id (it matches nothing)."""
    if isinstance(value, int):
        return value if 0 <= value <= MAX_INT64 else -1
    if not (value.isascii() and value.isdigit()):
        return None
    if len(value) > 19:  # > MAX_INT64 whatever the digits; no need to parse 10,000 of them
        return -1
    n = int(value)
    return n if n <= MAX_INT64 else -1


def name_key(name: str) -> str:
    """Case-, accent- and punctuation-free key: "Lashkar Gāh" == "lashkar-gah" == "LASHKARGAH"."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if c.isalnum()).casefold()


def place_matches_kind(place: Place, kind: PlaceKindFilter) -> bool:
    """``capital``: admin seats 0/1 (national or provincial capital); ``city``: any town."""
    if kind == "capital":
        return place.admin_seat in (0, 1)
    if kind == "city":
        return place.kind is PlaceKind.CITY or place.admin_seat is not None
    return True


def aggregate_kind(of: str) -> PlaceKindFilter:
    """What an aggregate counts: "provincial capitals" -> capital, "cities"/"towns" -> city."""
    text = of.casefold()
    if "capital" in text:
        return "capital"
    if any(w in text for w in ("city", "cities", "town")):
        return "city"
    return "all"


def dedupe_events(events: Iterable[Event]) -> list[Event]:
    """One row per event id: the same fact told twice in an article pools its evidence."""
    out: dict[str, Event] = {}
    for e in events:
        old = out.get(e.id)
        if old is None:
            out[e.id] = e
        else:
            out[e.id] = replace(
                old,
                evidence=old.evidence + tuple(v for v in e.evidence if v not in old.evidence),
                sources=old.sources + tuple(s for s in e.sources if s not in old.sources),
            )
    return list(out.values())


def complete_event(e: Event, a: Article) -> Event:
    """Events carry their article's publication date, URL and outlet (the merge needs them)."""
    # A publication date known only to the month is no day to count an undated event on.
    day_known = a.published_precision in (None, DatePrecision.DAY)
    published = e.published or (a.published if day_known else None)
    url, outlet = e.url or a.url, e.outlet or a.outlet
    if (published, url, outlet) == (e.published, e.url, e.outlet):
        return e
    return replace(e, published=published, url=url, outlet=outlet)


def aggregate_from_dict(d: dict[str, Any]) -> Aggregate:
    ev = d["evidence"]
    trig = ev.get("trigger") or {"start": ev["start"], "end": ev["end"], "text": ""}
    return Aggregate(
        article_id=d["article_id"],
        actor=Actor.from_dict(d["actor"]) if d.get("actor") else None,
        count=int(d["count"]),
        of=d["of"],
        as_of=parse_date(d.get("as_of")),
        evidence=Evidence(
            ev["sentence"],
            ev["start"],
            ev["end"],
            Span(trig["start"], trig["end"], trig["text"]),
            ev.get("rule", ""),
        ),
    )


def where_clause(q: EventQuery, *, merged: bool) -> tuple[str, list[Any]]:
    """SQL WHERE over the indexed columns shared by ``events`` and ``merged_events``."""
    clauses: list[str] = []
    args: list[Any] = []
    if q.since:
        clauses.append("date >= ?")
        args.append(q.since.isoformat())
    if q.until:
        clauses.append("date <= ?")
        args.append(q.until.isoformat())
    if q.types:
        values = sorted(t.value for t in q.types)
        clauses.append(f"type IN ({marks(values)})")
        args += values
    if q.actor:
        clauses.append("(actor_id = ? OR lower(actor_name) = lower(?))")
        args += [q.actor, q.actor]
    if q.place:
        if (number := as_number(q.place)) is not None:
            clauses.append("geonameid = ?")
            args.append(number)
        else:
            clauses.append("geonameid IN (SELECT geonameid FROM places WHERE name_key = ?)")
            args.append(name_key(q.place))
    if q.country:
        clauses.append("country = ?")
        args.append(q.country.upper())
    if q.bbox:
        min_lon, min_lat, max_lon, max_lat = q.bbox
        clauses.append("lon BETWEEN ? AND ? AND lat BETWEEN ? AND ?")
        args += [min_lon, max_lon, min_lat, max_lat]
    if q.statuses:
        values = sorted(q.statuses)
        clauses.append(f"status IN ({marks(values)})")
        args += values
    if q.article_id:
        if merged:
            clauses.append(
                "id IN (SELECT merged_id FROM merged_members m JOIN events e"
                " ON e.id = m.event_id WHERE e.article_id = ?)"
            )
        else:
            clauses.append("article_id = ?")
        args.append(q.article_id)
    if not q.include_negated:
        clauses.append("status != 'denied'" if merged else "negated = 0 AND status != 'denied'")
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), args


def marks(values: Iterable[Any]) -> str:
    """``?, ?, ?`` for an IN list."""
    return ", ".join("?" for _ in values)


def to_json(obj: Any) -> str:
    """Canonical JSON (sorted keys): equal records give equal rows, so dumps compare."""
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def parse_date(s: str | None) -> dt.date | None:
    return dt.date.fromisoformat(s) if s else None
