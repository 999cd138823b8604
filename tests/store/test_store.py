"""The SQLite store: idempotent ingest, replacement, queries, migrations, crash safety."""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from frontlines.errors import FrontlinesError
from frontlines.records import Article, EventType, Status
from frontlines.store import AddOutcome, EventQuery, Store
from frontlines.store.ingest import ingest
from frontlines.store.schema import MIGRATIONS, migrate
from frontlines.store.testing import (
    AFGHAN_FORCES,
    HERAT,
    KUNDUZ,
    LASHKAR_GAH,
    TALIBAN,
    FakePipeline,
    make_aggregate,
    make_article,
    make_event,
)

D = dt.date(2021, 8, 8)
SRC = str(Path(__file__).resolve().parents[2] / "src")


def corpus() -> tuple[list[Article], FakePipeline]:
    """Five invented reports about three towns, with one stated aggregate."""
    texts = {
        "r1": "Taliban fighters took control of Kunduz on Sunday, residents said.",
        "r2": "Officials confirmed that the insurgents had seized the city of Kunduz.",
        "r3": "The army said it had pushed the militants out of Lashkar Gah.",
        "r4": "Fighting encircled Herat as insurgents closed the roads into the city.",
        "r5": "The group now controls four provincial capitals, a spokesman said.",
    }
    arts = [
        make_article(k, v, published=D + dt.timedelta(days=i))
        for i, (k, v) in enumerate(texts.items())
    ]
    plan = {
        "r1": ((make_event("r1", sentence=texts["r1"], published=D),), ()),
        "r2": (
            (
                make_event(
                    "r2",
                    status=Status.CONFIRMED,
                    sentence=texts["r2"],
                    outlet="Wire B",
                    published=D + dt.timedelta(days=1),
                ),
            ),
            (),
        ),
        "r3": (
            (
                make_event(
                    "r3",
                    EventType.CAPTURE,
                    actor=AFGHAN_FORCES,
                    place=LASHKAR_GAH,
                    sentence=texts["r3"],
                ),
            ),
            (),
        ),
        "r4": ((make_event("r4", EventType.SIEGE, place=HERAT, sentence=texts["r4"]),), ()),
        "r5": ((), (make_aggregate("r5", 4),)),
    }
    return arts, FakePipeline(plan)


def test_store_ingest_twice_gives_identical_store(tmp_path: Path) -> None:
    arts, pipe = corpus()
    with Store.open(tmp_path / "a.db") as store:
        first = ingest(store, arts, pipe)
        dump = list(store.dump())
        second = ingest(store, arts, pipe)
        assert list(store.dump()) == dump
    assert first.added == 5 and second.unchanged == 5 and pipe.calls == 5
    # another store built in another order is the same store
    with Store.open(tmp_path / "b.db") as other:
        ingest(other, reversed(arts), corpus()[1])
        assert list(other.dump()) == dump


