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
