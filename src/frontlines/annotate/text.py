"""Sentence and paragraph boundaries.

News text is short-sentenced and line-structured, so a regex splitter that knows the common
abbreviations ("Aug.", "Gen.", "U.S.") is both faster and more predictable here than a
statistical one. Sentences never cross a line break: captions and headlines stand alone.
"""

from __future__ import annotations

import re

from frontlines.records import Span

ABBREVIATIONS = frozenset(
    [
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
        "mr",
        "mrs",
        "ms",
        "dr",
        "gen",
        "lt",
        "col",
        "maj",
        "capt",
        "cpl",
        "sgt",
        "adm",
        "brig",
        "cmdr",
        "rep",
        "sen",
        "gov",
        "pres",
        "prof",
        "st",
        "mt",
        "ft",
        "no",
        "vs",
        "etc",
        "inc",
        "ltd",
        "co",
        "corp",
        "jr",
        "sr",
        "u.s",
        "u.n",
        "u.k",
        "e.g",
        "i.e",
        "approx",
        "est",
    ]
)

_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?![ \t]*\n)[^\n]+)*")
_LINE = re.compile(r"[^\n]+")
# A candidate boundary: terminal punctuation, optional closing quotes/brackets, then space.
_BOUNDARY = re.compile(r"""[.!?]+["'\u201d\u2019)\]]*(?=\s+["'\u201c\u2018(\[]?[A-Z0-9])""")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")
_CLOSERS = frozenset("\"'\u201d\u2019)]")
_WORD_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.")


def paragraphs(text: str) -> list[Span]:
    """Blocks separated by blank lines."""
    return [
        _strip(text, m.start(), m.end()) for m in _PARAGRAPH.finditer(text) if m.group().strip()
    ]


def sentences(text: str) -> list[Span]:
    """Sentence spans over the whole text, in order, offsets into ``text``."""
    out: list[Span] = []
    for line in _LINE.finditer(text):
        start = line.start()
        for b in _BOUNDARY.finditer(line.group()):
            end = line.start() + b.end()
            m = _WORD_BEFORE.search(_last_word(text, start, end))
            if m and (m.group(1).lower() in ABBREVIATIONS or len(m.group(1)) == 1):
                continue
            span = _strip(text, start, end)
            if span.text:
                out.append(span)
            start = end
        span = _strip(text, start, line.end())
        if span.text:
            out.append(span)
    return out


def _last_word(text: str, start: int, end: int) -> str:
    """``text[start:end]`` without closing quotes, cut to its last run of letters and dots:
    all ``_WORD_BEFORE`` can match. Searching the whole sentence so far instead made a line of
    skipped abbreviations ("Gen. Gen. Gen. ...") quadratic: 200 KB took 20 s."""
    while end > start and text[end - 1] in _CLOSERS:
        end -= 1
    begin = end
    while begin > start and text[begin - 1] in _WORD_CHARS:
        begin -= 1
    return text[begin:end]


def _strip(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end, text[start:end])
