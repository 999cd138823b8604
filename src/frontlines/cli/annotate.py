"""``frontlines annotate``: what was understood in an article, with spans."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from frontlines.cli.common import ErrorLog, articles, pipeline_config, reading_options, table
from frontlines.records import AnnotatedDocument


@click.command("annotate")
@reading_options
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
def command(
    inputs: tuple[str, ...],
    published: Any,
    strict: bool,
    actor_files: tuple[Path, ...],
    alias_files: tuple[Path, ...],
    lexicon_files: tuple[Path, ...],
    fmt: str,
) -> None:
    """Show every resolved place, date and actor in INPUTS with its span."""
    from frontlines.pipeline import Pipeline

    log = ErrorLog(strict)
    pipeline = Pipeline.load(pipeline_config(actor_files, alias_files, lexicon_files))
    for article in articles(inputs, published, strict, log):
        try:
            doc = pipeline.annotate(article)
        except Exception as exc:  # one article's failure must not end the batch
            log.failure(article.origin or article.id, "annotate", exc)
            continue
        if fmt == "json":
            click.echo(json.dumps(document_json(doc), ensure_ascii=False))
        else:
            pub = article.published.isoformat() if article.published else "unknown"
            click.echo(
                f"# {article.id}  published {pub}  countries {', '.join(doc.countries) or '?'}"
            )
            click.echo(table(document_rows(doc), ["kind", "span", "text", "resolved", "rule"]))
            click.echo()
    log.summary()


def document_rows(doc: AnnotatedDocument) -> list[list[str]]:
    rows: list[tuple[int, list[str]]] = []
    for p in doc.places:
        pl = p.place
        what = (
            f"{pl.name} [{pl.kind.value}] {pl.admin1 or ''} {pl.country} "
            f"({pl.lat:.3f},{pl.lon:.3f}) #{pl.geonameid}"
            if pl
            else "unresolved"
        )
        if p.facility:
            what = f"{p.facility} in {what}"
        rows.append(
            (
                p.span.start,
                [
                    "place",
                    f"{p.span.start}-{p.span.end}",
                    p.span.text,
                    what,
                    f"{p.rule} ({p.confidence:.2f})",
                ],
            )
        )
    for t in doc.times:
        value = t.value.isoformat() if t.value else f"unresolved: {t.note or ''}"
        if t.end and t.end != t.value:
            value += f"..{t.end.isoformat()}"
        rows.append(
            (
                t.span.start,
                [
                    "date",
                    f"{t.span.start}-{t.span.end}",
                    t.span.text,
                    f"{value} ({t.precision.value})",
                    t.rule,
                ],
            )
        )
    for a in doc.actors:
        who = (
            f"{a.actor.name} [{a.actor.kind.value}, {a.actor.country or '-'}]"
            if a.actor
            else "unresolved"
        )
        rows.append(
            (
                a.span.start,
                [
                    "actor",
                    f"{a.span.start}-{a.span.end}",
                    a.span.text,
                    who + (" (generic)" if a.generic else ""),
                    f"{a.rule} ({a.confidence:.2f})",
                ],
            )
        )
    return [r for _, r in sorted(rows, key=lambda x: x[0])]


def document_json(doc: AnnotatedDocument) -> dict[str, Any]:
    return {
        "article": {k: v for k, v in doc.article.to_dict().items() if k != "text"},
        "countries": list(doc.countries),
        "places": [
            {
                "span": p.span.to_dict(),
                "place": p.place.to_dict() if p.place else None,
                "facility": p.facility,
                "confidence": p.confidence,
                "rule": p.rule,
            }
            for p in doc.places
        ],
        "dates": [
            {
                "span": t.span.to_dict(),
                "value": t.value.isoformat() if t.value else None,
                "end": t.end.isoformat() if t.end else None,
                "precision": t.precision.value,
                "part_of_day": t.part_of_day,
                "rule": t.rule,
                "note": t.note,
            }
            for t in doc.times
        ],
        "actors": [
            {
                "span": a.span.to_dict(),
                "actor": a.actor.to_dict() if a.actor else None,
                "generic": a.generic,
                "confidence": a.confidence,
                "rule": a.rule,
            }
            for a in doc.actors
        ],
    }
