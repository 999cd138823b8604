"""The Ray engine: the same ``Pipeline`` on Ray Data, results back in input order.

Plan: read (workers read JSON Lines / Parquet themselves via ``ArticleDatasource``; any other
input is read by the driver and shipped in windows) -> ``map_batches`` with ``_Extract``, a
class-based UDF so each actor loads the pipeline once -> ``iter_batches`` on the driver with
``preserve_order``, which streams results back in input order with bounded memory. With
``output_dir`` each returned block is also written as one Parquet partition (one row per
article, events as JSON), by the driver: the results flow through it anyway, and writing
there keeps the partitions numbered in input order.

Ray is an optional extra; it is imported only here, with a clear error when missing.
"""

from __future__ import annotations

import itertools
import json
import logging
import os
import pickle
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from frontlines.errors import FrontlinesError, ReadError
from frontlines.pipeline import ExtractionResult, PipelineConfig
from frontlines.records import Article, EventType
from frontlines.scale.source import ArticleSource, is_url

log = logging.getLogger(__name__)

#: Articles per UDF call: large enough to amortise Ray's per-batch cost, small for latency.
BATCH_SIZE = 32
#: Articles the driver reads and ships at a time when Ray cannot read the inputs itself.
WINDOW = 4096

OnFailure = Callable[[Article, BaseException], None]


def _import_ray() -> Any:
    try:
        import ray
        import ray.data
    except ImportError as exc:
        raise FrontlinesError(
            "the Ray engine needs Ray: pip install 'frontlines[ray]' (ray[data], pyarrow)"
        ) from exc
    return ray


def run_ray(
    articles: Iterable[Article],
    *,
    config: PipelineConfig | None = None,
    jobs: int = 1,
    address: str | None = None,
    output_dir: Path | str | None = None,
    types: frozenset[EventType] | None = None,
    include_all: bool = False,
    on_failure: OnFailure | None = None,
) -> Iterator[ExtractionResult]:
    """Run the pipeline on Ray; see ``frontlines.scale.run_pipeline`` for the contract.

    A local Ray with ``jobs`` CPUs starts when none is running and ``address`` is None (and
    is shut down at the end); ``address`` joins a cluster, where ``jobs`` <= 1 means one actor
    per cluster CPU. Checks (Ray installed, output directory usable) happen before iteration.
    """
    ray = _import_ray()
    out = _prepare_output(output_dir) if output_dir is not None else None
    return _run(ray, articles, config=config, jobs=jobs, address=address, out=out,
                types=types, include_all=include_all, on_failure=on_failure)


def _run(
    ray: Any,
    articles: Iterable[Article],
    *,
    config: PipelineConfig | None,
    jobs: int,
    address: str | None,
    out: tuple[Any, str] | None,
    types: frozenset[EventType] | None,
    include_all: bool,
    on_failure: OnFailure | None,
) -> Iterator[ExtractionResult]:
    started_here = _start(ray, address, jobs)
    try:
        actors = max(1, jobs)
        if address is not None and jobs <= 1:
            actors = max(1, int(ray.cluster_resources().get("CPU", 1)))
        udf_args = (config, types, include_all, out is not None)
        source = articles if isinstance(articles, ArticleSource) else None
        fmt = source.input_format() if source is not None else None
        datasets: Iterator[Any]
        if source is not None and fmt is not None:
            datasets = iter([_read_inputs(ray, source, fmt)])
        else:
            datasets = (_from_articles(ray, window) for window in _windows(articles, WINDOW))
        strict = source.strict if source is not None else False
        on_error = source.on_error if source is not None else None
        part = 0
        for ds in datasets:
            # Ray's default actor restarts are kept (fault tolerance on a cluster); Ray logs
            # one line about it at start-up (ray-project/ray#53727), harmless here.
            mapped = ds.map_batches(
                _Extract,
                fn_constructor_args=udf_args,
                batch_size=BATCH_SIZE,
                batch_format="pyarrow",
                compute=ray.data.ActorPoolStrategy(size=actors),
                num_cpus=1,
            )
            for table in mapped.iter_batches(batch_size=None, batch_format="pyarrow"):
                if out is not None and table.num_rows:
                    _write_partition(out, part, table)
                    part += 1
                yield from _unpack(table, strict, on_error, on_failure)
    finally:
        if started_here:
            ray.shutdown()


# --------------------------------------------------------------------------- ray setup


def _start(ray: Any, address: str | None, jobs: int) -> bool:
    """Start (or join) Ray quietly; True when this call started it (so it must stop it)."""
    from ray.data import DataContext

    ctx = DataContext.get_current()
    ctx.execution_options.preserve_order = True  # results in input order, deterministic
    ctx.enable_progress_bars = False  # the CLI draws its own on stderr
    ctx.print_on_execution_start = False
    logging.getLogger("ray.data").setLevel(logging.ERROR)
    if ray.is_initialized():
        return False
    kwargs: dict[str, Any] = {
        "include_dashboard": False,
        "logging_level": logging.ERROR,
        "log_to_driver": False,
        "configure_logging": True,
    }
    if address is not None:
        ray.init(address=address, **kwargs)
    else:
        # One CPU per actor, plus a little room for the (cheap) read tasks beside them.
        ray.init(num_cpus=max(1, jobs) + 1, **kwargs)
    return True


# --------------------------------------------------------------------------- inputs


def _read_inputs(ray: Any, source: ArticleSource, fmt: str) -> Any:
    """Workers read the files: a dataset of (origin, pickled article, error) rows."""
    from frontlines.scale.ray_io import ArticleDatasource

    display = {_resolved(item): item for item in source.inputs}
    datasource = ArticleDatasource(
        list(source.inputs), fmt=fmt, display=display, published=source.published
    )
    return ray.data.read_datasource(datasource, num_cpus=0.5)


