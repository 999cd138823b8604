"""The date of an event read in its context: the page's own date, the narrative's counts, the
day a source spoke, captions, the paragraph's story. One written case per rule; each asserts
the day and the rule the ``explain`` entry names, so a regression points at the rule."""

from __future__ import annotations

import datetime as dt

import frontlines
from frontlines.records import Article, DateSource, Event
from frontlines.sources import parse_published


def run(text: str, published: str | None, url: str | None = None) -> list[Event]:
    """Extract from an article; ``published`` may be YYYY-MM-DD or YYYY-MM (month only)."""
    day, precision = parse_published(published)
    article = Article(
        id="case", text=text, published=day, published_precision=precision, url=url
    )
    return frontlines.extract(article)


def one(events: list[Event], type_: str, place: str) -> Event:
    hits = [e for e in events if e.type.value == type_ and e.place and place in e.place.name]
    assert len(hits) == 1, [(e.type.value, e.place and e.place.name, e.date) for e in events]
    return hits[0]


def date_rule(e: Event) -> str:
    return next(x.rule for x in e.explanations if x.field == "date")


D = dt.date


# --------------------------------------------------------------------------- the page's own date


def test_undated_page_is_anchored_on_its_dateline() -> None:
    text = (
        "KABUL, Aug. 14, 2021 (Agency) - Taliban fighters captured Ghazni on Thursday, "
        "officials said. The militants also seized Herat."
    )
    events = run(text, None)
    ghazni = one(events, "capture", "Ghazni")
    assert ghazni.date == D(2021, 8, 12)
    assert date_rule(ghazni).endswith("+date.in-text-dateline.v1")
    herat = one(events, "capture", "Herat")
    # "also" seized Herat: the paragraph's day, counted from the dateline
    assert herat.date == D(2021, 8, 12)


def test_an_event_with_no_day_on_an_undated_page_takes_the_page_date_and_says_so() -> None:
    text = "Updated 13 Aug, 2021\n\nTaliban fighters have captured Kandahar, officials said."
    e = one(run(text, None), "capture", "Kandahar")
    assert e.date == D(2021, 8, 13)
    assert e.date_source is DateSource.PUBLISHED  # a stand-in for the report's date
    assert e.published is None  # ... which the page's metadata did not give
    assert date_rule(e) == "date.in-text-updated.v1"


def test_undated_page_anchored_on_its_address() -> None:
    text = "Insurgents captured Islam Qala, a border town, on Thursday, officials said."
    e = one(
        run(text, None, url="https://example.org/world/2021/07/10/border-town"),
        "capture",
        "Eslam Qaleh",  # GeoNames' name of Islam Qala
    )
    assert e.date == D(2021, 7, 8)
    assert date_rule(e).endswith("+date.url.v1")


def test_a_day_without_a_year_takes_the_year_of_the_articles_other_dates() -> None:
    text = (
        "The offensive began on May 1, 2021, after foreign troops started to leave. "
        "On Aug. 6, the militants captured Zaranj, the capital of Nimruz province."
    )
    e = one(run(text, None), "capture", "Zaranj")
    assert e.date == D(2021, 8, 6)
    assert "date.in-text-latest.v1" in date_rule(e)


def test_a_numeric_page_date_gives_the_year_of_a_day_written_without_one() -> None:
    text = (
        "By Staff | 11/14/23\n\nRebels took Bambari on Nov. 11 and government troops "
        "retook the town on Monday, residents said."
    )
    days = sorted(e.date for e in run(text, None) if e.type.value == "capture" and e.date)
    assert days == [D(2023, 11, 11), D(2023, 11, 13)]


def test_month_only_page_is_anchored_on_a_dateline_inside_that_month() -> None:
    text = "HERAT, Aug. 13, 2021 - Taliban fighters captured Herat on Thursday."
    e = one(run(text, "2021-08"), "capture", "Herat")
    assert e.date == D(2021, 8, 12)


def test_a_dateline_inside_brackets_dates_the_report_not_the_event() -> None:
    text = (
        "MOSCOW (Agency - 13th August, 2021) The Taliban announced on Thursday the capture of "
        "Qalat, the capital of Zabul province."
    )
    e = one(run(text, "2021-08-13"), "capture", "Qalat")
    assert e.date == D(2021, 8, 12)
    assert date_rule(e) == "date.statement-day.v1"


