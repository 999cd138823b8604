"""Hypothesis strategies of hand-built events (shared by the merge and timeline tests)."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from frontlines.records import (
    Actor,
    ActorKind,
    DatePrecision,
    DateSource,
    Event,
    EventType,
    Place,
    PlaceKind,
    Status,
)
from frontlines.store.testing import AFGHAN_FORCES, HERAT, KUNDUZ, TALIBAN, make_event

# a district seat about 6 km from Kunduz: within the merge radius
NEAR_KUNDUZ = Place(9000001, "Kunduz East", PlaceKind.ADMIN2, 36.74, 68.92, "AF", "Kunduz")
MILITIA = Actor("local-militia", "Local militia", ActorKind.NON_STATE, "AF")
START = dt.date(2021, 8, 1)

places = st.sampled_from([KUNDUZ, NEAR_KUNDUZ, HERAT])
actors = st.sampled_from([TALIBAN, AFGHAN_FORCES, MILITIA, None])
territorial = st.sampled_from([EventType.CAPTURE, EventType.WITHDRAW, EventType.SIEGE])


@st.composite
def events(draw: st.DrawFn, types: st.SearchStrategy[EventType] = territorial) -> Event:
    article = draw(st.sampled_from([f"a{i}" for i in range(8)]))
    published = START + dt.timedelta(days=draw(st.integers(0, 12)))
    precision = draw(
        st.sampled_from(
            [DatePrecision.DAY] * 4
            + [DatePrecision.MONTH, DatePrecision.WEEK, DatePrecision.UNRESOLVED]
        )
    )
    source = draw(st.sampled_from([DateSource.TEXT, DateSource.TEXT, DateSource.PUBLISHED]))
    date = published - dt.timedelta(days=draw(st.integers(0, 4)))
    if source is DateSource.PUBLISHED:
        date, precision = published, DatePrecision.DAY
    if precision is DatePrecision.MONTH:
        date = date.replace(day=1)
    return make_event(
        article,
        draw(types),
        actor=draw(actors),
        place=draw(places),
        date=None if precision is DatePrecision.UNRESOLVED else date,
        precision=precision,
        date_source=source,
        status=draw(st.sampled_from(list(Status))),
        published=draw(st.sampled_from([published, published, None])),
        outlet=draw(st.sampled_from(["Wire A", "Wire B", None])),
        facility=draw(st.sampled_from([None, None, None, "prison", "airport"])),
        negated=draw(st.booleans()) and draw(st.booleans()),
    )


event_lists = st.lists(events(), max_size=25)
