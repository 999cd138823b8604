"""Temporal expressions normalised against a pinned publication date.

Every test pins "now" (the publication date) explicitly; the sentences are written for these
tests in the style of war reporting. Case tables keep one case per line, hence long lines.
"""
# ruff: noqa: E501

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from frontlines.annotate.dates import dateline, resolve_times
from frontlines.records import DatePrecision, TimeMention

P = DatePrecision
D = dt.date
THU = D(2021, 8, 12)  # a Thursday
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def only(
    text: str, published: dt.date | None = THU, published_precision: P | None = P.DAY
) -> TimeMention:
    """The one mention in ``text``."""
    found = resolve_times(text, published, published_precision)
    assert len(found) == 1, [m.span.text for m in found]
    return found[0]


# --------------------------------------------------------------------------- seed facts


@pytest.mark.parametrize(
    ("text", "expected", "pod"),
    [
        ("Insurgents entered the city on Thursday.", D(2021, 8, 12), None),
        ("The base fell on Wednesday, officials said.", D(2021, 8, 11), None),
        ("Shelling resumed Thursday evening near the airport.", D(2021, 8, 12), "evening"),
    ],
)
def test_seed_weekdays(text: str, expected: dt.date, pod: str | None) -> None:
    m = only(text)
    assert (m.value, m.precision, m.part_of_day) == (expected, P.DAY, pod)


# --------------------------------------------------------------------------- day-level forms

