"""Temporal expressions normalised against a pinned publication date."""

from __future__ import annotations

import datetime as dt

import pytest

from frontlines.annotate.dates import resolve_times
from frontlines.records import DatePrecision

P = DatePrecision
THU = dt.date(2021, 8, 12)  # a Thursday


@pytest.mark.parametrize(
    ("text", "expected", "pod"),
    [
        ("Insurgents entered the city on Thursday.", dt.date(2021, 8, 12), None),
        ("The base fell on Wednesday, officials said.", dt.date(2021, 8, 11), None),
        ("Shelling resumed Thursday evening near the airport.", dt.date(2021, 8, 12), "evening"),
    ],
)
def test_seed_weekdays(text: str, expected: dt.date, pod: str | None) -> None:
    (m,) = resolve_times(text, THU)
    assert (m.value, m.precision, m.part_of_day) == (expected, P.DAY, pod)
