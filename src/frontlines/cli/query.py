"""``frontlines events|control|timeline|check``: queries of the store, one library call each."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

import click

from frontlines.cli.common import parse_date, parse_types, table
from frontlines.records import EventType

F = TypeVar("F", bound=Callable[..., Any])
FORMAT = click.option(
    "--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True
)


def db_option(f: F) -> F:
    """``--db PATH`` (env ``FRONTLINES_DB``, default ``./frontlines.db``)."""
    return click.option(
        "--db",
        type=click.Path(dir_okay=False, path_type=Path),
        envvar="FRONTLINES_DB",
        default="frontlines.db",
        show_default=True,
        help="The store (SQLite file); env FRONTLINES_DB.",
    )(f)


def parse_priors(values: Iterable[str]) -> dict[str, str]:
    out = {}
    for v in values:
        cc, sep, actor = v.partition("=")
        if not sep or len(cc.strip()) != 2 or not actor.strip():
            raise click.BadParameter(f"{v!r} is not CC=ACTOR_ID (e.g. AF=afghan-forces)")
        out[cc.strip().upper()] = actor.strip()
    return out


def parse_bbox(
    ctx: click.Context, param: click.Parameter, value: str | None
) -> tuple[float, float, float, float] | None:
    if not value:
        return None
    try:
        a, b, c, d = (float(x) for x in value.split(","))
    except ValueError:
        raise click.BadParameter(f"{value!r} is not minlon,minlat,maxlon,maxlat") from None
    return a, b, c, d


def _open(db: Path) -> Any:
    from frontlines.store import Store

    return Store.open(db, readonly=True)


def _emit(records: Iterable[dict[str, Any]]) -> None:
    for r in records:
        click.echo(json.dumps(r, ensure_ascii=False))


def _d(day: dt.date | None) -> str:
    return day.isoformat() if day else "?"


@click.command("events")
@db_option
@click.option("--since", callback=parse_date, metavar="DATE", help="From this date (inclusive).")
@click.option("--until", callback=parse_date, metavar="DATE", help="To this date (inclusive).")
@click.option("--type", "types", callback=parse_types, help="Comma-separated event types.")
@click.option("--actor", help="Actor id or name.")
@click.option("--place", help="Place name (case/accent-insensitive) or geonameid.")
@click.option("--country", help="ISO 3166-1 alpha-2 code.")
@click.option("--bbox", callback=parse_bbox, help="minlon,minlat,maxlon,maxlat")
@click.option(
    "--status",
    "statuses",
    multiple=True,
    help="claimed, reported, confirmed, disputed, denied (repeatable).",
)
@click.option(
    "--merged/--raw",
    default=True,
    show_default=True,
    help="Merged (corroborated) events, or every article's report.",
)
@click.option("--limit", type=int, default=None)
@FORMAT
def events_command(
    db: Path,
    since: dt.date | None,
    until: dt.date | None,
    types: frozenset[EventType] | None,
    actor: str | None,
    place: str | None,
    country: str | None,
    bbox: tuple[float, float, float, float] | None,
    statuses: tuple[str, ...],
    merged: bool,
    limit: int | None,
    fmt: str,
) -> None:
    """List stored events, merged across articles by default."""
    from frontlines.store import EventQuery

    query = EventQuery(
        since=since,
        until=until,
        types=types,
        actor=actor,
        place=place,
        country=country,
        bbox=bbox,
        statuses=frozenset(statuses) or None,
        limit=limit,
    )
    with _open(db) as store:
        found = store.merged_events(query) if merged else store.events(query)
    if fmt == "jsonl":
        _emit(e.to_dict() for e in found)
        return
    rows = [
        [
            _d(e.date),
            e.type.value + (f" ({e.facility})" if e.facility else ""),
            e.actor.name if e.actor else "?",
            f"{e.place.name}, {e.place.country}" if e.place else "—",
            e.status.value + (" NEGATED" if not merged and e.negated else ""),
            str(e.article_count) if merged else e.article_id,
            e.id,
        ]
        for e in found
    ]
    heads = ["date", "type", "actor", "place", "status", "articles" if merged else "article", "id"]
    click.echo(table(rows, heads) if rows else "no events", err=not rows)


@click.command("control")
@db_option
@click.option("--as-of", "as_of", callback=parse_date, required=True, metavar="DATE")
@click.option("--country", help="ISO 3166-1 alpha-2 code.")
@click.option(
    "--kind",
    type=click.Choice(["all", "capital", "city"]),
    default="all",
    show_default=True,
    help="capital: national/provincial capitals.",
)
@FORMAT
def control_command(db: Path, as_of: dt.date, country: str | None, kind: Any, fmt: str) -> None:
    """Who holds which place on a date, with the number of places per controller."""
    with _open(db) as store:
        snap = store.control(as_of, country=country, kind=kind)
    if fmt == "jsonl":
        _emit(dict(r.to_dict(), as_of=as_of.isoformat()) for r in snap.rows)
        return
    rows = [
        [
            r.place.name,
            r.place.admin1 or "",
            r.controller.name if r.controller else "unknown",
            _d(r.since),
            r.status,
            f"{r.confidence:.2f}",
        ]
        for r in snap.rows
    ]
    click.echo(table(rows, ["place", "admin1", "controller", "since", "status", "confidence"]))
    click.echo("")
    total = sum(snap.counts.values())
    for name, n in sorted(snap.counts.items(), key=lambda kv: (-kv[1], kv[0])):
        click.echo(f"{name}: {n} of {total} {'places' if kind == 'all' else kind + ' places'}")


@click.command("timeline")
@click.argument("place", required=False)
@db_option
@click.option("--periods", is_flag=True, help="JSON Lines of periods instead of changes.")
@FORMAT
def timeline_command(place: str | None, db: Path, periods: bool, fmt: str) -> None:
    """The control timeline of PLACE (name or geonameid), or of every place."""
    with _open(db) as store:
        if place is not None and not store.places(place):
            raise click.ClickException(f"no stored place matches {place!r}")
        found = store.timeline(place)
        changes = store.changes(place)
    if fmt == "jsonl":
        _emit(p.to_dict() for p in found) if periods else _emit(c.to_dict() for c in changes)
        return
    rows = [
        [
            p.place.name,
            _d(p.since) if p.since else "(prior)",
            _d(p.until) if p.until else "",
            p.controller.name if p.controller else "unknown",
            p.status.value,
            f"{p.confidence:.2f}",
            str(len(p.evidence)),
        ]
        for p in found
    ]
    heads = ["place", "since", "until", "controller", "status", "confidence", "evidence"]
    click.echo(table(rows, heads) if rows else "no control events", err=not rows)


@click.command("check")
@db_option
@click.option(
    "--as-of",
    "as_of",
    callback=parse_date,
    metavar="DATE",
    help="Check every aggregate on this date instead of its own.",
)
@FORMAT
def check_command(db: Path, as_of: dt.date | None, fmt: str) -> None:
    """Compare counts stated in articles with the counts computed from the timelines."""
    with _open(db) as store:
        checks = store.check(as_of)
    if fmt == "jsonl":
        _emit(c.to_dict() for c in checks)
        return
    if not checks:
        click.echo("no stated aggregates in the store", err=True)
    for c in checks:
        a = c.aggregate
        who = a.actor.name if a.actor else "?"
        computed = "n/a" if c.computed is None else str(c.computed)
        gap = "" if c.gap in (None, 0) else f"  GAP {c.gap:+d}"
        click.echo(
            f"{a.article_id}: {who} {a.count} {a.of} as of {_d(c.as_of)}; computed {computed}{gap}"
        )
        if c.gap:
            click.echo(f"  held: {', '.join(p.name for p in c.held) or '—'}")
            click.echo(
                f"  not held (events seen): {', '.join(p.name for p in c.candidates) or '—'}"
            )
