"""The embedded SQLite store: articles, their events, merged events and control periods.

One ``Store`` wraps one connection; open one per thread (opening is cheap). Readers never
block the writer (WAL), and every article is written in its own (nested) transaction.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any

from frontlines.errors import FrontlinesError
from frontlines.records import (
    TERRITORIAL,
    Actor,
    ActorKind,
    Aggregate,
    Article,
    DatePrecision,
    Event,
    Place,
)
from frontlines.store.merge import MergedEvent, merge_events, place_components
from frontlines.store.schema import SCHEMA_VERSION, current_version, migrate
from frontlines.store.sql import (
    aggregate_from_dict,
    aggregate_kind,
    as_number,
    complete_event,
    dedupe_events,
    iso,
    marks,
    name_key,
    parse_date,
    place_matches_kind,
    to_json,
    where_clause,
)
from frontlines.store.types import (
    AddOutcome,
    AggregateCheck,
    ControlRow,
    ControlSnapshot,
    EventQuery,
    PlaceKindFilter,
    RebuildStats,
    ResultLike,
    StoreStats,
)
from frontlines.timeline import ControlChange, ControlPeriod, build_periods, changes_of

DEFAULT_DB = "frontlines.db"
ENV_DB = "FRONTLINES_DB"
_TERRITORIAL = tuple(sorted(t.value for t in TERRITORIAL))


def default_db_path() -> Path:
    """``$FRONTLINES_DB`` if set, else ``./frontlines.db``."""
    return Path(os.environ.get(ENV_DB) or DEFAULT_DB)


def block_of(e: Event | MergedEvent) -> str:
    """Merge works per (event type, country) block; re-merge redoes only dirty blocks."""
    return f"{e.type.value}|{e.place.country if e.place else ''}"


class Store:
    """The store. Use ``Store.open(path)`` as a context manager."""

    def __init__(self, db: sqlite3.Connection, path: Path, readonly: bool = False) -> None:
        self.db = db
        self.path = path
        self.readonly = readonly
        self._depth = 0

    # ----------------------------------------------------------------------- lifecycle

    @classmethod
    def open(cls, path: str | Path | None = None, *, readonly: bool = False) -> Store:
        """Open (creating and migrating if needed) the store at ``path``.

        ``path`` None means ``default_db_path()``. ``readonly`` opens an existing store for
        queries only (the HTTP server): it never migrates and cannot write.
        """
        p = Path(path) if path is not None else default_db_path()
        try:
            if readonly:
                if not p.exists():
                    raise FrontlinesError(f"{p}: no such store (run `frontlines ingest` first)")
                db = sqlite3.connect(
                    f"{p.resolve().as_uri()}?mode=ro",
                    uri=True,
                    isolation_level=None,
                    check_same_thread=False,
                )
            else:
                p.parent.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(p, isolation_level=None, check_same_thread=False)
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=NORMAL")
            db.execute("PRAGMA foreign_keys=ON")
            db.execute("PRAGMA busy_timeout=10000")
            if readonly:
                version = current_version(db)
                if version != SCHEMA_VERSION:
                    raise FrontlinesError(
                        f"{p}: schema version {version}, expected {SCHEMA_VERSION}: "
                        "open it once for writing to migrate"
                    )
            else:
                migrate(db)
        except sqlite3.DatabaseError as exc:
            raise FrontlinesError(f"{p}: not a frontlines store ({exc})") from exc
        return cls(db, p, readonly)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """A transaction that nests: the outermost is BEGIN IMMEDIATE, inner ones savepoints.

        Rolling back an inner one (an exception) undoes only its own writes.
        """
        depth = self._depth
        self.db.execute("BEGIN IMMEDIATE" if depth == 0 else f"SAVEPOINT sp{depth}")
        self._depth += 1
        try:
            yield
        except BaseException:
            if depth == 0:
                self.db.execute("ROLLBACK")
            else:
                self.db.execute(f"ROLLBACK TO sp{depth}")
                self.db.execute(f"RELEASE sp{depth}")
            raise
        else:
            self.db.execute("COMMIT" if depth == 0 else f"RELEASE sp{depth}")
        finally:
            self._depth = depth

    @property
    def schema_version(self) -> int:
        return current_version(self.db)

    # ----------------------------------------------------------------------- writing

    def is_current(self, article: Article) -> bool:
        """True when this exact article (id and content hash) is stored: no need to extract."""
        row = self.db.execute(
            "SELECT content_hash FROM articles WHERE id = ?", (article.id,)
        ).fetchone()
        return row is not None and row[0] == article.content_hash

    def add(self, result: ResultLike) -> AddOutcome:
        """Store one article with its events, evidence, sources and aggregates, atomically.

        The same article again (same id and content hash) changes nothing; a new version of
        the same id (or URL) replaces the old one and its events. Touched (type, country)
        blocks are marked for re-merge by ``rebuild``.
        """
        article = result.article
        if self.is_current(article):
            return AddOutcome.UNCHANGED
        with self.transaction():
            old_ids = [
                r[0]
                for r in self.db.execute(
                    "SELECT id FROM articles WHERE id = ? OR (url IS NOT NULL AND url = ?)",
                    (article.id, article.url),
                )
            ]
            for old in old_ids:
                self._mark_dirty_article(old)
                self.db.execute("DELETE FROM articles WHERE id = ?", (old,))
            self._insert_article(article)
            for seq, e in enumerate(
                dedupe_events(complete_event(e, article) for e in result.events)
            ):
                self._insert_event(seq, e)
            for seq, agg in enumerate(result.aggregates):
                self.db.execute(
                    'INSERT INTO aggregates(article_id, seq, actor_id, count, "of", as_of, data)'
                    " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (
                        article.id,
                        seq,
                        agg.actor.id if agg.actor else None,
                        agg.count,
                        agg.of,
                        iso(agg.as_of),
                        to_json(agg.to_dict()),
                    ),
                )
        return AddOutcome.REPLACED if old_ids else AddOutcome.ADDED

    def _mark_dirty_article(self, article_id: str) -> None:
        self.db.execute(
            "INSERT OR IGNORE INTO dirty_blocks(block) SELECT DISTINCT type || '|' || "
            "COALESCE(country, '') FROM events WHERE article_id = ?",
            (article_id,),
        )

    def _insert_article(self, a: Article) -> None:
        self.db.execute(
            "INSERT INTO articles(id, url, content_hash, title, published, published_precision,"
            " outlet, origin, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                a.id,
                a.url,
                a.content_hash,
                a.title,
                iso(a.published),
                a.published_precision.value if a.published_precision else None,
                a.outlet,
                a.origin,
                a.text,
            ),
        )

    def _insert_event(self, seq: int, e: Event) -> None:
        p, actor = e.place, e.actor
        self.db.execute(
            "INSERT INTO events(id, article_id, seq, type, date, date_precision, geonameid,"
            " place_name, lat, lon, admin1, country, actor_id, actor_name, status, negated,"
            " modality, facility, published, data)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                e.id,
                e.article_id,
                seq,
                e.type.value,
                iso(e.date),
                e.date_precision.value,
                p.geonameid if p else None,
                p.name if p else None,
                p.lat if p else None,
                p.lon if p else None,
                p.admin1 if p else None,
                p.country if p else None,
                actor.id if actor else None,
                actor.name if actor else None,
                e.status.value,
                int(e.negated),
                e.modality.value,
                e.facility,
                iso(e.published),
                to_json(e.to_dict()),
            ),
        )
        self.db.executemany(
            'INSERT INTO evidence(event_id, seq, sentence, start, "end", trigger_start,'
            " trigger_end, trigger_text, rule) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    e.id,
                    i,
                    v.sentence,
                    v.start,
                    v.end,
                    v.trigger.start,
                    v.trigger.end,
                    v.trigger.text,
                    v.rule,
                )
                for i, v in enumerate(e.evidence)
            ],
        )
        self.db.executemany(
            "INSERT INTO sources(event_id, seq, text, type) VALUES (?, ?, ?, ?)",
            [(e.id, i, s.text, s.type.value) for i, s in enumerate(e.sources)],
        )
        if p is not None:
            self.db.execute(
                "INSERT OR REPLACE INTO places(geonameid, name_key, country, data)"
                " VALUES (?, ?, ?, ?)",
                (p.geonameid, name_key(p.name), p.country, to_json(p.to_dict())),
            )
        self.db.execute("INSERT OR IGNORE INTO dirty_blocks(block) VALUES (?)", (block_of(e),))

    # ----------------------------------------------------------------------- re-merge

    def rebuild(self, *, full: bool = False) -> RebuildStats:
        """Re-merge dirty blocks (or all, ``full``) and rebuild the affected timelines.

        Deterministic: an incremental rebuild gives the same rows as a full one, whatever the
        order articles were added in. Runs in one transaction.
        """
        with self.transaction():
            if full:
                blocks = [
                    r[0]
                    for r in self.db.execute(
                        "SELECT DISTINCT type || '|' || COALESCE(country, '') FROM events"
                        " UNION SELECT block FROM merged_events"
                    )
                ]
            else:
                blocks = [r[0] for r in self.db.execute("SELECT block FROM dirty_blocks")]
            places: set[int] = set()
            for block in sorted(blocks):
                places |= self._remerge_block(block)
            self.db.execute("DELETE FROM dirty_blocks")
            if full:
                self.db.execute("DELETE FROM control_periods")
                places |= {
                    r[0]
                    for r in self.db.execute(
                        "SELECT DISTINCT geonameid FROM merged_events WHERE geonameid IS NOT NULL"
                        f" AND type IN ({marks(_TERRITORIAL)})",
                        _TERRITORIAL,
                    )
                }
            priors = self.priors()
            for gid in sorted(places):
                self._rebuild_timeline(gid, priors)
            count = self.db.execute("SELECT COUNT(*) FROM merged_events").fetchone()[0]
        return RebuildStats(blocks=len(blocks), merged_events=int(count), places=len(places))

    def _remerge_block(self, block: str) -> set[int]:
        """Replace the merged events of one block; returns the territorial places touched."""
        etype, country = block.split("|", 1)
        territorial = etype in _TERRITORIAL
        touched: set[int] = set()
        if territorial:
            touched |= {
                r[0]
                for r in self.db.execute(
                    "SELECT geonameid FROM merged_events WHERE block = ? AND geonameid NOT NULL",
                    (block,),
                )
            }
        self.db.execute("DELETE FROM merged_events WHERE block = ?", (block,))
        where = "type = ? AND COALESCE(country, '') = ?"
        places = self.db.execute(
            f"SELECT DISTINCT geonameid, lat, lon FROM events WHERE {where} AND geonameid NOT NULL",
            (etype, country),
        ).fetchall()
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS merge_group (geonameid INTEGER)")
        groups: list[list[int] | None] = [*place_components(places), None]  # None: no place
        for group in groups:
            self.db.execute("DELETE FROM merge_group")
            if group is None:
                select = f"SELECT data FROM events WHERE {where} AND geonameid IS NULL"
            else:
                self.db.executemany(
                    "INSERT INTO merge_group(geonameid) VALUES (?)", [(g,) for g in group]
                )
                select = (
                    f"SELECT data FROM events WHERE {where}"
                    " AND geonameid IN (SELECT geonameid FROM merge_group)"
                )
            rows = self.db.execute(select, (etype, country))
            for m in merge_events(_lean_event(r[0]) for r in rows):
                self._insert_merged(block, m)
                if territorial and m.place is not None:
                    touched.add(m.place.geonameid)
        return touched

    def _insert_merged(self, block: str, m: MergedEvent) -> None:
        p, actor = m.place, m.actor
        self.db.execute(
            "INSERT INTO merged_events(id, block, type, date, geonameid, lat, lon, admin1,"
            " country, actor_id, actor_name, status, facility, article_count, first_report,"
            " data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                m.id,
                block,
                m.type.value,
                iso(m.date),
                p.geonameid if p else None,
                p.lat if p else None,
                p.lon if p else None,
                p.admin1 if p else None,
                p.country if p else None,
                actor.id if actor else None,
                actor.name if actor else None,
                m.status.value,
                m.facility,
                m.article_count,
                iso(m.first_report),
                to_json(m.to_dict()),
            ),
        )
        self.db.executemany(
            "INSERT INTO merged_members(merged_id, event_id) VALUES (?, ?)",
            [(m.id, x.event_id) for x in m.members],
        )

    def _rebuild_timeline(self, geonameid: int, priors: Mapping[str, Actor]) -> None:
        self.db.execute("DELETE FROM control_periods WHERE geonameid = ?", (geonameid,))
        place = self._place(geonameid)
        if place is None:
            return
        rows = self.db.execute(
            f"SELECT data FROM merged_events WHERE geonameid = ? AND type IN"
            f" ({marks(_TERRITORIAL)}) ORDER BY id",
            (geonameid, *_TERRITORIAL),
        )
        merged = [MergedEvent.from_dict(json.loads(r[0])) for r in rows]
        periods = build_periods(place, merged, prior=priors.get(place.country))
        self.db.executemany(
            "INSERT INTO control_periods(geonameid, seq, since, until, controller_id, status,"
            " data) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    geonameid,
                    i,
                    iso(c.since),
                    iso(c.until),
                    c.controller.id if c.controller else None,
                    c.status.value,
                    to_json(c.to_dict()),
                )
                for i, c in enumerate(periods)
            ],
        )

    # ----------------------------------------------------------------------- priors

    def priors(self) -> dict[str, Actor]:
        """Country (ISO alpha-2) -> the actor holding its places before any event."""
        row = self.db.execute("SELECT value FROM meta WHERE key = 'priors'").fetchone()
        if not row:
            return {}
        return {cc: Actor.from_dict(a) for cc, a in json.loads(row[0]).items()}

    def set_priors(self, priors: Mapping[str, str | Actor]) -> None:
        """Set the priors (an actor id resolves against stored events) and rebuild timelines.

        E.g. ``{"AF": "afghan-forces"}``: Afghan places are held by the Afghan forces until
        an event says otherwise. Unchanged priors cost nothing.
        """
        resolved = {cc: a if isinstance(a, Actor) else self._actor(a) for cc, a in priors.items()}
        value = to_json({cc: a.to_dict() for cc, a in sorted(resolved.items())})
        row = self.db.execute("SELECT value FROM meta WHERE key = 'priors'").fetchone()
        if row and row[0] == value:
            return
        with self.transaction():
            self.db.execute(
                "INSERT OR REPLACE INTO meta(key, value) VALUES ('priors', ?)", (value,)
            )
            self.rebuild(full=True)

    def _actor(self, actor_id: str) -> Actor:
        row = self.db.execute(
            "SELECT data FROM events WHERE actor_id = ? LIMIT 1", (actor_id,)
        ).fetchone()
        if row:
            actor = json.loads(row[0])["actor"]
            return Actor.from_dict(actor)
        return Actor(actor_id, actor_id, ActorKind.OTHER)

    # ----------------------------------------------------------------------- reading

    def article(self, article_id: str) -> Article | None:
        """The stored article, or None."""
        row = self.db.execute(
            "SELECT id, text, title, url, published, published_precision, outlet, origin"
            " FROM articles WHERE id = ?",
            (article_id,),
        ).fetchone()
        if row is None:
            return None
        return Article(
            id=row[0],
            text=row[1],
            title=row[2],
            url=row[3],
            published=parse_date(row[4]),
            published_precision=DatePrecision(row[5]) if row[5] else None,
            outlet=row[6],
            origin=row[7],
        )

    def events(self, query: EventQuery | None = None) -> list[Event]:
        """Raw events (one per article report), by date then id."""
        where, args = where_clause(query or EventQuery(), merged=False)
        rows = self._paged("events", where, args, query)
        return [Event.from_dict(json.loads(r[0])) for r in rows]

    def event(self, event_id: str) -> Event | None:
        row = self.db.execute("SELECT data FROM events WHERE id = ?", (event_id,)).fetchone()
        return Event.from_dict(json.loads(row[0])) if row else None

    def merged_events(self, query: EventQuery | None = None) -> list[MergedEvent]:
        """Merged (corroborated) events, by date then id. Run ``rebuild`` after adding."""
        where, args = where_clause(query or EventQuery(), merged=True)
        rows = self._paged("merged_events", where, args, query)
        return [MergedEvent.from_dict(json.loads(r[0])) for r in rows]

    def merged_event(self, merged_id: str) -> MergedEvent | None:
        row = self.db.execute(
            "SELECT data FROM merged_events WHERE id = ?", (merged_id,)
        ).fetchone()
        return MergedEvent.from_dict(json.loads(row[0])) if row else None

    def merged_of(self, event_id: str) -> str | None:
        """The merged event a raw event belongs to."""
        row = self.db.execute(
            "SELECT merged_id FROM merged_members WHERE event_id = ?", (event_id,)
        ).fetchone()
        return str(row[0]) if row else None

    def aggregates(self) -> list[Aggregate]:
        """Counts stated in articles ("twelve provincial capitals"), by article."""
        rows = self.db.execute("SELECT data FROM aggregates ORDER BY article_id, seq")
        return [aggregate_from_dict(json.loads(r[0])) for r in rows]

    def places(self, query: str | int | None = None) -> list[Place]:
        """Places seen in events; ``query`` is a geonameid or a name (case/accent-insensitive)."""
        number = None if query is None else as_number(query)
        if query is None:
            rows = self.db.execute("SELECT data FROM places ORDER BY geonameid")
        elif number is not None:
            rows = self.db.execute("SELECT data FROM places WHERE geonameid = ?", (number,))
        else:
            rows = self.db.execute(
                "SELECT data FROM places WHERE name_key = ? ORDER BY geonameid",
                (name_key(str(query)),),
            )
        return [Place.from_dict(json.loads(r[0])) for r in rows]

    def _place(self, geonameid: int) -> Place | None:
        found = self.places(geonameid)
        return found[0] if found else None

    def timeline(self, place: str | int | None = None) -> list[ControlPeriod]:
        """Control periods of one place (name or geonameid) or of all, by place then date."""
        places = {p.geonameid: p for p in self.places(place)}
        if not places:
            return []
        rows = self.db.execute(
            "SELECT geonameid, data FROM control_periods"
            + ("" if place is None else f" WHERE geonameid IN ({marks(places)})")
            + " ORDER BY geonameid, seq",
            () if place is None else tuple(places),
        )
        return [ControlPeriod.from_dict(json.loads(d), places[g]) for g, d in rows]

    def changes(self, place: str | int | None = None) -> list[ControlChange]:
        """Changes of controller (the ``timeline --format jsonl`` contract)."""
        periods = self.timeline(place)
        out: list[ControlChange] = []
        start = 0
        for i in range(1, len(periods) + 1):
            if i == len(periods) or periods[i].place.geonameid != periods[start].place.geonameid:
                out.extend(changes_of(periods[start:i]))
                start = i
        return out

    def control(
        self, as_of: dt.date, country: str | None = None, kind: PlaceKindFilter = "all"
    ) -> ControlSnapshot:
        """Who holds each known place on ``as_of``, with place counts per controller name."""
        rows: list[ControlRow] = []
        for period in self.timeline():
            p = period.place
            if not period.covers(as_of) or (country and p.country != country.upper()):
                continue
            if not place_matches_kind(p, kind):
                continue
            rows.append(
                ControlRow(
                    p,
                    period.controller,
                    period.since,
                    period.status.value,
                    period.confidence,
                    period.evidence,
                )
            )
        rows.sort(key=lambda r: (r.place.country, r.place.name, r.place.geonameid))
        counts = Counter(r.controller.name if r.controller else "unknown" for r in rows)
        return ControlSnapshot(as_of, tuple(rows), dict(sorted(counts.items())))

    def check(self, as_of: dt.date | None = None) -> list[AggregateCheck]:
        """Compare each stated aggregate with the count computed on its date (or ``as_of``)."""
        out: list[AggregateCheck] = []
        for agg in self.aggregates():
            day = as_of or agg.as_of or self._published(agg.article_id)
            kind = aggregate_kind(agg.of)
            if agg.actor is None or day is None:
                out.append(AggregateCheck(agg, day, kind, None, (), ()))
                continue
            snap = self.control(day, country=agg.actor.country, kind=kind)
            held = tuple(
                r.place for r in snap.rows if r.controller and r.controller.id == agg.actor.id
            )
            held_ids = {p.geonameid for p in held}
            cand = self.db.execute(
                f"SELECT DISTINCT geonameid FROM merged_events WHERE actor_id = ? AND type IN"
                f" ({marks(_TERRITORIAL)}) AND geonameid NOT NULL AND facility IS NULL"
                " AND (date IS NULL OR date <= ?)",
                (agg.actor.id, *_TERRITORIAL, day.isoformat()),
            )
            candidates = tuple(
                p
                for (g,) in cand
                if g not in held_ids
                for p in self.places(int(g))
                if place_matches_kind(p, kind)
                and (not agg.actor.country or p.country == agg.actor.country)
            )
            out.append(AggregateCheck(agg, day, kind, len(held), held, candidates))
        return out

    def _published(self, article_id: str) -> dt.date | None:
        row = self.db.execute(
            "SELECT published FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return parse_date(row[0]) if row else None

    def stats(self) -> StoreStats:
        def n(table: str) -> int:
            return int(self.db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])

        return StoreStats(
            articles=n("articles"),
            events=n("events"),
            merged_events=n("merged_events"),
            aggregates=n("aggregates"),
            places=n("places"),
            schema_version=self.schema_version,
        )

    def dump(self) -> Iterator[str]:
        """Every row of every table, sorted, one line each: equal dumps mean equal stores."""
        tables = [
            r[0]
            for r in self.db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        for table in tables:
            rows = self.db.execute(f'SELECT * FROM "{table}"').fetchall()
            yield from sorted(json.dumps([table, *r], default=str) for r in rows)

    # ----------------------------------------------------------------------- helpers

    def _paged(
        self, table: str, where: str, args: list[Any], q: EventQuery | None
    ) -> Iterable[Any]:
        """Rows of ``table`` by date then id. A page is chosen on the narrow (id, date) rows
        first and only its JSON is read: sorting whole rows made deep pages slow."""
        order = " ORDER BY date IS NULL, date, id"
        if q is None or (q.limit is None and not q.offset):
            return self.db.execute(f"SELECT data FROM {table}{where}{order}", args)
        page = f"SELECT id FROM {table}{where}{order} LIMIT ? OFFSET ?"
        limit = -1 if q.limit is None else q.limit
        return self.db.execute(
            f"SELECT data FROM {table} WHERE id IN ({page}){order}", [*args, limit, q.offset]
        )


def _lean_event(data: str) -> Event:
    """An event with only what the merge reads: memory of a re-merge grows with block size."""
    d = json.loads(data)
    d["explain"], d["persons"], d["evidence"] = [], [], d["evidence"][:1]
    return Event.from_dict(d)
