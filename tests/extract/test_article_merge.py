"""The article-level merge (``extraction/dedup.py``): one event per fact, the status of the
accounts that carry evidence, and never one fact out of two periods.

Events are built by hand with the fields the merge reads (type, place, actor, date, its
source and rule, status and its rule, evidence), so each rule is pinned without the engine.
"""

from __future__ import annotations

import datetime as dt

from frontlines.extraction.dedup import merge_article_events
from frontlines.records import (
    Actor,
    ActorKind,
    DatePrecision,
    DateSource,
    Event,
    EventType,
    Evidence,
    FieldExplanation,
    Place,
    PlaceKind,
    Source,
    SourceType,
    Span,
    Status,
)

D = dt.date
KOBANI = Place(174448, "Kobani", PlaceKind.CITY, 36.89, 38.35, "SY")
YPG = Actor("ypg", "People's Protection Units", ActorKind.NON_STATE, "SY")
PUBLISHED = D(2015, 1, 27)


def account(
    sentence: str,
    start: int,
    trigger: str,
    *,
    status: Status = Status.REPORTED,
    status_rule: str = "status.default-reported.v1",
    date: dt.date | None = PUBLISHED,
    source: DateSource = DateSource.PUBLISHED,
    precision: DatePrecision = DatePrecision.DAY,
    date_rule: str = "date.published.v1",
    sources: tuple[Source, ...] = (),
) -> Event:
    """One candidate event: a capture of Kobani by the YPG told by ``sentence``."""
    at = start + sentence.index(trigger)
    return Event(
        article_id="a",
        type=EventType.CAPTURE,
        actor=YPG,
        place=KOBANI,
        date=date,
        date_precision=precision,
        date_source=source,
        status=status,
        sources=sources,
        evidence=(
            Evidence(
                sentence, start, start + len(sentence), Span(at, at + len(trigger), trigger), "t"
            ),
        ),
        explanations=(
            FieldExplanation("status", status.value, None, status_rule),
            FieldExplanation("date", date.isoformat() if date else "", None, date_rule),
        ),
        published=PUBLISHED,
    )


def on_monday(sentence: str, start: int, trigger: str, **kw: object) -> Event:
    """An account dated by "on Monday" in its own clause."""
    return account(
        sentence,
        start,
        trigger,
        date=D(2015, 1, 26),
        source=DateSource.TEXT,
        date_rule="date.text+weekday.v1",
        **kw,  # type: ignore[arg-type]
    )


def status_rule(e: Event) -> str:
    return next(x.rule for x in e.explanations if x.field == "status")


def test_a_claim_outranks_a_reported_that_is_only_assumed_inside_speech() -> None:
    claim = on_monday(
        "Kurdish fighters declared victory in Kobani on Monday.",
        0,
        "declared victory in",
        status=Status.CLAIMED,
        status_rule="status.claiming-trigger.v1",
    )
    inside = on_monday("They said they had pushed the militants out of Kobani.", 60, "pushed")
    for order in ([claim, inside], [inside, claim]):
        (e,) = merge_article_events(order)
        assert e.status is Status.CLAIMED
        assert status_rule(e) == "status.claiming-trigger.v1+status.merged-first-evidence.v1"


def test_the_outlets_own_words_told_first_are_reported() -> None:
    outlet = on_monday("Kurdish fighters retook Kobani on Monday.", 0, "retook")
    claim = account(
        "A spokesman said its fighters were in full control of Kobani.",
        50,
        "in full control of",
        status=Status.CLAIMED,
        status_rule="status.party-speaks-for-itself.v1",
        source=DateSource.PARAGRAPH,
        date=D(2015, 1, 26),
        date_rule="date.paragraph.v1",
    )
    (e,) = merge_article_events([outlet, claim])
    assert e.status is Status.REPORTED