# (published, sentence, span text, value, rule, part of day)
# fmt: off
DAY_CASES = [
    # weekdays: latest on or before publication, the same day included
    (THU, "Fighters reached the outskirts on Friday.", "on Friday", D(2021, 8, 6), "weekday.v1", None),
    (THU, "Thursday's assault left the market in ruins.", "Thursday", D(2021, 8, 12), "weekday.v1", None),
    (THU, "Militants attacked a checkpoint late Thursday.", "late Thursday", D(2021, 8, 12), "weekday.v1", "evening"),
    (THU, "Late on Tuesday the garrison withdrew.", "Late on Tuesday", D(2021, 8, 10), "weekday.v1", "evening"),
    (THU, "Airstrikes hit the bridge Thursday night.", "Thursday night", D(2021, 8, 12), "weekday.v1", "night"),
    (THU, "Early on Friday the convoy was ambushed.", "Early on Friday", D(2021, 8, 6), "weekday.v1", "morning"),
    (THU, "The town was shelled early Monday morning.", "early Monday morning", D(2021, 8, 9), "weekday.v1", "morning"),
    (THU, "Rockets struck the base Sunday afternoon.", "Sunday afternoon", D(2021, 8, 8), "weekday.v1", "afternoon"),
    (THU, "Police said on Monday that the road was closed.", "on Monday", D(2021, 8, 9), "weekday.v1", None),
    # "last <weekday>": strictly before publication
    (THU, "The district fell last Friday.", "last Friday", D(2021, 8, 6), "weekday.last.v1", None),
    (D(2021, 8, 13), "The district fell last Friday.", "last Friday", D(2021, 8, 6), "weekday.last.v1", None),
    (THU, "Troops left last Thursday.", "last Thursday", D(2021, 8, 5), "weekday.last.v1", None),
    (THU, "Talks broke down this past Sunday.", "this past Sunday", D(2021, 8, 8), "weekday.last.v1", None),
    (THU, "Last Wednesday night a car bomb exploded.", "Last Wednesday night", D(2021, 8, 11), "weekday.last.v1", "night"),
    # "next <weekday>": strictly after
    (THU, "Elders will meet next Monday.", "next Monday", D(2021, 8, 16), "weekday.next.v1", None),
    (THU, "The ceasefire ends next Thursday.", "next Thursday", D(2021, 8, 19), "weekday.next.v1", None),
    # early hours
    (THU, "Gunmen stormed the prison in the early hours of Sunday.", "in the early hours of Sunday", D(2021, 8, 8), "weekday.early-hours.v1", "night"),
    # relative words
    (THU, "Two soldiers were killed yesterday.", "yesterday", D(2021, 8, 11), "relative.yesterday.v1", None),
    (THU, "Yesterday morning the power plant was hit.", "Yesterday morning", D(2021, 8, 11), "relative.yesterday.v1", "morning"),
    (THU, "The governor fled late yesterday.", "late yesterday", D(2021, 8, 11), "relative.yesterday.v1", "evening"),
    (THU, "The spokesman confirmed today that the airport is closed.", "today", THU, "relative.today.v1", None),
    (THU, "Earlier today a drone struck a truck.", "Earlier today", THU, "relative.today.v1", None),
    (THU, "Residents expect more fighting tonight.", "tonight", THU, "relative.tonight.v1", "night"),
    (THU, "Gunfire was heard this morning in the old city.", "this morning", THU, "relative.today.v1", "morning"),
    (THU, "The outpost was overrun last night.", "last night", D(2021, 8, 11), "relative.last-night.v1", "night"),
    (THU, "The siege began the day before yesterday.", "the day before yesterday", D(2021, 8, 10), "relative.day-before-yesterday.v1", None),
    (THU, "Negotiators meet tomorrow.", "tomorrow", D(2021, 8, 13), "relative.tomorrow.v1", None),
    (THU, "Overnight on Tuesday the bridge was blown up.", "Overnight on Tuesday", D(2021, 8, 10), "overnight.v1", "overnight"),
    # counts back from publication
    (THU, "The convoy left two days ago.", "two days ago", D(2021, 8, 10), "ago.v1", None),
    (THU, "The town changed hands 10 days ago.", "10 days ago", D(2021, 8, 2), "ago.v1", None),
    (THU, "An envoy arrived 48 hours ago.", "48 hours ago", D(2021, 8, 10), "ago.v1", None),
    # on the Nth
    (THU, "The offensive began on the 6th, a commander said.", "on the 6th", D(2021, 8, 6), "day-of-month.v1", None),
    (THU, "The offensive began on the 20th.", "on the 20th", D(2021, 7, 20), "day-of-month.v1", None),
    # absolute dates in every common news form
    (THU, "The city fell on Aug. 6.", "on Aug. 6", D(2021, 8, 6), "date.v1", None),
    (THU, "Fighting flared Aug 6 near the border.", "Aug 6", D(2021, 8, 6), "date.v1", None),
    (THU, "Fighting flared August 6 near the border.", "August 6", D(2021, 8, 6), "date.v1", None),
    (THU, "Fighting flared on August 6th near the border.", "on August 6th", D(2021, 8, 6), "date.v1", None),
    (THU, "The bombing of 6 August killed nine.", "6 August", D(2021, 8, 6), "date.v1", None),
    (THU, "The bombing on 6 August 2021 killed nine.", "on 6 August 2021", D(2021, 8, 6), "date.v1", None),
    (THU, "The city fell on August 6, 2021, after a siege.", "on August 6, 2021", D(2021, 8, 6), "date.v1", None),
    (THU, "It was the 6th of August when the dam was seized.", "the 6th of August", D(2021, 8, 6), "date.v1", None),
    (THU, "The report is dated 2021-08-06.", "2021-08-06", D(2021, 8, 6), "date.iso.v1", None),
    (THU, "Militia leaders met on Sept. 30, 2019.", "on Sept. 30, 2019", D(2019, 9, 30), "date.v1", None),
    (THU, "Militia leaders met on Friday, Aug. 6.", "on Friday, Aug. 6", D(2021, 8, 6), "date.v1", None),
    (THU, "The attack on May 5 was claimed by the group.", "on May 5", D(2021, 5, 5), "date.v1", None),
    (THU, "A march on March 3 was dispersed.", "on March 3", D(2021, 3, 3), "date.v1", None),
    # year inference: not after publication, with a week of grace for scheduled dates
    (D(2022, 1, 2), "The airport was bombed on Dec. 30.", "on Dec. 30", D(2021, 12, 30), "date.v1", None),
    (D(2022, 1, 15), "The truce collapsed Dec. 28.", "Dec. 28", D(2021, 12, 28), "date.v1", None),
    (THU, "Talks are set for Aug. 16 in Doha.", "Aug. 16", D(2021, 8, 16), "date.v1", None),
    (THU, "The bridge was retaken on Aug. 25.", "on Aug. 25", D(2020, 8, 25), "date.v1", None),
    # month and year boundaries, leap days
    (D(2021, 9, 1), "The garrison surrendered on Tuesday.", "on Tuesday", D(2021, 8, 31), "weekday.v1", None),
    (D(2021, 1, 1), "The last flight left on Thursday.", "on Thursday", D(2020, 12, 31), "weekday.v1", None),
    (D(2021, 1, 1), "Protesters gathered yesterday.", "yesterday", D(2020, 12, 31), "relative.yesterday.v1", None),
    (D(2024, 3, 1), "The port was shelled on Thursday.", "on Thursday", D(2024, 2, 29), "weekday.v1", None),
    (D(2024, 3, 2), "Shelling resumed two days ago.", "two days ago", D(2024, 2, 29), "ago.v1", None),
    (D(2024, 3, 5), "The dam was seized on Feb. 29.", "on Feb. 29", D(2024, 2, 29), "date.v1", None),
    (D(2021, 3, 5), "The camp was raided on the 3rd.", "on the 3rd", D(2021, 3, 3), "day-of-month.v1", None),
    (D(2021, 3, 5), "The camp was raided on the 28th.", "on the 28th", D(2021, 2, 28), "day-of-month.v1", None),
    (D(2021, 1, 5), "The camp was raided on the 28th.", "on the 28th", D(2020, 12, 28), "day-of-month.v1", None),
]
# fmt: on


