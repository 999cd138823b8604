"""Control periods: the capture/withdraw/siege rules and the timeline invariants."""

from __future__ import annotations

import datetime as dt
import itertools
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from frontlines.records import DatePrecision, DateSource, EventType, Status
from frontlines.store.merge import MergedEvent, combine, merge_events
from frontlines.store.testing import AFGHAN_FORCES, HERAT, KUNDUZ, TALIBAN, make_event
from frontlines.timeline import ControlStatus, build_periods, build_timelines, changes_of

D = dt.date(2021, 8, 1)


def day(n: int) -> dt.date:
    return D + dt.timedelta(days=n)


def merged(
    article: str, type: EventType = EventType.CAPTURE, n: int = 0, **kw: object
) -> MergedEvent:
    kw.setdefault("published", day(n + 1))
    return combine([make_event(article, type, date=day(n), **kw)])  # type: ignore[arg-type]


def controllers(periods: list) -> list[tuple[str | None, str]]:
    return [(p.controller.id if p.controller else None, p.status.value) for p in periods]


def test_timeline_capture_withdraw_recapture() -> None:
    events = [
        merged("a1", n=0, actor=TALIBAN),
        merged("a2", EventType.WITHDRAW, n=3, actor=TALIBAN),
        merged("a3", n=5, actor=AFGHAN_FORCES, status=Status.CONFIRMED),
    ]
    periods = build_periods(KUNDUZ, events)
    assert controllers(periods) == [
        ("taliban", "reported"),
        (None, "reported"),
        ("afghan-forces", "confirmed"),
    ]
    assert [p.since for p in periods] == [day(0), day(3), day(5)]
    assert [p.until for p in periods] == [day(3), day(5), None]


def test_timeline_withdraw_with_same_day_capture_goes_to_capturer() -> None:
    events = [
        merged("a0", n=0, actor=AFGHAN_FORCES),
        merged("a1", EventType.WITHDRAW, n=4, actor=AFGHAN_FORCES),
        merged("a2", n=4, actor=TALIBAN),
    ]
    changes = changes_of(build_periods(KUNDUZ, events))
    assert [(c.previous and c.previous.id, c.controller and c.controller.id) for c in changes] == [
        (None, "afghan-forces"),
        ("afghan-forces", "taliban"),
    ]


def test_timeline_siege_contests_unless_held_by_besieger() -> None:
    held = merged("a0", n=0, actor=AFGHAN_FORCES)
    siege = merged("a1", EventType.SIEGE, n=2, actor=TALIBAN)
    periods = build_periods(KUNDUZ, [held, siege])
    assert controllers(periods) == [("afghan-forces", "reported"), ("afghan-forces", "contested")]
    own = merged("a2", EventType.SIEGE, n=2, actor=AFGHAN_FORCES)
    assert len(build_periods(KUNDUZ, [held, own])) == 1


def test_timeline_facility_capture_does_not_flip_city() -> None:
    held = merged("a0", n=0, actor=AFGHAN_FORCES)
    prison = merged("a1", n=2, actor=TALIBAN, facility="prison")
    assert controllers(build_periods(KUNDUZ, [held, prison])) == [("afghan-forces", "reported")]


def test_timeline_confirmation_beats_same_day_claim() -> None:
    claim = merged("a1", n=2, actor=TALIBAN, status=Status.CLAIMED)
    confirmed = merged("a2", n=2, actor=AFGHAN_FORCES, status=Status.CONFIRMED)
    assert controllers(build_periods(KUNDUZ, [claim, confirmed])) == [
        ("afghan-forces", "confirmed")
    ]


def test_timeline_comparable_contradictions_are_contested() -> None:
    held = merged("a0", n=0, actor=AFGHAN_FORCES)
    a = merged("a1", n=3, actor=TALIBAN)
    b = merged("a2", n=3, actor=AFGHAN_FORCES)
    c = merged("a3", n=3, actor=TALIBAN, place=KUNDUZ, outlet="Other")
    periods = build_periods(KUNDUZ, [held, a, b])
    assert controllers(periods)[-1] == ("afghan-forces", "contested")
    assert changes_of(periods)[-1].controller == AFGHAN_FORCES  # no flip-flop
    assert len(changes_of(build_periods(KUNDUZ, [held, a, b, c]))) == 1


