"""One event per fact within an article.

Candidates that agree on (type, place, facility, actor, date) become one event carrying all
their evidence. A candidate that only lacks information (no actor, or a date that is only the
publication date, the page's own date or the day a source spoke) joins the fuller one it is
compatible with, so "Herat fell" and "the Taliban took Herat on Thursday" in one article are
one capture.

Two rules keep the merge from inventing facts:

- **Periods.** A candidate without a day of its own is taken to be news of the report's
  period; it never joins a dated account of another period (a capture "seven months after it
  fell to Islamic State", "in 2014"), and two accounts with days of their own join only when
  the days agree (a month containing the day agrees).
- **Status.** A denial anywhere denies; a confirmation anywhere confirms. Otherwise the first
  account that carries evidence decides between "claimed" and "reported": a claim marker, a
  party speaking of its own gain, a side admitting its loss, a named source, or the outlet
  stating it in its own words. The default "reported" of an unattributed account told inside
  someone's speech ("saying they had pushed the militants out") carries none, so it never
  outranks a party's claim.

The day a source spoke ("said on Sunday that ...") is set afterwards, over the merged
evidence, by ``dating.reported_dates``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import replace

from frontlines.extraction.dating import STATEMENT_RULE
from frontlines.records import TERRITORIAL, DatePrecision, DateSource, Event, Status

CONTEXT_PLACE_RULE = "place.context-scene.v1"
DEFAULT_STATUS_RULE = "status.default-reported.v1"
WEAK_DATES = frozenset({DateSource.PUBLISHED, DateSource.NONE})
# A candidate without a day of its own is news of the report's period: it joins dated
# accounts from this many days before the report's date up to a week after it.
PERIOD_DAYS = 31
GRACE_DAYS = 7
# The day a source spoke is taken to be at most this many days after the event it
# reports (a statement on Friday does not tell of a capture on Tuesday).
STATEMENT_LAG_DAYS = 2
# A speech verb or an open quotation before the trigger: the account is someone's speech.
_SPEECH = re.compile(
    r"\b(?:said|says|say|saying|announced|announcing|claimed|claiming|claims|declared"
    r"|declaring|told|tweeted|wrote|writes|stated|added|insisted|according\s+to)\b",
    re.IGNORECASE,
)
_MERGE_STATUS_RULE = "status.merged-first-evidence.v1"


def merge_article_events(candidates: Sequence[Event]) -> list[Event]:
    """One event per fact, in the order the facts are first told."""
    groups: list[tuple[Event, list[Event]]] = []
    reference = _reference_day(candidates)
    for cand in candidates:
        for i, (kept, members) in enumerate(groups):
            if _same_fact(kept, cand, reference):
                groups[i] = (_combine(kept, cand), [*members, cand])
                break
        else:
            groups.append((cand, [cand]))
    return [_finish(kept, members) for kept, members in groups]


# --------------------------------------------------------------------------- same fact


def _same_fact(a: Event, b: Event, reference: dt.date | None) -> bool:
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
    return _same_period(a, b, reference)


def _same_period(a: Event, b: Event, reference: dt.date | None) -> bool:
    """Whether two accounts can be of one fact as far as their dates go (module docstring)."""
    if a.date == b.date:
        return True
    strength_a, strength_b = _date_strength(a), _date_strength(b)
    if strength_a == 2 and strength_b == 2:
        return _contains(a, b) or _contains(b, a)
    if strength_a == 0 or strength_b == 0:
        weak, other = (a, b) if strength_a == 0 else (b, a)
        if other.date is None:
            return True
        day = weak.date or reference
        if day is None:
            return True
        start, end = _interval(other)
        return end >= day - dt.timedelta(days=PERIOD_DAYS) and start <= day + dt.timedelta(
            days=GRACE_DAYS
        )
    assert a.date is not None and b.date is not None
    lag = dt.timedelta(days=STATEMENT_LAG_DAYS)
    if strength_a == strength_b:  # two days sources spoke: a claim and its confirmation
        return abs(a.date - b.date) <= lag
    # one dated by the day its source spoke: the event is on or a few days before it
    said, other = (a, b) if strength_a == 1 else (b, a)
    assert said.date is not None
    start, end = _interval(other)
    return start <= said.date and end >= said.date - lag


def _date_strength(e: Event) -> int:
    """2: a day the text gives the event; 1: the day its source spoke; 0: no day of its own."""
    if e.date is None or e.date_source in WEAK_DATES:
        return 0
    if any(x.field == "date" and x.rule.startswith(STATEMENT_RULE) for x in e.explanations):
        return 1
    return 2


def _interval(e: Event) -> tuple[dt.date, dt.date]:
    """The days an event's date covers at its precision."""
    assert e.date is not None
    day = e.date
    if e.date_precision is DatePrecision.WEEK:
        return day, day + dt.timedelta(days=6)
    if e.date_precision is DatePrecision.MONTH:
        nxt = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return day.replace(day=1), nxt - dt.timedelta(days=1)
    if e.date_precision is DatePrecision.YEAR:
        return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
    return day, day