@pytest.mark.parametrize(("published", "text", "span", "value", "rule", "pod"), DAY_CASES)
def test_day_forms(
    published: dt.date, text: str, span: str, value: dt.date, rule: str, pod: str | None
) -> None:
    m = only(text, published)
    assert m.span.text == span
    assert text[m.span.start : m.span.end] == span
    assert (m.value, m.precision, m.rule, m.part_of_day) == (value, P.DAY, rule, pod)


# --------------------------------------------------------------------------- periods and ranges

# (published, sentence, span text, value, end, precision, rule)
# fmt: off
PERIOD_CASES = [
    (THU, "Dozens were killed this week.", "this week", D(2021, 8, 9), D(2021, 8, 15), P.WEEK, "period.week.v1"),
    (THU, "Dozens were killed earlier this week.", "earlier this week", D(2021, 8, 9), D(2021, 8, 15), P.WEEK, "period.week.v1"),
    (THU, "The pass was closed last week.", "last week", D(2021, 8, 2), D(2021, 8, 8), P.WEEK, "period.week.v1"),
    (D(2021, 1, 2), "The pass was closed last week.", "last week", D(2020, 12, 21), D(2020, 12, 27), P.WEEK, "period.week.v1"),
    (THU, "Three districts fell earlier this month.", "earlier this month", D(2021, 8, 1), D(2021, 8, 31), P.MONTH, "period.month.v1"),
    (THU, "Aid stopped this month.", "this month", D(2021, 8, 1), D(2021, 8, 31), P.MONTH, "period.month.v1"),
    (THU, "Aid stopped last month.", "last month", D(2021, 7, 1), D(2021, 7, 31), P.MONTH, "period.month.v1"),
    (D(2021, 1, 20), "Aid stopped last month.", "last month", D(2020, 12, 1), D(2020, 12, 31), P.MONTH, "period.month.v1"),
    (THU, "Talks failed late last month.", "late last month", D(2021, 7, 21), D(2021, 7, 31), P.RANGE, "period.month.v1"),
    (THU, "The army lost the valley last year.", "last year", D(2020, 1, 1), D(2020, 12, 31), P.YEAR, "period.year.v1"),
    (THU, "The army lost the valley earlier this year.", "earlier this year", D(2021, 1, 1), D(2021, 12, 31), P.YEAR, "period.year.v1"),
    (THU, "The town was taken three weeks ago.", "three weeks ago", D(2021, 7, 19), D(2021, 7, 25), P.WEEK, "ago.v1"),
    (THU, "The town was taken two months ago.", "two months ago", D(2021, 6, 1), D(2021, 6, 30), P.MONTH, "ago.v1"),
    (THU, "The town was taken a year ago.", "a year ago", D(2020, 8, 1), D(2020, 8, 31), P.MONTH, "ago.v1"),
    (THU, "The town was taken a few days ago.", "a few days ago", D(2021, 8, 5), D(2021, 8, 10), P.RANGE, "ago.v1"),
    # months
    (THU, "The offensive began in August.", "in August", D(2021, 8, 1), D(2021, 8, 31), P.MONTH, "month.v1"),
    (THU, "The offensive began in May.", "in May", D(2021, 5, 1), D(2021, 5, 31), P.MONTH, "month.v1"),
    (THU, "The offensive began in August 2019.", "in August 2019", D(2019, 8, 1), D(2019, 8, 31), P.MONTH, "month.v1"),
    (THU, "The offensive began in November.", "in November", D(2020, 11, 1), D(2020, 11, 30), P.MONTH, "month.v1"),
    (THU, "The offensive of October 2020 stalled.", "of October 2020", D(2020, 10, 1), D(2020, 10, 31), P.MONTH, "month.v1"),
    (THU, "Fighting peaked in mid-August.", "in mid-August", D(2021, 8, 11), D(2021, 8, 20), P.RANGE, "month.part.v1"),
    (THU, "Fighting peaked mid-July.", "mid-July", D(2021, 7, 11), D(2021, 7, 20), P.RANGE, "month.part.v1"),
    (THU, "The siege began early August.", "early August", D(2021, 8, 1), D(2021, 8, 10), P.RANGE, "month.part.v1"),
    (THU, "The siege began in late July.", "in late July", D(2021, 7, 21), D(2021, 7, 31), P.RANGE, "month.part.v1"),
    (D(2021, 3, 3), "The siege began at the end of February.", "the end of February", D(2021, 2, 21), D(2021, 2, 28), P.RANGE, "month.part.v1"),
    (D(2020, 3, 3), "The siege began at the end of February.", "the end of February", D(2020, 2, 21), D(2020, 2, 29), P.RANGE, "month.part.v1"),
    (THU, "The militia was formed last May.", "last May", D(2021, 5, 1), D(2021, 5, 31), P.MONTH, "month.last.v1"),
    (THU, "The militia disbanded last August.", "last August", D(2020, 8, 1), D(2020, 8, 31), P.MONTH, "month.last.v1"),
    # years
    (THU, "The group first appeared in 2014.", "in 2014", D(2014, 1, 1), D(2014, 12, 31), P.YEAR, "year.v1"),
    (THU, "The group first appeared in late 2014.", "in late 2014", D(2014, 9, 1), D(2014, 12, 31), P.RANGE, "year.part.v1"),
    # durations and ranges ending at publication
    (THU, "The city has been besieged for weeks.", "for weeks", D(2021, 7, 29), THU, P.RANGE, "duration.v1"),
    (THU, "The city has been besieged for two months.", "for two months", D(2021, 6, 12), THU, P.RANGE, "duration.v1"),
    (THU, "Clashes have continued since May.", "since May", D(2021, 5, 1), THU, P.RANGE, "since.v1"),
    (THU, "Clashes have continued since Aug. 6.", "since Aug. 6", D(2021, 8, 6), THU, P.RANGE, "since.v1"),
    (THU, "Clashes have continued ever since Monday.", "ever since Monday", D(2021, 8, 9), THU, P.RANGE, "since.v1"),
    (THU, "The road has been closed since 2019.", "since 2019", D(2019, 1, 1), THU, P.RANGE, "since.v1"),
    (THU, "The road has been closed since last week.", "since last week", D(2021, 8, 2), THU, P.RANGE, "since.v1"),
    (THU, "Refugees crossed in recent days.", "in recent days", D(2021, 8, 5), THU, P.RANGE, "recent.v1"),
    (THU, "Refugees crossed over the past two weeks.", "over the past two weeks", D(2021, 7, 29), THU, P.RANGE, "recent.v1"),
    (THU, "Nine died in the past 24 hours.", "in the past 24 hours", D(2021, 8, 11), THU, P.RANGE, "recent.v1"),
    (THU, "Nine died in the last week.", "in the last week", D(2021, 8, 5), THU, P.RANGE, "recent.v1"),
    (THU, "Fighting raged between Aug. 6 and Aug. 9.", "between Aug. 6 and Aug. 9", D(2021, 8, 6), D(2021, 8, 9), P.RANGE, "range.v1"),
    (THU, "Fighting raged between Aug. 6 and 9.", "between Aug. 6 and 9", D(2021, 8, 6), D(2021, 8, 9), P.RANGE, "range.v1"),
    (THU, "Fighting raged between 6 and 9 August.", "between 6 and 9 August", D(2021, 8, 6), D(2021, 8, 9), P.RANGE, "range.v1"),
    (THU, "Fighting raged from Monday to Wednesday.", "from Monday to Wednesday", D(2021, 8, 9), D(2021, 8, 11), P.RANGE, "range.v1"),
    (THU, "Fighting raged from Saturday to Tuesday.", "from Saturday to Tuesday", D(2021, 8, 7), D(2021, 8, 10), P.RANGE, "range.v1"),
    (THU, "Fighting raged Aug. 6-9 in the north.", "Aug. 6-9", D(2021, 8, 6), D(2021, 8, 9), P.RANGE, "range.v1"),
    (THU, "Fighting raged 6–9 August in the north.", "6–9 August", D(2021, 8, 6), D(2021, 8, 9), P.RANGE, "range.v1"),
    (THU, "Fighting raged from July to August.", "from July to August", D(2021, 7, 1), D(2021, 8, 31), P.RANGE, "range.v1"),
    (THU, "The group ruled the area from 1996 to 2001.", "from 1996 to 2001", D(1996, 1, 1), D(2001, 12, 31), P.RANGE, "range.v1"),
    (D(2022, 1, 5), "Fighting raged between Dec. 30 and Jan. 2.", "between Dec. 30 and Jan. 2", D(2021, 12, 30), D(2022, 1, 2), P.RANGE, "range.v1"),
    (D(2022, 1, 5), "Fighting raged Dec. 30-Jan. 2.", "Dec. 30-Jan. 2", D(2021, 12, 30), D(2022, 1, 2), P.RANGE, "range.v1"),
    # weekends and overnight
    (THU, "The airport was shelled over the weekend.", "over the weekend", D(2021, 8, 7), D(2021, 8, 8), P.RANGE, "weekend.v1"),
    (D(2021, 8, 9), "The airport was shelled at the weekend.", "at the weekend", D(2021, 8, 7), D(2021, 8, 8), P.RANGE, "weekend.v1"),
    (D(2021, 8, 8), "The airport was shelled last weekend.", "last weekend", D(2021, 7, 31), D(2021, 8, 1), P.RANGE, "weekend.last.v1"),
    (THU, "Rebels shelled the town overnight.", "overnight", D(2021, 8, 11), THU, P.RANGE, "overnight.v1"),
    (THU, "Rebels shelled the town overnight into Friday.", "overnight into Friday", D(2021, 8, 5), D(2021, 8, 6), P.RANGE, "overnight.v1"),
]
# fmt: on


