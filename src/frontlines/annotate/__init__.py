"""Annotation: sentences, places, dates and actors of an article, each with its span.

``Annotator.load()`` reads the data files once (gazetteer, actor dictionary, aliases); its
``annotate`` is then a pure function of the article.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from frontlines.annotate.dates_calendar import month_end
from frontlines.records import AnnotatedDocument, Article, DatePrecision, Parse

if TYPE_CHECKING:
    from frontlines.annotate.actors import ActorResolver
    from frontlines.annotate.places import PlaceResolver
    from frontlines.annotate.syntax import SyntaxParser

__all__ = ["Annotator"]


class Annotator:
    """``syntax`` parses the sentences for which ``worth_parsing`` says yes (the trigger
    lexicon's cheap word-form scan); without a parser the document has no parses."""

    def __init__(
        self,
        places: PlaceResolver,
        actors: ActorResolver,
        syntax: SyntaxParser | None = None,
        worth_parsing: Callable[[str], bool] | None = None,
    ) -> None:
        self.places = places
        self.actors = actors
        self.syntax = syntax
        self.worth_parsing = worth_parsing

    @classmethod
    def load(
        cls,
        gazetteer: Path | None = None,
        actors: Sequence[Path] = (),
        aliases: Sequence[Path] = (),
        syntax: SyntaxParser | None = None,
        worth_parsing: Callable[[str], bool] | None = None,
    ) -> Annotator:
        # Imported here so that importing one resolver module does not load all the others.
        from frontlines.annotate.actors import ActorLexicon, ActorResolver
        from frontlines.annotate.gazetteer import Gazetteer
        from frontlines.annotate.places import PlaceResolver

        gaz = Gazetteer.load(gazetteer, aliases=aliases)
        return cls(
            PlaceResolver(gaz), ActorResolver(ActorLexicon.load(actors)), syntax, worth_parsing
        )

    def annotate(self, article: Article) -> AnnotatedDocument:
        from frontlines.annotate.dates import resolve_times
        from frontlines.annotate.refine import (
            capital_seats,
            page_anchor,
            restore_spans,
            title_case_caps,
        )
        from frontlines.annotate.text import paragraphs, sentences

        text = article.text
        sents = sentences(text)
        # Actors first: the countries of the named actors ("Taliban" -> AF) are context for the
        # places, and the places' countries are context for generic actors ("the rebels").
        hints = self.actors.named_countries(text)
        places = restore_spans(
            text, self.places.resolve(title_case_caps(text), sents, country_hints=hints)
        )
        places = capital_seats(text, places, self.places.gazetteer)
        countries = self.places.country_context(text, places, hints)
        actor_mentions = self.actors.resolve(text, sents, country_hints=countries)
        # Relative dates are anchored on the publication date. A page without one, or with only
        # its month or year, is anchored on the best day it gives for itself, said so.
        reference, precision = article.published, article.published_precision
        anchor_rule, anchor_span = None, None
        if reference is None or precision not in (None, DatePrecision.DAY):
            own = page_anchor(text, article.url, _period(reference, precision))
            if own is not None:
                reference, precision = own.day, DatePrecision.DAY
                anchor_rule, anchor_span = own.rule, own.span
        ranked = tuple(c for c, _ in sorted(countries.items(), key=lambda kv: -kv[1]))
        parses: tuple[Parse, ...] = ()
        if self.syntax is not None:
            chosen = [s for s in sents if self.worth_parsing is None or self.worth_parsing(s.text)]
            parses = self.syntax.parse(text, chosen)
        return AnnotatedDocument(
            article=article,
            sentences=tuple(sents),
            paragraphs=tuple(paragraphs(text)),
            places=tuple(places),
            times=tuple(resolve_times(text, reference, precision)),
            actors=tuple(actor_mentions),
            countries=ranked,
            anchor=reference if precision in (None, DatePrecision.DAY) else None,
            anchor_rule=anchor_rule,
            anchor_span=anchor_span,
            parses=parses,
        )


def _period(day: dt.date | None, precision: DatePrecision | None) -> tuple[dt.date, dt.date] | None:
    """The days a coarse publication date allows (YYYY-MM: that month), None when unknown."""
    if day is None:
        return None
    if precision is DatePrecision.MONTH:
        return day.replace(day=1), month_end(day.year, day.month)
    if precision is DatePrecision.YEAR:
        return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
    return day, day