def test_a_denial_or_a_confirmation_anywhere_decides() -> None:
    claim = on_monday(
        "The YPG said it had taken Kobani on Monday.",
        0,
        "taken",
        status=Status.CLAIMED,
        status_rule="status.party-speaks-for-itself.v1",
    )
    confirmed = account(
        "A monitoring group confirmed that Kobani had fallen.",
        60,
        "fallen",
        status=Status.CONFIRMED,
        status_rule="status.confirmation-verb.v1",
    )
    denied = account(
        "The militants denied that Kobani had fallen.",
        120,
        "fallen",
        status=Status.DENIED,
        status_rule="status.denial-verb.v1",
    )
    (e,) = merge_article_events([claim, confirmed])
    assert e.status is Status.CONFIRMED
    (e,) = merge_article_events([claim, confirmed, denied])
    assert e.status is Status.DENIED


def test_a_named_source_is_evidence() -> None:
    sourced = account(
        "Officials said Kurdish fighters had retaken Kobani.",
        0,
        "retaken",
        sources=(Source("officials", SourceType.GOVERNMENT_OFFICIAL),),
    )
    claim = on_monday(
        "The YPG said it had taken Kobani on Monday.",
        60,
        "taken",
        status=Status.CLAIMED,
        status_rule="status.party-speaks-for-itself.v1",
    )
    (e,) = merge_article_events([sourced, claim])
    assert e.status is Status.REPORTED


def test_a_background_capture_is_never_folded_into_todays() -> None:
    today = account("Kurdish fighters took Kobani.", 0, "took")  # no day: the report's period
    months_ago = account(
        "Kurdish fighters first took Kobani in a battle four months ago.",
        40,
        "took",
        date=D(2014, 9, 1),
        precision=DatePrecision.MONTH,
        source=DateSource.SENTENCE,
        date_rule="date.relative-clause.v1",
    )
    assert len(merge_article_events([today, months_ago])) == 2


def test_an_undated_account_joins_the_dated_one_of_its_period() -> None:
    undated = account("Kurdish fighters took Kobani.", 0, "took")
    dated = on_monday("Kurdish fighters took Kobani on Monday.", 40, "took")
    (e,) = merge_article_events([undated, dated])
    assert e.date == D(2015, 1, 26)
    assert e.date_source is DateSource.TEXT
    assert len(e.evidence) == 2


def test_two_days_of_their_own_join_only_when_they_agree() -> None:
    monday = on_monday("Kurdish fighters took Kobani on Monday.", 0, "took")
    friday = account(
        "Kurdish fighters took Kobani on Friday.",
        50,
        "took",
        date=D(2015, 1, 23),
        source=DateSource.TEXT,
        date_rule="date.text+weekday.v1",
    )
    january = account(
        "Kobani was taken in January.",
        100,
        "taken",
        date=D(2015, 1, 1),
        precision=DatePrecision.MONTH,
        source=DateSource.TEXT,
        date_rule="date.text+month.v1",
    )
    assert len(merge_article_events([monday, friday])) == 2
    (e,) = merge_article_events([monday, january])  # the month holds the day
    assert e.date == D(2015, 1, 26)


def test_a_statement_day_joins_the_event_day_just_before_it_only() -> None:
    said = account(
        "The YPG said on Tuesday that it had taken Kobani.",
        0,
        "taken",
        status=Status.CLAIMED,
        status_rule="status.party-speaks-for-itself.v1",
        date=D(2015, 1, 27),
        source=DateSource.SENTENCE,
        date_rule="date.statement-day.v1",
    )
    monday = on_monday("Fighters entered Kobani on Monday.", 60, "entered")
    (e,) = merge_article_events([said, monday])
    assert e.date == D(2015, 1, 26)  # the event's own day, not the statement's
    week_before = account(
        "Fighters entered Kobani on Tuesday last week.",
        60,
        "entered",
        date=D(2015, 1, 20),
        source=DateSource.TEXT,
        date_rule="date.text+weekday.v1",
    )
    assert len(merge_article_events([said, week_before])) == 2
