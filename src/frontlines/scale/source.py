"""Inputs as the user named them, so an engine can choose who reads them.

The embedded engine iterates an ``ArticleSource`` like any iterable of articles (read here,
one at a time). The Ray engine instead hands JSON Lines and Parquet paths (local or fsspec
URLs such as ``s3://bucket/news/*.jsonl``) to Ray Data, so that the workers read them: on a
cluster the driver may not even be able to open them, and reading is part of the work to spread.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from frontlines.errors import ReadError
from frontlines.records import Article

#: Suffixes the Ray engine reads itself (anything else is read by the driver and shipped).
JSONL_SUFFIXES = (".jsonl", ".ndjson")
PARQUET_SUFFIXES = (".parquet", ".pq")


def is_url(item: str) -> bool:
    return "://" in item


@dataclass(frozen=True, slots=True)
class ArticleSource:
    """Iterable of ``Article``: the inputs plus the reading options of the CLI."""

    inputs: tuple[str, ...]
    published: dt.date | None = None
    strict: bool = False
    on_error: Callable[[ReadError], None] | None = None

    def __iter__(self) -> Iterator[Article]:
        from frontlines.sources import iter_articles

        return iter_articles(
            self.inputs or ("-",),
            published=self.published,
            strict=self.strict,
            on_error=self.on_error,
        )

    def input_format(self) -> str | None:
        """"jsonl" or "parquet" when every input is a file (or URL) of that one format, else None.

        Mixed inputs, directories and stdin return None: the driver reads them.
        """
        kinds = {_kind(item) for item in self.inputs}
        if len(kinds) != 1:
            return None
        kind = kinds.pop()
        return kind


def _kind(item: str) -> str | None:
    lower = item.lower()
    if item == "-" or (not is_url(item) and os.path.isdir(item)):
        return None
    if lower.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if lower.endswith(PARQUET_SUFFIXES):
        return "parquet"
    return None
