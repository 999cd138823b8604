"""The Ray engine gives the embedded engine's output, event for event, in the same order.

Runs on a local Ray (started once for the module); skipped only when Ray is not installed.
"""

from __future__ import annotations

import json
import pickle
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from scale_articles import write_jsonl

from frontlines.errors import FrontlinesError, ReadError
from frontlines.pipeline import ExtractionResult
from frontlines.scale import ArticleSource, run_pipeline

ray = pytest.importorskip("ray")
pq = pytest.importorskip("pyarrow.parquet")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module", autouse=True)
def local_ray() -> Iterator[None]:
    ray.init(num_cpus=3, include_dashboard=False, logging_level="ERROR", log_to_driver=False)
    yield
    ray.shutdown()


def _events(results: Any) -> list[str]:
    return [json.dumps(e.to_dict(), sort_keys=True) for r in results for e in r.events]


def _run(src: Any, **kw: Any) -> tuple[list[ExtractionResult], list[tuple[str, str]]]:
    errors: list[tuple[str, str]] = []
    if isinstance(src, ArticleSource):
        src = ArticleSource(src.inputs, on_error=lambda e: errors.append((e.origin, e.reason)))
    return list(run_pipeline(src, **kw)), errors


def test_ray_reads_jsonl_like_the_embedded_reader(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "news.jsonl", bad_lines=True, copies=3)
    src = ArticleSource((str(path),))
    local, local_errors = _run(src)
    remote, remote_errors = _run(src, engine="ray", jobs=2, output_dir=tmp_path / "out")
    assert [r.article for r in remote] == [r.article for r in local]  # ids, origins, dates
    assert _events(remote) == _events(local)
    assert len(_events(local)) > 10
    assert remote_errors == local_errors and len(local_errors) == 2
    table = pq.read_table(tmp_path / "out")
    ok = [k for k in table.column("kind").to_pylist() if k == "ok"]
    assert len(ok) == len(local)
    events = [e for s in table.column("events").to_pylist() if s for e in json.loads(s)]
    assert [json.dumps(e, sort_keys=True) for e in events] == _events(local)


def test_articles_read_by_the_driver_are_shipped(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "news.jsonl", copies=2)
    articles = list(ArticleSource((str(path),)))  # a plain list: Ray cannot read it itself
    local, _ = _run(articles)
    remote, _ = _run(articles, engine="ray", jobs=1)
    assert _events(remote) == _events(local)


def test_parquet_input(tmp_path: Path) -> None:
    import pyarrow as pa

    path = write_jsonl(tmp_path / "news.jsonl")
    rows = [json.loads(line) for line in path.read_text().splitlines()]
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "news.parquet")
    local, _ = _run(ArticleSource((str(path),)))
    remote, _ = _run(ArticleSource((str(tmp_path / "news.parquet"),)), engine="ray", jobs=2)
    assert [r.article.id for r in remote] == [r.article.id for r in local]
    assert _events(remote) == _events(local)


def test_strict_raises_the_first_read_error(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "news.jsonl", bad_lines=True)
    src = ArticleSource((str(path),), strict=True)
    with pytest.raises(ReadError, match=r"news.jsonl:4: malformed JSON"):
        list(run_pipeline(src, engine="ray"))


def test_output_dir_must_be_empty(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "old.parquet").write_bytes(b"")
    with pytest.raises(FrontlinesError, match="not empty"):
        run_pipeline([], engine="ray", output_dir=tmp_path / "out")


def test_lines_split_on_newline_only() -> None:
    import io

    from frontlines.scale.ray_io import _lines

    data = b'{"a": "x\xe2\x80\xa8y"}\n\n' + b"z" * 30 + b"\nlast"
    assert list(_lines(io.BytesIO(data), max_bytes=20)) == [
        b'{"a": "x\xe2\x80\xa8y"}\n', b"\n", None, b"last"]


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\n \n",
        b"[" * 1000 + b"]" * 1000 + b"\n",
        b'{"id": "s", "text": "Herat \\ud800 fell."}\n',
        b'{"id": "n", "published": 20210812, "text": "Herat fell on Thursday."}\n',
    ],
)
def test_ray_reader_names_hostile_lines_like_the_embedded_reader(
    tmp_path: Path, data: bytes
) -> None:
    """The datasource's parser on its own (no Ray run): same articles, same errors."""
    import io

    from frontlines.scale.ray_io import ArticleDatasource
    from frontlines.sources import DEFAULT_MAX_BYTES, iter_articles

    path = tmp_path / "hostile.jsonl"
    path.write_bytes(data)
    errors: list[ReadError] = []
    local = list(iter_articles([path], on_error=errors.append))
    reader = ArticleDatasource.__new__(ArticleDatasource)  # skip Ray's path expansion
    reader._max_bytes, reader._published = DEFAULT_MAX_BYTES, None
    rows = list(reader._jsonl(io.BytesIO(data), str(path), "hostile"))
    assert [(r["origin"], r["error"]) for r in rows if r["error"]] == [
        (e.origin, e.reason) for e in errors
    ]
    assert [pickle.loads(r["article"]) for r in rows if r["article"]] == local
