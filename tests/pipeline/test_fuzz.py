"""Fuzzing the readers and ``Pipeline.run`` (issue #10): whatever the bytes, text or JSON, the
only exceptions are the project's named errors (``FrontlinesError``), and no input hangs.

The ``deadline`` settings are hang guards, not speed measurements (those are in
``benchmarks/bench_long.py``): they are about a hundred times what an input of that size takes,
so only a blow-up (quadratic time on some shape of text) trips them. A longer hunt:
``FRONTLINES_FUZZ_EXAMPLES=2000 python -m pytest tests/pipeline/test_fuzz.py``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from frontlines.errors import FrontlinesError, ReadError
from frontlines.pipeline import Pipeline
from frontlines.records import Article, DatePrecision
from frontlines.sources import article_from_json, iter_articles, read_text
from frontlines.sources.dates import EARLIEST, FUTURE_DAYS

# War-reporting words, dates, numbers and punctuation: random text of these reaches the date
# resolver, the gazetteer, the actor matcher and the trigger frames far more often than
# random characters do.
WORDS = (
    "Taliban fighters captured seized took control of the city town Herat Kabul Kunduz Ghazni "
    "Kandahar Lashkar Gah Kherson Bakhmut Izium El Fasher Wad Madani Aleppo Idlib RSF army "
    "troops forces government Russian Ukrainian Sudanese rebels withdrew retreated from "
    "besieged encircled shelled struck air strike killed arrested released surrendered fell "
    "fall could would not did deny denied claimed said according to a spokesman officials "
    "witnesses on in at since until between and after before during ago last next this week "
    "month year day days hours weeks Monday Thursday Friday Sunday yesterday today tomorrow "
    "January February August December 1st 12 29 30 31 2021 1999 1800 9999 0001 0 1990s "
    "twelve dozens of provincial capitals airport police headquarters prison base district "
    "north south of near outskirts \" ' ( ) , . ; : — - ! ? Gen. U.S. St. A. \n \n\n"
)
VOCABULARY = tuple(WORDS.split(" "))

EXAMPLES = int(os.environ.get("FRONTLINES_FUZZ_EXAMPLES", "60"))
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=dt.timedelta(seconds=5),  # hang guard: inputs here are at most ~4 KB
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

TODAY = dt.date.today()
PUBLISHED = st.one_of(
    st.none(), st.dates(min_value=EARLIEST, max_value=TODAY + dt.timedelta(days=FUTURE_DAYS))
)
news_text = st.lists(st.sampled_from(VOCABULARY), max_size=400).map(" ".join)
any_text = st.text(max_size=3000)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=50),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=10), inner),
    max_leaves=20,
)


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.load()


def run_or_named_error(pipeline: Pipeline, make: Any) -> None:
    """Build the article and run it; a ``FrontlinesError`` (named) is the only way to fail."""
    try:
        article = make()
    except FrontlinesError:
        return
    result = pipeline.run(article, include_all=True)
    for e in result.events:
        for ev in e.evidence:
            assert article.text[ev.start : ev.end] == ev.sentence
        json.dumps(e.to_dict(), ensure_ascii=False).encode("utf-8")  # printable, storable


@SETTINGS
@given(text=news_text, published=PUBLISHED)
def test_fuzz_pipeline_on_war_reporting_words(
    pipeline: Pipeline, text: str, published: dt.date | None
) -> None:
    run_or_named_error(pipeline, lambda: read_text(text, id="fuzz", published=published))


@SETTINGS
@given(text=any_text, published=PUBLISHED)
def test_fuzz_pipeline_on_any_text(
    pipeline: Pipeline, text: str, published: dt.date | None
) -> None:
    run_or_named_error(pipeline, lambda: read_text(text, id="fuzz", published=published))


@SETTINGS
@given(text=st.text(min_size=1, max_size=500), precision=st.sampled_from(DatePrecision))
def test_fuzz_pipeline_on_articles_built_in_python(
    pipeline: Pipeline, text: str, precision: DatePrecision
) -> None:
    """An ``Article`` made directly (no reader): odd precisions, untrimmed text."""
    article = Article(
        id="raw", text=text, published=dt.date(2021, 8, 14), published_precision=precision
    )
    run_or_named_error(pipeline, lambda: article)


@settings(
    max_examples=5,
    deadline=dt.timedelta(seconds=120),  # hang guard for ~120 KB: sections keep it near 1 s
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(sentence=st.lists(st.sampled_from(VOCABULARY), min_size=3, max_size=30).map(" ".join))
# shapes that were super-linear (issue #10): one event repeated, a 120 KB "sentence" listing
# towns (minutes), a line of abbreviations the sentence splitter skips (20 s per 200 KB)
@example("Taliban fighters captured the western city of Herat on Thursday, officials said.")
@example("Herat, Kabul, Kunduz, Ghazni, Kandahar and Mazar-i-Sharif fell to the Taliban")
@example("Gen. A. B. U.S. St.")
def test_fuzz_pipeline_on_a_long_repeated_sentence(pipeline: Pipeline, sentence: str) -> None:
    text = (sentence + " ") * (120_000 // (len(sentence) + 1))
    run_or_named_error(pipeline, lambda: read_text(text, id="long", published=TODAY))


@SETTINGS
@given(
    obj=json_values,
    field=st.sampled_from(["text", "published", "id", "title", "url", "outlet", "source"]),
)
def test_fuzz_json_objects_are_articles_or_named_errors(obj: object, field: str) -> None:
    for candidate in (obj, {"text": "Herat fell on Thursday.", field: obj}):
        try:
            article = article_from_json(candidate, "fuzz:1", default_id="fuzz")
        except ReadError as err:
            assert err.origin == "fuzz:1" and err.reason
        else:
            assert article.text and article.id


@SETTINGS
@given(
    data=st.binary(max_size=3000) | any_text.map(lambda t: t.encode("utf-8", "surrogatepass")),
    suffix=st.sampled_from([".txt", ".jsonl", ".html", ".md", ".dat"]),
)
def test_fuzz_readers_on_any_bytes(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"input{suffix}"
    path.write_bytes(data)
    errors: list[ReadError] = []
    articles = list(iter_articles([path], on_error=errors.append))
    assert articles or errors  # every input gives an article or a named error
    for err in errors:
        assert err.origin.startswith(str(path))
    for article in articles:
        assert article.text and article.text == article.text.strip()
        article.text.encode("utf-8")  # no lone surrogate got through
    with pytest.raises(ReadError) if errors else _nothing():
        list(iter_articles([path], strict=True))


@SETTINGS
@given(lines=st.lists(json_values.map(json.dumps) | any_text, max_size=8))
def test_fuzz_jsonl_lines_are_articles_or_named_errors(tmp_path: Path, lines: list[str]) -> None:
    path = tmp_path / "fuzz.jsonl"
    path.write_bytes("\n".join(lines).encode("utf-8", "surrogatepass"))
    errors: list[ReadError] = []
    articles = list(iter_articles([path], on_error=errors.append))
    assert articles or errors
    for err in errors:
        assert err.origin == str(path) or err.origin.startswith(f"{path}:")


class _nothing:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None