def test_the_entries_of_a_timeline_are_not_datelines() -> None:
    text = (
        "Timeline of the offensive\n\n"
        "Zaranj, August 6: The Taliban take over the capital of Nimruz province.\n\n"
        "Sheberghan, August 7: The Taliban capture the city after heavy fighting."
    )
    events = run(text, "2021-08-11")
    assert one(events, "capture", "Zaranj").date == D(2021, 8, 6)
    assert one(events, "capture", "Shibirghan").date == D(2021, 8, 7)


# --------------------------------------------------------------------------- the day a source spoke


def test_statement_day_dates_the_event_only_when_nothing_else_does() -> None:
    text = "The army said on Wednesday that its troops had retaken Kupiansk."
    e = one(run(text, "2022-09-15"), "capture", "Kupyansk")
    assert e.date == D(2022, 9, 14)
    assert date_rule(e) == "date.statement-day.v1"
    assert e.reported_date == D(2022, 9, 14)


def test_statement_day_and_event_day_are_both_kept() -> None:
    text = (
        "The defence ministry said on Wednesday that commandos had retaken Dawlatabad "
        "district on Tuesday night after heavy fighting."
    )
    e = one(run(text, "2021-06-17"), "capture", "Dowlatabad")
    assert e.date == D(2021, 6, 15)
    assert e.reported_date == D(2021, 6, 16)
    d = e.to_dict()
    assert (d["date"], d["reported_date"]) == ("2021-06-15", "2021-06-16")
    assert Event.from_dict(d).reported_date == D(2021, 6, 16)


def test_the_next_sentence_may_give_the_day_behind_a_statement() -> None:
    text = (
        "The government said on Tuesday that federal troops had taken control of Shire. "
        "A statement said the army had captured the towns on Monday without fighting."
    )
    e = one(run(text, "2022-10-18"), "capture", "Inda Silase")  # Shire
    assert e.date == D(2022, 10, 17)
    assert date_rule(e) == "date.elaboration.v1"


def test_a_claim_and_the_day_it_names_are_one_event() -> None:
    text = (
        "Tigrayan forces said on Sunday that they had captured the town of Dessie. "
        "A spokesman wrote on Twitter that Tigrayan fighters had entered Dessie on Saturday."
    )
    e = one(run(text, "2021-10-31"), "capture", "Dessie")
    assert e.date == D(2021, 10, 30)
    assert e.reported_date == D(2021, 10, 31)
    said = [x for x in e.explanations if x.field == "reported_date"]
    assert said and said[0].span is not None and said[0].span.text == "on Sunday"


# --------------------------------------------------------------------------- narrative counts


def test_a_day_later_counts_from_the_day_just_told() -> None:
    text = (
        "The militants overran Zaranj on Friday. A day later, they captured Sheberghan, "
        "the capital of Jowzjan province."
    )
    e = one(run(text, "2021-08-11"), "capture", "Shibirghan")
    assert e.date == D(2021, 8, 7)
    assert date_rule(e).startswith("date.narrative+narrative.after.v1")


def test_the_next_day_and_the_following_day() -> None:
    text = (
        "On August 9, the militants seized Aybak. The next day, they took control of Pul-e "
        "Khumri. On the following day Fayzabad fell to the militants."
    )
    events = run(text, "2021-08-14")
    assert one(events, "capture", "Aibak").date == D(2021, 8, 9)
    assert one(events, "capture", "Khumri").date == D(2021, 8, 10)
    assert one(events, "capture", "Fayzabad").date == D(2021, 8, 11)


def test_a_count_later_in_the_same_sentence_starts_from_its_day() -> None:
    text = (
        "Rebels seized Bambari on Tuesday but government troops drove them out of the town "
        "a day later, the UN mission said."
    )
    e = one(run(text, "2020-12-24"), "withdraw", "Bambari")
    assert e.date == D(2020, 12, 23)
    assert date_rule(e) == "date.narrative+narrative.after.v1"


