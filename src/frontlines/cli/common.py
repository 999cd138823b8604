"""Options and helpers shared by the sub-commands that read articles."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import click

from frontlines.errors import FrontlinesError, ReadError
from frontlines.records import Article, EventType

F = TypeVar("F", bound=Callable[..., Any])


def parse_date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    from frontlines.sources.dates import check_range

    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None
    if param.name == "published":  # a publication date must be plausible, as in the inputs
        try:
            check_range(day)
        except ValueError as exc:
            raise click.BadParameter(str(exc)) from None
    return day


def parse_types(
    ctx: click.Context, param: click.Parameter, value: str | None
) -> frozenset[EventType] | None:
    if not value:
        return None
    out = set()
    for name in value.split(","):
        try:
            out.add(EventType(name.strip().lower()))
        except ValueError:
            known = ", ".join(t.value for t in EventType)
            raise click.BadParameter(f"unknown event type {name!r} (known: {known})") from None
    return frozenset(out)


def reading_options(f: F) -> F:
    """INPUTS plus --published, --strict and the data-file options."""
    for decorator in reversed(
        [
            click.argument("inputs", nargs=-1, type=click.Path(allow_dash=True)),
            click.option(
                "--published",
                callback=parse_date,
                metavar="DATE",
                help="Set or override the publication date (YYYY-MM-DD).",
            ),
            click.option("--strict", is_flag=True, help="Stop at the first bad input."),
            click.option(
                "--actors",
                "actor_files",
                multiple=True,
                type=click.Path(exists=True, path_type=Path),
                help="Extra actor dictionary (YAML), repeatable.",
            ),
            click.option(
                "--aliases",
                "alias_files",
                multiple=True,
                type=click.Path(exists=True, path_type=Path),
                help="Extra place alias file (TSV), repeatable.",
            ),
            click.option(
                "--lexicon",
                "lexicon_files",
                multiple=True,
                type=click.Path(exists=True, path_type=Path),
                help="Extra trigger lexicon (YAML), repeatable.",
            ),
        ]
    ):
        f = decorator(f)
    return f


@dataclass
class ErrorLog:
    """Problems of a batch run: reported on stderr as they happen, counted for the exit status.

    Skipped inputs (unreadable) and failed articles (extraction or store) both make a
    batch end with exit status 1; with ``--strict`` the first one stops it with status 2.
    """

    strict: bool = False
    skipped: int = 0
    failed: int = 0

    def __call__(self, error: ReadError) -> None:
        self.skipped += 1
        click.echo(f"skipped {error.origin}: {error.reason}", err=True)

    def failure(self, origin: str, stage: str, error: BaseException | str) -> None:
        """An article that was read but could not be extracted or stored."""
        detail = error if isinstance(error, str) else _describe(error)
        if self.strict:
            raise FrontlinesError(f"{origin}: {stage} failed: {detail}")
        self.failed += 1
        click.echo(f"failed {origin} ({stage}): {detail}", err=True)

    def on_extract_failure(self, article: Article, error: BaseException) -> None:
        """``run_pipeline``'s ``on_failure``: report the article and go on (or stop, strict)."""
        self.failure(article.origin or article.url or article.id, "extract", error)

    def summary(self) -> None:
        """Report the problems and end with exit status 1 if there were any, so that a script
        notices; everything readable has been processed (and stored) by then."""
        if self.skipped:
            click.echo(f"{self.skipped} input(s) skipped because of errors", err=True)
        if self.failed:
            click.echo(f"{self.failed} article(s) failed", err=True)
        if self.skipped or self.failed:
            raise SystemExit(1)


def _describe(error: BaseException) -> str:
    return str(error) if isinstance(error, FrontlinesError) else repr(error)


def articles(
    inputs: tuple[str, ...], published: dt.date | None, strict: bool, log: ErrorLog
) -> Iterable[Article]:
    """The inputs as a re-iterable source: Ray reads JSON Lines and Parquet itself from it."""
    from frontlines.scale.source import ArticleSource

    return ArticleSource(inputs or ("-",), published, strict, log)


def pipeline_config(
    actor_files: tuple[Path, ...], alias_files: tuple[Path, ...], lexicon_files: tuple[Path, ...]
) -> Any:
    from frontlines.pipeline import PipelineConfig

    return PipelineConfig(actors=actor_files, aliases=alias_files, lexicon=lexicon_files)


def table(rows: list[list[str]], headers: list[str]) -> str:
    """A plain fixed-width table: readable in a terminal, greppable, no dependency."""
    widths = [len(h) for h in headers]
    for row in rows:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
    widths = [min(w, 48) for w in widths]

    def line(cells: list[str]) -> str:
        return "  ".join(_clip(c, w).ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    return "\n".join([line(headers), line(["-" * w for w in widths]), *map(line, rows)])


def _clip(s: str, w: int) -> str:
    return s if len(s) <= w else s[: w - 1] + "…"
