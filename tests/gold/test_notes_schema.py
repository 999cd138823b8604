"""Schema checks for tests/gold/notes.csv, the project's own blind set of terse event notes.

The file has ACLED's export columns (header below), one invented event per row, with a note in
the coders' style. These checks need no engine: header, unique ids, dates, coordinates, precision,
sub-event types, the location named in the note, and note length.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections import Counter
from pathlib import Path

import pytest

PATH = Path(__file__).parent / "notes.csv"
HEADER = [
    "event_id_cnty", "event_date", "country", "event_type", "sub_event_type", "actor1",
    "assoc_actor_1", "actor2", "assoc_actor_2", "admin1", "admin2", "admin3", "location",
    "latitude", "longitude", "geo_precision", "notes",
]
# ACLED sub-event type -> event type
SUB_EVENT_TYPES = {
    "Armed clash": "Battles",
    "Government regains territory": "Battles",
    "Non-state actor overtakes territory": "Battles",
    "Attack": "Violence against civilians",
    "Abduction/forced disappearance": "Violence against civilians",
    "Shelling/artillery/missile attack": "Explosions/Remote violence",
    "Air/drone strike": "Explosions/Remote violence",
    "Remote explosive/landmine/IED": "Explosions/Remote violence",
    "Grenade": "Explosions/Remote violence",
    "Suicide bomb": "Explosions/Remote violence",
    "Peaceful protest": "Protests",
    "Arrests": "Strategic developments",
    "Non-violent transfer of territory": "Strategic developments",
}


def fold(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", s.lower())


with PATH.open(encoding="utf-8", newline="") as _f:
    _reader = csv.reader(_f)
    FILE_HEADER = next(_reader)
    ROWS = [dict(zip(FILE_HEADER, r, strict=True)) for r in _reader]


def test_header_is_acleds() -> None:
    assert FILE_HEADER == HEADER


def test_size_ids_and_mix() -> None:
    assert len(ROWS) >= 300
    ids = [r["event_id_cnty"] for r in ROWS]
    assert len(ids) == len(set(ids)), "duplicate event_id_cnty"
    assert all(re.fullmatch(r"FLN\d{4}", i) for i in ids)
    assert len({r["country"] for r in ROWS}) >= 30
    subs = Counter(r["sub_event_type"] for r in ROWS)
    assert set(subs) == set(SUB_EVENT_TYPES), "every sub-event type is represented"
    assert 0.25 <= subs["Peaceful protest"] / len(ROWS) <= 0.35


@pytest.mark.parametrize("row", ROWS, ids=[r["event_id_cnty"] for r in ROWS])
def test_row(row: dict[str, str]) -> None:
    d = dt.datetime.strptime(row["event_date"], "%d %B %Y").date()
    assert dt.date(2015, 1, 1) <= d <= dt.date(2026, 12, 31)
    assert SUB_EVENT_TYPES[row["sub_event_type"]] == row["event_type"]
    assert row["country"] and row["actor1"] and row["location"] and row["admin1"]
    lat, lon = float(row["latitude"]), float(row["longitude"])
    assert -90 <= lat <= 90 and -180 <= lon <= 180 and (lat, lon) != (0.0, 0.0)
    assert row["geo_precision"] in {"1", "2", "3"}
    note = row["notes"]
    assert 0 < len(note) <= 600
    assert fold(row["location"]) in fold(note), "the note names the location"
    assert f"{d.day} {d:%B %Y}" in note, "the note carries the event date"
