"""Long articles in sections: the cuts, the offsets, and the same events as in one piece."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from frontlines import sections
from frontlines.pipeline import Pipeline
from frontlines.records import (
    Article,
    DatePrecision,
    DateSource,
    Event,
    EventType,
    Evidence,
    FieldExplanation,
    Source,
    SourceType,
    Span,
    Status,
)
from frontlines.sources import read_text

HERAT = "Taliban fighters captured the western city of Herat on Thursday, officials said."
GHAZNI = "Government troops withdrew from Ghazni on Friday, a provincial council member said."
FILLER = (
    "Residents described long queues at bakeries and fuel stations as prices doubled. "
    "Aid agencies warned that food and medicine were running short across the region."
)


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.load()


@given(
    st.text(alphabet=st.sampled_from("ab .\n\tA"), max_size=400),
    st.integers(min_value=1, max_value=60),
    st.integers(min_value=1, max_value=30),
)
def test_sections_cover_the_text_in_order_within_the_sizes(text: str, size: int, run: int) -> None:
    from frontlines.annotate.text import sentences

    cuts = sections.cuts(text, size, run)
    pos = 0
    for start, end in cuts:
        assert pos <= start < end <= len(text)
        assert end - start <= size
        assert not text[start].isspace() and not text[end - 1].isspace()
        assert text[pos:start].strip() == ""  # only whitespace falls between sections
        assert all(len(s.text) <= run for s in sentences(text[start:end]))
        pos = end
    assert text[pos:].strip() == ""


def pieces(text: str, size: int) -> list[str]:
    return [text[a:b] for a, b in sections.cuts(text, size)]


def test_sections_cut_at_a_blank_line_then_a_line_then_a_sentence() -> None:
    para = "One two three. Four five six."
    assert pieces("\n\n".join([para] * 10), 40) == [para] * 10
    assert pieces("aaaa bbbb.\ncccc dddd.", 15) == ["aaaa bbbb.", "cccc dddd."]
    assert pieces("Aa bb. Cc dd. Ee ff.", 15) == ["Aa bb. Cc dd.", "Ee ff."]
    assert pieces("aaa bbb ccc ddd", 9) == ["aaa bbb", "ccc ddd"]
    assert pieces("x" * 25, 10) == ["x" * 10] * 2 + ["x" * 5]
    # a sentence longer than ``run`` is cut at spaces, the sentences around it are kept whole
    long = "Herat Kabul Kunduz Ghazni fell"
    assert [t[a:b] for t in [f"One. {long} today. Two."] for a, b in sections.cuts(t, 100, 12)] == [
        "One.", "Herat Kabul", "Kunduz", "Ghazni fell", "today.", "Two."
    ]


def test_sections_shift_moves_every_offset() -> None:
    trig = Span(5, 9, "fell")
    event = Event(
        article_id="a",
        type=EventType.CAPTURE,
        actor=None,
        place=None,
        date=dt.date(2021, 8, 12),
        date_precision=DatePrecision.DAY,
        date_source=DateSource.TEXT,
        status=Status.REPORTED,
        sources=(Source("officials", SourceType.LOCAL_OFFICIAL, Span(20, 29, "officials")),),
        evidence=(Evidence("Herat fell ...", 0, 30, trig, "rule"),),
        explanations=(FieldExplanation("place", "Herat", Span(0, 5, "Herat"), "rule"),),
    )
    moved = sections.shift(event, 100)
    assert moved.evidence[0].start == 100 and moved.evidence[0].end == 130
    assert moved.evidence[0].trigger == Span(105, 109, "fell")
    assert moved.sources[0].span == Span(120, 129, "officials")
    assert moved.explanations[0].span == Span(100, 105, "Herat")
    assert sections.shift(event, 0) is event
    article = Article("a", "text")
    assert sections.shift(article, 5) is article


def long_article(published: dt.date | None = dt.date(2021, 8, 14)) -> Article:
    paras = [HERAT, *([FILLER] * 12), GHAZNI, *([FILLER] * 12), HERAT]
    return read_text("\n\n".join(paras), id="long", published=published)


def test_sections_give_the_events_of_the_whole_text(
    pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = long_article()
    whole = pipeline.run(article)
    monkeypatch.setattr(sections, "SECTION_CHARS", 1500)
    assert len(sections.cuts(article.text)) >= 3
    cut = pipeline.run(article)

    def facts(events: tuple[Event, ...]) -> list[tuple[str, str | None, dt.date | None]]:
        return sorted((e.type.value, e.place.name if e.place else None, e.date) for e in events)

    assert facts(cut.events) == facts(whole.events)
    herat = next(e for e in cut.events if e.place and e.place.name == "Herat")
    assert len(herat.evidence) == 2  # reported in the first and the last section: one event
    for e in cut.events:
        for ev in e.evidence:  # offsets are into the whole text
            assert article.text[ev.start : ev.end] == ev.sentence
            assert article.text[ev.trigger.start : ev.trigger.end] == ev.trigger.text
    doc = cut.document
    assert doc.article is article
    for m in (*doc.places, *doc.times, *doc.actors):
        assert article.text[m.span.start : m.span.end] == m.span.text
    assert [s.start for s in doc.sentences] == sorted(s.start for s in doc.sentences)
    assert len(doc.sentences) == len(whole.document.sentences)
    assert pipeline.annotate(article).places == doc.places


def test_sections_keep_the_dateline_anchor(
    pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = long_article(published=None)
    article = dataclasses.replace(article, text="KABUL, August 14, 2021 - " + article.text)
    whole = pipeline.run(article)
    monkeypatch.setattr(sections, "SECTION_CHARS", 1500)
    cut = pipeline.run(article)
    dates = {(e.place.name if e.place else None, e.date) for e in cut.events}
    assert dates == {(e.place.name if e.place else None, e.date) for e in whole.events}
    assert ("Ghazni", dt.date(2021, 8, 13)) in dates  # "on Friday", in a later section
    assert cut.document.anchor == dt.date(2021, 8, 14)
    assert all(e.published is None for e in cut.events)