def test_store_add_outcomes_and_replacement(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db") as store:
        art = make_article("x1", "Taliban fighters entered Kunduz.")
        res = FakePipeline({"x1": ((make_event("x1"),), ())}).run(art)
        assert store.add(res) is AddOutcome.ADDED
        assert store.add(res) is AddOutcome.UNCHANGED
        new = make_article("x1", "Government forces retook Kunduz.")
        res2 = FakePipeline({"x1": ((make_event("x1", actor=AFGHAN_FORCES),), ())}).run(new)
        assert store.add(res2) is AddOutcome.REPLACED
        [e] = store.events()
        assert e.actor == AFGHAN_FORCES and store.article("x1") == new
        # same URL, new id: a new version of the same report
        moved = make_article("x2", "Government forces retook Kunduz.", url=new.url)
        assert store.add(FakePipeline().run(moved)) is AddOutcome.REPLACED
        assert store.article("x1") is None and store.events() == []


def test_store_queries(tmp_path: Path) -> None:
    arts, pipe = corpus()
    with Store.open(tmp_path / "s.db") as store:
        ingest(store, arts, pipe)
        assert len(store.events()) == 4
        [m] = store.merged_events(EventQuery(place="kunduz"))
        assert m.article_count == 2 and m.status.value == "confirmed"
        assert store.merged_events(EventQuery(place="LASHKAR GAH"))[0].actor == AFGHAN_FORCES
        assert len(store.merged_events(EventQuery(actor="Taliban"))) == 2
        assert len(store.events(EventQuery(types=frozenset({EventType.SIEGE})))) == 1
        assert len(store.events(EventQuery(bbox=(68.0, 36.0, 69.5, 37.5)))) == 2
        assert store.events(EventQuery(since=D + dt.timedelta(days=1))) == []
        assert len(store.merged_events(EventQuery(statuses=frozenset({"confirmed"})))) == 1
        assert store.merged_of(store.events(EventQuery(article_id="r1"))[0].id) == m.id
        assert len(store.events(EventQuery(limit=1, offset=1))) == 1


def test_store_control_timeline_and_check(tmp_path: Path) -> None:
    arts, pipe = corpus()
    with Store.open(tmp_path / "s.db") as store:
        ingest(store, arts, pipe)
        snap = store.control(D + dt.timedelta(days=4), country="AF", kind="capital")
        assert snap.counts == {"Afghan National Army": 1, "Taliban": 1, "unknown": 1}
        [herat] = [r for r in snap.rows if r.place == HERAT]
        assert herat.status == "contested" and herat.controller is None
        assert [c.controller for c in store.changes("Kunduz")] == [TALIBAN]
        assert store.timeline(str(KUNDUZ.geonameid)) == store.timeline("kunduz")
        [check] = store.check()
        assert check.computed == 1 and check.gap == 3 and check.held == (KUNDUZ,)
        store.set_priors({"AF": "afghan-forces"})
        [prior, taliban] = store.timeline("Kunduz")
        assert prior.controller == AFGHAN_FORCES and taliban.controller == TALIBAN
        assert store.changes("Kunduz")[0].previous == AFGHAN_FORCES


def test_store_incremental_rebuild_equals_full(tmp_path: Path) -> None:
    arts, pipe = corpus()
    with Store.open(tmp_path / "s.db") as store:
        for art in arts:  # one rebuild per article: the incremental path
            ingest(store, [art], pipe)
        incremental = list(store.dump())
        store.rebuild(full=True)
        assert list(store.dump()) == incremental


def test_store_failing_article_is_dead_lettered_and_atomic(tmp_path: Path) -> None:
    arts, pipe = corpus()

    class Broken(FakePipeline):
        def run(self, article: Article, **kw: object):  # type: ignore[no-untyped-def]
            if article.id == "r2":
                raise ValueError("bad article")
            res = super().run(article)
            if article.id == "r3":  # events with the same id but a broken row: store fails
                bad = make_event("r3", place=KUNDUZ)
                return type(res)(
                    res.article,
                    res.document,
                    (
                        bad,
                        bad.__class__(
                            **{**{f: getattr(bad, f) for f in bad.__slots__}, "article_id": "nope"}
                        ),
                    ),
                    (),
                )
            return res

    with Store.open(tmp_path / "s.db") as store:
        stats = ingest(store, arts, Broken(pipe.plan))
        assert stats.failed == 2 and {d.stage for d in stats.dead_letters} == {"extract", "store"}
        assert store.article("r2") is None and store.article("r3") is None
        assert store.events(EventQuery(article_id="r3")) == []
        with pytest.raises(FrontlinesError):
            ingest(store, arts, Broken(pipe.plan), strict=True)


def test_store_readonly_and_bad_files(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    with pytest.raises(FrontlinesError):
        Store.open(path, readonly=True)
    Store.open(path).close()
    with Store.open(path, readonly=True) as ro, pytest.raises(sqlite3.OperationalError):
        ro.add(FakePipeline().run(make_article("z")))
    junk = tmp_path / "junk.db"
    junk.write_text("not a database " * 100)
    with pytest.raises(FrontlinesError):
        Store.open(junk)


def test_store_opens_and_migrates_version_1_database(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    db = sqlite3.connect(path, isolation_level=None)
    migrate(db, target=1)
    ev = make_event("old1")
    db.execute("INSERT INTO articles(id, content_hash, text) VALUES ('old1', 'h', 't')")
    db.execute(
        "INSERT INTO events(id, article_id, seq, type, date, date_precision, geonameid, country,"
        " status, negated, modality, data) VALUES (?, 'old1', 0, 'capture', ?, 'day', ?, 'AF',"
        " 'reported', 0, 'asserted', ?)",
        (ev.id, D.isoformat(), KUNDUZ.geonameid, __import__("json").dumps(ev.to_dict())),
    )
    db.close()
    with Store.open(path) as store:
        assert store.schema_version == len(MIGRATIONS) == 2
        assert store.rebuild().merged_events == 1
        [m] = store.merged_events()
        assert m.members[0].event_id == ev.id


def test_store_refuses_newer_schema(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    Store.open(path).close()
    db = sqlite3.connect(path)
    db.execute("INSERT INTO schema_version(version) VALUES (99)")
    db.commit()
    db.close()
    with pytest.raises(FrontlinesError, match="newer"):
        Store.open(path)


DRIVER = textwrap.dedent(
    """
    import sys
    from frontlines.store import Store
    from frontlines.store.ingest import ingest
    from frontlines.store.testing import FakePipeline, make_article, make_event, HERAT
    arts = [make_article(f"k{i}", f"Report number {i} about Herat.") for i in range(N)]
    plan = {a.id: ((make_event(a.id), make_event(a.id, place=HERAT)), ()) for a in arts}
    with Store.open(sys.argv[1]) as store:
        done = ingest(store, arts, FakePipeline(plan, delay=float(sys.argv[2])), batch_size=7)
    print(done.added, done.unchanged)
    """
).replace("N", "120")


@pytest.mark.slow
def test_store_survives_sigkill_mid_ingest(tmp_path: Path) -> None:
    path = tmp_path / "kill.db"
    env = {**os.environ, "PYTHONPATH": SRC}
    proc = subprocess.Popen([sys.executable, "-c", DRIVER, str(path), "0.01"], env=env)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:  # wait until some batches are committed
        time.sleep(0.1)
        if path.exists():
            try:
                with Store.open(path, readonly=True) as ro:
                    if ro.stats().articles >= 20:
                        break
            except (FrontlinesError, sqlite3.Error):
                pass
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with Store.open(path, readonly=True) as ro:
        partial = ro.stats()
    assert 0 < partial.articles < 120
    assert partial.events == 2 * partial.articles  # no half-stored article
    out = subprocess.run(
        [sys.executable, "-c", DRIVER, str(path), "0"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    added, unchanged = map(int, out.stdout.split())
    assert added + unchanged == 120 and unchanged == partial.articles
    with Store.open(path) as store:
        stats = store.stats()
        assert (stats.articles, stats.events) == (120, 240)
        ids = [e.id for e in store.events()]
        assert len(ids) == len(set(ids)) == 240
        dump = list(store.dump())
    with Store.open(tmp_path / "clean.db") as clean:  # same as a run that was never killed
        ingest(
            clean,
            [make_article(f"k{i}", f"Report number {i} about Herat.") for i in range(120)],
            FakePipeline(
                {
                    a: ((make_event(a), make_event(a, place=HERAT)), ())
                    for a in (f"k{i}" for i in range(120))
                }
            ),
        )
        assert list(clean.dump()) == dump
