"""Running the pipeline over many articles: in this process, a process pool, or Ray."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from frontlines.pipeline import ExtractionResult, PipelineConfig
from frontlines.records import Article, EventType

__all__ = ["run_pipeline"]


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
) -> Iterator[ExtractionResult]:
    """Results in input order, whatever the engine, so every run's output is deterministic."""
    if engine == "ray":
        from frontlines.scale.ray_engine import run_ray

        return run_ray(articles, config=config, address=address, output_dir=output_dir,
                       types=types, include_all=include_all)
    from frontlines.scale.local import run_local

    return run_local(articles, config=config, jobs=jobs, types=types, include_all=include_all)