def test_timeline_weak_claim_right_after_confirmed_capture_contests() -> None:
    confirmed = merged("a0", n=0, actor=AFGHAN_FORCES, status=Status.CONFIRMED)
    claim = merged("a1", n=1, actor=TALIBAN, status=Status.CLAIMED)
    assert controllers(build_periods(KUNDUZ, [confirmed, claim]))[-1] == (
        "afghan-forces",
        "contested",
    )
    later = merged("a2", n=6, actor=TALIBAN, status=Status.CLAIMED)
    assert controllers(build_periods(KUNDUZ, [confirmed, later]))[-1] == ("taliban", "claimed")


def test_timeline_prior_and_changes_contract() -> None:
    periods = build_periods(KUNDUZ, [merged("a1", n=2, actor=TALIBAN)], prior=AFGHAN_FORCES)
    assert controllers(periods) == [("afghan-forces", "assumed"), ("taliban", "reported")]
    assert periods[0].since is None and periods[0].until == day(2)
    [change] = changes_of(periods)
    d = change.to_dict()
    assert d["controller"] == "Taliban" and d["previous"] == "Afghan National Army"
    assert d["date"] == "2021-08-03" and d["evidence_count"] == 1
    assert set(d["place"]) >= {"name", "geonameid", "lat", "lon", "admin1", "country"}
    assert 0 < d["confidence"] <= 1


def test_timeline_undated_uses_publication_with_lower_confidence() -> None:
    dated = merged("a1", n=2, actor=TALIBAN)
    undated = combine(
        [make_event("a2", date=None, precision=DatePrecision.UNRESOLVED, published=day(2))]
    )
    nothing = combine(
        [make_event("a3", date=None, precision=DatePrecision.UNRESOLVED, published=None)]
    )
    [p] = build_periods(KUNDUZ, [undated])
    assert p.since == day(2) and p.confidence < build_periods(KUNDUZ, [dated])[0].confidence
    assert build_periods(KUNDUZ, [nothing]) == []


def test_timeline_published_date_source_lowers_confidence() -> None:
    text = merged("a1", n=2, actor=TALIBAN)
    pub = merged("a2", n=2, actor=TALIBAN, date_source=DateSource.PUBLISHED)
    assert build_periods(KUNDUZ, [pub])[0].confidence < build_periods(KUNDUZ, [text])[0].confidence


# --------------------------------------------------------------------------- invariants

EVENTS = st.lists(
    st.builds(
        lambda art, t, actor, n, status, fac, place: make_event(
            art,
            t,
            actor=actor,
            date=day(n),
            published=day(n + 1),
            status=status,
            facility=fac,
            place=place,
        ),
        st.sampled_from(["a1", "a2", "a3", "a4", "a5"]),
        st.sampled_from([EventType.CAPTURE, EventType.WITHDRAW, EventType.SIEGE]),
        st.sampled_from([TALIBAN, AFGHAN_FORCES, None]),
        st.integers(0, 8),
        st.sampled_from(list(Status)),
        st.sampled_from([None, None, "prison"]),
        st.sampled_from([KUNDUZ, HERAT]),
    ),
    max_size=20,
)


@settings(max_examples=200, deadline=None)
@given(EVENTS, st.randoms(use_true_random=False), st.sampled_from([None, AFGHAN_FORCES]))
def test_timeline_invariants(events: list, rnd: random.Random, prior: object) -> None:
    shuffled = list(events)
    rnd.shuffle(shuffled)
    priors = {"AF": prior} if prior else None
    timelines = build_timelines(merge_events(events), priors)  # type: ignore[arg-type]
    assert timelines == build_timelines(merge_events(shuffled), priors)  # type: ignore[arg-type]
    for periods in timelines.values():
        for a, b in itertools.pairwise(periods):
            assert a.until is not None and a.until == b.since  # sorted, contiguous, no overlap
            assert a.since is None or a.since < a.until
        assert all(0 <= p.confidence <= 1 for p in periods)
        if periods:
            assert periods[-1].until is None


@settings(max_examples=200, deadline=None)
@given(EVENTS, st.integers(0, 8), st.sampled_from([TALIBAN, AFGHAN_FORCES]))
def test_timeline_facility_capture_never_changes_controller(
    events: list, n: int, actor: object
) -> None:
    base = build_timelines(merge_events(events))
    facility = make_event(
        "zz",
        actor=actor,
        date=day(n),
        published=day(n + 1),  # type: ignore[arg-type]
        facility="airport",
        status=Status.CONFIRMED,
    )
    with_facility = build_timelines(merge_events([*events, facility]))
    assert with_facility == base


def test_timeline_status_values() -> None:
    assert {s.value for s in ControlStatus} >= {"claimed", "reported", "confirmed", "contested"}