def test_two_days_earlier_belongs_to_its_own_clause() -> None:
    text = (
        "Government troops retook Saraqib on Monday; rebels had seized the town two days "
        "earlier."
    )
    events = run(text, "2020-03-03")
    days = {e.date: date_rule(e) for e in events if e.type.value == "capture"}
    # Monday is the retaking's; the seizure is two days before it (2020 is a leap year),
    # not two days before publication
    assert days == {
        D(2020, 3, 2): "date.text+weekday.v1",
        D(2020, 2, 29): "date.narrative+earlier.v1",
    }, days


def test_an_event_after_n_days_after_is_counted_from_the_main_clause() -> None:
    text = (
        "Government troops recaptured Saraqib on Monday, state television said, four days "
        "after rebels wrested control of it from the army."
    )
    events = run(text, "2020-03-03")
    days = sorted(e.date for e in events if e.type.value == "capture" and e.date)
    assert days == [D(2020, 2, 27), D(2020, 3, 2)], days
    back = next(e for e in events if e.date == D(2020, 2, 27))
    assert date_rule(back) == "date.relative-clause.v1"


def test_a_background_capture_months_earlier_gets_its_own_period() -> None:
    text = (
        "Tigrayan forces retook Mekelle on Monday, eight months after federal troops "
        "captured it."
    )
    events = [e for e in run(text, "2021-06-29") if e.type.value == "capture"]
    # two facts, two periods: never folded into one capture
    assert len(events) == 2, [(e.actor and e.actor.name, e.date) for e in events]
    assert {e.date_precision.value for e in events} == {"day", "month"}
    background = next(e for e in events if e.date_precision.value == "month")
    assert background.date == D(2020, 10, 1)


def test_a_caption_date_dates_the_whole_caption() -> None:
    text = (
        "Taliban fighters gather a day after taking control of Kandahar, Afghanistan, "
        "14 August 2021. EPA/STAFF"
    )
    e = one(run(text, "2021-08-15"), "capture", "Kandahar")
    assert e.date == D(2021, 8, 13)


# --------------------------------------------------------------------------- the paragraph's story


def test_the_story_of_the_paragraph_dates_a_sentence_without_a_day() -> None:
    text = (
        "On Friday, rebels shelled the hills above the town. Malian troops withdrew from "
        "Kidal, a resident said."
    )
    e = one(run(text, "2012-04-02"), "withdraw", "Kidal")
    assert e.date == D(2012, 3, 30)
    assert e.date_source is DateSource.PARAGRAPH


def test_the_paragraph_prefers_the_sentence_about_the_same_place() -> None:
    text = (
        "Tuareg rebels took control of Timbuktu on Sunday. Kidal had been overrun on Friday "
        "and Gao on Saturday. In Timbuktu, Malian troops pulled out of the main military "
        "camp before the rebels arrived, a resident said."
    )
    e = one(run(text, "2012-04-02"), "withdraw", "Timbuktu")
    assert e.date == D(2012, 4, 1)
    assert date_rule(e) == "date.paragraph-same-place.v1"


def test_the_afternoon_is_the_afternoon_of_the_story() -> None:
    text = (
        "The Taliban took Ghazni on Thursday morning. In the afternoon, the militants "
        "seized the police headquarters in Herat."
    )
    events = run(text, "2021-08-13")
    herat = [e for e in events if e.place and "Herat" in e.place.name]
    assert herat and all(e.date == D(2021, 8, 12) for e in herat), herat
    assert date_rule(herat[0]) == "date.same-day.v1"


def test_a_hard_wrapped_sentence_keeps_its_day() -> None:
    # read line by line, the withdrawal would lose its town and its day to the next line
    text = (
        "Government troops pulled out of the southern city of\n"
        "Kherson on Friday, officials said. On Thursday, the army had\n"
        "warned residents to leave."
    )
    e = one(run(text, "2022-11-12"), "withdraw", "Kherson")
    assert e.date == D(2022, 11, 11)
    assert e.date_source is DateSource.TEXT


def test_a_headline_does_not_lend_its_day_to_the_body() -> None:
    # the headline stands alone: the body's capture keeps the publication date
    text = "Fighting on Monday near the airport\nTaliban fighters have captured Kunduz."
    e = one(run(text, "2021-08-09"), "capture", "Kunduz")
    assert e.date_source is DateSource.PUBLISHED
