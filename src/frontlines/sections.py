"""Long articles in sections: the cost of one article stays linear in its length.

The annotators and the extractor relate mentions within a sentence, a paragraph or the whole
article (the last town named, the salient actor, the duplicate report); over a whole text some
of those lookups grow with the square of its length, and a 10 MB input would take hours. An
article longer than ``SECTION_CHARS`` is therefore analysed as consecutive sections of at most
that many characters, cut at a blank line if there is one in the second half of the section,
else at a line break, a sentence end, a space, or (a text without any) anywhere; a sentence of
more than ``RUN_CHARS`` (no written sentence is that long: a hostile input, or text without
punctuation) is also cut, at spaces, into sections of that size. Each section
is annotated and extracted on its own, with the article's metadata and the reference date of
its first section; offsets are moved back into the whole text, and reports of one event from
several sections (the same ``Event.id``) become one event with all their evidence.

``SECTION_CHARS`` is far above a news article (5,000-50,000 characters), so nothing changes
for those; in a longer text, the context of a sentence ends at its section.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import typing
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from frontlines.records import (
    Aggregate,
    AnnotatedDocument,
    Article,
    DatePrecision,
    Event,
    Evidence,
    Span,
    Status,
)

#: The longest text analysed in one piece (characters).
SECTION_CHARS = 50_000
#: The longest sentence kept in one section: the extractor's work on one sentence grows
#: faster than its length (a 16,000-character list of towns takes seconds).
RUN_CHARS = 2_000

_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s")
_LINE = re.compile(r"[^\n]+")
_STATUS_RANK = {Status.CLAIMED: 0, Status.REPORTED: 1, Status.CONFIRMED: 2}

T = TypeVar("T")


def cuts(text: str, size: int | None = None, run: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of the sections of ``text``: none longer than ``size`` (default
    ``SECTION_CHARS``), and a sentence longer than ``run`` (``RUN_CHARS``) cut in pieces of at
    most that size, each its own section; each stripped of surrounding whitespace, together
    covering every non-space character in order."""
    size = size or SECTION_CHARS
    run = run or RUN_CHARS
    out: list[tuple[int, int]] = []
    start, n = 0, len(text)
    while start < n:
        end = n if n - start <= size else _cut(text, start, start + size)
        out.extend(_split_long_sentences(text, start, end, run))
        start = end
    return out


def _split_long_sentences(text: str, start: int, end: int, run: int) -> list[tuple[int, int]]:
    """``text[start:end]`` as stripped pieces, a sentence of more than ``run`` characters cut
    at spaces. A sentence may run over a single line break (hard-wrapped text), so the
    sentences are those of the whole section."""
    from frontlines.annotate.text import sentences

    out: list[tuple[int, int]] = []
    pos = start
    if end - start <= run:
        return _stripped(text, start, end)
    for s in sentences(text[start:end]):
        a, b = start + s.start, start + s.end
        if b - a <= run:
            continue
        out.extend(_stripped(text, pos, a))
        while a < b:
            cut = b if b - a <= run else _cut(text, a, a + run)
            out.extend(_stripped(text, a, cut))
            a = cut
        pos = b
    out.extend(_stripped(text, pos, end))
    return out


def _stripped(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``[(start, end)]`` without surrounding whitespace, or ``[]`` if nothing is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return [(start, end)] if start < end else []


def _cut(text: str, start: int, limit: int) -> int:
    """Where to end the section that begins at ``start`` and may not pass ``limit``."""
    half = start + (limit - start) // 2
    for sep in ("\n\n", "\n"):
        at = text.rfind(sep, half, limit)
        if at >= 0:
            return at + len(sep)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, half, limit)]
    if ends:
        return ends[-1]
    at = max(text.rfind(" ", half, limit), text.rfind("\t", half, limit))
    return at + 1 if at >= 0 else limit


# --------------------------------------------------------------------------- offsets


def shift(obj: T, delta: int) -> T:
    """``obj`` with every offset in it moved by ``delta``: its ``Span``s and the sentence
    bounds of an ``Evidence``, inside records and tuples at any depth. Which fields can hold
    one is read from the records' type hints, so a span field added later is moved too."""
    return _shift(obj, delta) if delta else obj


def _shift(obj: Any, delta: int) -> Any:
    if isinstance(obj, Span):
        return Span(obj.start + delta, obj.end + delta, obj.text)
    if isinstance(obj, tuple):
        return tuple(_shift(x, delta) for x in obj)
    if not dataclasses.is_dataclass(obj) or isinstance(obj, type):
        return obj
    names = _offset_fields(type(obj))
    if not names:
        return obj
    changes = {name: _shift(getattr(obj, name), delta) for name in names}
    if isinstance(obj, Evidence):
        changes["start"], changes["end"] = obj.start + delta, obj.end + delta
    return dataclasses.replace(obj, **changes)


@functools.cache
def _offset_fields(cls: type) -> tuple[str, ...]:
    """The fields of a record type that can hold a ``Span`` (an ``Article`` holds none: its
    text is what offsets point into). Records do not contain themselves, so this ends."""
    if cls is Article:
        return ()
    hints = typing.get_type_hints(cls)
    return tuple(f.name for f in dataclasses.fields(cls) if _can_hold_span(hints[f.name]))


