"""The embedded engine: this process, or a pool of worker processes with ordered output.

Workers are spawned (not forked: a forked copy of a process holding SQLite handles or threads
is unsafe) and each loads its own ``Pipeline`` once. Articles travel in small chunks, so the
per-task pickling overhead is paid once per chunk, and a bounded window of chunks is in flight,
so memory stays flat however long the input is. Results come back strictly in input order.
"""

from __future__ import annotations

import itertools
import multiprocessing
import pickle
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from frontlines.pipeline import ExtractionResult, Pipeline, PipelineConfig
from frontlines.records import Article, EventType

#: Articles per task: amortises pickling and queue round trips (~2 kB articles, ~5 ms each).
CHUNK = 8
#: Chunks in flight per worker: keeps workers busy while the parent consumes results.
IN_FLIGHT_PER_WORKER = 4

OnFailure = Callable[[Article, BaseException], None]


def run_local(
    articles: Iterable[Article],
    *,
    config: PipelineConfig | None = None,
    jobs: int = 1,
    types: frozenset[EventType] | None = None,
    include_all: bool = False,
    on_failure: OnFailure | None = None,
    pipeline: Pipeline | None = None,
) -> Iterator[ExtractionResult]:
    """Results in input order. A failing article raises, or goes to ``on_failure`` and is skipped.

    ``pipeline`` reuses an already loaded pipeline in-process (jobs=1 only; benchmarks, tests).
    """
    if jobs <= 1:
        pipe = pipeline or Pipeline.load(config)
        for article in articles:
            try:
                result = pipe.run(article, types=types, include_all=include_all)
            except Exception as exc:
                if on_failure is None:
                    raise
                on_failure(article, exc)
                continue
            yield result
        return
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        jobs, mp_context=ctx, initializer=_init, initargs=(config, types, include_all)
    ) as pool:
        window: deque[tuple[list[Article], Future[list[ExtractionResult | BaseException]]]]
        window = deque()
        chunks = _chunks(iter(articles), CHUNK)
        for chunk in itertools.islice(chunks, jobs * IN_FLIGHT_PER_WORKER):
            window.append((chunk, pool.submit(_work, chunk)))
        while window:
            chunk, head = window.popleft()
            nxt = next(chunks, None)
            if nxt is not None:
                window.append((nxt, pool.submit(_work, nxt)))
            for article, outcome in zip(chunk, head.result(), strict=True):
                if isinstance(outcome, BaseException):
                    if on_failure is None:
                        raise outcome
                    on_failure(article, outcome)
                else:
                    yield outcome


def _chunks(source: Iterator[Article], size: int) -> Iterator[list[Article]]:
    while chunk := list(itertools.islice(source, size)):
        yield chunk


_STATE: dict[str, Any] = {}  # per worker process: its own pipeline, set once by the initializer


def _init(
    config: PipelineConfig | None, types: frozenset[EventType] | None, include_all: bool
) -> None:
    _STATE["pipeline"] = Pipeline.load(config)
    _STATE["types"] = types
    _STATE["include_all"] = include_all


def _work(chunk: list[Article]) -> list[ExtractionResult | BaseException]:
    """One chunk; a failing article becomes its (picklable) exception, not the chunk's."""
    pipeline: Pipeline = _STATE["pipeline"]
    out: list[ExtractionResult | BaseException] = []
    for article in chunk:
        try:
            out.append(
                pipeline.run(article, types=_STATE["types"], include_all=_STATE["include_all"])
            )
        except Exception as exc:
            out.append(_picklable(exc))
    return out


def _picklable(exc: BaseException) -> BaseException:
    try:
        pickle.dumps(exc)
    except Exception:
        return RuntimeError(repr(exc))
    return exc


class PipelineProcess:
    """``Pipeline.run`` in one spawned worker process, for a caller that must stay responsive.

    The HTTP server extracts posted articles here: extraction is pure Python, and in a thread
    of the server it would hold the GIL that every read request needs (reads slowed ~40x
    during a long ingest). A worker that died (killed, out of memory) is replaced on the next
    call; the article it was working on fails with the pool's error.
    """

    def __init__(self, config: PipelineConfig | None = None) -> None:
        self._config = config
        self._pool: ProcessPoolExecutor | None = None

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                1,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_init,
                initargs=(self._config, None, False),
            )
        return self._pool

    def warm(self) -> None:
        """Start the worker and load its pipeline now rather than on the first article."""
        self._executor().submit(_work, []).result()

    def run(self, article: Article, /) -> ExtractionResult:
        try:
            [outcome] = self._executor().submit(_work, [article]).result()
        except BrokenProcessPool:
            self.close()  # a fresh worker next time
            raise
        if isinstance(outcome, BaseException):
            raise outcome
        return outcome

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
