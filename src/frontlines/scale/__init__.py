"""Running the pipeline over many articles: in this process, a process pool, or Ray.

Every engine runs the same ``Pipeline`` and yields results in input order, so the output of a
run does not depend on the engine or the number of workers. Ray is optional and imported only
when asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from frontlines.pipeline import ExtractionResult, PipelineConfig
from frontlines.records import Article, EventType
from frontlines.scale.progress import progress
from frontlines.scale.source import ArticleSource

__all__ = ["ArticleSource", "progress", "run_pipeline"]

ENGINES = ("local", "ray")


def run_pipeline(
    articles: Iterable[Article],
    *,
    config: PipelineConfig | None = None,
    jobs: int = 1,
    engine: str = "local",
    address: str | None = None,
    output_dir: Path | None = None,
    types: frozenset[EventType] | None = None,
    include_all: bool = False,
    on_failure: Callable[[Article, BaseException], None] | None = None,
) -> Iterator[ExtractionResult]:
    """Results in input order, whatever the engine, so every run's output is deterministic.

    ``jobs`` is the number of worker processes (Ray: actors, and the CPUs of a local Ray).
    An article whose extraction fails raises, or, with ``on_failure``, is reported and
    skipped. With ``engine="ray"`` and an ``ArticleSource`` of JSON Lines or Parquet inputs,
    the Ray workers read the inputs themselves; ``output_dir`` receives Parquet partitions.
    """
    if engine == "ray":
        from frontlines.scale.ray_engine import run_ray

        return run_ray(
            articles,
            config=config,
            jobs=jobs,
            address=address,
            output_dir=output_dir,
            types=types,
            include_all=include_all,
            on_failure=on_failure,
        )
    if engine != "local":
        raise ValueError(f"unknown engine {engine!r} (known: {', '.join(ENGINES)})")
    from frontlines.scale.local import run_local

    return run_local(
        articles,
        config=config,
        jobs=jobs,
        types=types,
        include_all=include_all,
        on_failure=on_failure,
    )
