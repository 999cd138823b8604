"""Table-driven tests of metadata date normalisation."""

from __future__ import annotations

import datetime as dt

import pytest

from frontlines.records import DatePrecision
from frontlines.sources import parse_published
from frontlines.sources.dates import date_in_url

D = dt.date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021-08-12", (D(2021, 8, 12), DatePrecision.DAY)),
        ("2021-8-2", (D(2021, 8, 2), DatePrecision.DAY)),
        ("2021/08/12", (D(2021, 8, 12), DatePrecision.DAY)),
        ("2021-08-12T14:03:00Z", (D(2021, 8, 12), DatePrecision.DAY)),
        ("2021-08-12T23:30:00+04:30", (D(2021, 8, 12), DatePrecision.DAY)),  # local day kept
        ("2021-08-12 06:00:00", (D(2021, 8, 12), DatePrecision.DAY)),
        ("2021-08-12T14:03:00.123456+00:00", (D(2021, 8, 12), DatePrecision.DAY)),
        (1628776980, (D(2021, 8, 12), DatePrecision.DAY)),
        (1628776980.5, (D(2021, 8, 12), DatePrecision.DAY)),
        (1628776980000, (D(2021, 8, 12), DatePrecision.DAY)),  # milliseconds
        ("1628776980", (D(2021, 8, 12), DatePrecision.DAY)),
        ("Thu, 12 Aug 2021 14:03:00 GMT", (D(2021, 8, 12), DatePrecision.DAY)),
        ("2021-08", (D(2021, 8, 1), DatePrecision.MONTH)),
        ("2021", (D(2021, 1, 1), DatePrecision.YEAR)),
        (None, (None, None)),
        ("", (None, None)),
        ("  null ", (None, None)),
        (D(2022, 3, 1), (D(2022, 3, 1), DatePrecision.DAY)),
        (dt.datetime(2022, 3, 1, 12, 0), (D(2022, 3, 1), DatePrecision.DAY)),
    ],
)
def test_dates_parse_published_accepts(value: object, expected: tuple[object, object]) -> None:
    assert parse_published(value) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2021-02-30", "impossible date"),
        ("2021-13", "impossible date"),
        ("2021-02-30T10:00:00Z", "impossible date"),
        ("next Tuesday", "unrecognised date"),
        ("2021-08-12T99:00", "unrecognised timestamp"),
        (True, "not a date"),
        ([2021, 8, 12], "not a date"),
    ],
)
def test_dates_parse_published_rejects(value: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_published(value)


TODAY = D(2026, 12, 1)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (20210812, D(2021, 8, 12)),  # a YYYYMMDD number, not 1970-08-23 in epoch seconds
        (20210812.0, D(2021, 8, 12)),
        ("20210812", D(2021, 8, 12)),  # ISO 8601 basic format
        (D(2026, 12, 31), D(2026, 12, 31)),  # within FUTURE_DAYS of today
        (D(1800, 1, 1), D(1800, 1, 1)),
    ],
)
def test_dates_numbers_and_range_accepted(value: object, expected: dt.date) -> None:
    assert parse_published(value, today=TODAY) == (expected, DatePrecision.DAY)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (20211312, "impossible date 2021-13-12"),
        (12345, "neither a YYYYMMDD day nor an epoch timestamp"),
        (-5, "neither a YYYYMMDD day nor an epoch timestamp"),
        (10**20, "neither a YYYYMMDD day nor an epoch timestamp"),
        (float("nan"), "not a date"),
        (float("inf"), "not a date"),
        ("9999-01-01", "more than 30 days after today"),
        (99991231, "more than 30 days after today"),
        (D(2027, 3, 1), "more than 30 days after today"),
        ("0001-01-01", "before 1800-01-01"),  # was an OverflowError in the date resolver
        ("0001-01-01T00:00:00Z", "before 1800-01-01"),
        ("1799-12-31", "before 1800-01-01"),
        ("0000-01-01", "impossible date"),
        (-7_000_000_000, "before 1800-01-01"),  # epoch seconds in 1748
        (-99999999999, "epoch value out of range"),
    ],
)
def test_dates_implausible_values_are_refused(value: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_published(value, today=TODAY)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/world/2021/07/10/rebels-take-border-town/", D(2021, 7, 10)),
        ("https://example.org/news/2021-08-14-fighting-near-the-capital.html", D(2021, 8, 14)),
        ("https://example.org/08/14/2021/factbox-towns-taken/", D(2021, 8, 14)),
        ("https://example.org/a/20210813/rebels", D(2021, 8, 13)),
        ("https://example.org/2021/7/9/front", D(2021, 7, 9)),
        ("https://example.org/live/war-news-11-11-22/index.html", None),  # two-digit year
        ("https://example.org/news/2329753767244/rebels", None),  # an id, not a date
        ("https://2021.example.org/rebels", None),  # a host has no date
        ("https://example.org/item?day=2021-02-30", None),  # no such day
        (None, None),
        ("", None),
    ],
)
def test_dates_date_in_url(url: str | None, expected: dt.date | None) -> None:
    assert date_in_url(url) == expected
