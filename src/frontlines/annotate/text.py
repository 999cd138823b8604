"""Sentence and paragraph boundaries.

News text is short-sentenced and line-structured, so a regex splitter that knows the common
abbreviations ("Aug.", "Gen.", "U.S.") is both faster and more predictable here than a
statistical one.

Line breaks: a blank line ends a paragraph. A single line break inside a paragraph is read as
a space when the text is hard-wrapped there (the line does not end a sentence and the next
one continues it: it starts in lower case, the line stops on a comma or a word such as "of",
or the block is prose wrapped at a fixed width), so a sentence split over two lines keeps its
date. Otherwise the line stands alone: headlines, captions, bylines and list items are
sentences (and paragraphs) of their own. The text and its offsets are never changed.
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

# A candidate boundary: terminal punctuation, optional closing quotes/brackets, then space.
_BOUNDARY = re.compile(r"""[.!?]+["'\u201d\u2019)\]]*(?=\s+["'\u201c\u2018(\[]?[A-Z0-9])""")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")
_CLOSERS = frozenset("\"'\u201d\u2019)]")
_WORD_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.")
# A list item: a bullet or dash, or "1." / "2)", then a space ("- Mueda: never lost").
_LIST_ITEM = re.compile(
    r"[ \t]*(?:[\u2022\u00b7\u25aa\u2023\u25e6\u25cf\u25a0*+\-\u2013\u2014]|\d{1,2}[.)])[ \t]"
)
# The line ends a sentence: terminal punctuation, optional closing quotes or brackets.
_ENDS_SENTENCE = re.compile(r"""[.!?]["'\u201d\u2019)\]]*[ \t]*$""")
# The line stops where a sentence cannot: a comma, an open bracket or quote, a hyphen, or a
# word that needs what follows ("the", "of", "said").
_OPEN_END = re.compile(
    r"""(?:[,;(\[\u201c\u2018-]|\b(?:a|an|the|of|in|on|at|to|into|onto|from|by|for|with|"""
    r"""and|or|but|as|that|which|who|whose|where|when|while|after|before|near|over|under|"""
    r"""than|its|their|his|her|our|said|says|told|were|was|is|are|has|have|had|been|be|"""
    r"""not|would|could|will))[ \t]*$"""
)
_STARTS_LOWER = re.compile(r"[ \t]*[a-z]")
_ENDS_ABBREVIATION = re.compile(
    r"\b(?:"
    + "|".join(re.escape(a) for a in sorted(ABBREVIATIONS, key=len, reverse=True))
    + r"|[A-Z])\.[ \t]*$",
    re.IGNORECASE,
)
# Hard-wrapped prose: lines of about the same width, most of them ending mid-sentence.
WRAP_MIN_LINES = 4
WRAP_MIN_WIDTH = 40
WRAP_RATIO = 0.7


def paragraphs(text: str) -> list[Span]:
    """Blocks separated by blank lines; a list item, and a line that is neither a sentence's
    end nor wrapped into the next (a headline, a caption credit, a byline), stand alone."""
    return [
        _strip(text, block[0][0], block[-1][1])
        for block in _paragraph_lines(text)
        if text[block[0][0] : block[-1][1]].strip()
    ]


def sentences(text: str) -> list[Span]:
    """Sentence spans over the whole text, in order, offsets into ``text``.

    A sentence may run over a single line break when the text is hard-wrapped (the line does
    not end a sentence and the next one continues it); ``text`` and the offsets are never
    changed, so a sentence's ``text`` then holds the newline.
    """
    out: list[Span] = []
    for block in _paragraph_lines(text):
        for lo, hi in _runs(text, block):
            out.extend(_split(text, lo, hi))
    return out


def _split(text: str, lo: int, hi: int) -> list[Span]:
    out: list[Span] = []
    start = lo
    for b in _BOUNDARY.finditer(text, lo, hi):
        end = b.end()
        m = _WORD_BEFORE.search(_last_word(text, start, end))
        if m and (m.group(1).lower() in ABBREVIATIONS or len(m.group(1)) == 1):
            continue
        span = _strip(text, start, end)
        if span.text:
            out.append(span)
        start = end
    span = _strip(text, start, hi)
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


def _paragraph_lines(text: str) -> list[list[tuple[int, int]]]:
    """The non-blank lines of each paragraph, as (start, end) offsets."""
    out: list[list[tuple[int, int]]] = []
    for block in _blocks(text):
        current: list[tuple[int, int]] = []
        for i, line in enumerate(block):
            current.append(line)
            nxt = block[i + 1] if i + 1 < len(block) else None
            if nxt is None:
                break
            if _is_item(text, nxt) or (_is_item(text, line) and not _joins(text, block, i)):
                out.append(current)
                current = []
            elif not _joins(text, block, i) and not _ends_sentence(text, line):
                out.append(current)  # a headline or caption line ends its paragraph
                current = []
        out.append(current)
    return [p for p in out if p]


def _runs(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of consecutive lines joined into running text (a line break read as a space)."""
    runs: list[tuple[int, int]] = []
    lo = lines[0][0]
    for i, (_, hi) in enumerate(lines):
        if i + 1 == len(lines) or not _joins(text, lines, i):
            runs.append((lo, hi))
            if i + 1 < len(lines):
                lo = lines[i + 1][0]
    return runs


def _blocks(text: str) -> list[list[tuple[int, int]]]:
    """Runs of non-blank lines between blank lines, as (start, end) offsets per line."""
    blocks: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        if line.strip():
            current.append((start, end))
        elif current:
            blocks.append(current)
            current = []
        start = end + 1
    if current:
        blocks.append(current)
    return blocks


def _joins(text: str, lines: list[tuple[int, int]], i: int) -> bool:
    """Whether line ``i`` runs on into line ``i + 1`` (one sentence across the break)."""
    line, nxt = lines[i], lines[i + 1]
    if _is_item(text, nxt) or _ends_sentence(text, line):
        return False
    if _STARTS_LOWER.match(text, nxt[0]) or _OPEN_END.search(text, line[0], line[1]):
        return True  # "... after\nweeks of fighting", "officials in\nKabul said"
    if _ENDS_ABBREVIATION.search(text, line[0], line[1]):
        return True  # "Gen.\nAbdul Rashid Dostum"
    if _is_item(text, line):
        return text[nxt[0] : nxt[0] + 1] in " \t"  # an item wrapped onto an indented line
    return _hard_wrapped(text, lines)


def _hard_wrapped(text: str, lines: list[tuple[int, int]]) -> bool:
    """A block of prose wrapped at a fixed width: four lines or more, all but the last of
    about the same width, most of them ending mid-sentence, and some sentence ending inside
    it. A stack of headlines or captions has no sentence end and is not wrapped; shorter
    blocks are joined only where a line break itself says so (``_joins``)."""
    body = [ln for ln in lines if not _is_item(text, ln)]
    if len(body) < WRAP_MIN_LINES:
        return False
    widths = [hi - lo for lo, hi in body[:-1]]
    widest = max(widths)
    if widest < WRAP_MIN_WIDTH or min(widths) < WRAP_RATIO * widest:
        return False
    open_ends = sum(not _ends_sentence(text, ln) for ln in body[:-1])
    if 3 * open_ends < 2 * len(widths):
        return False
    block = text[body[0][0] : body[-1][1]]
    return bool(_BOUNDARY.search(block) or _ENDS_SENTENCE.search(block))


def _is_item(text: str, line: tuple[int, int]) -> bool:
    return _LIST_ITEM.match(text, line[0], line[1]) is not None


def _ends_sentence(text: str, line: tuple[int, int]) -> bool:
    """The line ends with terminal punctuation that is not an abbreviation's ("Gen.")."""
    segment = text[line[0] : line[1]].rstrip()
    if not _ENDS_SENTENCE.search(segment):
        return False
    m = _WORD_BEFORE.search(segment.rstrip("\"'\u201d\u2019)]"))
    return not (m and (m.group(1).lower() in ABBREVIATIONS or len(m.group(1)) == 1))


def _strip(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end, text[start:end])
