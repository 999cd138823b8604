"""Ingest benchmark: N synthetic news articles streamed into a fresh store.

    python benchmarks/bench_ingest.py [-n 100000] [--fake] [--db PATH]

Articles are generated on the fly (templates over a few real towns), never held in a list,
so resident memory must stay flat while ingesting; it is sampled every 1,000 articles. With
``--fake`` (or when the real pipeline cannot load) events come from the generator itself, which
measures the store alone. The re-merge and timeline rebuild are timed separately.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import resource
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from frontlines.records import (
    Actor,
    ActorKind,
    Article,
    DatePrecision,
    DateSource,
    EventType,
    Place,
    PlaceKind,
    Status,
)
from frontlines.store import Store
from frontlines.store.ingest import ingest
from frontlines.store.testing import FakeResult, empty_document, make_event

TOWNS = [
    Place(1135689, "Kunduz", PlaceKind.CITY, 36.72896, 68.857, "AF", "Kunduz", admin_seat=1),
    Place(1140026, "Herat", PlaceKind.CITY, 34.34817, 62.19967, "AF", "Herat", admin_seat=1),
    Place(
        1147290, "Lashkar Gah", PlaceKind.CITY, 31.59382, 64.37161, "AF", "Helmand", admin_seat=1
    ),
    Place(1138958, "Kandahar", PlaceKind.CITY, 31.61332, 65.71013, "AF", "Kandahar", admin_seat=1),
    Place(1141269, "Ghazni", PlaceKind.CITY, 33.55391, 68.42096, "AF", "Ghazni", admin_seat=1),
    Place(
        1127110, "Spin Boldak", PlaceKind.CITY, 31.00575, 66.40009, "AF", "Kandahar", admin_seat=2
    ),
]
ACTORS = [
    Actor("taliban", "Taliban", ActorKind.NON_STATE, "AF"),
    Actor("afghan-forces", "Afghan National Army", ActorKind.STATE_FORCES, "AF"),
]
VERBS = {
    EventType.CAPTURE: ["captured", "seized", "took control of", "overran"],
    EventType.WITHDRAW: ["withdrew from", "pulled out of", "abandoned"],
    EventType.SIEGE: ["besieged", "encircled", "surrounded"],
    EventType.CLASH: ["fought near", "clashed with defenders in"],
}
SOURCES = [
    "officials said",
    "a spokesman claimed",
    "residents told reporters",
    "the defence ministry confirmed",
]
STATUS = [Status.REPORTED, Status.CLAIMED, Status.REPORTED, Status.CONFIRMED]
START = dt.date(2021, 5, 1)
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def spec(i: int) -> dict[str, Any]:
    """The facts of article ``i``: a pure function of ``i`` (shared by generator and fake)."""
    rnd = random.Random(i)
    etype = rnd.choice(list(VERBS))
    k = rnd.randrange(len(SOURCES))
    published = START + dt.timedelta(days=rnd.randrange(120))
    day = published - dt.timedelta(days=rnd.randrange(3))
    return {
        "town": rnd.choice(TOWNS),
        "actor": rnd.choice(ACTORS),
        "type": etype,
        "verb": rnd.choice(VERBS[etype]),
        "source": SOURCES[k],
        "status": STATUS[k],
        "published": published,
        "day": day,
        "outlet": rnd.choice(["Wire A", "Wire B", "Daily C", "Radio D"]),
    }


def articles(n: int) -> Iterator[Article]:
    for i in range(n):
        s = spec(i)
        who, where = s["actor"].name, s["town"].name
        text = (
            f"{who} {s['verb']} {where} on {WEEKDAYS[s['day'].weekday()]}, {s['source']}. "
            f"Fighting in {s['town'].admin1} province has intensified in recent weeks, and "
            f"families fled toward the provincial capital. Report {i}."
        )
        yield Article(
            id=f"bench-{i}",
            text=text,
            title=f"{who} in {where}",
            url=f"https://bench.example/{i}",
            published=s["published"],
            published_precision=DatePrecision.DAY,
            outlet=s["outlet"],
        )


class GeneratorPipeline:
    """Events straight from ``spec``: measures the store without the extraction engine."""

    def run(self, article: Article, **_: Any) -> FakeResult:
        s = spec(int(article.id.rsplit("-", 1)[1]))
        sentence = article.text.split(". ")[0] + "."
        e = make_event(
            article.id,
            s["type"],
            actor=s["actor"],
            place=s["town"],
            date=s["day"],
            date_source=DateSource.TEXT,
            status=s["status"],
            published=s["published"],
            outlet=s["outlet"],
            sentence=sentence,
        )
        return FakeResult(article, empty_document(article), (e,), ())


def rss_mb() -> float:
    """Current resident set size (Linux /proc; falls back to the peak)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return peak_mb()


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=100_000)
    ap.add_argument("--fake", action="store_true", help="Events from the generator.")
    ap.add_argument("--db", type=Path, default=None, help="Store path (default: a temp dir).")
    args = ap.parse_args()
    pipeline: Any = GeneratorPipeline()
    engine = "fake (generator events)"
    if not args.fake:
        try:
            from frontlines.pipeline import Pipeline

            real = Pipeline.load()
            real.run(next(articles(1)))
            pipeline, engine = real, "real pipeline"
        except Exception as exc:  # the engine may be incomplete: say so and measure the store
            print(f"real pipeline unavailable ({exc!r}); using --fake", file=sys.stderr)
    db = args.db or Path(tempfile.mkdtemp()) / "bench.db"
    samples: list[tuple[int, float]] = []
    count = 0

    def sample(_: Article, __: object) -> None:
        nonlocal count
        count += 1
        if count % 1000 == 0:
            samples.append((count, rss_mb()))
        if count % 10_000 == 0:
            print(f"  {count:>7} articles, RSS {samples[-1][1]:.0f} MB", file=sys.stderr)

    base = rss_mb()
    with Store.open(db) as store:
        t0 = time.perf_counter()
        stats = ingest(store, articles(args.n), pipeline, rebuild=False, on_article=sample)
        t1 = time.perf_counter()
        ingest_peak = peak_mb()
        rebuilt = store.rebuild()
        t2 = time.perf_counter()
        changes = len(store.changes())
    first = samples[len(samples) // 10][1] if samples else base
    last = samples[-1][1] if samples else base
    print(f"engine: {engine}; store: {db} ({db.stat().st_size / 1e6:.0f} MB)")
    print(
        f"ingest: {stats.read} articles, {stats.events} events in {t1 - t0:.1f} s "
        f"= {stats.read / (t1 - t0):,.0f} articles/s"
    )
    print(
        f"memory: RSS {base:.0f} MB at start, {first:.0f} MB at 10%, {last:.0f} MB at the end; "
        f"peak during ingest {ingest_peak:.0f} MB"
    )
    print(
        f"rebuild: {rebuilt.merged_events} merged events, {rebuilt.places} places, "
        f"{changes} control changes in {t2 - t1:.1f} s; peak RSS {peak_mb():.0f} MB"
    )


if __name__ == "__main__":
    main()
