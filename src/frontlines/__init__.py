"""frontlines: sourced, geocoded, dated conflict events and control timelines from news.

Python API::

    import frontlines
    article = frontlines.read_text("Herat fell to the Taliban on Thursday.", published="2021-08-12")
    for event in frontlines.extract(article):
        print(event.to_dict())

``extract`` and ``annotate`` use a default pipeline loaded on first use; build your own with
``frontlines.pipeline.Pipeline.load(PipelineConfig(...))`` to add actor or alias files.
"""

from __future__ import annotations

import datetime as dt
import importlib
from functools import cache
from typing import TYPE_CHECKING

from frontlines.records import (
    Aggregate,
    AnnotatedDocument,
    Article,
    Event,
    EventType,
    Status,
)

if TYPE_CHECKING:
    from frontlines.pipeline import Pipeline

__all__ = [
    "Aggregate",
    "AnnotatedDocument",
    "Article",
    "Event",
    "EventType",
    "Status",
    "annotate",
    "default_pipeline",
    "extract",
    "read_text",
]
__version__ = "0.1.0"

# The stage package ``frontlines.annotate`` shares its name with the function below. Importing
# it first means the function, defined afterwards, is what ``frontlines.annotate`` stays bound to
# (the import system binds a subpackage on its parent only when it is first loaded).
importlib.import_module("frontlines.annotate")


@cache
def default_pipeline() -> Pipeline:
    """The pipeline with the packaged data files, loaded once per process."""
    from frontlines.pipeline import Pipeline

    return Pipeline.load()


def read_text(
    text: str,
    *,
    id: str = "text",
    published: dt.date | str | None = None,
    title: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
) -> Article:
    """An Article from a string (``published`` as a date or an ISO string).

    Raises ``frontlines.errors.ReadError`` for an empty or invalid text or date.
    """
    from frontlines.errors import ReadError
    from frontlines.sources import parse_published
    from frontlines.sources import read_text as _read_text

    if isinstance(published, str):
        try:
            published = parse_published(published)[0]
        except ValueError as exc:
            raise ReadError(id, f"published: {exc}") from None
    return _read_text(text, id=id, published=published, title=title, url=url, outlet=outlet)


def annotate(article: Article) -> AnnotatedDocument:
    """Places, dates and actors understood in the article, with their spans."""
    return default_pipeline().annotate(article)


def extract(article: Article, *, include_all: bool = False) -> list[Event]:
    """Events reported in the article. ``include_all`` keeps negated and non-asserted ones."""
    return list(default_pipeline().run(article, include_all=include_all).events)
