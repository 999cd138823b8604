"""The day a page without a publication date gives for itself (``refine.page_anchor``).

Every page here is written for these tests, in the shapes scraped news pages take: bylines,
"Updated" lines, datelines with and without a year, numeric and foreign-language dates, a
site's own "today" in its header, an address with a date in it.
"""
# ruff: noqa: E501

from __future__ import annotations

import datetime as dt

import pytest

from frontlines.annotate.refine import page_anchor
from frontlines.records import DatePrecision

D = dt.date

BODY = "\n\nGovernment troops withdrew from the town on Friday, residents said."


# (text, url, day, rule)
# fmt: off
PAGE_CASES = [
    # a marked date, an "Updated" one ranking below "Published"
    ("Army pulls out of river town\nUpdated 13 Aug, 2021" + BODY, None, D(2021, 8, 13), "date.in-text-updated.v1"),
    ("Updated 14 Aug, 2021\nPublished 12 Aug, 2021" + BODY, None, D(2021, 8, 12), "date.in-text-published.v1"),
    ("(Last Updated On: July 7, 2021)" + BODY, None, D(2021, 7, 7), "date.in-text-updated.v1"),
    # a line of the head that is a date, with clock times, zones and bylines around it
    ("Tuesday 23 August 2011" + BODY, None, D(2011, 8, 23), "date.in-text-date-line.v1"),
    ("11:22 JST, February 17, 2024" + BODY, None, D(2024, 2, 17), "date.in-text-date-line.v1"),
    ("Rebels take border post | News Desk | August 13, 2021" + BODY, None, D(2021, 8, 13), "date.in-text-date-line.v1"),
    ("By Staff Writer | 11/14/23" + BODY, None, D(2023, 11, 14), "date.in-text-date-line.v1"),
    ("14.11.2023" + BODY, None, D(2023, 11, 14), "date.in-text-date-line.v1"),
    # a dateline, with its year, or without it (the year from the page's other dates)
    ("KHARTOUM, Aug. 14, 2021 (Agency) - Fighting spread.", None, D(2021, 8, 14), "date.in-text-dateline.v1"),
    ("KABUL, August 15 (Agency) - The offensive that began in May 2021 reached the capital.", None, D(2021, 8, 15), "date.in-text-dateline.v1"),
    ("Kabul [Afghanistan], August 13 (Agency): Fighting went on." + BODY, "https://example.org/news/2021/08/13/kabul", D(2021, 8, 13), "date.in-text-dateline.v1"),
    # a dateline in another language
    ("MADRID, 15 de marzo de 2022 (Agencia) - Tropas rusas avanzan.", None, D(2022, 3, 15), "date.in-text-dateline.v1"),
    ("Kiev, 3 Marzo 2022" + BODY, None, D(2022, 3, 3), "date.in-text-date-line.v1"),
    ("PARIS, 12 juin 2014 (Agence) - Les combattants ont pris la ville.", None, D(2014, 6, 12), "date.in-text-dateline.v1"),
    # the site's "today" on a bulleted header line is not the article's date
    ("\u2022 Wed. Nov 23rd, 2022\n\nThe minister spoke.\n\nAug 13, 2021" + BODY, None, D(2021, 8, 13), "date.in-text-date-line.v1"),
    # the address of the page
    ("Rebels seized the town on Thursday, residents said.", "https://example.org/world/2021/07/10/rebels-take-town", D(2021, 7, 10), "date.url.v1"),
    # nothing but the days the text tells: the latest of them
    ("Fighters entered Sake on Nov. 20, 2012, witnesses said." + BODY, None, D(2012, 11, 20), "date.in-text-latest.v1"),
]
# fmt: on


@pytest.mark.parametrize(("text", "url", "day", "rule"), PAGE_CASES)
def test_page_anchor_kinds(text: str, url: str | None, day: dt.date, rule: str) -> None:
    got = page_anchor(text, url)
    assert got is not None
    assert (got.day, got.rule) == (day, rule)
    if got.span is not None:
        assert text[got.span.start : got.span.end] == got.span.text


def test_yearless_dateline_says_where_its_year_came_from() -> None:
    got = page_anchor("KABUL, August 15 (Agency) - The offensive began in May 2021.")
    assert got is not None and got.note and "2021" in got.note


def test_latest_day_the_text_names() -> None:
    # a caption of an older photo, then the days the report tells: the latest of them,
    # its year taken from the caption
    text = (
        "Militiamen at a rally in Herat on Wednesday, June 23, 2021.\n\n"
        "Insurgents took the border crossing on Thursday. Officials said on July 8 that the "
        "customs post had fallen, and the group's spokesman confirmed it on July 9."
    )
    got = page_anchor(text)
    assert got is not None
    assert (got.day, got.rule) == (D(2021, 7, 9), "date.in-text-latest.v1")


def test_a_background_day_is_not_the_report_date() -> None:
    # the only full date is decades old, and the text speaks of a later year
    text = (
        "The commander, killed on September 9, 2001, is still honoured in the valley. "
        "Fighters loyal to his son said in 2021 that they would resist."
    )
    assert page_anchor(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "Fighters entered the city on Friday, residents said.",
        "Fighters entered the city on Aug. 13, officials said.",  # no year anywhere
        "Mars is bright this week.\n\nTroops left on Friday.",
        "Figures for 06/08/2021 were revised.",  # day-month order unknown
    ],
)
def test_no_page_date(text: str) -> None:
    assert page_anchor(text) is None


def test_within_a_coarse_publication_date() -> None:
    # only the month is known: a dateline inside it anchors the page, one outside does not
    text = "HERAT, Aug. 7, 2021 - Fighting went on." + BODY
    august = (D(2021, 8, 1), D(2021, 8, 31))
    july = (D(2021, 7, 1), D(2021, 7, 31))
    got = page_anchor(text, within=august)
    assert got is not None and got.day == D(2021, 8, 7)
    assert page_anchor(text, within=july) is None


def test_annotator_anchors_an_undated_page_and_says_so() -> None:
    import frontlines

    article = frontlines.read_text(
        "KABUL, Aug. 14, 2021 (Agency) - Taliban fighters captured Ghazni on Thursday.",
        id="undated",
    )
    from frontlines.pipeline import Pipeline

    doc = Pipeline.load().annotate(article)
    assert doc.anchor == D(2021, 8, 14)
    assert doc.anchor_rule == "date.in-text-dateline.v1"
    assert doc.anchor_span is not None and doc.anchor_span.text == "Aug. 14, 2021"
    thursday = [t for t in doc.times if t.span.text == "on Thursday"]
    assert thursday and thursday[0].value == D(2021, 8, 12)
    assert thursday[0].precision is DatePrecision.DAY


def test_a_timelines_entries_do_not_anchor_the_page() -> None:
    # two lines open "Place, date:": entries of a timeline, not the report's dateline
    text = (
        "Zaranj, August 6, 2021: The Taliban take over the city.\n\n"
        "Sheberghan, August 7, 2021: The Taliban capture the city.\n\n"
        "Kunduz, August 8, 2021: Fighters seize the city."
    )
    got = page_anchor(text)
    assert got is not None
    assert (got.day, got.rule) == (D(2021, 8, 8), "date.in-text-latest.v1")
