"""Readers: each format, each kind of bad input, and the batch behaviour."""

from __future__ import annotations

import datetime as dt
import io
import os
from pathlib import Path

import pytest

from frontlines.errors import ReadError
from frontlines.records import Article, DatePrecision
from frontlines.sources import html as html_module
from frontlines.sources import iter_articles, read_html, read_text

FIXTURES = Path(__file__).parent / "fixtures"


def read_all(inputs: list[str | Path], **kwargs: object) -> tuple[list[Article], list[ReadError]]:
    errors: list[ReadError] = []
    articles = list(iter_articles(inputs, on_error=errors.append, **kwargs))  # type: ignore[arg-type]
    return articles, errors


# --------------------------------------------------------------------------- plain text


def test_readers_plain_text_file() -> None:
    [article], errors = read_all([FIXTURES / "plain.txt"])
    assert errors == []
    assert article.id == "plain"
    assert article.text.startswith("Ukrainian forces said on Friday")
    assert article.text.endswith("allowed to return.")  # stripped
    assert article.published is None and article.published_precision is None
    assert article.origin == str(FIXTURES / "plain.txt")


def test_readers_latin1_text_is_detected() -> None:
    [article], errors = read_all([FIXTURES / "latin1.txt"])
    assert errors == []
    assert "Les forces armées maliennes ont annoncé" in article.text
    assert "« Nous avons repris le contrôle de la ville »" in article.text


def test_readers_utf8_bom_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffFirst line.\r\nSecond line é.\r\n".encode())
    [article], _ = read_all([path])
    assert article.text == "First line.\nSecond line é."


def test_readers_published_override_sets_day_precision() -> None:
    [article], _ = read_all([FIXTURES / "plain.txt"], published=dt.date(2022, 5, 13))
    assert article.published == dt.date(2022, 5, 13)
    assert article.published_precision is DatePrecision.DAY


def test_readers_read_text_api() -> None:
    article = read_text("  Kidal fell on Tuesday.\r\n", published=dt.date(2023, 11, 14))
    assert article == Article(
        id="stdin",
        text="Kidal fell on Tuesday.",
        published=dt.date(2023, 11, 14),
        published_precision=DatePrecision.DAY,
    )
    assert read_text("x", url="https://www.example.com/a").outlet == "example.com"


def test_readers_read_text_rejects_empty_and_oversize() -> None:
    with pytest.raises(ReadError, match="empty text"):
        read_text(" \n\t ")
    with pytest.raises(ReadError, match="too large"):
        read_text("x" * 101, max_bytes=100)


# --------------------------------------------------------------------------- HTML


def test_readers_html_text_and_metadata() -> None:
    [article], errors = read_all([FIXTURES / "article.html"])
    assert errors == []
    assert article.id == "article"
    assert article.title == "Fighting reaches outskirts of Lashkar Gah"
    assert article.outlet == "Frontier Daily"
    assert article.published == dt.date(2021, 8, 3)
    assert article.published_precision is DatePrecision.DAY
    assert article.url == "https://www.frontierdaily.example/world/lashkar-gah-fighting"
    assert article.text.startswith("Residents of Lashkar Gah")  # headline kept only as title
    assert "corridor for the wounded" in article.text
    for chrome in ("Subscribe", "Copyright", "newsletter", "Home"):
        assert chrome not in article.text
    assert "\n\n" in article.text  # paragraphs separated by a blank line


def test_readers_html_published_override() -> None:
    [article], _ = read_all([FIXTURES / "article.html"], published=dt.date(2021, 8, 4))
    assert article.published == dt.date(2021, 8, 4)


def test_readers_html_falls_back_to_lxml(monkeypatch: pytest.MonkeyPatch) -> None:
    import trafilatura

    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *a, **k: None)
    html = (FIXTURES / "article.html").read_text(encoding="utf-8")
    article = read_html(html, id="x")
    assert "Residents of Lashkar Gah" in article.text
    assert "Subscribe" not in article.text and "Copyright" not in article.text
    assert article.outlet == "Frontier Daily"
    assert article.published == dt.date(2021, 8, 3)


def test_readers_html_fallback_text_without_trafilatura() -> None:
    text, title = html_module._fallback_text(
        "<html><head><title>T</title></head><body><nav>Menu</nav>"
        "<p>One.</p><p>Two <b>bold</b>.</p><footer>Foot</footer></body></html>"
    )
    assert title == "T"
    assert text == "One.\n\nTwo bold."


def test_readers_html_without_text_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "blank.html"
    path.write_text("<html><head><title>Nothing</title></head><body><nav>Menu</nav></body></html>")
    articles, [error] = read_all([path])
    assert articles == []
    assert error.origin == str(path)
    assert "no readable text" in error.reason


