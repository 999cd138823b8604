"""The cached /control answers agree with ``Store.control`` and follow store changes."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any, get_args

import pytest

from frontlines.serve.cache import ReadCache
from frontlines.serve.sample import PLACES, build_synthetic, fill
from frontlines.store import PlaceKindFilter, Store
from frontlines.store.testing import TALIBAN, make_article, make_event


def expected(
    store: Store, day: dt.date, country: str | None, kind: PlaceKindFilter
) -> dict[str, Any]:
    snap = store.control(day, country=country, kind=kind)
    return {
        "as_of": day.isoformat(),
        "country": country.upper() if country else None,
        "kind": kind,
        "counts": snap.counts,
        "rows": [r.to_dict() for r in snap.rows],
    }


@pytest.mark.parametrize("kind", get_args(PlaceKindFilter))
def test_cache_matches_store_control_every_day(af_db: Path, kind: PlaceKindFilter) -> None:
    cache = ReadCache(af_db)
    try:
        with Store.open(af_db, readonly=True) as store:
            day = dt.date(2021, 7, 30)
            while day <= dt.date(2021, 8, 17):
                for country in (None, "af", "SY"):
                    got = json.loads(cache.control_json(day, country, kind))
                    assert got == expected(store, day, country, kind), (day, country)
                day += dt.timedelta(days=1)
    finally:
        cache.close()


def test_cache_matches_on_a_synthetic_store(tmp_path: Path) -> None:
    db = build_synthetic(tmp_path / "syn.db", 600)
    cache = ReadCache(db)
    try:
        with Store.open(db, readonly=True) as store:
            for day in (dt.date(2021, 1, 1), dt.date(2021, 6, 15), dt.date(2022, 1, 1)):
                for kind in get_args(PlaceKindFilter):
                    got = json.loads(cache.control_json(day, None, kind))
                    assert got == expected(store, day, None, kind)
    finally:
        cache.close()


def test_cache_follows_a_write_by_another_connection(tmp_path: Path) -> None:
    db = tmp_path / "grow.db"
    with Store.open(db) as store:
        fill(store, [(make_article("a1"), [make_event("a1", place=PLACES["Kunduz"])])])
    cache = ReadCache(db)
    try:
        day = dt.date(2021, 8, 20)
        first = json.loads(cache.control_json(day, None, "all"))
        assert [r["place"]["name"] for r in first["rows"]] == ["Kunduz"]
        assert cache.control_json(day, None, "all") is cache.control_json(day, None, "all")
        with Store.open(db) as store:
            event = make_event("a2", place=PLACES["Herat"], actor=TALIBAN)
            fill(store, [(make_article("a2"), [event])])
        again = json.loads(cache.control_json(day, None, "all"))
        assert [r["place"]["name"] for r in again["rows"]] == ["Herat", "Kunduz"]
    finally:
        cache.close()
