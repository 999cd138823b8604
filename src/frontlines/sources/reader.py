"""Turn files, directories, JSON Lines and stdin into ``Article`` records, one at a time.

Every input is streamed: a JSON Lines file is read line by line, so a multi-gigabyte dump never
sits in memory. Bad items become ``ReadError``s naming the file (and ``path:line``); a batch
reports them and goes on unless ``strict``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import IO, Any, Protocol
from urllib.parse import urlsplit

from frontlines.errors import ArticleTooLarge, ReadError
from frontlines.records import Article, DatePrecision
from frontlines.sources.dates import check_range, parse_published
from frontlines.sources.decode import (
    DEFAULT_MAX_BYTES,
    MAX_ARTICLE_BYTES,
    declared_html_charset,
    decode,
    looks_binary,
)
from frontlines.sources.html import extract_html

log = logging.getLogger(__name__)

STDIN = "-"
STDIN_ORIGIN = "<stdin>"


class Format(StrEnum):
    TEXT = "text"
    HTML = "html"
    JSONL = "jsonl"


SUFFIXES: dict[str, Format] = {
    ".txt": Format.TEXT,
    ".text": Format.TEXT,
    ".md": Format.TEXT,
    ".html": Format.HTML,
    ".htm": Format.HTML,
    ".jsonl": Format.JSONL,
    ".ndjson": Format.JSONL,
}

_SNIFF = 8192
_HTML_SNIFF = re.compile(rb"<(!doctype\s+html|html|head|body|meta|title|p|div|article)\b", re.I)
_NEWLINES = re.compile(r"\r\n?")
EMPTY_JSONL = "no articles (empty JSON Lines file)"


class _LineReader(Protocol):
    def readline(self, size: int = ..., /) -> bytes: ...


Item = Article | ReadError


# --------------------------------------------------------------------------- helpers


def _content_id(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def domain_of(url: str | None) -> str | None:
    """The host of a URL without "www.", used as the outlet when nothing better is known."""
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


def _clean_text(text: str) -> str:
    return _NEWLINES.sub("\n", text).strip()


def _date_fields(
    value: object, override: dt.date | None
) -> tuple[dt.date | None, DatePrecision | None]:
    if override is not None:
        return check_range(override), DatePrecision.DAY
    return parse_published(value)


def valid_unicode(value: str, what: str, where: str) -> str:
    """``value`` unless it holds a lone surrogate (JSON allows "\\ud800"; it is no character,
    and could be neither stored nor printed as UTF-8): then a ``ReadError`` naming it."""
    if value.isascii():
        return value
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        bad = ord(value[exc.start])
        raise ReadError(
            where, f"{what}: lone surrogate U+{bad:04X} at character {exc.start} (not Unicode)"
        ) from None
    return value


def check_size(text: str, where: str, max_bytes: int = MAX_ARTICLE_BYTES) -> str:
    """``text`` unless its UTF-8 form is over ``max_bytes``: then ``ArticleTooLarge``."""
    if len(text) > max_bytes // 4:  # cheap for everything that cannot be over
        size = len(text.encode("utf-8", "surrogatepass"))
        if size > max_bytes:
            raise ArticleTooLarge(where, size, max_bytes)
    return text


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such file or directory"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    return f"cannot read ({exc.strerror or exc})"


def _read_bytes(path: Path, origin: str, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ReadError(origin, f"file too large ({size} bytes > limit {max_bytes})")
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise ReadError(origin, _os_reason(exc)) from exc
    if len(data) > max_bytes:
        raise ReadError(origin, f"file too large (> limit {max_bytes} bytes)")
    return data


def _sniff_format(head: bytes) -> Format:
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"{"):
        return Format.JSONL
    if stripped.startswith(b"<") and _HTML_SNIFF.search(stripped[:2048]):
        return Format.HTML
    return Format.TEXT


# --------------------------------------------------------------------------- single texts


def read_text(
    text: str,
    *,
    id: str = "stdin",
    published: dt.date | None = None,
    title: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    origin: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Article:
    """An ``Article`` from a string (the Python API's entry point).

    Newlines are normalised and the text stripped, so offsets computed later are stable.
    """
    where = origin or id
    check_size(text, where, min(max_bytes, MAX_ARTICLE_BYTES))
    cleaned = _clean_text(valid_unicode(text, "text", where))
    if not cleaned:
        raise ReadError(where, "empty text")
    for what, value in (("id", id), ("title", title), ("url", url), ("outlet", outlet)):
        if value is not None:
            valid_unicode(value, what, where)
    try:
        day = check_range(published) if published is not None else None
    except ValueError as exc:
        raise ReadError(where, f"published: {exc}") from None
    return Article(
        id=id,
        text=cleaned,
        title=title,
        url=url,
        published=day,
        published_precision=DatePrecision.DAY if published else None,
        outlet=outlet or domain_of(url),
        origin=origin,
    )


def read_html(
    html: str,
    *,
    id: str,
    url: str | None = None,
    published: dt.date | None = None,
    origin: str | None = None,
) -> Article:
    """An ``Article`` from a saved web page: main text, title, date and outlet from its metadata."""
    where = origin or id
    content = extract_html(html, url=url)
    text = _clean_text(valid_unicode(content.text, "text", where))
    if not text:
        raise ReadError(where, "no readable text in the HTML page")
    check_size(text, where)
    try:
        day, precision = _date_fields(content.published, published)
    except ValueError:
        day, precision = None, None  # page metadata is a hint; never fail the article on it
    return Article(
        id=id,
        text=text,
        title=content.title,
        url=content.url,
        published=day,
        published_precision=precision,
        outlet=content.sitename or domain_of(content.url),
        origin=origin,
    )


# --------------------------------------------------------------------------- JSON Lines


def _str_field(obj: dict[str, Any], key: str, where: str) -> str | None:
    value = obj.get(key)
    if value is None:
        return None
    if isinstance(value, str):
        return valid_unicode(value, f"field {key!r}", where).strip() or None
    if isinstance(value, int | float) and not isinstance(value, bool) and key == "id":
        return str(value)
    raise ReadError(where, f"field {key!r} must be a string, got {type(value).__name__}")


def _outlet_field(obj: dict[str, Any], where: str) -> str | None:
    for key in ("outlet", "source"):
        value = obj.get(key)
        if isinstance(value, dict):  # e.g. {"id": ..., "name": "Reuters"} from news APIs
            value = value.get("name")
        if isinstance(value, str) and value.strip():
            return valid_unicode(value, f"field {key!r}", where).strip()
    return None


def article_from_json(
    obj: object, where: str, *, default_id: str, published: dt.date | None = None
) -> Article:
    """One JSON object to an ``Article``; unknown keys are ignored."""
    if not isinstance(obj, dict):
        raise ReadError(where, f"JSON line is not an object (got {type(obj).__name__})")
    if "text" not in obj or obj["text"] is None:
        raise ReadError(where, "missing field 'text'")
    if not isinstance(obj["text"], str):
        raise ReadError(where, f"field 'text' must be a string, got {type(obj['text']).__name__}")
    text = _clean_text(valid_unicode(check_size(obj["text"], where), "field 'text'", where))
    if not text:
        raise ReadError(where, "empty text")
    try:
        day, precision = _date_fields(obj.get("published"), published)
    except ValueError as exc:
        raise ReadError(where, f"field 'published': {exc}") from exc
    url = _str_field(obj, "url", where)
    return Article(
        id=_str_field(obj, "id", where) or f"{default_id}-{_content_id(text)}",
        text=text,
        title=_str_field(obj, "title", where),
        url=url,
        published=day,
        published_precision=precision,
        outlet=_outlet_field(obj, where) or domain_of(url),
        origin=where,
    )


def decode_json_line(raw: bytes, where: str) -> object | ReadError | None:
    """One line of a JSON Lines file: the parsed value, None for a blank line, or the error
    naming ``where`` ("file:line"). Shared by every reader of JSON Lines, Ray's included."""
    if not raw.strip():
        return None
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        reason = f"not valid UTF-8 at byte {exc.start} (JSON Lines must be UTF-8)"
        return ReadError(where, reason)
    try:
        return loads_json(line)
    except ValueError as exc:
        return ReadError(where, str(exc))


def loads_json(text: str | bytes) -> object:
    """``json.loads`` whose every failure is a ``ValueError`` with a one-line reason: malformed
    JSON, nesting too deep for the parser (``[[[...`` a thousand deep is a RecursionError), or a
    number too long for ``int``."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"malformed JSON ({exc.msg}, column {exc.colno})") from None
    except UnicodeDecodeError as exc:
        raise ValueError(f"not valid UTF-8 at byte {exc.start}") from None
    except RecursionError:
        raise ValueError("malformed JSON (nested too deeply)") from None
    except ValueError:  # int() refuses numbers of more than 4,300 digits
        raise ValueError("malformed JSON (a number too long to read)") from None


def _skip_rest_of_line(stream: _LineReader) -> None:
    while True:
        chunk = stream.readline(1 << 20)
        if not chunk or chunk.endswith(b"\n"):
            return


def _iter_jsonl(
    stream: _LineReader,
    origin: str,
    stem: str,
    *,
    published: dt.date | None,
    max_bytes: int,
) -> Iterator[Item]:
    """Read one line at a time; a long line is skipped without ever being held in memory.

    A file with no line at all (empty, or blank lines only) is an error, as an empty text is.
    """
    lineno = 0
    items = 0
    while True:
        raw = stream.readline(max_bytes + 1)
        if not raw:
            if not items:
                yield ReadError(origin, EMPTY_JSONL)
            return
        lineno += 1
        where = f"{origin}:{lineno}"
        if len(raw) > max_bytes and not raw.endswith(b"\n"):
            _skip_rest_of_line(stream)
            items += 1
            yield ReadError(where, f"line too large (> limit {max_bytes} bytes)")
            continue
        if lineno == 1:
            if looks_binary(raw):
                yield ReadError(origin, "binary file, not JSON Lines")
                return
            raw = raw.removeprefix(b"\xef\xbb\xbf")
        obj = decode_json_line(raw, where)
        if obj is None:
            continue
        items += 1
        if isinstance(obj, ReadError):
            yield obj
            continue
        try:
            yield article_from_json(obj, where, default_id=stem, published=published)
        except ReadError as err:
            yield err


# --------------------------------------------------------------------------- files


def _read_file(
    path: Path, fmt: Format, article_id: str, *, published: dt.date | None, max_bytes: int
) -> Iterator[Item]:
    origin = str(path)
    if fmt is Format.JSONL:
        try:
            fh = path.open("rb")
        except OSError as exc:
            yield ReadError(origin, _os_reason(exc))
            return
        with fh:
            yield from _iter_jsonl(fh, origin, article_id, published=published, max_bytes=max_bytes)
        return
    try:
        data = _read_bytes(path, origin, max_bytes)
        if fmt is Format.HTML:
            html = decode(data, origin, declared=declared_html_charset(data))
            yield read_html(html, id=article_id, published=published, origin=origin)
        else:
            text = decode(data, origin)
            yield read_text(text, id=article_id, published=published, origin=origin)
    except ReadError as err:
        yield err


def _sniff_file(path: Path) -> Format:
    try:
        with path.open("rb") as fh:
            return _sniff_format(fh.read(_SNIFF))
    except OSError:
        return Format.TEXT  # the real read reports the error


def _walk(directory: Path) -> list[Path]:
    """Readable files under ``directory``, sorted by relative path, hidden entries skipped."""
    found: list[Path] = []
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            if not name.startswith(".") and Path(name).suffix.lower() in SUFFIXES:
                found.append(Path(root, name))
    return sorted(found, key=lambda p: p.relative_to(directory).as_posix())


def _read_directory(
    directory: Path, *, published: dt.date | None, max_bytes: int
) -> Iterator[Item]:
    files = _walk(directory)
    if not files:
        yield ReadError(str(directory), "no .txt/.md/.html/.jsonl files in directory")
        return
    for path in files:
        # ids keep the sub-directory so a/x.txt and b/x.txt do not collide
        rel = path.relative_to(directory).with_suffix("").as_posix()
        fmt = SUFFIXES[path.suffix.lower()]
        yield from _read_file(path, fmt, rel, published=published, max_bytes=max_bytes)


# --------------------------------------------------------------------------- stdin


class _Prefixed:
    """A byte stream with an already-consumed head put back in front (stdin cannot seek)."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        self._head = head
        self._rest = rest

    def readline(self, size: int = -1, /) -> bytes:
        if not self._head:
            return self._rest.readline(size)
        nl = self._head.find(b"\n")
        cut = len(self._head) if nl < 0 else nl + 1
        if size >= 0:
            cut = min(cut, size)
        line, self._head = self._head[:cut], self._head[cut:]
        complete = line.endswith(b"\n") or len(line) == size or bool(self._head)
        if complete:
            return line
        return line + self._rest.readline(-1 if size < 0 else size - len(line))


def _read_stdin(stream: IO[bytes], *, published: dt.date | None, max_bytes: int) -> Iterator[Item]:
    head = b""
    while not head.strip():  # find the first non-blank byte to choose the format
        chunk = stream.readline(_SNIFF)
        if not chunk:
            break
        head += chunk
    if _sniff_format(head) is Format.JSONL:
        prefixed = _Prefixed(head, stream)
        yield from _iter_jsonl(
            prefixed, STDIN_ORIGIN, "stdin", published=published, max_bytes=max_bytes
        )
        return
    data = head + stream.read(max_bytes + 1 - len(head))
    if len(data) > max_bytes:
        yield ReadError(STDIN_ORIGIN, f"input too large (> limit {max_bytes} bytes)")
        return
    try:
        text = decode(data, STDIN_ORIGIN)
        article_id = f"stdin-{_content_id(_clean_text(text))}"
        yield read_text(text, id=article_id, published=published, origin=STDIN_ORIGIN)
    except ReadError as err:
        yield err


# --------------------------------------------------------------------------- public entry


def _read_input(
    item: str | Path, *, published: dt.date | None, max_bytes: int, stdin: IO[bytes] | None
) -> Iterator[Item]:
    if isinstance(item, str) and item == STDIN:
        yield from _read_stdin(stdin or sys.stdin.buffer, published=published, max_bytes=max_bytes)
        return
    path = Path(item)
    if path.is_dir():
        yield from _read_directory(path, published=published, max_bytes=max_bytes)
        return
    if not path.exists():
        yield ReadError(str(path), "no such file or directory")
        return
    fmt = SUFFIXES.get(path.suffix.lower()) or _sniff_file(path)
    yield from _read_file(path, fmt, path.stem, published=published, max_bytes=max_bytes)


def iter_articles(
    inputs: Iterable[str | Path],
    *,
    published: dt.date | None = None,
    strict: bool = False,
    on_error: Callable[[ReadError], None] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin: IO[bytes] | None = None,
) -> Iterator[Article]:
    """Stream the articles of files, directories and "-" (stdin), in order.

    ``published`` overrides every article's date. With ``strict`` the first bad item raises its
    ``ReadError``; otherwise ``on_error`` receives it (default: logged) and reading goes on.
    ``stdin`` replaces ``sys.stdin.buffer`` (tests, servers).
    """
    for item in inputs:
        for result in _read_input(item, published=published, max_bytes=max_bytes, stdin=stdin):
            if isinstance(result, Article):
                yield result
            elif strict:
                raise result
            elif on_error is not None:
                on_error(result)
            else:
                log.warning("skipped %s", result)
