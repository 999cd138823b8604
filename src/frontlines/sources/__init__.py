"""Readers: plain text, HTML, JSON Lines, directories and stdin -> ``Article``.

>>> from frontlines.sources import iter_articles
>>> for article in iter_articles(["reports/"], on_error=print): ...
"""

from frontlines.sources.dates import parse_published
from frontlines.sources.decode import DEFAULT_MAX_BYTES, MAX_ARTICLE_BYTES
from frontlines.sources.reader import (
    SUFFIXES,
    Format,
    article_from_json,
    check_size,
    domain_of,
    iter_articles,
    loads_json,
    read_html,
    read_text,
    valid_unicode,
)

__all__ = [
    "DEFAULT_MAX_BYTES",
    "MAX_ARTICLE_BYTES",
    "SUFFIXES",
    "Format",
    "article_from_json",
    "check_size",
    "domain_of",
    "iter_articles",
    "loads_json",
    "parse_published",
    "read_html",
    "read_text",
    "valid_unicode",
]
