"""``EngineRunner`` lets ``store.ingest`` use a batch engine: same store, same counts."""

from __future__ import annotations

from pathlib import Path

import pytest
from scale_articles import write_jsonl

from frontlines.pipeline import ExtractionResult, Pipeline
from frontlines.records import Article
from frontlines.scale import ArticleSource
from frontlines.scale.runner import EngineRunner
from frontlines.store import Store
from frontlines.store.ingest import ingest


def _stored(db: Path) -> list[str]:
    with Store.open(db) as store:
        rows = store.db.execute("SELECT id FROM events ORDER BY id").fetchall()
    return [r[0] for r in rows]


def test_ingest_through_the_process_pool_equals_direct(tmp_path: Path) -> None:
    src = ArticleSource((str(write_jsonl(tmp_path / "a.jsonl", copies=2)),))
    with Store.open(tmp_path / "direct.db") as store:
        direct = ingest(store, src, Pipeline.load())
    with Store.open(tmp_path / "pool.db") as store:
        runner = EngineRunner(src, jobs=2, is_current=store.is_current)
        pooled = ingest(store, runner.articles(), runner)
        assert (pooled.added, pooled.events) == (direct.added, direct.events)
        # a re-run: everything is current, nothing is sent to the engine
        runner = EngineRunner(src, jobs=2, is_current=store.is_current)
        again = ingest(store, runner.articles(), runner)
    assert again.unchanged == again.read == direct.read
    assert _stored(tmp_path / "pool.db") == _stored(tmp_path / "direct.db")
    assert direct.events > 5


class _Flaky:
    def run(self, article: Article, **_: object) -> ExtractionResult:
        if article.id == "bad":
            raise ValueError("boom")
        return ExtractionResult(article, None, (), ())  # type: ignore[arg-type]


def test_failures_and_skips_keep_their_place(monkeypatch: pytest.MonkeyPatch) -> None:
    import frontlines.scale.local as local

    monkeypatch.setattr(local.Pipeline, "load", classmethod(lambda cls, config=None: _Flaky()))
    arts = [Article(id=i, text="x") for i in ("a", "old", "bad", "c", "old2")]
    runner = EngineRunner(arts, is_current=lambda a: a.id.startswith("old"))
    seen = []
    for article in runner.articles():
        if article.id.startswith("old"):
            seen.append((article.id, "skipped"))
            continue
        try:
            seen.append((runner.run(article).article.id, "ok"))
        except ValueError as exc:
            seen.append((article.id, str(exc)))
    assert seen == [("a", "ok"), ("old", "skipped"), ("bad", "boom"), ("c", "ok"),
                    ("old2", "skipped")]