def _can_hold_span(tp: Any) -> bool:
    if tp is Span or tp is Any:
        return True
    args = typing.get_args(tp)
    if args:  # Optional, unions, tuple[...]
        return any(_can_hold_span(a) for a in args if a is not Ellipsis)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return tp is Evidence or bool(_offset_fields(tp))
    return False


# --------------------------------------------------------------------------- sections


def section_articles(article: Article) -> list[tuple[int, Article]]:
    """(offset, sub-article) per section; a short article is its own only section."""
    text = article.text
    parts = cuts(text)
    if len(parts) <= 1:  # the text itself (not stripped again: its offsets stay as they are)
        return [(0, article)]
    return [(a, dataclasses.replace(article, text=text[a:b])) for a, b in parts]


def annotate_sections(
    article: Article, annotate: Callable[[Article], AnnotatedDocument]
) -> list[tuple[int, AnnotatedDocument]]:
    """Each section's own document (offsets into the section), in order.

    An article without a publication date is anchored on its dateline: later sections have
    none, so they are annotated with the first section's reference date, as the whole text
    would be, and keep the article's (absent) publication date.
    """
    parts = section_articles(article)
    out: list[tuple[int, AnnotatedDocument]] = []
    anchor = None
    for i, (offset, sub) in enumerate(parts):
        if i > 0 and sub.published is None and anchor is not None:
            dated = dataclasses.replace(
                sub, published=anchor, published_precision=DatePrecision.DAY
            )
            doc = dataclasses.replace(annotate(dated), article=sub, anchor=anchor)
        else:
            doc = annotate(sub)
        if i == 0:
            anchor = doc.anchor
        out.append((offset, doc))
    return out


def join_documents(
    article: Article, docs: Sequence[tuple[int, AnnotatedDocument]]
) -> AnnotatedDocument:
    """One document for the whole article from its sections' documents."""
    if len(docs) == 1 and docs[0][0] == 0:
        return dataclasses.replace(docs[0][1], article=article)
    moved = [shift(d, offset) for offset, d in docs]
    return AnnotatedDocument(
        article=article,
        sentences=tuple(s for d in moved for s in d.sentences),
        paragraphs=tuple(p for d in moved for p in d.paragraphs),
        places=tuple(m for d in moved for m in d.places),
        times=tuple(m for d in moved for m in d.times),
        actors=tuple(m for d in moved for m in d.actors),
        countries=_ranked(d.countries for d in moved),
        anchor=docs[0][1].anchor,
    )


def _ranked(rankings: Iterable[tuple[str, ...]]) -> tuple[str, ...]:
    """Countries of all sections, by summed rank (first in a section counts most)."""
    score: dict[str, int] = {}
    for ranking in rankings:
        for i, cc in enumerate(ranking):
            score[cc] = score.get(cc, 0) + len(ranking) - i
    return tuple(sorted(score, key=lambda cc: -score[cc]))


def join_events(parts: Iterable[Sequence[Event]]) -> list[Event]:
    """Events of all sections in text order; one per id, its reports' evidence pooled.

    Pooled in one pass: a fact repeated in every section (a 10 MB page of one report) would
    otherwise be rebuilt once per section with all the evidence so far, quadratic in its
    length."""
    pools: dict[str, _Pool] = {}
    for events in parts:
        for e in events:
            pool = pools.get(e.id)
            if pool is None:
                pools[e.id] = _Pool(e)
            else:
                pool.add(e)
    return [p.event() for p in pools.values()]


class _Pool:
    """The same fact from several sections: the first report, with the others' evidence."""

    def __init__(self, first: Event) -> None:
        self.first = first
        self.actor = first.actor
        self.status = first.status
        self.fatalities = first.fatalities
        self.evidence = _Ordered(first.evidence)
        self.sources = _Ordered(first.sources)
        self.persons = _Ordered(first.persons)
        self.more = False

    def add(self, e: Event) -> None:
        self.more = True
        self.actor = self.actor or e.actor
        if Status.DENIED in (self.status, e.status):
            self.status = Status.DENIED
        else:
            self.status = max(self.status, e.status, key=lambda s: _STATUS_RANK.get(s, 0))
        if self.fatalities is None:
            self.fatalities = e.fatalities
        self.evidence.extend(e.evidence)
        self.sources.extend(e.sources)
        self.persons.extend(e.persons)

    def event(self) -> Event:
        if not self.more:
            return self.first
        return dataclasses.replace(
            self.first,
            actor=self.actor,
            status=self.status,
            evidence=self.evidence.items(),
            sources=self.sources.items(),
            persons=self.persons.items(),
            fatalities=self.fatalities,
        )


class _Ordered:
    """Items in first-seen order, without repeats."""

    def __init__(self, first: Iterable[Any]) -> None:
        self._items: dict[Any, None] = dict.fromkeys(first)

    def extend(self, more: Iterable[Any]) -> None:
        for x in more:
            self._items.setdefault(x, None)

    def items(self) -> tuple[Any, ...]:
        return tuple(self._items)


def join_aggregates(parts: Iterable[Sequence[Aggregate]]) -> list[Aggregate]:
    return [a for aggregates in parts for a in aggregates]


__all__ = [
    "SECTION_CHARS",
    "annotate_sections",
    "cuts",
    "join_aggregates",
    "join_documents",
    "join_events",
    "section_articles",
    "shift",
]
