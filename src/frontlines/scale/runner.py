"""Feed an engine's ordered result stream to ``store.ingest`` without changing the ingest loop.

``frontlines.store.ingest.ingest(store, articles, runner)`` pulls one article, asks
``store.is_current`` and only then calls ``runner.run(article)``. A batch engine works the other
way round (results arrive in order, computed ahead in workers), so ``EngineRunner`` turns it
inside out: ``articles()`` yields each article when its outcome is known, and ``run`` returns
that outcome (or raises its error, which ingest dead-letters). The store loop, its savepoints,
batching and dead letters stay the single implementation.

Articles already in the store (same id and content hash) are not sent to the engine when the
driver reads the inputs (``is_current``); when Ray reads them itself they are extracted and then
skipped by ingest, which is correct, only slower.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from frontlines.pipeline import ExtractionResult, PipelineConfig
from frontlines.records import Article
from frontlines.scale.source import ArticleSource


class EngineRunner:
    """``Runner`` for ``store.ingest`` backed by ``run_pipeline`` (process pool or Ray)."""

    def __init__(
        self,
        articles: Iterable[Article],
        *,
        config: PipelineConfig | None = None,
        jobs: int = 1,
        engine: str = "local",
        address: str | None = None,
        output_dir: Path | None = None,
        is_current: Callable[[Article], bool] | None = None,
    ) -> None:
        self._articles = articles
        self._config = config
        self._jobs = jobs
        self._engine = engine
        self._address = address
        self._output_dir = output_dir
        self._is_current = is_current
        self._current: tuple[Article, ExtractionResult | BaseException] | None = None

    def run(self, article: Article, /) -> ExtractionResult:
        """The outcome computed for the article ``articles()`` just yielded."""
        if self._current is None or self._current[0] is not article:
            raise RuntimeError("EngineRunner.run called out of order with articles()")
        outcome = self._current[1]
        if isinstance(outcome, BaseException):
            raise outcome
        return outcome

    def articles(self) -> Iterator[Article]:
        """The input articles in order, each once its extraction (or failure) is known."""
        from frontlines.scale import run_pipeline

        # outcomes in input order: results, and failures reported through on_failure
        arrivals: deque[tuple[Article, ExtractionResult | BaseException]] = deque()
        # with a driver-side prefilter: every article read, and whether the store has it
        entries: deque[tuple[Article, bool]] = deque()
        driver_reads = not (self._engine == "ray" and isinstance(self._articles, ArticleSource)
                            and self._articles.input_format() is not None)
        prefilter = driver_reads and self._is_current is not None

        def feed() -> Iterator[Article]:
            for article in self._articles:
                current = self._is_current(article) if self._is_current is not None else False
                entries.append((article, current))
                if not current:
                    yield article

        results = run_pipeline(
            feed() if prefilter else self._articles,
            config=self._config,
            jobs=self._jobs,
            engine=self._engine,
            address=self._address,
            output_dir=self._output_dir,
            on_failure=lambda article, exc: arrivals.append((article, exc)),
        )

        def pull() -> bool:
            try:
                result = next(results)
            except StopIteration:
                return False
            arrivals.append((result.article, result))
            return True

        while True:
            if prefilter:
                if not entries:
                    # pulling reads input: it may queue skipped entries even when it ends
                    if not pull() and not entries:
                        return
                    continue
                article, current = entries.popleft()
                if current:
                    self._current = None
                    yield article  # ingest sees it is current and never calls run()
                    continue
                while not arrivals:
                    if not pull():
                        raise RuntimeError(f"engine returned no outcome for {article.id}")
                got = arrivals.popleft()
                self._current = (article, got[1])
                yield article
            else:
                if not arrivals and not pull():
                    return
                got = arrivals.popleft()
                self._current = got
                yield got[0]
