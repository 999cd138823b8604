"""One event per fact within an article.

Candidates that agree on (type, place, facility, actor, date) become one event carrying all
their evidence. A candidate that only lacks information (no actor, or only the publication date)
joins the fuller one it is compatible with, so "Herat fell" and "the Taliban took Herat on
Thursday" in one article are one capture.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from frontlines.records import TERRITORIAL, DateSource, Event, Status

CONTEXT_PLACE_RULE = "place.context-scene.v1"

# The status of an event reported several times in one article: the strongest word wins,
# except that a denial anywhere marks it denied.
STATUS_RANK = {Status.CLAIMED: 0, Status.REPORTED: 1, Status.CONFIRMED: 2}
WEAK_DATES = frozenset({DateSource.PUBLISHED, DateSource.DATELINE, DateSource.NONE})


def merge_article_events(candidates: Sequence[Event]) -> list[Event]:
    merged: list[Event] = []
    for cand in candidates:
        for i, kept in enumerate(merged):
            if _same_fact(kept, cand):
                merged[i] = _combine(kept, cand)
                break
        else:
            merged.append(cand)
    return merged


def _same_fact(a: Event, b: Event) -> bool:
    if (a.type, a.facility, a.negated, a.modality) != (b.type, b.facility, b.negated, b.modality):
        return False
    same_place = (a.place.geonameid if a.place else None) == (
        b.place.geonameid if b.place else None
    )
    # A non-territorial event placed only by context ("the governor was arrested") is the same
    # fact as one placed explicitly ("detained in Maidan Wardak").
    if not same_place and (
        a.type in TERRITORIAL
        or not (_context_place(a) or _context_place(b))
        or not (_same_target(a, b) or _adjacent(a, b))
    ):
        return False
    if a.actor is not None and b.actor is not None and a.actor.id != b.actor.id:
        return False
    if a.date == b.date:
        return True
    return (
        a.date_source in WEAK_DATES
        or b.date_source in WEAK_DATES
        or a.date is None
        or b.date is None
    )


def _same_target(a: Event, b: Event) -> bool:
    return a.target_text is not None and a.target_text == b.target_text


def _adjacent(a: Event, b: Event) -> bool:
    """Reported in consecutive sentences ("X was arrested. He was detained in Y.")."""
    first, second = sorted((a, b), key=lambda e: e.evidence[0].start if e.evidence else 0)
    if not first.evidence or not second.evidence:
        return False
    return 0 <= second.evidence[0].start - first.evidence[-1].end <= 3


def _context_place(e: Event) -> bool:
    """The place was not read from the event's own words (or there is none)."""
    return e.place is None or any(x.rule == CONTEXT_PLACE_RULE for x in e.explanations)


def _combine(a: Event, b: Event) -> Event:
    """Keep the fuller of the two as the base, and pool evidence and sources."""
    base, other = (a, b) if _fullness(a) >= _fullness(b) else (b, a)
    evidence = base.evidence + tuple(e for e in other.evidence if e not in base.evidence)
    sources = base.sources + tuple(s for s in other.sources if s not in base.sources)
    if Status.DENIED in (a.status, b.status):
        status = Status.DENIED
    else:
        status = max(a.status, b.status, key=lambda s: STATUS_RANK[s])
    persons = base.persons + tuple(p for p in other.persons if p not in base.persons)
    return replace(
        base,
        actor=base.actor or other.actor,
        evidence=tuple(sorted(evidence, key=lambda e: e.start)),
        sources=sources,
        status=status,
        persons=persons,
        fatalities=base.fatalities if base.fatalities is not None else other.fatalities,
        explanations=base.explanations,
    )


def _fullness(e: Event) -> tuple[int, int, int, int]:
    return (
        int(not _context_place(e)),
        int(e.date_source not in WEAK_DATES),
        int(e.actor is not None),
        -min(ev.start for ev in e.evidence) if e.evidence else 0,
    )
