"""``frontlines export``: stored merged events as ACLED-style CSV, GeoJSON, JSON Lines, Parquet."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from frontlines.cli.common import parse_date, parse_types
from frontlines.cli.query import db_option
from frontlines.records import EventType


@click.command("export")
@db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["acled-csv", "geojson", "jsonl", "parquet"]),
    default="jsonl",
    show_default=True,
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Output file (default stdout; required for parquet).",
)
@click.option(
    "--control-as-of",
    "control_as_of",
    callback=parse_date,
    metavar="DATE",
    help="GeoJSON: add one point per place with its controller on DATE.",
)
@click.option("--since", callback=parse_date, metavar="DATE")
@click.option("--until", callback=parse_date, metavar="DATE")
@click.option("--type", "types", callback=parse_types, help="Comma-separated event types.")
@click.option("--country", help="ISO 3166-1 alpha-2 code.")
def command(
    db: Path,
    fmt: str,
    output: Path | None,
    control_as_of: dt.date | None,
    since: dt.date | None,
    until: dt.date | None,
    types: frozenset[EventType] | None,
    country: str | None,
) -> None:
    """Export the merged events of the store."""
    from frontlines.outputs import write_acled_csv, write_geojson, write_jsonl, write_parquet
    from frontlines.store import EventQuery, Store

    query = EventQuery(since=since, until=until, types=types, country=country)
    if fmt == "parquet" and output is None:
        raise click.UsageError("--format parquet needs -o FILE")
    with Store.open(db, readonly=True) as store:
        events = store.merged_events(query)
        control = store.control(control_as_of, country=country) if control_as_of else None
    if fmt == "parquet":
        assert output is not None
        n = write_parquet(events, output)
    else:
        out = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
        try:
            if fmt == "acled-csv":
                n = write_acled_csv(events, out)
            elif fmt == "geojson":
                n = write_geojson(events, out, control)
            else:
                n = write_jsonl(events, out)
        finally:
            if output:
                out.close()
    if output:
        click.echo(f"{n} records written to {output}", err=True)
