"""``frontlines extract``: events from articles, as a table or JSON Lines."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from frontlines.cli.common import (
    ErrorLog,
    articles,
    parse_types,
    pipeline_config,
    reading_options,
    table,
)
from frontlines.records import Event, EventType


@click.command("extract")
@reading_options
@click.option(
    "--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True
)
@click.option("--types", callback=parse_types, help="Comma-separated event types to keep.")
@click.option(
    "--all",
    "include_all",
    is_flag=True,
    help="Also show negated, attempted and future events (flagged).",
)
@click.option("--explain", is_flag=True, help="Print the evidence and the rule behind every field.")
@click.option(
    "--aggregates", is_flag=True, help="Also print stated counts (JSON Lines: kind=aggregate)."
)
@click.option(
    "--jobs", "-j", default=1, show_default=True, help="Worker processes (ordered output)."
)
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True)
@click.option("--address", default=None, help="Ray cluster address (with --engine ray).")
@click.option(
    "--output-dir",
    type=click.Path(path_type=Path),
    default=None,
    help="With --engine ray: where to write the Parquet partitions.",
)
def command(
    inputs: tuple[str, ...],
    published: Any,
    strict: bool,
    actor_files: tuple[Path, ...],
    alias_files: tuple[Path, ...],
    lexicon_files: tuple[Path, ...],
    fmt: str,
    types: frozenset[EventType] | None,
    include_all: bool,
    explain: bool,
    aggregates: bool,
    jobs: int,
    engine: str,
    address: str | None,
    output_dir: Path | None,
) -> None:
    """Extract events from INPUTS (files, directories, JSON Lines; "-" or nothing for stdin)."""
    from frontlines.scale import run_pipeline

    log = ErrorLog(strict)
    config = pipeline_config(actor_files, alias_files, lexicon_files)
    rows: list[list[str]] = []
    results = run_pipeline(
        articles(inputs, published, strict, log),
        config=config,
        jobs=jobs,
        engine=engine,
        address=address,
        output_dir=output_dir,
        types=types,
        include_all=include_all,
        on_failure=log.on_extract_failure,
    )
    for result in results:
        for event in result.events:
            if fmt == "jsonl":
                click.echo(json.dumps(event.to_dict(), ensure_ascii=False))
            else:
                rows.append(_row(event))
                if explain:
                    click.echo(" | ".join(rows.pop()))
                    click.echo(_explain(event))
        if aggregates:
            for agg in result.aggregates:
                if fmt == "jsonl":
                    click.echo(json.dumps(agg.to_dict(), ensure_ascii=False))
                else:
                    who = agg.actor.name if agg.actor else "?"
                    rows.append(
                        [
                            agg.article_id,
                            "aggregate",
                            str(agg.as_of or ""),
                            f"{agg.count} {agg.of}",
                            who,
                            "",
                            "",
                        ]
                    )
    if fmt == "table":
        if rows:
            click.echo(
                table(rows, ["article", "type", "date", "place", "actor", "status", "sources"])
            )
        else:
            click.echo("no events found", err=True)
    log.summary()


def _row(e: Event) -> list[str]:
    flags = []
    if e.negated:
        flags.append("NEGATED")
    if e.modality.value != "asserted":
        flags.append(e.modality.value.upper())
    place = "—"
    if e.place is not None:
        place = f"{e.place.name} ({e.place.admin1 or '?'}, {e.place.country})"
        if e.facility:
            place = f"{e.facility.replace('_', ' ')}, {place}"
    date = e.date.isoformat() if e.date else "?"
    if e.date_source.value == "published":
        date += "*"
    return [
        e.article_id,
        e.type.value + (f" [{' '.join(flags)}]" if flags else ""),
        date,
        place,
        e.actor.name if e.actor else "?",
        e.status.value,
        "; ".join(s.text for s in e.sources) or "—",
    ]


def _explain(e: Event) -> str:
    lines = [
        f"    evidence: {ev.sentence!r} [{ev.start}:{ev.end}] trigger {ev.trigger.text!r} "
        f"({ev.rule})"
        for ev in e.evidence
    ]
    for x in e.explanations:
        where = f" {x.span.text!r}@{x.span.start}" if x.span else ""
        lines.append(f"    {x.field} = {x.value!r}{where} <- {x.rule}")
    return "\n".join(lines)