@pytest.mark.parametrize(
    ("published", "text", "span", "value", "end", "precision", "rule"), PERIOD_CASES
)
def test_periods_and_ranges(
    published: dt.date,
    text: str,
    span: str,
    value: dt.date,
    end: dt.date,
    precision: DatePrecision,
    rule: str,
) -> None:
    m = only(text, published)
    assert m.span.text == span
    assert (m.value, m.end, m.precision, m.rule) == (value, end, precision, rule)


def test_overnight_part_of_day() -> None:
    assert only("Drones struck overnight.").part_of_day == "overnight"


# --------------------------------------------------------------------------- notes on conventions


@pytest.mark.parametrize(
    ("text", "value", "note_contains"),
    [
        ("A day earlier, the mayor had fled.", D(2021, 8, 11), "narrative"),
        ("The day before, the mayor had fled.", D(2021, 8, 11), "narrative"),
        ("Three days earlier the dam was mined.", D(2021, 8, 9), "narrative"),
        ("The city has been besieged for weeks.", D(2021, 7, 29), "approximate"),
        ("Refugees crossed in recent days.", D(2021, 8, 5), "approximate"),
    ],
)
def test_anchored_with_note(text: str, value: dt.date, note_contains: str) -> None:
    m = only(text)
    assert m.value == value
    assert m.note is not None and note_contains in m.note


