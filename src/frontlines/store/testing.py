"""Hand-built records and a fake pipeline, for tests and benchmarks of the store.

No real extraction is involved: tests of the store, the merge and the timeline must not
depend on the lexicons, and other stages (the HTTP API) can fill a store the same way.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from typing import Any

from frontlines.records import (
    Actor,
    ActorKind,
    Aggregate,
    AnnotatedDocument,
    Article,
    DatePrecision,
    DateSource,
    Event,
    EventType,
    Evidence,
    Place,
    PlaceKind,
    Source,
    SourceType,
    Span,
    Status,
)

TALIBAN = Actor("taliban", "Taliban", ActorKind.NON_STATE, "AF")
AFGHAN_FORCES = Actor("afghan-forces", "Afghan National Army", ActorKind.STATE_FORCES, "AF")
KUNDUZ = Place(
    1135689, "Kunduz", PlaceKind.CITY, 36.72896, 68.857, "AF", "Kunduz", "AF-KDZ", admin_seat=1
)
HERAT = Place(
    1140026, "Herat", PlaceKind.CITY, 34.34817, 62.19967, "AF", "Herat", "AF-HER", admin_seat=1
)
LASHKAR_GAH = Place(
    1147290,
    "Lashkar Gāh",
    PlaceKind.CITY,
    31.59382,
    64.37161,
    "AF",
    "Helmand",
    "AF-HEL",
    admin_seat=1,
)
SPIN_BOLDAK = Place(
    1127110,
    "Spin Boldak",
    PlaceKind.CITY,
    31.00575,
    66.40009,
    "AF",
    "Kandahar",
    "AF-KAN",
    admin_seat=2,
)


def make_article(
    article_id: str,
    text: str = "",
    *,
    published: dt.date | None = dt.date(2021, 8, 10),
    outlet: str | None = "Example Wire",
    url: str | None = None,
) -> Article:
    return Article(
        id=article_id,
        text=text or f"Report {article_id}.",
        title=f"Report {article_id}",
        url=url or f"https://news.example/{article_id}",
        published=published,
        published_precision=DatePrecision.DAY if published else None,
        outlet=outlet,
    )


def make_event(
    article_id: str,
    type: EventType = EventType.CAPTURE,
    *,
    actor: Actor | None = TALIBAN,
    place: Place | None = KUNDUZ,
    date: dt.date | None = dt.date(2021, 8, 8),
    precision: DatePrecision = DatePrecision.DAY,
    date_source: DateSource = DateSource.TEXT,
    status: Status = Status.REPORTED,
    published: dt.date | None = dt.date(2021, 8, 10),
    outlet: str | None = "Example Wire",
    facility: str | None = None,
    negated: bool = False,
    sentence: str = "",
    source: tuple[str, SourceType] | None = None,
) -> Event:
    sentence = sentence or (
        f"{actor.name if actor else 'Fighters'} {type.value} near "
        f"{place.name if place else 'somewhere'}."
    )
    return Event(
        article_id=article_id,
        type=type,
        actor=actor,
        place=place,
        date=date if precision is not DatePrecision.UNRESOLVED else None,
        date_precision=precision if date else DatePrecision.UNRESOLVED,
        date_source=date_source if date else DateSource.NONE,
        status=status,
        facility=facility,
        negated=negated,
        published=published,
        outlet=outlet,
        url=f"https://news.example/{article_id}",
        sources=(Source(source[0], source[1]),) if source else (),
        evidence=(Evidence(sentence, 0, len(sentence), Span(0, 3, sentence[:3]), "test"),),
    )


def make_aggregate(
    article_id: str,
    count: int,
    of: str = "provincial capitals",
    *,
    actor: Actor | None = TALIBAN,
    as_of: dt.date | None = dt.date(2021, 8, 12),
) -> Aggregate:
    sentence = f"{actor.name if actor else 'They'} now hold {count} {of}."
    evidence = Evidence(sentence, 0, len(sentence), Span(0, 1, sentence[:1]), "test")
    return Aggregate(article_id, actor, count, of, as_of, evidence)


def empty_document(article: Article) -> AnnotatedDocument:
    return AnnotatedDocument(article, (), (), (), (), ())


@dataclass
class FakePipeline:
    """Has ``Pipeline.run``'s signature; returns the events planned for each article id.

    ``plan`` maps article id -> (events, aggregates); ``delay`` slows each run (crash tests).
    """

    plan: dict[str, tuple[tuple[Event, ...], tuple[Aggregate, ...]]] = field(default_factory=dict)
    delay: float = 0.0
    calls: int = 0

    def run(self, article: Article, **_: Any) -> FakeResult:
        self.calls += 1
        if self.delay:
            time.sleep(self.delay)
        events, aggregates = self.plan.get(article.id, ((), ()))
        return FakeResult(article, empty_document(article), events, aggregates)


@dataclass(frozen=True, slots=True)
class FakeResult:
    """Same fields as ``frontlines.pipeline.ExtractionResult`` (importable without it)."""

    article: Article
    document: AnnotatedDocument
    events: tuple[Event, ...]
    aggregates: tuple[Aggregate, ...]
