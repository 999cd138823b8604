"""The date of an event: from its clause, its sentence, the story just told, its paragraph,
and only then the report's own date (``date_source: "published"``), said so: its publication
date, or for a page without one the day the page gives for itself (the rule names which).

Why these rules: a sentence of war reporting carries more days than its event's.

- The day a source spoke is not the day of the event: in "the army said on Tuesday that its
  troops had retaken the town", "on Tuesday" dates the statement. It dates the event only
  when nothing else does (``date.statement-day.v1``), and is kept as ``reported_date``.
- A day counted from the narrative ("a day later", "two days earlier", "the next day") dates
  its own clause, from the day told just before it in the sentence, or the story's last day.
- An event inside "four days after rebels seized it" is dated from the main clause's day.
- A photo caption's closing date ("..., in Herat, Afghanistan, 07 August 2021.") dates the
  whole caption.
- With no day of its own, an event takes the day of the paragraph's story: an earlier
  sentence about the same place first, then the nearest dated sentence; a sentence with only
  a statement day may take the day the next sentence gives for the same event.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from frontlines.annotate.dates_calendar import add_months, monday
from frontlines.annotate.refine import report_dateline
from frontlines.extraction.cues import DATELINE, SAME_DAY
from frontlines.records import (
    AnnotatedDocument,
    DatePrecision,
    DateSource,
    Event,
    FieldExplanation,
    Span,
    TimeMention,
)

DateChoice = tuple[dt.date | None, DatePrecision, DateSource, Span | None, str]

STATEMENT_RULE = "date.statement-day.v1"
# Anchors that are the page's own date line, never an event's day.
PAGE_DATE_RULES = frozenset(
    {
        "date.in-text-published.v1",
        "date.in-text-updated.v1",
        "date.in-text-date-line.v1",
        "date.in-text-dateline.v1",
    }
)
_POINT_PRECISIONS = frozenset({DatePrecision.DAY, DatePrecision.WEEK, DatePrecision.MONTH})

# A time right after a speech verb dates the statement: "said on Tuesday", "told AFP late
# Wednesday", "announced in a statement on Friday", "the BBC reported on Friday".
_SPEECH = (
    r"(?:said|says|say|announced|announces|announce|told(?:\s+[\w.'-]+){0,3}|confirmed|confirms"
    r"|claimed|claims|reported|reports|wrote|writes|tweeted|posted|stated|added|declared"
    r"|denied|denies|insisted|acknowledged|admitted|warned|noted|conceded|alleged|boasted"
    r"|statement|announcement|video|message|tweet|briefing|address|report)"
)
SPEECH_BEFORE = re.compile(
    rf"\b{_SPEECH}(?:\s+(?:issued|posted|released|published|made|broadcast))?"
    r"(?:\s+(?:in|on|via)\s+(?:a\s+|an\s+|its\s+|his\s+|her\s+|their\s+)?"
    r"(?:statement|Twitter|Telegram|Facebook|X|video|televised\s+address|interview"
    r"|social\s+media|briefing|message))?\s*,?\s*$",
    re.IGNORECASE,
)
# "On Tuesday, the ministry said ...": a clause-initial time followed by its speaker's verb.
SPEECH_AFTER = re.compile(
    r"^\s*,?\s*(?:[\w'\u2019.-]+\s+){0,6}?(?:said|says|announced|claimed|declared|confirmed"
    r"|told|stated|reported|wrote|tweeted)\b",
    re.IGNORECASE,
)
# A time beyond one of these words dates another event of the sentence.
OTHER_EVENT_TIME = re.compile(
    r"\b(?:after|before|since|until|following|ahead\s+of|prior\s+to|when|while)\b", re.IGNORECASE
)
# "four days after rebels seized it", "more than a year after the city fell": the event of
# this clause is counted from the main clause's day.
RELATIVE_CLAUSE = re.compile(
    r"\b(?:(?:just|only|some|about|around|nearly|almost|barely|more\s+than|less\s+than"
    r"|at\s+least|over)\s+)?(?P<n>\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten"
    r"|eleven|twelve|a\s+couple\s+of|a\s+few|few|several)\s+(?P<unit>hour|day|night|week|month"
    r"|year)s?\s+(?P<dir>after|before)\s+",
    re.IGNORECASE,
)
# How far before the trigger a relative clause's head may stand, with no break between.
RELATIVE_REACH = 90
_NO_BREAK = re.compile(r"^[^,;:\u2014\u2013]*$")
# Counted narrative offsets: "a day later", "two days earlier", "the next day".
_OFFSET = re.compile(
    r"(?P<n>\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|a\s+couple\s+of|couple\s+of)\s+(?P<unit>hour|day|night|week|month|year)s?\s+"
    r"(?P<dir>later|earlier)",
    re.IGNORECASE,
)
_NEXT_DAY = re.compile(r"\bthe\s+(?:next|following)\s+day\b|\bthe\s+day\s+after\b", re.I)
_DAY_BEFORE = re.compile(
    r"\bthe\s+(?:day|night)\s+before\b|\bthe\s+previous\s+(?:day|night)\b", re.I
)
_UNITS_LATER = re.compile(r"^(?P<unit>hour|day|week|month|year)s\s+later$", re.IGNORECASE)
NARRATIVE_RULES = frozenset({"earlier.v1", "narrative.before.v1", "narrative.after.v1"})
_COUNTS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "a couple of": 2, "couple of": 2, "a few": 3, "few": 3, "several": 3,
}  # fmt: skip
# The part of the story's day: "in the afternoon", "by nightfall", "hours later".
PART_OF_DAY = re.compile(
    r"\b(?:in|during|by|through)\s+the\s+(?:early\s+|late\s+)?(?:morning|afternoon|evening)\b"
    r"|\bby\s+(?:nightfall|noon|midday|dusk|evening)\b|\b(?:within|only)\s+hours\b",
    re.IGNORECASE,
)
# A caption's closing date: "..., in Herat, Afghanistan, 07 August 2021." (credit after it).
CAPTION_TAIL = re.compile(r"^\s*(?:\([^)]{0,40}\))?\s*[.]?\s*(?:[A-Z][\w./ -]{0,40})?\s*$")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


@dataclass(frozen=True, slots=True)
class _Offset:
    n: int
    unit: str  # hour, day, night, week, month, year
    sign: int  # +1 later, -1 earlier


def event_date(
    text: str,
    times: Sequence[TimeMention],
    doc: AnnotatedDocument,
    trigger: Span,
    sentence: Span,
    clause: tuple[int, int],
    paragraph_before: Sequence[Span],
    last_day: dt.date | None,
) -> DateChoice:
    """(date, precision, source, span, rule). ``paragraph_before``: the earlier sentences of
    the paragraph, nearest first; ``last_day``: the latest day the story told before (read
    again here from ``times``, so that counts such as "the next day" move it on; the
    caller's value is the fallback). ``times`` in text order."""
    times = event_times(text, times, doc)
    last_day = _story_day(times, sentence.start) or last_day
    in_sentence = [t for t in times if sentence.start <= t.span.start < sentence.end]
    statements = [t for t in in_sentence if is_statement_time(text, t, sentence)]
    events = [t for t in in_sentence if t not in statements]
    anchor_rule = doc.anchor_rule

    def chain(rule: str, t: TimeMention | None) -> str:
        """The rule, plus where the anchor came from when the day was counted from it."""
        if anchor_rule and (t is None or not _YEAR.search(t.span.text)):
            return f"{rule}+{anchor_rule}"
        return rule

    t = _choose(text, events, trigger, clause)
    relative = _relative_clause(text, sentence, trigger)
    if relative is not None and (
        t is None or t.span.start < relative[0].end or _caption_date(text, t)
    ):
        # The clause has no day of its own ("... five days after soldiers retook the palace
        # on Friday" has one): count from the main clause's day.
        head, offset = relative
        base = _base_day(text, events, statements, sentence, head.start, last_day)
        if base is not None:
            value, precision = _shift(base[0], offset)
            return (
                value,
                precision,
                DateSource.SENTENCE,
                head,
                chain("date.relative-clause.v1", base[1]),
            )
    if t is not None:
        source = DateSource.TEXT if clause[0] <= t.span.start < clause[1] else DateSource.SENTENCE
        if t.rule in NARRATIVE_RULES:
            counted = narrative_offset(t)
            # counted on from the last day told before it, in this sentence or earlier
            base_day = _story_day(times, t.span.start) or last_day
            if counted is not None and base_day is not None:
                value, precision = _shift(base_day, counted)
                return value, precision, source, t.span, chain(f"date.narrative+{t.rule}", None)
        elif t.value is not None:
            return t.value, t.precision, source, t.span, chain(f"date.{source.value}+{t.rule}", t)
    same_day = SAME_DAY.search(sentence.text) or PART_OF_DAY.search(sentence.text)
    if same_day and last_day is not None:
        start = sentence.start + same_day.start()
        ds = Span(start, start + len(same_day.group()), same_day.group())
        return last_day, DatePrecision.DAY, DateSource.PARAGRAPH, ds, "date.same-day.v1"
    statement = _nearest_day(statements, trigger)
    ahead = _elaborated(text, times, doc, sentence, statement)
    if ahead is not None:
        return (
            ahead.value,
            ahead.precision,
            DateSource.PARAGRAPH,
            ahead.span,
            chain("date.elaboration.v1", ahead),
        )
    if statement is not None and statement.value is not None:
        return (
            statement.value,
            statement.precision,
            DateSource.SENTENCE,
            statement.span,
            chain(STATEMENT_RULE, statement),
        )
    carried = _paragraph_day(text, times, doc, clause, paragraph_before)
    if carried is not None:
        t, rule = carried
        assert t.value is not None
        return t.value, t.precision, DateSource.PARAGRAPH, t.span, chain(rule, t)
    art = doc.article
    if art.published is not None and art.published_precision in (None, DatePrecision.DAY):
        return art.published, DatePrecision.DAY, DateSource.PUBLISHED, None, "date.published.v1"
    if doc.anchor is not None:
        # No publication date to the day: the day the page gives for itself stands for it.
        return (
            doc.anchor,
            DatePrecision.DAY,
            DateSource.PUBLISHED,
            doc.anchor_span,
            doc.anchor_rule or "date.dateline.v1",
        )
    return None, DatePrecision.UNRESOLVED, DateSource.NONE, None, "date.none.v1"


def event_times(
    text: str, times: Sequence[TimeMention], doc: AnnotatedDocument
) -> list[TimeMention]:
    """The times that may date events: not the page's own date (a dateline, "KABUL, Aug. 14,
    2021 -", "MOSCOW (Agency - 13th August, 2021)", or an "Updated ..." line), which dates
    the report."""
    cut = DATELINE.match(text)
    pages = (
        {doc.anchor_span.start} if doc.anchor_span and doc.anchor_rule in PAGE_DATE_RULES else set()
    )
    dateline = report_dateline(text)
    if dateline is not None:
        pages.add(dateline.start)
    return [
        t
        for t in times
        if not (cut is not None and t.span.end <= cut.end()) and t.span.start not in pages
    ]


def statement_time(
    text: str, times: Sequence[TimeMention], sentence: Span, trigger: Span
) -> TimeMention | None:
    """The time the sentence gives for its source speaking about the trigger's event
    ("said on Tuesday that ..."), nearest the trigger; None when it gives none."""
    statements = [
        t
        for t in times
        if sentence.start <= t.span.start < sentence.end and is_statement_time(text, t, sentence)
    ]
    return _nearest_day(statements, trigger)


def is_statement_time(text: str, t: TimeMention, sentence: Span) -> bool:
    """Whether ``t`` dates a statement ("said on Tuesday", "On Tuesday, the army said")
    rather than an event; only day-like points qualify."""
    if t.precision not in _POINT_PRECISIONS or t.value is None:
        return False
    if SPEECH_BEFORE.search(text, max(sentence.start, t.span.start - 60), t.span.start):
        return True
    if text[sentence.start : t.span.start].strip(" \t\n\"'\u201c(") == "":
        return bool(SPEECH_AFTER.match(text[t.span.end : min(sentence.end, t.span.end + 80)]))
    return False


def narrative_offset(t: TimeMention) -> _Offset | None:
    """The count a narrative time stands for: "a day later" +1 day, "two weeks earlier" -2
    weeks, "the next day" +1, "the day before" -1, "hours later" the same day."""
    s = " ".join(t.span.text.split())
    m = _OFFSET.search(s)
    if m is not None:
        n = _COUNTS.get(m["n"].lower()) if not m["n"].isdigit() else int(m["n"])
        if n is None:
            return None
        return _Offset(n, m["unit"].lower(), 1 if m["dir"].lower() == "later" else -1)
    if _NEXT_DAY.search(s):
        return _Offset(1, "day", 1)
    if _DAY_BEFORE.search(s):
        return _Offset(1, "day", -1)
    bare = _UNITS_LATER.match(s)
    if bare is not None:
        unit = bare["unit"].lower()
        return _Offset(0 if unit == "hour" else 2, unit, 1)
    return None


# --------------------------------------------------------------------------- helpers


def _choose(
    text: str, times: Sequence[TimeMention], trig: Span, clause: tuple[int, int]
) -> TimeMention | None:
    """The point-like time nearest the trigger, its own clause first. A time beyond "after",
    "before" etc. dates another event; a narrative count ("two days earlier") dates only its
    own clause; a caption's closing date dates the whole caption."""
    best: tuple[tuple[int, int], TimeMention] | None = None
    for t in times:
        if t.precision in (DatePrecision.RANGE, DatePrecision.YEAR):
            continue
        narrative = t.rule in NARRATIVE_RULES
        if t.precision is DatePrecision.UNRESOLVED and not narrative:
            continue
        in_clause = clause[0] <= t.span.start < clause[1] or _opens(text, t, clause)
        if narrative and not in_clause:
            continue
        if (
            not in_clause
            and t.span.start > trig.end
            and OTHER_EVENT_TIME.search(text[trig.end : t.span.start])
            and not _caption_date(text, t)
        ):
            continue  # "... a day after Putin proclaimed the annexation on Friday"
        distance = min(abs(t.span.start - trig.end), abs(trig.start - t.span.end))
        key = (0 if in_clause else 1, distance)
        if best is None or key < best[0]:
            best = (key, t)
    return best[1] if best else None


def _opens(text: str, t: TimeMention, clause: tuple[int, int]) -> bool:
    """The time leads into the clause ("on the following day took ..."), though a clause
    break fell inside it ("following")."""
    return t.span.start < clause[0] <= t.span.end + 1 or (
        t.span.end <= clause[0] and not text[t.span.end : clause[0]].strip()
    )


def _caption_date(text: str, t: TimeMention) -> bool:
    """A full date closing a caption: after a comma, with at most a credit after it."""
    if t.precision is not DatePrecision.DAY or not _YEAR.search(t.span.text):
        return False
    before = text[max(0, t.span.start - 2) : t.span.start]
    line_end = text.find("\n", t.span.end)
    after = text[t.span.end : line_end if line_end >= 0 else len(text)]
    return before.endswith(", ") and CAPTION_TAIL.match(after) is not None


def _relative_clause(text: str, sentence: Span, trigger: Span) -> tuple[Span, _Offset] | None:
    """ "four days after rebels seized it": the count and its span, when the trigger is
    inside such a clause (no comma or dash between its head and the trigger)."""
    lo = max(sentence.start, trigger.start - RELATIVE_REACH)
    found = None
    for m in RELATIVE_CLAUSE.finditer(text, lo, trigger.start):
        if _NO_BREAK.match(text[m.end() : trigger.start]):
            found = m
    if found is None:
        return None
    n_text = " ".join(found["n"].lower().split())
    n = int(n_text) if n_text.isdigit() else _COUNTS[n_text]
    unit = found["unit"].lower()
    sign = -1 if found["dir"].lower() == "after" else 1
    span = Span(found.start(), found.end() - 1, text[found.start() : found.end() - 1].rstrip())
    return span, _Offset(n, unit, sign)


def _base_day(
    text: str,
    events: Sequence[TimeMention],
    statements: Sequence[TimeMention],
    sentence: Span,
    before: int,
    last_day: dt.date | None,
) -> tuple[dt.date, TimeMention | None] | None:
    """The day a count is made from: the last day told earlier in the sentence (an event's,
    else a statement's), a caption's closing date, else the story's last day."""
    for pool in (events, statements):
        earlier = [
            t
            for t in pool
            if t.span.end <= before
            and t.precision is DatePrecision.DAY
            and t.value is not None
            and t.rule not in NARRATIVE_RULES
        ]
        if earlier:
            t = earlier[-1]
            assert t.value is not None
            return t.value, t
    for t in events:
        if t.span.start >= before and t.value is not None and _caption_date(text, t):
            return t.value, t
    return (last_day, None) if last_day is not None else None


def _story_day(times: Sequence[TimeMention], upto: int) -> dt.date | None:
    """The last day the story told before offset ``upto``: each day-precise time in turn, a
    narrative count ("the next day") moving on from the day before it. ``times`` in order."""
    day: dt.date | None = None
    for t in times:
        if t.span.start >= upto:
            break
        if t.rule in NARRATIVE_RULES:
            counted = narrative_offset(t)
            if counted is not None and day is not None and counted.unit in ("hour", "day", "night"):
                day = _shift(day, counted)[0]
        elif t.precision is DatePrecision.DAY and t.value is not None:
            day = t.value
    return day


def _shift(day: dt.date, offset: _Offset) -> tuple[dt.date, DatePrecision]:
    """``day`` moved by the offset, at the precision the unit allows (days: a day; weeks:
    that week; months and years: that month)."""
    if offset.unit in ("hour", "day", "night"):
        n = offset.n if offset.unit != "hour" else offset.n // 24
        return day + dt.timedelta(days=offset.sign * n), DatePrecision.DAY
    if offset.unit == "week":
        return monday(day + dt.timedelta(weeks=offset.sign * offset.n)), DatePrecision.WEEK
    # a count of months or years from a known day lands in a month ("seven months after" a
    # Monday in December is May): the month is kept, not the whole year
    months = offset.n * (12 if offset.unit == "year" else 1)
    moved = add_months(day, offset.sign * months)
    return moved.replace(day=1), DatePrecision.MONTH


def _nearest_day(times: Sequence[TimeMention], trigger: Span) -> TimeMention | None:
    days = [t for t in times if t.value is not None]
    if not days:
        return None
    return min(
        days, key=lambda t: min(abs(t.span.start - trigger.end), abs(trigger.start - t.span.end))
    )


def _places_in(doc: AnnotatedDocument, lo: int, hi: int) -> set[int]:
    return {
        m.place.geonameid
        for m in doc.places
        if lo <= m.span.start < hi and m.place is not None and m.facility is None
    }


def _sentence_of(doc: AnnotatedDocument, offset: int) -> int | None:
    for i, s in enumerate(doc.sentences):
        if s.start <= offset < s.end:
            return i
    return None


def _paragraph_of(doc: AnnotatedDocument, offset: int) -> Span | None:
    for p in doc.paragraphs:
        if p.start <= offset < p.end:
            return p
    return None


def _main_day(text: str, times: Sequence[TimeMention], sent: Span) -> TimeMention | None:
    """The day a sentence tells its story on: its first day-precise event time not in a
    clause about another event ("after", "since"); else its statement day."""
    days = [
        t
        for t in times
        if sent.start <= t.span.start < sent.end
        and t.precision is DatePrecision.DAY
        and t.value is not None
        and t.rule not in NARRATIVE_RULES
    ]
    statements = [t for t in days if is_statement_time(text, t, sent)]
    for t in days:
        if t in statements:
            continue
        if OTHER_EVENT_TIME.search(text[max(sent.start, t.span.start - 40) : t.span.start]):
            continue
        return t
    return statements[0] if statements else None


def _paragraph_day(
    text: str,
    times: Sequence[TimeMention],
    doc: AnnotatedDocument,
    clause: tuple[int, int],
    paragraph_before: Sequence[Span],
) -> tuple[TimeMention, str] | None:
    """The day of the story the paragraph tells: the nearest earlier sentence that names a
    place of this clause, else the nearest dated earlier sentence."""
    own = _places_in(doc, clause[0], clause[1])
    nearest: TimeMention | None = None
    for prev in paragraph_before:
        t = _main_day(text, times, prev)
        if t is None:
            continue
        if own and own & _places_in(doc, prev.start, prev.end):
            return t, "date.paragraph-same-place.v1"
        if nearest is None:
            nearest = t
    return (nearest, "date.paragraph.v1") if nearest is not None else None


def _elaborated(
    text: str,
    times: Sequence[TimeMention],
    doc: AnnotatedDocument,
    sentence: Span,
    statement: TimeMention | None,
) -> TimeMention | None:
    """After a bare statement day ("the government said on Tuesday that troops had taken
    Shire"), the day the next sentence of the paragraph gives when it restates the event
    without naming any place ("the army had captured the three towns on Monday"); not a day
    after the statement's. A next sentence naming a place tells its own event (a restatement
    naming the same town is merged with this one instead, ``dedup``)."""
    i = _sentence_of(doc, sentence.start)
    para = _paragraph_of(doc, sentence.start)
    if i is None or para is None or i + 1 >= len(doc.sentences):
        return None
    nxt = doc.sentences[i + 1]
    if nxt.start >= para.end:
        return None
    if statement is None or _places_in(doc, nxt.start, nxt.end):
        return None
    t = _main_day(text, times, nxt)
    if t is None or t.value is None or is_statement_time(text, t, nxt):
        return None
    if statement.value is not None and t.value > statement.value:
        return None
    return t


def reported_dates(events: Sequence[Event], doc: AnnotatedDocument) -> list[Event]:
    """Each event with the day its sources spoke (``reported_date``), when one of its
    sentences gives it ("the ministry said on Wednesday that ..."), and its explanation.

    The earliest such day that is not before the event wins: the first report of it. Run over
    the events of an article after the merge, so every account of a fact is looked at.
    """
    text = doc.article.text
    times = event_times(text, sorted(doc.times, key=lambda t: t.span.start), doc)
    starts = [t.span.start for t in times]
    out: list[Event] = []
    for e in events:
        found: list[TimeMention] = []
        for ev in e.evidence:
            # only the sentence's own times: a scan of all of them per account was quadratic
            # in a long article
            inside = times[
                bisect.bisect_left(starts, ev.start) : bisect.bisect_left(starts, ev.end)
            ]
            t = statement_time(text, inside, Span(ev.start, ev.end, ev.sentence), ev.trigger)
            if t is None or t.value is None or t.precision is not DatePrecision.DAY:
                continue
            if e.date is None or e.date_precision is not DatePrecision.DAY or t.value >= e.date:
                found.append(t)
        explanations = tuple(x for x in e.explanations if x.field != "reported_date")
        if not found:
            if e.reported_date is not None or len(explanations) != len(e.explanations):
                e = replace(e, reported_date=None, explanations=explanations)
            out.append(e)
            continue
        first = min(found, key=lambda t: (t.value or dt.date.max, t.span.start))
        assert first.value is not None
        note = FieldExplanation(
            "reported_date", first.value.isoformat(), first.span, STATEMENT_RULE
        )
        out.append(replace(e, reported_date=first.value, explanations=(*explanations, note)))
    return out