def test_readers_html_declared_charset(tmp_path: Path) -> None:
    path = tmp_path / "cp.htm"
    body = "<p>Les combattants ont quitté la ville après des frappes aériennes répétées.</p>"
    page = f'<html><head><meta charset="windows-1252"></head><body>{body}</body></html>'
    path.write_bytes(page.encode("cp1252"))
    [article], _ = read_all([path])
    assert "quitté la ville après" in article.text


# --------------------------------------------------------------------------- JSON Lines


def test_readers_jsonl_malformed_line_does_not_stop_the_rest() -> None:
    path = FIXTURES / "articles.jsonl"
    articles, errors = read_all([path])
    assert [a.id for a in articles] == ["sy-1", "sy-2", "4", articles[3].id, "sy-9"]
    assert [e.origin for e in errors] == [f"{path}:{n}" for n in (3, 7, 8, 9)]
    assert "malformed JSON" in errors[0].reason
    assert errors[1].reason == "missing field 'text'"
    assert "field 'published'" in errors[2].reason and "2021-02-30" in errors[2].reason
    assert errors[3].reason == "empty text"


def test_readers_jsonl_fields() -> None:
    by_id = {a.id: a for a in read_all([FIXTURES / "articles.jsonl"])[0]}
    first = by_id["sy-1"]
    assert first.title == "Rebels enter Aleppo"
    assert first.outlet == "wire.example.com"  # from the URL, "www." dropped
    assert first.published == dt.date(2024, 11, 29)
    assert first.origin == f"{FIXTURES / 'articles.jsonl'}:1"
    assert by_id["sy-2"].outlet == "Wire Service"
    assert by_id["sy-2"].published == dt.date(2024, 12, 5)
    assert by_id["4"].outlet == "Levant Monitor"  # "source": {"name": ...}
    assert by_id["4"].published == dt.date(2024, 12, 6)  # epoch seconds
    assert by_id["sy-9"].published is None and by_id["sy-9"].published_precision is None


def test_readers_jsonl_month_precision_and_derived_id() -> None:
    articles, _ = read_all([FIXTURES / "articles.jsonl"])
    monthly = next(a for a in articles if a.url == "https://example.net/no-id")
    assert monthly.published == dt.date(2024, 12, 1)
    assert monthly.published_precision is DatePrecision.MONTH
    assert monthly.id.startswith("articles-")
    again, _ = read_all([FIXTURES / "articles.jsonl"])
    assert monthly.id in {a.id for a in again}  # stable across runs


def test_readers_jsonl_override_skips_bad_published() -> None:
    articles, errors = read_all([FIXTURES / "articles.jsonl"], published=dt.date(2024, 12, 9))
    assert {a.published for a in articles} == {dt.date(2024, 12, 9)}
    assert "sy-7" in {a.id for a in articles}
    assert len(errors) == 3


def test_readers_jsonl_non_object_and_wrong_types(tmp_path: Path) -> None:
    path = tmp_path / "odd.ndjson"
    path.write_text('[1, 2]\n{"text": 5}\n{"text": "ok", "title": ["x"]}\n{"text": "fine"}\n')
    articles, errors = read_all([path])
    assert [a.text for a in articles] == ["fine"]
    assert [e.reason for e in errors] == [
        "JSON line is not an object (got list)",
        "field 'text' must be a string, got int",
        "field 'title' must be a string, got list",
    ]


def test_readers_jsonl_oversize_line_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    path.write_text(
        '{"id": "a", "text": "short"}\n'
        + '{"id": "b", "text": "'
        + "y" * 5000
        + '"}\n'
        + '{"id": "c", "text": "after"}\n'
    )
    articles, [error] = read_all([path], max_bytes=1000)
    assert [a.id for a in articles] == ["a", "c"]
    assert error.origin == f"{path}:2" and "too large" in error.reason


def test_readers_jsonl_invalid_utf8_line(tmp_path: Path) -> None:
    path = tmp_path / "enc.jsonl"
    path.write_bytes(b'{"text": "caf\xe9"}\n{"text": "ok"}\n')
    articles, [error] = read_all([path])
    assert [a.text for a in articles] == ["ok"]
    assert "UTF-8" in error.reason and error.origin.endswith(":1")


def test_readers_jsonl_streams_lazily(tmp_path: Path) -> None:
    path = tmp_path / "many.jsonl"
    with path.open("w") as fh:
        for i in range(1000):
            fh.write(f'{{"id": "n{i}", "text": "Report number {i}."}}\n')
    stream = iter_articles([path])
    assert next(stream).id == "n0"  # the first article arrives before the file is consumed
    assert sum(1 for _ in stream) == 999


# --------------------------------------------------------------------------- directories


