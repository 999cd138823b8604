"""Answers that depend only on the store version: control snapshots, places, the page's meta.

Why: ``Store.control`` re-reads and re-parses every control period on each call (about
300 ms for 10,000 events), and the page asks for a snapshot at every step of the slider. The
periods do not depend on the date asked, so they are loaded once per store version (SQLite's
``PRAGMA data_version`` changes when any other connection commits, e.g. an ingest), each
row's JSON is rendered once, and a snapshot is then a filter over pre-rendered rows.

The filter mirrors ``Store.control`` exactly (same periods, same order, same counts); a test
compares the two on every day of the sample store. ``/places`` and ``/meta`` (read by every
page load) are kept per version the same way.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections import Counter, OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from frontlines.store import ControlRow, PlaceKindFilter, Store, place_matches_kind

MAX_SNAPSHOTS = 512


@dataclass(frozen=True, slots=True)
class _Entry:
    """One control period, pre-rendered as its ``ControlRow`` JSON."""

    since: dt.date | None
    until: dt.date | None
    country: str
    capital: bool
    city: bool
    controller: str  # name, or "unknown" (the key of ``counts``)
    row: bytes


@dataclass(slots=True)
class _Version:
    number: int
    entries: tuple[_Entry, ...]  # in the order Store.control returns rows
    bodies: dict[str, bytes] = field(default_factory=dict)  # other answers of this version


def _dumps(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class ReadCache:
    """Thread-safe; owns one read-only connection used only by the cache, under its lock."""

    def __init__(self, path: Path) -> None:
        self._store = Store.open(path, readonly=True)
        self._lock = threading.Lock()
        self._version: _Version | None = None
        self._answers: OrderedDict[tuple[str, str, str], bytes] = OrderedDict()

    def close(self) -> None:
        with self._lock:
            self._store.close()

    def _current(self) -> _Version:
        """The cached periods, reloaded when another connection has committed since."""
        number = int(self._store.db.execute("PRAGMA data_version").fetchone()[0])
        if self._version is not None and self._version.number == number:
            return self._version
        entries: list[tuple[tuple[str, str, int], _Entry]] = []
        for period in self._store.timeline():
            p = period.place
            row = ControlRow(
                p,
                period.controller,
                period.since,
                period.status.value,
                period.confidence,
                period.evidence,
            )
            entry = _Entry(
                since=period.since,
                until=period.until,
                country=p.country,
                capital=place_matches_kind(p, "capital"),
                city=place_matches_kind(p, "city"),
                controller=period.controller.name if period.controller else "unknown",
                row=_dumps(row.to_dict()),
            )
            entries.append(((p.country, p.name, p.geonameid), entry))
        entries.sort(key=lambda x: x[0])  # stable: a place's periods keep their order
        self._version = _Version(number, tuple(e for _, e in entries))
        self._answers.clear()
        return self._version

    def control_json(self, as_of: dt.date, country: str | None, kind: PlaceKindFilter) -> bytes:
        """The ``GET /control`` body (``ControlOut``), already serialised."""
        cc = country.upper() if country else None
        key = (as_of.isoformat(), cc or "", kind)
        with self._lock:
            version = self._current()
            cached = self._answers.get(key)
            if cached is not None:
                self._answers.move_to_end(key)
                return cached
        rows: list[bytes] = []
        counts: Counter[str] = Counter()
        for e in version.entries:
            if e.since is not None and as_of < e.since:
                continue
            if e.until is not None and as_of >= e.until:
                continue
            if cc and e.country != cc:
                continue
            if (kind == "capital" and not e.capital) or (kind == "city" and not e.city):
                continue
            rows.append(e.row)
            counts[e.controller] += 1
        head = {
            "as_of": as_of.isoformat(),
            "country": cc,
            "kind": kind,
            "counts": dict(sorted(counts.items())),
        }
        body = _dumps(head)[:-1] + b',"rows":[' + b",".join(rows) + b"]}"
        with self._lock:
            if self._version is version:
                self._answers[key] = body
                while len(self._answers) > MAX_SNAPSHOTS:
                    self._answers.popitem(last=False)
        return body

    def body(self, key: str, make: Callable[[Store], bytes]) -> bytes:
        """``make(store)`` computed once per store version (e.g. the ``/places`` body)."""
        with self._lock:
            version = self._current()
            cached = version.bodies.get(key)
            if cached is None:
                cached = version.bodies[key] = make(self._store)
            return cached