def _resolved(item: str) -> str:
    """The path string Ray hands to the datasource for a user-typed input."""
    if is_url(item):
        return item.split("://", 1)[1]
    return os.path.abspath(item)


def _windows(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(articles)
    while window := list(itertools.islice(it, size)):
        yield window


def _from_articles(ray: Any, window: list[Article]) -> Any:
    """Articles already read by the driver (stdin, directories, HTML...)."""
    rows = [
        {"origin": a.origin or a.id, "article": pickle.dumps(a, protocol=5), "error": None}
        for a in window
    ]
    return ray.data.from_items(rows)


# --------------------------------------------------------------------------- the UDF


class _Extract:
    """Class-based UDF: Ray builds one per actor, so the pipeline is loaded once per actor."""

    def __init__(
        self,
        config: PipelineConfig | None,
        types: frozenset[EventType] | None,
        include_all: bool,
        with_json: bool,
    ) -> None:
        from frontlines.pipeline import Pipeline

        self.pipeline = Pipeline.load(config)
        self.types = types
        self.include_all = include_all
        self.with_json = with_json

    def __call__(self, batch: Any) -> Any:
        import pyarrow as pa

        cols: dict[str, list[Any]] = {name: [] for name in RESULT_SCHEMA_FIELDS}
        for row in batch.to_pylist():
            origin, blob, error = row["origin"], row["article"], row["error"]
            article: Article | None = pickle.loads(blob) if blob is not None else None
            cols["origin"].append(origin)
            cols["article_id"].append(article.id if article else None)
            if article is None:
                _fill(cols, "read_error", error, None)
                continue
            try:
                result = self.pipeline.run(article, types=self.types, include_all=self.include_all)
            except Exception as exc:
                _fill(cols, "failed", repr(exc), None)
                cols["result"][-1] = blob  # the article, so the driver can name it
                continue
            _fill(cols, "ok", None, result, self.with_json)
        return pa.Table.from_pydict(cols, schema=_result_schema())


RESULT_SCHEMA_FIELDS = (
    "origin", "article_id", "kind", "error", "n_events", "events", "aggregates", "result",
)


def _result_schema() -> Any:
    import pyarrow as pa

    return pa.schema([
        ("origin", pa.string()),
        ("article_id", pa.string()),
        ("kind", pa.string()),  # "ok", "read_error" or "failed"
        ("error", pa.string()),
        ("n_events", pa.int32()),
        ("events", pa.string()),  # JSON array of Event.to_dict() (the JSON Lines contract)
        ("aggregates", pa.string()),  # JSON array of Aggregate.to_dict()
        ("result", pa.binary()),  # pickled ExtractionResult, for the driver only
    ])


def _fill(cols: dict[str, list[Any]], kind: str, error: str | None,
          result: ExtractionResult | None, with_json: bool = False) -> None:
    cols["kind"].append(kind)
    cols["error"].append(error)
    cols["n_events"].append(len(result.events) if result else None)
    if result is not None and with_json:
        cols["events"].append(json.dumps([e.to_dict() for e in result.events],
                                         ensure_ascii=False))
        cols["aggregates"].append(json.dumps([a.to_dict() for a in result.aggregates],
                                             ensure_ascii=False))
    else:
        cols["events"].append(None)
        cols["aggregates"].append(None)
    cols["result"].append(pickle.dumps(result, protocol=5) if result is not None else None)


# --------------------------------------------------------------------------- driver side


def _unpack(
    table: Any, strict: bool, on_error: Callable[[ReadError], None] | None,
    on_failure: OnFailure | None,
) -> Iterator[ExtractionResult]:
    kinds = table.column("kind").to_pylist()
    origins = table.column("origin").to_pylist()
    errors = table.column("error").to_pylist()
    blobs = table.column("result").to_pylist()
    for kind, origin, error, blob in zip(kinds, origins, errors, blobs, strict=True):
        if kind == "ok":
            yield pickle.loads(blob)
        elif kind == "read_error":
            err = ReadError(origin, error)
            if strict:
                raise err
            if on_error is not None:
                on_error(err)
            else:
                log.warning("skipped %s", err)
        else:
            article: Article = pickle.loads(blob)
            exc = RuntimeError(f"{origin}: extraction failed: {error}")
            if on_failure is None:
                raise FrontlinesError(str(exc))
            on_failure(article, exc)


def _prepare_output(output_dir: Path | str) -> tuple[Any, str]:
    """(pyarrow filesystem, base path) of an empty or new directory, local or fsspec URL."""
    _import_ray()
    import pyarrow.fs as pafs

    target = str(output_dir)
    if is_url(target):
        fs, base = pafs.FileSystem.from_uri(target)
    else:
        fs, base = pafs.LocalFileSystem(), os.path.abspath(target)
    info = fs.get_file_info(base)
    if info.type == pafs.FileType.File:
        raise FrontlinesError(f"{target}: --output-dir is a file, not a directory")
    if info.type == pafs.FileType.Directory and fs.get_file_info(
        pafs.FileSelector(base, recursive=False)
    ):
        raise FrontlinesError(
            f"{target}: --output-dir is not empty (partitions of an older run would mix in); "
            "choose a new directory"
        )
    fs.create_dir(base, recursive=True)
    return fs, base


def _write_partition(out: tuple[Any, str], index: int, table: Any) -> None:
    import pyarrow.parquet as pq

    fs, base = out
    # Read errors stay in (kind="read_error"): the partitions are also the dead-letter record.
    pq.write_table(table.drop_columns(["result"]), f"{base}/part-{index:05d}.parquet",
                   filesystem=fs)
