"""Article-level passes over the candidate events, after every sentence has been read."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from frontlines.records import Actor, Event, EventType, FieldExplanation, Span, Status


def withdrawals_to_opponents(events: list[Event], fighting: Sequence[Actor]) -> list[Event]:
    """The side that withdraws from a place is not the side that took it: a withdrawal
    credited to the article's taker of the same place goes to the most named other side
    (``fighting``: the fighting actors mentioned in the article, with repeats)."""
    takers = {
        (e.place.geonameid, e.actor.id)
        for e in events
        if e.type is EventType.CAPTURE and e.place and e.actor and e.facility is None
    }
    out = []
    for e in events:
        if (
            e.type is EventType.WITHDRAW
            and e.place
            and e.actor
            and (e.place.geonameid, e.actor.id) in takers
        ):
            taker = e.actor
            others = [
                a
                for a in fighting
                if a.id != taker.id
                and not (a.side is not None and a.side == taker.side and a.country == taker.country)
            ]
            if not others:
                out.append(e)  # no other side named: the taker left again
                continue
            counts = {a.id: sum(1 for b in others if b.id == a.id) for a in others}
            other = max(others, key=lambda a: counts[a.id])
            note = FieldExplanation("actor", other.name, None, "actor.opponent-of-taker.v1")
            e = replace(e, actor=other, explanations=(*e.explanations, note))
        out.append(e)
    return out


def denied_after(
    events: list[Event], denial: Span, since: int, speakers: Sequence[Actor]
) -> list[Event]:
    """ "The army denied the claims": a denial with no event of its own answers the claims and
    reports told since offset ``since``, unless it comes from their taker."""
    out = []
    for e in events:
        if (
            e.evidence
            and since <= e.evidence[-1].start < denial.start
            and e.status in (Status.CLAIMED, Status.REPORTED)
            and not (e.actor is not None and e.actor in speakers)
        ):
            note = FieldExplanation("status", "denied", denial, "status.denied-after.v1")
            e = replace(e, status=Status.DENIED, explanations=(*e.explanations, note))
        out.append(e)
    return out