def test_next_day_is_left_to_the_narrative() -> None:
    m = only("The next day, the rebels withdrew.")
    assert (m.value, m.precision) == (None, P.UNRESOLVED)
    assert m.note and "narrative" in m.note


def test_weekday_mismatch_is_noted() -> None:
    m = only("They met on Monday, Aug. 12.")  # Aug. 12, 2021 was a Thursday
    assert m.value == D(2021, 8, 12) and m.note == "weekday does not match the date"


# --------------------------------------------------------------------------- publication date


@pytest.mark.parametrize(
    "text",
    [
        "Troops withdrew on Thursday.",
        "Troops withdrew yesterday.",
        "Troops withdrew last week.",
        "Troops withdrew over the weekend.",
        "Troops withdrew two days ago.",
        "Troops withdrew on the 6th.",
        "Troops withdrew overnight.",
    ],
)
def test_month_precision_publication_leaves_relative_days_unresolved(text: str) -> None:
    m = only(text, D(2021, 8, 1), published_precision=P.MONTH)
    assert (m.value, m.precision) == (None, P.UNRESOLVED)
    assert m.note == "publication date known only to the month"


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("Troops withdrew on Aug. 6.", D(2021, 8, 6), P.DAY),
        ("Troops withdrew on Aug. 20.", D(2021, 8, 20), P.DAY),  # within the month: fine
        ("Troops withdrew on Dec. 3.", D(2020, 12, 3), P.DAY),
        ("Troops withdrew in July.", D(2021, 7, 1), P.MONTH),
        ("Troops withdrew last month.", D(2021, 7, 1), P.MONTH),
        ("Troops withdrew this year.", D(2021, 1, 1), P.YEAR),
    ],
)
def test_month_precision_publication_still_places_named_dates(
    text: str, value: dt.date, precision: DatePrecision
) -> None:
    m = only(text, D(2021, 8, 1), published_precision=P.MONTH)
    assert (m.value, m.precision) == (value, precision)


