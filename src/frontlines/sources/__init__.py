"""Readers: plain text, HTML, JSON Lines, directories and stdin -> ``Article``.

>>> from frontlines.sources import iter_articles
>>> for article in iter_articles(["reports/"], on_error=print): ...
"""

from frontlines.sources.dates import parse_published
from frontlines.sources.decode import DEFAULT_MAX_BYTES
from frontlines.sources.reader import (
    SUFFIXES,
    Format,
    article_from_json,
    domain_of,
    iter_articles,
    read_html,
    read_text,
)

__all__ = [
    "DEFAULT_MAX_BYTES",
    "SUFFIXES",
    "Format",
    "article_from_json",
    "domain_of",
    "iter_articles",
    "parse_published",
    "read_html",
    "read_text",
]
