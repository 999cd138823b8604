"""The embedded store: SQLite (WAL) holding articles, events, merged events and timelines.

Public API (the CLI and the HTTP API use only this)::

    from frontlines.store import Store, EventQuery

    with Store.open("frontlines.db") as store:          # creates + migrates if needed
        outcome = store.add(result)                      # ExtractionResult -> AddOutcome
        store.rebuild()                                  # re-merge dirty blocks + timelines
        store.events(EventQuery(types=frozenset({EventType.CAPTURE})))   # list[Event]
        store.merged_events(EventQuery(place="Kunduz"))  # list[MergedEvent]
        store.article("a1")                              # Article | None
        store.control(date(2021, 8, 12), country="AF", kind="capital")  # ControlSnapshot
        store.timeline("Kunduz")                         # list[ControlPeriod]
        store.changes("Kunduz")                          # list[ControlChange] (jsonl contract)
        store.aggregates(); store.check()                # stated counts vs computed

    Store.open(path, readonly=True)                      # for servers: queries only

``ingest`` (in ``frontlines.store.ingest``) streams articles through a pipeline into a store.
"""

from frontlines.store.db import DEFAULT_DB, ENV_DB, Store, default_db_path
from frontlines.store.merge import Member, MergedEvent, MergedStatus, merge_events
from frontlines.store.sql import aggregate_kind, name_key, place_matches_kind
from frontlines.store.types import (
    AddOutcome,
    AggregateCheck,
    BBox,
    ControlRow,
    ControlSnapshot,
    EventQuery,
    PlaceKindFilter,
    RebuildStats,
    StoreStats,
)
from frontlines.timeline import ControlChange, ControlPeriod, ControlStatus

__all__ = [
    "DEFAULT_DB",
    "ENV_DB",
    "AddOutcome",
    "AggregateCheck",
    "BBox",
    "ControlChange",
    "ControlPeriod",
    "ControlRow",
    "ControlSnapshot",
    "ControlStatus",
    "EventQuery",
    "Member",
    "MergedEvent",
    "MergedStatus",
    "PlaceKindFilter",
    "RebuildStats",
    "Store",
    "StoreStats",
    "aggregate_kind",
    "default_db_path",
    "merge_events",
    "name_key",
    "place_matches_kind",
]
