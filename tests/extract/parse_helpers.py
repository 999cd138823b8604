"""Helpers shared by the parse-level extraction tests: a sentence's parse, the triggers the
packaged lexicon finds in it, and the events of the public pipeline with their rules."""

from __future__ import annotations

import frontlines
from frontlines.extraction.lexicon import Match
from frontlines.extraction.roles import RoleReader
from frontlines.records import Event, Parse

PUBLISHED = "2022-09-14"  # a Wednesday


def matches(text: str) -> list[tuple[Parse, Match]]:
    """The (parse, trigger match) pairs of ``text`` under the packaged lexicon."""
    pipeline = frontlines.default_pipeline()
    doc = pipeline.annotate(frontlines.read_text(text, id="t", published=PUBLISHED))
    lexicon = pipeline.extractor.lexicon
    return [(p, m) for p in doc.parses for m in lexicon.match(p)]


def match_of(text: str, trigger_id: str) -> tuple[Parse, Match]:
    found = [(p, m) for p, m in matches(text) if m.trigger.id == trigger_id]
    assert len(found) == 1, [m.trigger.id for _, m in matches(text)]
    return found[0]


def fill(text: str, trigger_id: str, slot: str) -> list[tuple[str, str]]:
    """(filler text, how the role reader got there) of one slot of the trigger ``trigger_id``."""
    parse, match = match_of(text, trigger_id)
    return [(text[f.start : f.end], f.via) for f in RoleReader(parse).fill(match, slot)]


def run(text: str, *, include_all: bool = False) -> list[Event]:
    article = frontlines.read_text(text, id="t", published=PUBLISHED)
    return frontlines.extract(article, include_all=include_all)


def rule(event: Event, field: str) -> str:
    """The rule chain the event's explanation gives for ``field`` (the first one)."""
    return next(x.rule for x in event.explanations if x.field == field)


def only(events: list[Event], type_: str, place: str) -> Event:
    hits = [e for e in events if e.type.value == type_ and e.place and e.place.name == place]
    assert len(hits) == 1, [(e.type.value, e.place and e.place.name) for e in events]
    return hits[0]


def summary(events: list[Event]) -> list[tuple[str, str | None, str | None]]:
    return [
        (e.type.value, e.place.name if e.place else None, e.actor.name if e.actor else None)
        for e in events
    ]
