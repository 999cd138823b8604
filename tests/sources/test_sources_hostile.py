"""Hostile and careless inputs to the readers: each is a named ``ReadError``, never a crash,
and the lines around a bad one are still read (issue #10)."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest

from frontlines.errors import ArticleTooLarge, ReadError
from frontlines.records import Article
from frontlines.sources import (
    MAX_ARTICLE_BYTES,
    article_from_json,
    iter_articles,
    loads_json,
    read_text,
)

GOOD = {"id": "good", "published": "2021-08-13", "text": "Kunduz fell to the Taliban on Sunday."}


def read_all(path: Path | str, **kwargs: object) -> tuple[list[Article], list[ReadError]]:
    errors: list[ReadError] = []
    articles = list(iter_articles([path], on_error=errors.append, **kwargs))  # type: ignore[arg-type]
    return articles, errors


def lines(*items: str) -> str:
    return "".join(item + "\n" for item in items)


def test_hostile_deeply_nested_json_line_is_named_and_the_rest_is_read(tmp_path: Path) -> None:
    path = tmp_path / "nested.jsonl"
    nested = "[" * 1000 + "]" * 1000
    deep_object = '{"text": ' + '{"a": ' * 5000 + "1" + "}" * 5000 + "}"
    path.write_text(
        lines(json.dumps(GOOD), nested, deep_object, json.dumps({**GOOD, "id": "after"})),
        encoding="utf-8",
    )
    articles, errors = read_all(path)
    assert [a.id for a in articles] == ["good", "after"]
    assert [(e.origin, e.reason) for e in errors] == [
        (f"{path}:2", "malformed JSON (nested too deeply)"),
        (f"{path}:3", "malformed JSON (nested too deeply)"),
    ]


def test_hostile_loads_json_names_every_failure() -> None:
    for bad, reason in [
        ("[" * 100_000, "nested too deeply"),
        ('{"a": 1', "malformed JSON"),
        (b"\xff\xfe{}", "malformed JSON"),  # json.loads sniffs UTF-16 and fails
        (b'{"a": "\xff"}', "not valid UTF-8"),
        ('{"text": "x", "n": ' + "7" * 5000 + "}", "a number too long to read"),
    ]:
        with pytest.raises(ValueError, match=reason):
            loads_json(bad)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("text", "Kunduz fell on Sunday \ud800 officials said."),
        ("title", "Kunduz \udfff"),
        ("id", "id-\ud83d"),
        ("url", "https://example.org/\udc00"),
        ("outlet", "Outlet \ud800"),
    ],
)
def test_hostile_lone_surrogate_is_named(tmp_path: Path, field: str, value: str) -> None:
    path = tmp_path / "surrogate.jsonl"
    # json.dumps escapes the surrogate as "\\ud800": legal JSON, but no character
    path.write_text(lines(json.dumps({**GOOD, field: value}), json.dumps(GOOD)), encoding="utf-8")
    articles, errors = read_all(path)
    assert [a.id for a in articles] == ["good"]
    [error] = errors
    assert error.origin == f"{path}:1"
    assert f"{field}" in error.reason and "lone surrogate U+D" in error.reason


def test_hostile_surrogate_pair_is_a_character(tmp_path: Path) -> None:
    path = tmp_path / "pair.jsonl"
    path.write_text(lines(json.dumps({**GOOD, "text": "Kunduz fell \U0001f4a5 today."})))
    [article], errors = read_all(path)
    assert errors == [] and "\U0001f4a5" in article.text


def test_hostile_read_text_refuses_lone_surrogate() -> None:
    with pytest.raises(ReadError, match=r"lone surrogate U\+D800 at character 7"):
        read_text("Kunduz \ud800 fell.", id="api")


def test_hostile_published_number_is_a_day_not_epoch_seconds(tmp_path: Path) -> None:
    path = tmp_path / "number.jsonl"
    path.write_text(lines(json.dumps({**GOOD, "published": 20210812})))
    [article], errors = read_all(path)
    assert errors == [] and article.published == dt.date(2021, 8, 12)


@pytest.mark.parametrize(
    ("published", "reason"),
    [
        ("9999-01-01", "more than 30 days after today"),
        ("0001-01-01", "before 1800-01-01"),
        (1234, "neither a YYYYMMDD day nor an epoch timestamp"),
    ],
)
def test_hostile_implausible_published_is_named(
    tmp_path: Path, published: object, reason: str
) -> None:
    path = tmp_path / "dates.jsonl"
    path.write_text(lines(json.dumps({**GOOD, "published": published}), json.dumps(GOOD)))
    articles, errors = read_all(path)
    assert [a.id for a in articles] == ["good"]
    [error] = errors
    assert error.origin == f"{path}:1" and "field 'published'" in error.reason
    assert reason in error.reason


def test_hostile_implausible_published_in_the_python_api() -> None:
    with pytest.raises(ReadError, match="published: date 0001-01-01 is before"):
        read_text("Kunduz fell.", published=dt.date(1, 1, 1))
    import frontlines

    with pytest.raises(ReadError, match="published: date 9999-01-01 is more than"):
        frontlines.read_text("Kunduz fell.", published="9999-01-01")


@pytest.mark.parametrize("content", ["", "\n\n  \n", "\ufeff"])
def test_hostile_empty_jsonl_is_an_error_like_an_empty_text(tmp_path: Path, content: str) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_text(content, encoding="utf-8")
    text = tmp_path / "empty.txt"
    text.write_text(content, encoding="utf-8")
    for item in (path, text):
        articles, errors = read_all(item)
        assert articles == []
        [error] = errors
        assert error.origin == str(item)
    assert read_all(path)[1][0].reason == "no articles (empty JSON Lines file)"


def test_hostile_jsonl_of_bad_lines_only_is_not_also_empty(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(lines("{", "[1]"))
    _, errors = read_all(path)
    assert [e.origin for e in errors] == [f"{path}:1", f"{path}:2"]


def test_hostile_too_large_article_is_a_named_error() -> None:
    huge = "Kunduz fell. " * (MAX_ARTICLE_BYTES // 13 + 1)
    with pytest.raises(ArticleTooLarge, match="article too large") as info:
        read_text(huge, id="big")
    assert info.value.origin == "big" and info.value.limit == MAX_ARTICLE_BYTES
    with pytest.raises(ArticleTooLarge):
        article_from_json({"text": huge}, "api:1", default_id="api")
    # the limit is on UTF-8 bytes: Devanagari takes 3 per character
    wide = "\u0915" * (MAX_ARTICLE_BYTES // 2)
    with pytest.raises(ArticleTooLarge):
        read_text(wide, id="wide")


def test_hostile_too_large_article_through_the_pipeline_api() -> None:
    from frontlines.pipeline import Pipeline

    article = Article(id="built", text="x" * (MAX_ARTICLE_BYTES + 1))
    pipeline = Pipeline(annotator=None, extractor=None)  # type: ignore[arg-type]
    with pytest.raises(ArticleTooLarge, match="built: article too large"):
        pipeline.run(article)


def test_hostile_stdin_empty_jsonl_and_binary() -> None:
    errors: list[ReadError] = []
    stream = io.BytesIO(b"\x00\x01\x02" * 100)
    assert list(iter_articles(["-"], on_error=errors.append, stdin=stream)) == []
    assert errors and errors[0].origin == "<stdin>"
