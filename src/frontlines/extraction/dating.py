"""The date of an event: from its clause, its sentence, the story just told, its paragraph,
and only then the publication date, which is then said (``date_source: "published"``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from frontlines.extraction.arguments import choose_time
from frontlines.extraction.cues import NARRATIVE_RULES, SAME_DAY
from frontlines.records import AnnotatedDocument, DatePrecision, DateSource, Span, TimeMention

DateChoice = tuple[dt.date | None, DatePrecision, DateSource, Span | None, str]


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
    the paragraph, nearest first; ``last_day``: the latest day the story told before."""
    t = choose_time(text, times, sentence.start, sentence.end, trigger, clause)
    anchor = doc.anchor
    if t is not None:
        source = DateSource.TEXT if clause[0] <= t.span.start < clause[1] else DateSource.SENTENCE
        if t.rule in NARRATIVE_RULES and t.value and anchor is not None and last_day is not None:
            # "A day earlier" counts back from the day the story just told, not from the
            # publication date.
            value = last_day - (anchor - t.value)
            return value, t.precision, source, t.span, f"date.narrative+{t.rule}"
        return t.value, t.precision, source, t.span, f"date.{source.value}+{t.rule}"
    same_day = SAME_DAY.search(sentence.text)
    if same_day and last_day is not None:
        start = sentence.start + same_day.start()
        ds = Span(start, start + len(same_day.group()), same_day.group())
        return last_day, DatePrecision.DAY, DateSource.PARAGRAPH, ds, "date.same-day.v1"
    for prev in paragraph_before:
        t = choose_time(text, times, prev.start, prev.end, prev, (prev.start, prev.end))
        if t is not None and t.precision is DatePrecision.DAY:
            return t.value, t.precision, DateSource.PARAGRAPH, t.span, "date.paragraph.v1"
    art = doc.article
    if art.published is not None and art.published_precision in (None, DatePrecision.DAY):
        return art.published, DatePrecision.DAY, DateSource.PUBLISHED, None, "date.published.v1"
    if art.published is None and anchor is not None:
        # An undated page whose dateline gives the day: that day stands for publication.
        return anchor, DatePrecision.DAY, DateSource.PUBLISHED, None, "date.dateline.v1"
    return None, DatePrecision.UNRESOLVED, DateSource.NONE, None, "date.none.v1"
