"""The whole analysis of one article: annotate, then extract.

A ``Pipeline`` holds the loaded resources (gazetteer, actors, lexicons). Build it once with
``Pipeline.load()`` and reuse it: it is immutable and safe to share between threads, and cheap
to rebuild in each worker process.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from frontlines.annotate import Annotator
from frontlines.extraction import Extractor
from frontlines.extraction.dating import reported_dates
from frontlines.records import Aggregate, AnnotatedDocument, Article, Event, EventType


@dataclass(frozen=True, slots=True)
class PipelineConfig:
    """Where the data files come from; None means the packaged defaults."""

    gazetteer: Path | None = None
    actors: tuple[Path, ...] = ()
    aliases: tuple[Path, ...] = ()
    lexicon: tuple[Path, ...] = ()
    model: str | None = None  # the spaCy model package; None tries the packaged default


@dataclass(frozen=True, slots=True)
class ExtractionResult:
    article: Article
    document: AnnotatedDocument
    events: tuple[Event, ...]
    aggregates: tuple[Aggregate, ...]


class Pipeline:
    def __init__(self, annotator: Annotator, extractor: Extractor) -> None:
        self.annotator = annotator
        self.extractor = extractor

    @classmethod
    def load(cls, config: PipelineConfig | None = None) -> Pipeline:
        from frontlines.annotate.syntax import SyntaxParser
        from frontlines.extraction import Lexicon

        config = config or PipelineConfig()
        lexicon = Lexicon.load(config.lexicon)
        annotator = Annotator.load(
            gazetteer=config.gazetteer,
            actors=config.actors,
            aliases=config.aliases,
            syntax=SyntaxParser.load(config.model),
            worth_parsing=lexicon.candidates,
        )
        return cls(annotator, Extractor.load(annotator, lexicon))

    def annotate(self, article: Article) -> AnnotatedDocument:
        return self.annotator.annotate(article)

    def run(
        self,
        article: Article,
        *,
        types: frozenset[EventType] | None = None,
        include_all: bool = False,
    ) -> ExtractionResult:
        """Annotate and extract. ``include_all`` keeps negated / non-asserted events, flagged."""
        doc = self.annotator.annotate(article)
        events, aggregates = self.extractor.extract(doc, include_all=include_all)
        events = tuple(reported_dates(events, doc))  # the day each event's sources spoke
        if types is not None:
            events = tuple(e for e in events if e.type in types)
        return ExtractionResult(article, doc, events, aggregates)
