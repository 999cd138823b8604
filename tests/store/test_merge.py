"""Cross-article merge: corroboration, compatibility rules, order independence."""

from __future__ import annotations

import datetime as dt
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from frontlines.records import DatePrecision, DateSource, EventType, SourceType, Status
from frontlines.store.merge import MergedStatus, merge_events, place_components
from frontlines.store.testing import AFGHAN_FORCES, HERAT, KUNDUZ, TALIBAN, make_event

from .strategies import NEAR_KUNDUZ, event_lists

D = dt.date(2021, 8, 8)


def test_merge_two_articles_one_event_with_corroboration() -> None:
    a = make_event(
        "a1",
        status=Status.CLAIMED,
        outlet="Wire A",
        source=("a Taliban spokesman", SourceType.PARTY),
    )
    b = make_event(
        "a2",
        status=Status.CONFIRMED,
        outlet="Wire B",
        published=dt.date(2021, 8, 9),
        source=("provincial officials", SourceType.LOCAL_OFFICIAL),
    )
    [m] = merge_events([a, b])
    assert m.article_count == 2 and m.outlet_count == 2
    assert m.status is MergedStatus.CONFIRMED
    assert m.first_report == dt.date(2021, 8, 9) and m.last_report == dt.date(2021, 8, 10)
    assert set(m.source_types) == {SourceType.PARTY, SourceType.LOCAL_OFFICIAL}
    assert {x.event_id for x in m.members} == {a.id, b.id}


def test_merge_denial_makes_disputed() -> None:
    claim = make_event("a1", status=Status.CLAIMED)
    denial = make_event("a2", actor=None, status=Status.DENIED)
    [m] = merge_events([claim, denial])
    assert m.status is MergedStatus.DISPUTED
    [only] = merge_events([denial])
    assert only.status is MergedStatus.DENIED


def test_merge_actor_compatibility() -> None:
    t, g, u = make_event("a1"), make_event("a2", actor=AFGHAN_FORCES), make_event("a3", actor=None)
    merged = merge_events([t, g, u])
    assert len(merged) == 2
    with_unknown = next(m for m in merged if len(m.members) == 2)
    assert u.id in {x.event_id for x in with_unknown.members}  # joins one known actor's report
    assert with_unknown.actor is not None


def test_merge_date_precision_and_distance() -> None:
    day = make_event("a1", date=D)
    next_day = make_event("a2", date=D + dt.timedelta(days=1))
    month = make_event("a3", date=D.replace(day=1), precision=DatePrecision.MONTH)
    far = make_event("a4", date=D + dt.timedelta(days=9), published=D + dt.timedelta(days=10))
    [m, other] = sorted(merge_events([day, next_day, month, far]), key=lambda m: -len(m.members))
    assert len(m.members) == 3 and m.date == D and m.date_precision is DatePrecision.DAY
    assert [x.event_id for x in other.members] == [far.id]


def test_merge_radius_and_facility() -> None:
    town = make_event("a1", place=KUNDUZ)
    near = make_event("a2", place=NEAR_KUNDUZ)
    elsewhere = make_event("a3", place=HERAT)
    prison = make_event("a4", place=KUNDUZ, facility="prison")
    merged = merge_events([town, near, elsewhere, prison])
    assert sorted(len(m.members) for m in merged) == [1, 1, 2]
    assert next(m for m in merged if m.facility == "prison").members[0].event_id == prison.id


def test_merge_undated_joins_within_publication_span() -> None:
    dated = make_event("a1", date=D, published=D + dt.timedelta(days=1))
    undated = make_event(
        "a2", date=None, precision=DatePrecision.UNRESOLVED, published=D + dt.timedelta(days=2)
    )
    late = make_event(
        "a3", date=None, precision=DatePrecision.UNRESOLVED, published=D + dt.timedelta(days=40)
    )
    merged = merge_events([dated, undated, late])
    assert sorted(len(m.members) for m in merged) == [1, 2]


def test_merge_date_from_text_beats_publication() -> None:
    text = make_event("a1", date=D - dt.timedelta(days=1), published=D)
    pubs = [
        make_event(f"p{i}", date=D, date_source=DateSource.PUBLISHED, published=D) for i in range(3)
    ]
    [m] = merge_events([*pubs, text])
    assert m.date == D - dt.timedelta(days=1) and m.date_source is DateSource.TEXT


def test_merge_most_supported_date_wins() -> None:
    evs = [make_event(f"a{i}", date=D) for i in range(3)] + [
        make_event("b", date=D + dt.timedelta(days=1))
    ]
    [m] = merge_events(evs)
    assert m.date == D


def test_merge_skips_non_asserted_and_keeps_placeless_apart() -> None:
    from dataclasses import replace

    from frontlines.records import Modality

    attempt = replace(make_event("a1"), modality=Modality.ATTEMPT)
    nowhere = [make_event("a2", place=None), make_event("a3", place=None)]
    merged = merge_events([attempt, *nowhere])
    assert len(merged) == 2 and all(len(m.members) == 1 for m in merged)


def test_merge_other_types_merge_too() -> None:
    a = make_event("a1", EventType.STRIKE, actor=AFGHAN_FORCES)
    b = make_event("a2", EventType.STRIKE, actor=None)
    [m] = merge_events([a, b])
    assert m.actor == AFGHAN_FORCES and m.type is EventType.STRIKE


@settings(max_examples=150, deadline=None)
@given(event_lists, st.randoms(use_true_random=False))
def test_merge_is_order_independent(events: list, rnd: random.Random) -> None:
    shuffled = list(events)
    rnd.shuffle(shuffled)
    assert merge_events(events) == merge_events(shuffled)


@settings(max_examples=150, deadline=None)
@given(event_lists)
def test_merge_partitions_the_asserted_events(events: list) -> None:
    merged = merge_events(events)
    ids = [x.event_id for m in merged for x in m.members]
    assert len(ids) == len(set(ids)) == len({e.id for e in events})
    assert len({m.id for m in merged}) == len(merged)
    for m in merged:
        actors = {x.event_id for x in m.members}
        members = [e for e in events if e.id in actors]
        assert len({e.type for e in members}) == 1
        assert len({e.actor.id for e in members if e.actor}) <= 1
        assert len({e.facility for e in members}) == 1
        assert m.article_count == len({e.article_id for e in members})


def test_merge_known_actor_with_taliban_default() -> None:
    assert merge_events([make_event("a1")])[0].actor == TALIBAN


@settings(max_examples=150, deadline=None)
@given(event_lists)
def test_merge_by_place_component_equals_whole(events: list) -> None:
    """The store merges one group of nearby places at a time: the result must not change."""
    groups = place_components(
        {(e.place.geonameid, e.place.lat, e.place.lon) for e in events if e.place}
    )
    parts = merge_events([e for e in events if e.place is None])
    for group in groups:
        parts += merge_events([e for e in events if e.place and e.place.geonameid in group])
    assert sorted(parts, key=lambda m: m.id) == merge_events(events)
