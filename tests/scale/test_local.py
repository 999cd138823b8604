"""The embedded engine: ordered, deterministic output whatever the number of workers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from scale_articles import write_jsonl

from frontlines.errors import ReadError
from frontlines.pipeline import ExtractionResult
from frontlines.records import Article
from frontlines.scale import ArticleSource, run_pipeline
from frontlines.scale.local import run_local


def _dump(results: object) -> list[str]:
    return [json.dumps(e.to_dict(), sort_keys=True) for r in results for e in r.events]  # type: ignore[attr-defined]


def test_jobs_2_equals_jobs_1(tmp_path: Path) -> None:
    src = ArticleSource((str(write_jsonl(tmp_path / "a.jsonl", copies=4)),))
    one = list(run_pipeline(src, jobs=1))
    two = list(run_pipeline(src, jobs=2))
    assert [r.article.id for r in two] == [r.article.id for r in one]
    assert _dump(two) == _dump(one)
    assert len(_dump(one)) > 5  # the corpus does produce events


def test_article_source_reports_read_errors(tmp_path: Path) -> None:
    errors: list[ReadError] = []
    src = ArticleSource((str(write_jsonl(tmp_path / "a.jsonl", bad_lines=True)),),
                        on_error=errors.append)
    ids = [a.id for a in src]
    assert len(ids) == 6
    assert [e.origin.rsplit(":", 1)[1] for e in errors] == ["4", "6"]


class _Flaky:
    """A pipeline that fails on one article, to test the failure path without a real bug."""

    def run(self, article: Article, **_: object) -> ExtractionResult:
        if article.id == "bad":
            raise ValueError("boom")
        return ExtractionResult(article, None, (), ())  # type: ignore[arg-type]


def test_failure_goes_to_on_failure_and_the_run_goes_on() -> None:
    arts = [Article(id=i, text="x") for i in ("a", "bad", "c")]
    failed: list[tuple[str, str]] = []
    out = run_local(arts, pipeline=_Flaky(),  # type: ignore[arg-type]
                    on_failure=lambda a, e: failed.append((a.id, str(e))))
    assert [r.article.id for r in out] == ["a", "c"]
    assert failed == [("bad", "boom")]


def test_failure_raises_without_on_failure() -> None:
    arts = [Article(id="bad", text="x")]
    with pytest.raises(ValueError, match="boom"):
        list(run_local(arts, pipeline=_Flaky()))  # type: ignore[arg-type]


def test_unknown_engine() -> None:
    with pytest.raises(ValueError, match="unknown engine"):
        run_pipeline([], engine="spark")


def test_input_format() -> None:
    assert ArticleSource(("a.jsonl", "s3://b/x.ndjson")).input_format() == "jsonl"
    assert ArticleSource(("a.parquet",)).input_format() == "parquet"
    assert ArticleSource(("a.jsonl", "b.parquet")).input_format() is None
    assert ArticleSource(("-",)).input_format() is None
    assert ArticleSource(("notes.txt",)).input_format() is None
