"""The README's statement of exit statuses, checked case by case for ``extract`` and
``ingest``: 0 clean; 1 when an input was skipped or an article failed (extraction or store),
after the rest was processed and stored; 2 with ``--strict`` at the first such problem, with
what came before it stored."""

from __future__ import annotations

import json
import logging
import re
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from frontlines.cli.main import main
from frontlines.pipeline import Pipeline
from frontlines.store import Store

README = Path(__file__).resolve().parents[2] / "README.md"
TEXT = "Taliban fighters captured the western city of {town} on Thursday, officials said."


def article(id: str, town: str = "Herat") -> str:
    return json.dumps({"id": id, "published": "2021-08-13", "text": TEXT.format(town=town)})


@dataclass
class Run:
    code: int
    out: str
    err: str


@pytest.fixture()
def cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    def run(*args: str) -> Run:
        monkeypatch.setattr(sys, "argv", ["frontlines", *args])
        handlers = list(logging.getLogger("frontlines").handlers)
        code = 0
        try:
            main()
        except SystemExit as exc:
            code = int(exc.code or 0)
        finally:
            logging.getLogger("frontlines").handlers[:] = handlers
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


@pytest.fixture()
def failing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Extraction fails for the article "boom", storing fails for "unstorable"."""
    run = Pipeline.run

    def run_or_fail(self: Pipeline, article, **kwargs):  # type: ignore[no-untyped-def]
        if article.id == "boom":
            raise RuntimeError("extractor exploded")
        return run(self, article, **kwargs)

    add = Store.add

    def add_or_fail(self: Store, result):  # type: ignore[no-untyped-def]
        if result.article.id == "unstorable":
            raise sqlite3.IntegrityError("disk says no")
        return add(self, result)

    monkeypatch.setattr(Pipeline, "run", run_or_fail)
    monkeypatch.setattr(Store, "add", add_or_fail)


def stored(db: Path) -> list[str]:
    with Store.open(db, readonly=True) as store:
        return sorted(r[0] for r in store.db.execute("SELECT id FROM articles"))


def test_readme_states_the_exit_statuses() -> None:
    text = " ".join(README.read_text(encoding="utf-8").split())
    assert re.search(r"exit status 1 at the end, nothing already stored is lost", text)
    assert "extraction or storage fails" in text
    assert re.search(r"`--strict` stops at the first \(exit status 2\)", text)


def test_exit_status_0_when_everything_is_read_and_stored(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "ok.jsonl"
    src.write_text(article("a1") + "\n")
    assert cli("extract", "--format", "jsonl", str(src)).code == 0
    assert cli("ingest", "--db", str(tmp_path / "s.db"), str(src)).code == 0


@pytest.mark.parametrize(
    ("bad_line", "named"),
    [
        ("[" * 1000 + "]" * 1000, "malformed JSON (nested too deeply)"),
        ('{"id": "s", "text": "Herat \\ud800 fell."}', "lone surrogate"),
        ('{"id": "d", "published": "0001-01-01", "text": "Herat fell."}', "before 1800"),
        ('{"id": "broken"', "malformed JSON"),
    ],
)
def test_exit_status_1_for_a_skipped_input_and_2_with_strict(  # type: ignore[no-untyped-def]
    tmp_path: Path, cli, bad_line: str, named: str
) -> None:
    src = tmp_path / "mixed.jsonl"
    src.write_text("\n".join([article("before"), bad_line, article("after", "Ghazni")]) + "\n")
    run = cli("extract", "--format", "jsonl", str(src))
    assert run.code == 1 and f"{src}:2" in run.err and named in run.err
    assert {json.loads(x)["article_id"] for x in run.out.splitlines()} == {"before", "after"}
    db = tmp_path / "s.db"
    run = cli("ingest", "--db", str(db), str(src))
    assert run.code == 1 and named in run.err
    assert stored(db) == ["after", "before"]

    strict = cli("extract", "--strict", "--format", "jsonl", str(src))
    assert strict.code == 2 and f"{src}:2" in strict.err
    strict_db = tmp_path / "strict.db"
    strict = cli("ingest", "--strict", "--db", str(strict_db), str(src))
    assert strict.code == 2 and f"{src}:2" in strict.err
    assert stored(strict_db) == ["before"]  # stored before the stop, and kept
    events = cli("events", "--db", str(strict_db))
    assert "Herat" in events.out  # and merged: queryable


def test_exit_status_of_an_empty_input_is_the_same_for_every_format(  # type: ignore[no-untyped-def]
    tmp_path: Path, cli
) -> None:
    for name in ("empty.jsonl", "empty.txt"):
        path = tmp_path / name
        path.write_text("")
        run = cli("extract", str(path))
        assert run.code == 1 and f"skipped {path}" in run.err
        assert cli("extract", "--strict", str(path)).code == 2


@pytest.mark.usefixtures("failing")
@pytest.mark.parametrize(("bad_id", "stage"), [("boom", "extract"), ("unstorable", "store")])
def test_exit_status_1_for_a_failed_article_and_2_with_strict(  # type: ignore[no-untyped-def]
    tmp_path: Path, cli, bad_id: str, stage: str
) -> None:
    src = tmp_path / "batch.jsonl"
    src.write_text("\n".join([article("before"), article(bad_id, "Kabul"), article("after")]))
    db = tmp_path / "s.db"
    run = cli("ingest", "--db", str(db), str(src))
    assert run.code == 1, run.err  # was 0: failures were reported but not counted
    assert f"failed {src}:2 ({stage})" in run.err and "1 article(s) failed" in run.err
    assert stored(db) == ["after", "before"]
    strict_db = tmp_path / "strict.db"
    strict = cli("ingest", "--strict", "--db", str(strict_db), str(src))
    assert strict.code == 2 and f"{src}:2: {stage}" in strict.err  # was 1, a traceback
    assert stored(strict_db) == ["before"]
    if stage == "extract":
        run = cli("extract", "--format", "jsonl", str(src))
        assert run.code == 1 and f"failed {src}:2 (extract)" in run.err
        assert {json.loads(x)["article_id"] for x in run.out.splitlines()} == {"before", "after"}
        strict = cli("extract", "--strict", "--format", "jsonl", str(src))
        assert strict.code == 2 and "extractor exploded" in strict.err
