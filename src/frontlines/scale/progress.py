"""A one-line progress bar on stderr: count, rate and ETA, for long batch runs.

No dependency (tqdm is not worth a mandatory install for one line). It redraws at most 5 times
a second, so wrapping a 100,000-article stream costs nothing measurable, and it stays silent
when stderr is not a terminal (logs, CI, pipes) unless forced.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from typing import TextIO, TypeVar

T = TypeVar("T")

REDRAW_SECONDS = 0.2


def _clock(seconds: float) -> str:
    seconds = max(0, int(seconds))
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m:02d}:{s:02d}"


def format_line(label: str, n: int, total: int | None, elapsed: float) -> str:
    """The text of one redraw (separate from drawing so it can be tested)."""
    rate = n / elapsed if elapsed > 0 else 0.0
    head = f"{label}: " if label else ""
    if total:
        pct = min(100.0, 100.0 * n / total)
        width = 20
        filled = int(width * pct / 100)
        bar = "#" * filled + "-" * (width - filled)
        eta = _clock((total - n) / rate) if rate > 0 and n < total else "--:--"
        return f"{head}[{bar}] {n:,}/{total:,} {pct:3.0f}% {rate:,.1f}/s ETA {eta}"
    return f"{head}{n:,} {rate:,.1f}/s elapsed {_clock(elapsed)}"


def progress(
    iterable: Iterable[T],
    total: int | None = None,
    label: str = "",
    *,
    force: bool | None = None,
    stream: TextIO | None = None,
) -> Iterator[T]:
    """Yield the items of ``iterable`` unchanged, drawing a progress line on stderr.

    ``force`` True draws even when stderr is not a TTY, False never draws; None (default)
    draws only on a TTY. The last line is completed with a newline when the iteration ends.
    """
    out = stream or sys.stderr
    enabled = force if force is not None else out.isatty()
    if not enabled:
        yield from iterable
        return
    started = last = time.perf_counter()
    n = 0
    try:
        for item in iterable:
            yield item
            n += 1
            now = time.perf_counter()
            if now - last >= REDRAW_SECONDS:
                last = now
                out.write("\r" + format_line(label, n, total, now - started) + "\x1b[K")
                out.flush()
    finally:
        out.write("\r" + format_line(label, n, total, time.perf_counter() - started) + "\x1b[K\n")
        out.flush()
