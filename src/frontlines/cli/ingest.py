"""``frontlines ingest``: extract articles and store them (idempotent, atomic per article)."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import click

from frontlines.cli.common import ErrorLog, articles, pipeline_config, reading_options
from frontlines.cli.query import db_option, parse_priors
from frontlines.errors import FrontlinesError
from frontlines.records import Actor, Article
from frontlines.store.types import AddOutcome


class Progress:
    """A one-line progress report on stderr (count, rate, outcomes), redrawn at most 5x/s."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.started = time.perf_counter()
        self.last = 0.0
        self.n = 0
        self.outcomes: dict[str, int] = {}

    def __call__(self, article: Article, outcome: AddOutcome | None) -> None:
        self.n += 1
        key = outcome.value if outcome else "failed"
        self.outcomes[key] = self.outcomes.get(key, 0) + 1
        now = time.perf_counter()
        if self.enabled and now - self.last > 0.2:
            self.last = now
            self.draw(now)

    def draw(self, now: float) -> None:
        rate = self.n / max(now - self.started, 1e-9)
        parts = ", ".join(f"{v} {k}" for k, v in sorted(self.outcomes.items()))
        click.echo(f"\r{self.n} articles ({rate:,.1f}/s): {parts}\x1b[K", err=True, nl=False)

    def done(self) -> None:
        if self.enabled and self.n:
            self.draw(time.perf_counter())
            click.echo(err=True)


def resolve_priors(priors: dict[str, str], pipeline: Any) -> dict[str, Actor | str]:
    """Prior actor ids (or names) looked up in the pipeline's actor dictionary."""
    lexicon = getattr(
        getattr(getattr(pipeline, "annotator", None), "actors", None), "lexicon", None
    )
    entries = getattr(lexicon, "entries", {})
    actors = [e.actor for e in entries.values()]
    out: dict[str, Actor | str] = {}
    for cc, wanted in priors.items():
        found = next(
            (
                a
                for a in actors
                if wanted in (a.id, a.name) or wanted.casefold() == a.name.casefold()
            ),
            None,
        )
        if found is None:
            click.echo(f"warning: prior actor {wanted!r} is not in the actor dictionary", err=True)
        out[cc] = found or wanted
    return out


@click.command("ingest")
@reading_options
@db_option
@click.option("--batch-size", default=50, show_default=True, help="Articles per commit.")
@click.option(
    "--prior",
    "priors",
    multiple=True,
    metavar="CC=ACTOR",
    help="Who holds a country's places before any event, e.g. AF=afghan-forces.",
)
@click.option("--full-rebuild", is_flag=True, help="Re-merge everything, not only what changed.")
@click.option("--progress/--no-progress", default=None, help="Progress line (default: on a tty).")
@click.option("--jobs", "-j", default=1, show_default=True,
              help="Worker processes (with --engine ray: Ray actors).")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True)
@click.option("--address", default=None, help="Ray cluster address (with --engine ray).")
@click.option("--output-dir", type=click.Path(path_type=Path), default=None,
              help="With --engine ray: also write the Parquet partitions there.")
def command(
    inputs: tuple[str, ...],
    published: Any,
    strict: bool,
    actor_files: tuple[Path, ...],
    alias_files: tuple[Path, ...],
    lexicon_files: tuple[Path, ...],
    db: Path,
    batch_size: int,
    priors: tuple[str, ...],
    full_rebuild: bool,
    progress: bool | None,
    jobs: int,
    engine: str,
    address: str | None,
    output_dir: Path | None,
) -> None:
    """Extract INPUTS (files, directories, JSON Lines; "-" for stdin) into the store.

    Re-running is safe: unchanged articles are skipped, new versions replace old ones.
    """
    from frontlines.pipeline import Pipeline
    from frontlines.store import Store
    from frontlines.store.ingest import DeadLetter, ingest

    log = ErrorLog(strict)
    config = pipeline_config(actor_files, alias_files, lexicon_files)
    batch_engine = jobs > 1 or engine != "local"
    pipeline = None if batch_engine else Pipeline.load(config)
    bar = Progress(sys.stderr.isatty() if progress is None else progress)

    def dead(letter: DeadLetter) -> None:
        if bar.enabled:
            click.echo(err=True)  # off the progress line
        log.failure(letter.origin, letter.stage, letter.error)

    with Store.open(db) as store:
        stream: Iterable[Article] = articles(inputs, published, strict, log)
        runner: Any = pipeline
        if batch_engine:  # a process pool or Ray computes ahead; ingest stores in order
            from frontlines.scale import ArticleSource
            from frontlines.scale.runner import EngineRunner

            runner = EngineRunner(
                ArticleSource(inputs, published, strict, log), config=config, jobs=jobs,
                engine=engine, address=address, output_dir=output_dir,
                is_current=store.is_current,
            )
            stream = runner.articles()
        try:
            stats = ingest(
                store,
                stream,
                runner,
                batch_size=batch_size,
                strict=strict,
                rebuild=False,
                on_error=dead,
                on_article=bar,
            )
        except FrontlinesError:  # --strict stopped: what was stored before it is merged too
            bar.done()
            store.rebuild(full=full_rebuild)
            raise
        bar.done()
        if priors:
            store.set_priors(
                resolve_priors(parse_priors(priors), pipeline or Pipeline.load(config))
            )
        stats.rebuild = store.rebuild(full=full_rebuild)
    click.echo(
        f"{stats.read} articles: {stats.added} added, {stats.replaced} replaced, "
        f"{stats.unchanged} unchanged, {stats.failed + log.skipped} failed; "
        f"{stats.events} events, {stats.rebuild.merged_events} merged events in {db}",
        err=True,
    )
    log.summary()