@pytest.mark.parametrize(
    "text",
    [
        "Troops withdrew on Thursday.",
        "Troops withdrew yesterday.",
        "Troops withdrew earlier this month.",
        "Troops withdrew three weeks ago.",
        "Troops withdrew in recent days.",
    ],
)
def test_no_publication_date_leaves_relative_unresolved(text: str) -> None:
    m = only(text, None)
    assert (m.value, m.precision, m.note) == (None, P.UNRESOLVED, "no publication date")


@pytest.mark.parametrize(
    ("text", "value", "precision", "note"),
    [
        ("Troops withdrew on Aug. 6, 2021.", D(2021, 8, 6), P.DAY, None),
        ("Troops withdrew on 2021-08-06.", D(2021, 8, 6), P.DAY, None),
        ("Troops withdrew in March 2020.", D(2020, 3, 1), P.MONTH, None),
        ("Troops withdrew in 2019.", D(2019, 1, 1), P.YEAR, None),
        ("Troops withdrew on Aug. 6.", None, P.UNRESOLVED, "no year and no publication date"),
        ("Troops withdrew in August.", None, P.UNRESOLVED, "no year and no publication date"),
    ],
)
def test_no_publication_date_absolute(
    text: str, value: dt.date | None, precision: DatePrecision, note: str | None
) -> None:
    m = only(text, None)
    assert (m.value, m.precision, m.note) == (value, precision, note)


def test_published_precision_none_means_day() -> None:
    assert only("They struck on Wednesday.", THU, published_precision=None).value == D(2021, 8, 11)


@pytest.mark.parametrize(
    ("published", "text"),
    [(D(2021, 3, 1), "The dam was seized on Feb. 29."), (THU, "It fell on Feb. 30, 2020.")],
)
def test_impossible_dates_are_unresolved(published: dt.date, text: str) -> None:
    m = only(text, published)
    assert (m.value, m.precision, m.note) == (None, P.UNRESOLVED, "no such date")


# --------------------------------------------------------------------------- false positives


