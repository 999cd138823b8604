"""The store's schema as ordered migrations: migration N brings a database from N-1 to N.

Each migration is a function run inside one transaction with the version bump, so a crash
leaves the database at the old or the new version, never in between.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

Migration = Callable[[sqlite3.Connection], None]


def _v1_core(db: sqlite3.Connection) -> None:
    """Articles and what was extracted from each (events with evidence and sources)."""
    _script(
        db,
        """
        CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            url TEXT,
            content_hash TEXT NOT NULL,
            title TEXT,
            published TEXT,
            published_precision TEXT,
            outlet TEXT,
            origin TEXT,
            text TEXT NOT NULL
        );
        CREATE INDEX articles_url ON articles(url);
        CREATE TABLE events (
            id TEXT PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            type TEXT NOT NULL,
            date TEXT,
            date_precision TEXT NOT NULL,
            geonameid INTEGER,
            place_name TEXT,
            lat REAL,
            lon REAL,
            admin1 TEXT,
            country TEXT,
            actor_id TEXT,
            actor_name TEXT,
            status TEXT NOT NULL,
            negated INTEGER NOT NULL,
            modality TEXT NOT NULL,
            facility TEXT,
            published TEXT,
            data TEXT NOT NULL
        );
        CREATE INDEX events_article ON events(article_id);
        CREATE INDEX events_type_date ON events(type, date);
        CREATE INDEX events_place ON events(geonameid);
        CREATE INDEX events_actor ON events(actor_id);
        CREATE INDEX events_lonlat ON events(lon, lat);
        CREATE TABLE evidence (
            event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            sentence TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            trigger_start INTEGER NOT NULL,
            trigger_end INTEGER NOT NULL,
            trigger_text TEXT NOT NULL,
            rule TEXT NOT NULL,
            PRIMARY KEY (event_id, seq)
        );
        CREATE TABLE sources (
            event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            text TEXT NOT NULL,
            type TEXT NOT NULL,
            PRIMARY KEY (event_id, seq)
        );
        CREATE TABLE aggregates (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            actor_id TEXT,
            count INTEGER NOT NULL,
            "of" TEXT NOT NULL,
            as_of TEXT,
            data TEXT NOT NULL,
            PRIMARY KEY (article_id, seq)
        );
        """,
    )


def _v2_merge_and_timeline(db: sqlite3.Connection) -> None:
    """Merged events, their member links, control periods, and the re-merge work list.

    Every existing (type, country) block is marked dirty, so the next rebuild merges the
    events stored by version 1.
    """
    _script(
        db,
        """
        CREATE TABLE merged_events (
            id TEXT PRIMARY KEY,
            block TEXT NOT NULL,
            type TEXT NOT NULL,
            date TEXT,
            geonameid INTEGER,
            lat REAL,
            lon REAL,
            admin1 TEXT,
            country TEXT,
            actor_id TEXT,
            actor_name TEXT,
            status TEXT NOT NULL,
            facility TEXT,
            article_count INTEGER NOT NULL,
            first_report TEXT,
            data TEXT NOT NULL
        );
        CREATE INDEX merged_block ON merged_events(block);
        CREATE INDEX merged_type_date ON merged_events(type, date);
        CREATE INDEX merged_place ON merged_events(geonameid);
        CREATE TABLE merged_members (
            merged_id TEXT NOT NULL REFERENCES merged_events(id) ON DELETE CASCADE,
            event_id TEXT NOT NULL,
            PRIMARY KEY (merged_id, event_id)
        );
        CREATE INDEX merged_members_event ON merged_members(event_id);
        CREATE TABLE places (
            geonameid INTEGER PRIMARY KEY,
            name_key TEXT NOT NULL,
            country TEXT NOT NULL,
            data TEXT NOT NULL
        );
        CREATE INDEX places_name ON places(name_key);
        CREATE TABLE control_periods (
            geonameid INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            since TEXT,
            until TEXT,
            controller_id TEXT,
            status TEXT NOT NULL,
            data TEXT NOT NULL,
            PRIMARY KEY (geonameid, seq)
        );
        CREATE TABLE dirty_blocks (block TEXT PRIMARY KEY);
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        INSERT OR IGNORE INTO dirty_blocks(block)
            SELECT DISTINCT type || '|' || COALESCE(country, '') FROM events;
        """,
    )


def _script(db: sqlite3.Connection, script: str) -> None:
    """Run statements one by one: ``executescript`` would commit the open transaction."""
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            db.execute(statement)
            statement = ""


MIGRATIONS: tuple[Migration, ...] = (_v1_core, _v2_merge_and_timeline)
SCHEMA_VERSION = len(MIGRATIONS)


def current_version(db: sqlite3.Connection) -> int:
    has = db.execute(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='schema_version'"
    ).fetchone()
    if not has:
        return 0
    row = db.execute("SELECT MAX(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def migrate(db: sqlite3.Connection, target: int = SCHEMA_VERSION) -> int:
    """Apply the missing migrations up to ``target`` (autocommit connection); returns it."""
    version = current_version(db)
    if version > SCHEMA_VERSION:
        from frontlines.errors import FrontlinesError

        raise FrontlinesError(
            f"database schema version {version} is newer than this frontlines "
            f"({SCHEMA_VERSION}): upgrade frontlines"
        )
    for n in range(version + 1, target + 1):
        db.execute("BEGIN IMMEDIATE")
        try:
            db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            MIGRATIONS[n - 1](db)
            db.execute("INSERT INTO schema_version(version) VALUES (?)", (n,))
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
    return max(version, target)