def _contains(coarse: Event, fine: Event) -> bool:
    """A coarser date ("in March") that holds the other's day ("on March 2")."""
    if coarse.date_precision is DatePrecision.DAY or fine.date is None:
        return False
    start, end = _interval(coarse)
    return start <= fine.date <= end


def _reference_day(candidates: Sequence[Event]) -> dt.date | None:
    """The report's day for undated candidates of a page with no date at all: the latest day
    any candidate was given."""
    days = [c.date for c in candidates if c.date is not None]
    return max(days) if days else None


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


# --------------------------------------------------------------------------- combining


def _combine(a: Event, b: Event) -> Event:
    """Keep the fuller of the two as the base, and pool evidence and sources."""
    base, other = (a, b) if _fullness(a) >= _fullness(b) else (b, a)
    evidence = base.evidence + tuple(e for e in other.evidence if e not in base.evidence)
    sources = base.sources + tuple(s for s in other.sources if s not in base.sources)
    persons = base.persons + tuple(p for p in other.persons if p not in base.persons)
    return replace(
        base,
        actor=base.actor or other.actor,
        evidence=tuple(sorted(evidence, key=lambda e: e.start)),
        sources=sources,
        persons=persons,
        fatalities=base.fatalities if base.fatalities is not None else other.fatalities,
        explanations=base.explanations,
    )


def _fullness(e: Event) -> tuple[int, int, int, int]:
    return (
        int(not _context_place(e)),
        _date_strength(e),
        int(e.actor is not None),
        -min(ev.start for ev in e.evidence) if e.evidence else 0,
    )


def _finish(kept: Event, members: Sequence[Event]) -> Event:
    """The merged event's status, with the explanation of the account it came from."""
    status, chosen = _merged_status(members)
    if chosen is None:
        return kept
    explanations = [x for x in kept.explanations if x.field != "status"]
    picked = [x for x in chosen.explanations if x.field == "status"]
    explanations.extend(
        replace(x, rule=f"{x.rule}+{_MERGE_STATUS_RULE}") if i == 0 else x
        for i, x in enumerate(picked)
    )
    return replace(kept, status=status, explanations=tuple(explanations))


def _merged_status(members: Sequence[Event]) -> tuple[Status, Event | None]:
    """(status, the account it came from, or None when it is the base's own)."""
    if len(members) == 1:
        return members[0].status, None
    for wanted in (Status.DENIED, Status.CONFIRMED):
        for m in members:
            if m.status is wanted:
                return wanted, m
    backed = [m for m in members if _evidence_backed(m)]
    first = min(backed or members, key=lambda m: m.evidence[0].start if m.evidence else 0)
    return first.status, first


def _evidence_backed(e: Event) -> bool:
    """The account's status was read from evidence, not assumed (module docstring)."""
    rules = [x.rule for x in e.explanations if x.field == "status"]
    if any(r != DEFAULT_STATUS_RULE for r in rules) or e.sources:
        return True
    if not e.evidence:
        return False
    ev = e.evidence[0]
    before = ev.sentence[: max(0, ev.trigger.start - ev.start)]
    quoted = before.count('"') % 2 == 1 or before.count("\u201c") > before.count("\u201d")
    return not quoted and not _SPEECH.search(before)
