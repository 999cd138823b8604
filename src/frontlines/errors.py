"""Errors a user can act on: each names the input it is about."""

from __future__ import annotations


class FrontlinesError(Exception):
    """Base class: the CLI prints these as one clear line instead of a traceback."""


class ReadError(FrontlinesError):
    """An input could not be read as an article. ``origin`` is "path" or "path:line"."""

    def __init__(self, origin: str, reason: str) -> None:
        super().__init__(f"{origin}: {reason}")
        self.origin = origin
        self.reason = reason


class DataFileError(FrontlinesError):
    """A data file (gazetteer, actors, lexicon) is missing or does not follow its schema."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class ArticleTooLarge(ReadError):
    """An article's text is over the limit on one article (``sources.MAX_ARTICLE_BYTES``).

    The limit bounds the memory and time one input may take: analysis is linear in the text,
    so 10 MB is about a minute of one core (``benchmarks/bench_long.py``).
    """

    def __init__(self, origin: str, size: int, limit: int) -> None:
        super().__init__(origin, f"article too large ({size} bytes > limit {limit})")
        self.size = size
        self.limit = limit
