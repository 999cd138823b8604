"""The embedded engine: this process, or a pool of worker processes with ordered output."""

from __future__ import annotations

import itertools
import multiprocessing
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from frontlines.pipeline import ExtractionResult, Pipeline, PipelineConfig
from frontlines.records import Article, EventType

# Articles in flight per worker: enough to keep workers busy, small enough for flat memory.
IN_FLIGHT_PER_WORKER = 16


def run_local(
    articles: Iterable[Article],
    *,
    config: PipelineConfig | None = None,
    jobs: int = 1,
    types: frozenset[EventType] | None = None,
    include_all: bool = False,
) -> Iterator[ExtractionResult]:
    if jobs <= 1:
        pipeline = Pipeline.load(config)
        for article in articles:
            yield pipeline.run(article, types=types, include_all=include_all)
        return
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(jobs, mp_context=ctx, initializer=_init,
                             initargs=(config, types, include_all)) as pool:
        window: list[Future[ExtractionResult]] = []
        source = iter(articles)
        for article in itertools.islice(source, jobs * IN_FLIGHT_PER_WORKER):
            window.append(pool.submit(_work, article))
        while window:
            head = window.pop(0)
            nxt = next(source, None)
            if nxt is not None:
                window.append(pool.submit(_work, nxt))
            yield head.result()


_STATE: dict[str, Any] = {}  # per worker process: its own pipeline, set once by the initializer


def _init(config: PipelineConfig | None, types: frozenset[EventType] | None,
          include_all: bool) -> None:
    _STATE["pipeline"] = Pipeline.load(config)
    _STATE["types"] = types
    _STATE["include_all"] = include_all


def _work(article: Article) -> ExtractionResult:
    pipeline: Pipeline = _STATE["pipeline"]
    return pipeline.run(article, types=_STATE["types"], include_all=_STATE["include_all"])
