"""Stream articles through a pipeline into a store: idempotent, atomic per article.

Each article is written in its own savepoint inside a batch transaction committed every
``batch_size`` articles (or ``batch_seconds``): a crash loses at most the open batch, never
half an article, and a re-run skips what was committed (same id and content hash) without
even extracting it again. A run that stops on an error (``strict``, a reader's exception,
Ctrl-C) commits the articles it completed before it re-raises: each is whole in its savepoint.
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Callable, Iterable
from contextlib import ExitStack
from dataclasses import dataclass, field
from typing import Any, Protocol

from frontlines.errors import FrontlinesError
from frontlines.records import Article
from frontlines.store.db import Store
from frontlines.store.types import AddOutcome, RebuildStats, ResultLike


class Runner(Protocol):
    """Anything with ``Pipeline.run``'s shape (the real pipeline, a fake, a remote engine)."""

    def run(self, article: Article, /) -> ResultLike: ...


@dataclass(frozen=True, slots=True)
class DeadLetter:
    """An article that failed: where it came from, the stage and the error."""

    origin: str
    stage: str  # "extract" or "store"
    error: str


@dataclass(slots=True)
class IngestStats:
    """Counts of one ingest run (memory stays flat: only the first dead letters are kept)."""

    read: int = 0
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    failed: int = 0
    events: int = 0
    seconds: float = 0.0
    rebuild: RebuildStats | None = None
    dead_letters: list[DeadLetter] = field(default_factory=list)

    MAX_DEAD_LETTERS = 1000

    def count(self, outcome: AddOutcome) -> None:
        if outcome is AddOutcome.ADDED:
            self.added += 1
        elif outcome is AddOutcome.REPLACED:
            self.replaced += 1
        else:
            self.unchanged += 1

    def fail(self, letter: DeadLetter) -> None:
        self.failed += 1
        if len(self.dead_letters) < self.MAX_DEAD_LETTERS:
            self.dead_letters.append(letter)

    def to_dict(self) -> dict[str, Any]:
        return {
            "read": self.read,
            "added": self.added,
            "replaced": self.replaced,
            "unchanged": self.unchanged,
            "failed": self.failed,
            "events": self.events,
            "seconds": round(self.seconds, 3),
            "merged_events": self.rebuild.merged_events if self.rebuild else None,
        }


def ingest(
    store: Store,
    articles: Iterable[Article],
    pipeline: Runner,
    *,
    batch_size: int = 50,
    batch_seconds: float = 2.0,
    strict: bool = False,
    rebuild: bool = True,
    on_error: Callable[[DeadLetter], None] | None = None,
    on_article: Callable[[Article, AddOutcome | None], None] | None = None,
) -> IngestStats:
    """Extract and store every article; then re-merge and rebuild timelines (``rebuild``).

    A failing article goes to a dead letter (``on_error``) and the run goes on, unless
    ``strict``. ``on_article`` is called after each article (progress bars).
    """
    stats = IngestStats()
    started = time.perf_counter()
    with ExitStack() as batch:
        try:
            _store_all(store, articles, pipeline, batch, stats, batch_size, batch_seconds,
                       strict, on_error, on_article)
        except BaseException:
            # keep what was completed: every stored article is whole in its own savepoint
            with contextlib.suppress(sqlite3.Error):
                batch.close()
            raise
    if rebuild:
        stats.rebuild = store.rebuild()
    stats.seconds = time.perf_counter() - started
    return stats


def _store_all(
    store: Store,
    articles: Iterable[Article],
    pipeline: Runner,
    batch: ExitStack,
    stats: IngestStats,
    batch_size: int,
    batch_seconds: float,
    strict: bool,
    on_error: Callable[[DeadLetter], None] | None,
    on_article: Callable[[Article, AddOutcome | None], None] | None,
) -> None:
    """The loop of ``ingest``; ``batch`` holds the open batch transaction, if any."""
    pending, opened = 0, 0.0
    for article in articles:
        stats.read += 1
        outcome: AddOutcome | None = None
        if store.is_current(article):
            outcome = AddOutcome.UNCHANGED
            stats.count(outcome)
        else:
            try:
                result = pipeline.run(article)
            except Exception as exc:
                if strict:
                    raise FrontlinesError(f"{_origin(article)}: extraction failed: {exc}") from exc
                _dead(stats, on_error, DeadLetter(_origin(article), "extract", repr(exc)))
            else:
                if pending == 0:
                    batch.enter_context(store.transaction())
                    opened = time.perf_counter()
                try:
                    outcome = store.add(result)  # a savepoint: all of it or nothing
                except Exception as exc:
                    if strict:
                        raise FrontlinesError(f"{_origin(article)}: store failed: {exc!r}") from exc
                    _dead(stats, on_error, DeadLetter(_origin(article), "store", repr(exc)))
                else:
                    stats.count(outcome)
                    stats.events += len(result.events)
                pending += 1
                if pending >= batch_size or time.perf_counter() - opened > batch_seconds:
                    batch.close()  # commit the batch
                    pending = 0
        if on_article is not None:
            on_article(article, outcome)


def _dead(
    stats: IngestStats, on_error: Callable[[DeadLetter], None] | None, letter: DeadLetter
) -> None:
    stats.fail(letter)
    if on_error is not None:
        on_error(letter)


def _origin(article: Article) -> str:
    return article.origin or article.url or article.id
