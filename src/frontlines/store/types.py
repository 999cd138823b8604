"""Query and result records of the store API (shared by the CLI and the HTTP API)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal, Protocol

from frontlines.records import Actor, Aggregate, Article, Event, EventType, Place
from frontlines.timeline.model import place_brief

PlaceKindFilter = Literal["all", "capital", "city"]
BBox = tuple[float, float, float, float]  # min lon, min lat, max lon, max lat


class ResultLike(Protocol):
    """What ``Store.add`` reads: ``frontlines.pipeline.ExtractionResult`` has these fields."""

    @property
    def article(self) -> Article: ...
    @property
    def events(self) -> tuple[Event, ...]: ...
    @property
    def aggregates(self) -> tuple[Aggregate, ...]: ...


class AddOutcome(StrEnum):
    """What ``Store.add`` did with one article."""

    ADDED = "added"  # a new article id
    UNCHANGED = "unchanged"  # same id and content hash: nothing written
    REPLACED = "replaced"  # same id, new content: its events were replaced


@dataclass(frozen=True, slots=True)
class EventQuery:
    """Filters shared by raw and merged event queries; None means "no filter".

    ``actor`` matches an actor id exactly or a name case-insensitively; ``place`` matches a
    geonameid (digits) or a place name (case- and accent-insensitive). Dates are inclusive and
    compare the event date (events without a date never match a date filter).
    """

    since: dt.date | None = None
    until: dt.date | None = None
    types: frozenset[EventType] | None = None
    actor: str | None = None
    place: str | None = None
    country: str | None = None
    bbox: BBox | None = None
    statuses: frozenset[str] | None = None  # Status values; merged also accepts "disputed"
    article_id: str | None = None
    include_negated: bool = True
    limit: int | None = None
    offset: int = 0


@dataclass(frozen=True, slots=True)
class ControlRow:
    """Who holds one place on the ``as_of`` date of a ``ControlSnapshot``."""

    place: Place
    controller: Actor | None
    since: dt.date | None
    status: str  # a ControlStatus value
    confidence: float
    evidence: tuple[str, ...]  # merged event ids

    def to_dict(self) -> dict[str, Any]:
        return {
            "place": place_brief(self.place),
            "controller": self.controller.name if self.controller else None,
            "controller_id": self.controller.id if self.controller else None,
            "since": self.since.isoformat() if self.since else None,
            "status": self.status,
            "confidence": round(self.confidence, 3),
            "evidence": list(self.evidence),
        }


@dataclass(frozen=True, slots=True)
class ControlSnapshot:
    """Control of every known place on one date, with place counts per controller name."""

    as_of: dt.date
    rows: tuple[ControlRow, ...]
    counts: dict[str, int] = field(default_factory=dict)  # controller name ("unknown") -> places


@dataclass(frozen=True, slots=True)
class AggregateCheck:
    """A count stated in an article against the count computed from the timelines."""

    aggregate: Aggregate
    as_of: dt.date | None
    kind: PlaceKindFilter
    computed: int | None  # None when the aggregate cannot be checked (no actor or no date)
    held: tuple[Place, ...]  # places the actor holds on ``as_of``
    candidates: tuple[Place, ...]  # places with the actor's territorial events, not held

    @property
    def gap(self) -> int | None:
        return None if self.computed is None else self.aggregate.count - self.computed

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.aggregate.article_id,
            "actor": self.aggregate.actor.name if self.aggregate.actor else None,
            "stated": self.aggregate.count,
            "of": self.aggregate.of,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "kind": self.kind,
            "computed": self.computed,
            "gap": self.gap,
            "held": [p.name for p in self.held],
            "candidates": [p.name for p in self.candidates],
            "evidence": self.aggregate.evidence.sentence,
        }


@dataclass(frozen=True, slots=True)
class RebuildStats:
    """What a re-merge did: blocks are (event type, country) groups."""

    blocks: int
    merged_events: int
    places: int


@dataclass(frozen=True, slots=True)
class StoreStats:
    articles: int
    events: int
    merged_events: int
    aggregates: int
    places: int
    schema_version: int