@pytest.mark.parametrize(
    "text",
    [
        "The rebels may fall back to the hills.",
        "May God protect us, a resident said.",
        "Thousands march on the capital.",
        "The Taliban control 34 provinces, up from 12.",
        "The 6th Battalion moved north.",
        "The offices are on the 6th floor.",
        "Between 5 and 10 people were wounded.",
        "He has served since his election.",
        "About 6,000 families fled.",
        "They fought for freedom.",
        "The day before the vote, roads were closed.",
        "A daily curfew is in force.",
        "The Mayday call came at noon.",
    ],
)
def test_no_false_positives(text: str) -> None:
    assert resolve_times(text, THU) == []


# --------------------------------------------------------------------------- whole texts


def test_several_mentions_in_order_with_exact_spans() -> None:
    text = (
        "KABUL — Insurgents seized the provincial capital on Thursday after weeks of "
        "fighting, officials said. The city had been besieged since early July, and "
        "government forces withdrew overnight. On Aug. 6 a neighbouring district fell; "
        "two more followed last week."
    )
    found = resolve_times(text, THU)
    assert [m.span.text for m in found] == [
        "on Thursday",
        "since early July",
        "overnight",
        "On Aug. 6",
        "last week",
    ]
    assert all(text[m.span.start : m.span.end] == m.span.text for m in found)
    assert [m.value for m in found] == [
        THU,
        D(2021, 7, 1),
        D(2021, 8, 11),
        D(2021, 8, 6),
        D(2021, 8, 2),
    ]


def test_empty_text() -> None:
    assert resolve_times("", THU) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("HERAT, Aug. 14, 2021 — Fighters entered the city on Friday.", D(2021, 8, 14)),
        ("Posted 2022-11-11. Troops crossed the river on Friday.", D(2022, 11, 11)),
        ("Fighters entered the city on Friday, Aug. 13.", None),  # no year: not a dateline
        ("Fighters entered the city on Friday." + " " * 400 + "Aug. 14, 2021", None),
    ],
)
def test_dateline(text: str, expected: dt.date | None) -> None:
    assert dateline(text) == expected


# --------------------------------------------------------------------------- properties


@given(
    published=st.dates(min_value=D(1950, 1, 1), max_value=D(2090, 12, 31)),
    weekday=st.integers(min_value=0, max_value=6),
    form=st.sampled_from(["on {}", "{}", "{} evening", "late {}", "early on {}", "{} night"]),
)
def test_weekday_falls_in_the_week_ending_on_publication(
    published: dt.date, weekday: int, form: str
) -> None:
    text = "Fighting broke out " + form.format(WEEKDAYS[weekday]) + ", residents said."
    m = only(text, published)
    assert m.value is not None
    assert 0 <= (published - m.value).days <= 6
    assert m.value.weekday() == weekday


@given(
    published=st.dates(min_value=D(1950, 1, 1), max_value=D(2090, 12, 31)),
    weekday=st.integers(min_value=0, max_value=6),
)
def test_last_weekday_is_strictly_before_publication(published: dt.date, weekday: int) -> None:
    m = only(f"The post fell last {WEEKDAYS[weekday]}.", published)
    assert m.value is not None
    assert 1 <= (published - m.value).days <= 7
    assert m.value.weekday() == weekday


@given(
    published=st.dates(min_value=D(1950, 1, 1), max_value=D(2090, 12, 31)),
    day=st.dates(min_value=D(1950, 1, 1), max_value=D(2090, 12, 31)),
)
def test_dates_without_year_are_never_far_after_publication(
    published: dt.date, day: dt.date
) -> None:
    text = f"The town fell on {day:%B} {day.day}."
    m = only(text, published)
    if m.value is None:  # Feb. 29 in a year that has none
        assert (day.month, day.day) == (2, 29)
        return
    assert (m.value.month, m.value.day) == (day.month, day.day)
    assert (published - m.value).days > -366
    assert (m.value - published).days <= 7


def test_dates_without_year_eight_days_ahead_is_last_year() -> None:
    # found by the property test above: the 29th was compared as the 28th, a week ahead
    m = only("The town fell on January 29.", D(2000, 1, 21))
    assert m.value == D(1999, 1, 29)
