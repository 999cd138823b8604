"""Bytes to text: refuse binary data, prefer UTF-8, detect anything else.

Users feed whatever their scraper saved. UTF-8 (with or without BOM) is tried first because it
is almost never a false positive; otherwise ``charset_normalizer`` guesses, and a failed guess is
an error rather than mojibake in the events.
"""

from __future__ import annotations

import re

from charset_normalizer import from_bytes

from frontlines.errors import ReadError

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
"""Largest accepted input item (file, stdin text or JSON line), in bytes."""

MAX_ARTICLE_BYTES = DEFAULT_MAX_BYTES
"""The limit on one article: its text in UTF-8, in bytes (``ArticleTooLarge`` above it).

Every stage is linear in the text (long texts are analysed in sections, see
``frontlines.sections``), so this bounds the time and memory of one article rather than
guarding against a blow-up; ``benchmarks/bench_long.py`` measures 0.1, 1 and 10 MB.
"""

_SNIFF = 8192
# Control characters that do not occur in text (tab, LF, FF, CR, ESC excluded).
_BINARY_CTRL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_BINARY_CTRL_SHARE = 0.05
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def looks_binary(data: bytes) -> bool:
    """True for NUL bytes or many control characters in the first few kilobytes."""
    head = data[:_SNIFF]
    if head.startswith(_UTF16_BOMS):
        return False  # UTF-16 text legitimately contains NUL bytes
    if b"\x00" in head:
        return True
    if not head:
        return False
    return len(_BINARY_CTRL.findall(head)) / len(head) > _BINARY_CTRL_SHARE


def declared_html_charset(data: bytes) -> str | None:
    """The ``<meta charset>`` of an HTML page, if it declares one in its head."""
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii", "replace").lower() if m else None


def decode(data: bytes, origin: str, *, declared: str | None = None) -> str:
    """Decode ``data`` or raise a ``ReadError`` naming ``origin``."""
    if looks_binary(data):
        raise ReadError(origin, "binary file, not text (contains NUL or control bytes)")
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ReadError(origin, f"undecodable UTF-16 text ({exc.reason})") from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            return data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise ReadError(origin, "undecodable text: not UTF-8 and the encoding cannot be detected")
    try:
        return data.decode(best.encoding)
    except (LookupError, UnicodeDecodeError) as exc:
        raise ReadError(origin, f"undecodable text (detected {best.encoding}: {exc})") from exc
