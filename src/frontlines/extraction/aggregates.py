"""Stated counts: "twelve provincial capitals are now under Taliban control".

They are kept apart from events: the store compares them with the count computed from the
control timeline, which is how gaps in extraction or in the reporting show up.
"""

from __future__ import annotations

import math
import re

from frontlines.records import (
    ActorKind,
    Aggregate,
    AnnotatedDocument,
    DatePrecision,
    Evidence,
    Span,
)

WORD_NUMBERS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
}
FRACTIONS = {"half": 2, "a third": 3, "one third": 3, "a quarter": 4, "two thirds": 1.5}
_NUM = r"\d{1,3}|" + "|".join(sorted(WORD_NUMBERS, key=len, reverse=True))
UNITS = (
    r"(?:provincial|regional|district|state|oblast)?\s*(?:capitals|provinces|districts|cities"
    r"|towns|villages|settlements|oblasts|regions|states|border\s+crossings)"
)
COUNT = re.compile(
    rf"\b(?P<more>more\s+than\s+|over\s+|at\s+least\s+|nearly\s+|almost\s+)?(?:(?P<frac>half|a\s+third"
    rf"|one\s+third|a\s+quarter|two\s+thirds)\s+of\s+(?:the\s+)?(?:country's\s+|\w+'s\s+)?"
    rf"(?P<total>{_NUM})\s+|(?P<n>{_NUM})\s+(?P<mods>(?:[\w-]+\s+){{0,2}}?))(?P<of>{UNITS})\b",
    re.IGNORECASE,
)
# Cheap test before the full count pattern: no unit word, no aggregate.
UNIT_WORDS = (
    "capitals",
    "provinces",
    "districts",
    "cities",
    "towns",
    "villages",
    "settlements",
    "oblasts",
    "regions",
    "states",
    "crossings",
)
CONTROL = re.compile(
    r"\b(?:under\s+(?:\w+\s+){0,2}control|fallen|fell|captured|seized|taken|overran|overrun|hold"
    r"|holds|held|control|controls|controlled)\b",
    re.IGNORECASE,
)


def find_aggregates(doc: AnnotatedDocument) -> list[Aggregate]:
    out: list[Aggregate] = []
    text = doc.article.text
    lowered = text.lower()
    if not any(word in lowered for word in UNIT_WORDS):
        return out
    for sent in doc.sentences:
        low = lowered[sent.start : sent.end]
        if not any(word in low for word in UNIT_WORDS):
            continue
        for m in COUNT.finditer(sent.text):
            if not CONTROL.search(sent.text):
                continue
            count = _count(m)
            if count is None:
                continue
            actors = [
                a
                for a in doc.actors
                if sent.start <= a.span.start < sent.end
                and a.actor
                and a.actor.kind is not ActorKind.OFFICIAL
            ]
            as_of = next(
                (
                    t.value
                    for t in doc.times
                    if sent.start <= t.span.start < sent.end
                    and t.value
                    and t.precision is DatePrecision.DAY
                ),
                None,
            )
            if as_of is None and doc.article.published_precision in (None, DatePrecision.DAY):
                as_of = doc.article.published
            trigger = Span(sent.start + m.start(), sent.start + m.end(), m.group())
            out.append(
                Aggregate(
                    article_id=doc.article.id,
                    actor=actors[0].actor if actors else None,
                    count=count,
                    of=_unit(m),
                    as_of=as_of,
                    evidence=Evidence(
                        text[sent.start : sent.end],
                        sent.start,
                        sent.end,
                        trigger,
                        "aggregate.count.v1",
                    ),
                )
            )
    return out


def _unit(m: re.Match[str]) -> str:
    """ "twelve provincial Afghanistan capitals" -> "provincial capitals"."""
    unit = re.sub(r"\s+", " ", m.group("of").strip().lower())
    mods = (m.group("mods") or "").lower()
    for level in ("provincial", "regional", "district", "state", "oblast"):
        if level in mods and not unit.startswith(level):
            return f"{level} {unit}"
    return unit


def _count(m: re.Match[str]) -> int | None:
    if m.group("frac"):
        total = _number(m.group("total"))
        if total is None:
            return None
        share = total / FRACTIONS[re.sub(r"\s+", " ", m.group("frac").lower())]
        return math.floor(share) + 1 if m.group("more") else math.ceil(share)
    return _number(m.group("n"))


def _number(s: str) -> int | None:
    s = s.lower()
    return int(s) if s.isdigit() else WORD_NUMBERS.get(s)
