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
    events: list[Event],
    denial: Span,
    since: int,
    speakers: Sequence[Actor],
    status: Status = Status.DENIED,
) -> list[Event]:
    """ "The army denied the claims": a denial with no event of its own answers the claims and
    reports told since offset ``since``, unless it comes from their taker. ``status``
    confirmed: "officials confirmed the reports" does the same for a confirmation."""
    out = []
    for e in events:
        if (
            e.evidence
            and since <= e.evidence[-1].start < denial.start
            and e.status in (Status.CLAIMED, Status.REPORTED)
            and not (e.actor is not None and e.actor in speakers)
        ):
            note = FieldExplanation("status", status.value, denial, ANSWER_RULES[status])
            e = replace(e, status=status, explanations=(*e.explanations, note))
        out.append(e)
    return out


ANSWER_RULES = {
    Status.CONFIRMED: "status.confirmed-after.v1",
    Status.DENIED: "status.denied-after.v1",
}
# Gains and the losses that answer them: "the army acknowledged the withdrawal" confirms the
# capture of the town it left.
_COUNTERPART = {EventType.CAPTURE: EventType.WITHDRAW, EventType.WITHDRAW: EventType.CAPTURE}


def answered_after(
    events: list[Event],
    answers: Sequence[Event],
    sentence: Span,
    since: int,
    speakers: Sequence[Actor] = (),
) -> tuple[list[Event], dict[int, Event]]:
    """ "The ministry confirmed the town's fall", "officials denied that the base had been
    overrun": an account governed by a confirming or denying verb (``answers``, read from the
    sentence ``sentence``) gives its status to the claims and reports told since offset
    ``since`` that it answers: the same type and side (or the counterpart of the other side:
    a withdrawal answers the capture of the town left) and the same place. An answer with no
    place of its own ("confirmed the city's fall" with the city unresolved) answers the last
    such account only. A side never answers its own gain (``speakers``: the sentence's
    speakers): its denial is of the other side's, its confirmation a claim. Also returns, per
    answer (its index), an account it answered."""
    hits: dict[int, Event] = {}
    for i, e in enumerate(events):
        if not (
            e.evidence
            and e.place is not None
            and since <= e.evidence[-1].start < sentence.start
            and e.status in (Status.CLAIMED, Status.REPORTED)
            and not (
                e.actor is not None
                and e.type is not EventType.WITHDRAW
                and any(_same_side(e.actor, sp) for sp in speakers)
            )
        ):
            continue
        for a in answers:
            if _answers(a, e):
                hits[i] = a
                break
    placeless = [i for i, a in hits.items() if a.place is None]
    if placeless:
        last = max(events[i].evidence[-1].start for i in placeless)
        for i in placeless:
            if events[i].evidence[-1].start != last:
                del hits[i]
    out = []
    answered: dict[int, Event] = {}
    for i, e in enumerate(events):
        if i in hits:
            a = hits[i]
            answered.setdefault(next(k for k, x in enumerate(answers) if x is a), e)
            note = FieldExplanation("status", a.status.value, sentence, ANSWER_RULES[a.status])
            e = replace(e, status=a.status, explanations=(*e.explanations, note))
        out.append(e)
    return out, answered


def _answers(a: Event, e: Event) -> bool:
    if a.place is not None and (e.place is None or a.place.geonameid != e.place.geonameid):
        return False
    if a.type is e.type:
        return a.actor is None or e.actor is None or _same_side(a.actor, e.actor)
    if _COUNTERPART.get(a.type) is e.type:
        return a.actor is not None and e.actor is not None and not _same_side(a.actor, e.actor)
    return False


def _same_side(a: Actor, b: Actor) -> bool:
    return a.id == b.id or (a.side is not None and a.side == b.side and a.country == b.country)