def test_readers_directory_recursive_sorted_skips_hidden_and_unknown() -> None:
    articles, errors = read_all([FIXTURES / "corpus"])
    assert errors == []
    assert [a.id for a in articles] == [
        "a_report",
        "feed-1",
        "feed-2",
        "kherson/withdrawal",
    ]
    assert articles[2].published_precision is DatePrecision.MONTH
    assert all("hidden" not in a.text and "Neither" not in a.text for a in articles)


def test_readers_empty_directory_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "x.csv").write_text("a,b")
    articles, [error] = read_all([tmp_path])
    assert articles == [] and error.origin == str(tmp_path)


def test_readers_unknown_extension_is_sniffed(tmp_path: Path) -> None:
    (tmp_path / "feed.dat").write_text('{"id": "j1", "text": "From JSON."}\n')
    (tmp_path / "page.dat").write_text("<html><body><p>From a page.</p></body></html>")
    (tmp_path / "note").write_text("From plain text.")
    articles, errors = read_all([tmp_path / "feed.dat", tmp_path / "page.dat", tmp_path / "note"])
    assert errors == []
    assert [a.text for a in articles] == ["From JSON.", "From a page.", "From plain text."]


# --------------------------------------------------------------------------- stdin


def test_readers_stdin_plain_text() -> None:
    stdin = io.BytesIO(b"\n\n  Government troops entered the town on Monday.\n")
    [article] = list(iter_articles(["-"], stdin=stdin, published=dt.date(2024, 1, 2)))
    assert article.text == "Government troops entered the town on Monday."
    assert article.id.startswith("stdin-") and article.origin == "<stdin>"
    assert article.published == dt.date(2024, 1, 2)


def test_readers_stdin_jsonl_autodetected() -> None:
    stdin = io.BytesIO(b'\n  {"id": "s1", "text": "One."}\nnot json\n{"id": "s2", "text": "Two."}')
    articles, [error] = read_all(["-"], stdin=stdin)
    assert [a.id for a in articles] == ["s1", "s2"]
    assert error.origin == "<stdin>:3"
    assert articles[0].origin == "<stdin>:2"


def test_readers_stdin_empty_is_an_error() -> None:
    articles, [error] = read_all(["-"], stdin=io.BytesIO(b"   \n"))
    assert articles == [] and error.reason == "empty text"


# --------------------------------------------------------------------------- errors


def test_readers_binary_file_is_an_error() -> None:
    articles, [error] = read_all([FIXTURES / "image.txt"])
    assert articles == []
    assert error.origin == str(FIXTURES / "image.txt")
    assert "binary" in error.reason


def test_readers_empty_file_is_an_error() -> None:
    _, [error] = read_all([FIXTURES / "empty.txt"])
    assert error.reason == "empty text"
    assert str(error) == f"{FIXTURES / 'empty.txt'}: empty text"


def test_readers_missing_file_is_an_error(tmp_path: Path) -> None:
    _, [error] = read_all([tmp_path / "nope.txt"])
    assert error.reason == "no such file or directory"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads anything")
def test_readers_unreadable_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("text")
    path.chmod(0)
    try:
        _, [error] = read_all([path])
    finally:
        path.chmod(0o600)
    assert error.reason == "permission denied"


def test_readers_unreadable_file_reason(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("text")

    def deny(self: Path, *args: object, **kwargs: object) -> object:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", deny)
    _, [error] = read_all([path])
    assert error.origin == str(path) and error.reason == "permission denied"


def test_readers_undecodable_text_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from frontlines.sources import decode as decode_module

    class NoGuess:
        def best(self) -> None:
            return None

    monkeypatch.setattr(decode_module, "from_bytes", lambda data: NoGuess())
    path = tmp_path / "odd.txt"
    path.write_bytes(b"caf\xe9 and \xff\xfe stray bytes")
    _, [error] = read_all([path])
    assert "undecodable" in error.reason


def test_readers_oversize_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("word " * 100)
    _, [error] = read_all([path], max_bytes=100)
    assert "too large" in error.reason


def test_readers_strict_raises_first_error() -> None:
    stream = iter_articles(
        [FIXTURES / "plain.txt", FIXTURES / "empty.txt", FIXTURES / "latin1.txt"], strict=True
    )
    assert next(stream).id == "plain"
    with pytest.raises(ReadError, match="empty text"):
        next(stream)


def test_readers_default_on_error_logs_and_goes_on(caplog: pytest.LogCaptureFixture) -> None:
    articles = list(iter_articles([FIXTURES / "empty.txt", FIXTURES / "plain.txt"]))
    assert [a.id for a in articles] == ["plain"]
    assert "empty.txt: empty text" in caplog.text
