"""The whole analysis of one article: annotate, then extract.

A ``Pipeline`` holds the loaded resources (gazetteer, actors, lexicons). Build it once with
``Pipeline.load()`` and reuse it: it is immutable and safe to share between threads, and cheap
to rebuild in each worker process. An article over the limit on one article raises
``ArticleTooLarge``; a long one is analysed in sections (``frontlines.sections``), so the time
it takes is linear in its length.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from frontlines import sections
from frontlines.annotate import Annotator
from frontlines.extraction import Extractor
from frontlines.extraction.attribution import ANSWER_SCAN
from frontlines.extraction.dating import reported_dates
from frontlines.records import Aggregate, AnnotatedDocument, Article, Event, EventType
from frontlines.sources import MAX_ARTICLE_BYTES, check_size


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
            worth_parsing=lambda text: lexicon.candidates(text) or _answers(text),
        )
        return cls(annotator, Extractor.load(annotator, lexicon))

    def annotate(self, article: Article) -> AnnotatedDocument:
        _check(article)
        return sections.join_documents(
            article, sections.annotate_sections(article, self.annotator.annotate)
        )

    def run(
        self,
        article: Article,
        *,
        types: frozenset[EventType] | None = None,
        include_all: bool = False,
    ) -> ExtractionResult:
        """Annotate and extract. ``include_all`` keeps negated / non-asserted events, flagged."""
        _check(article)
        docs = sections.annotate_sections(article, self.annotator.annotate)
        if len(docs) == 1:
            doc = docs[0][1]
            events, aggregates = self.extractor.extract(doc, include_all=include_all)
        else:
            found = [
                (offset, self.extractor.extract(d, include_all=include_all)) for offset, d in docs
            ]
            doc = sections.join_documents(article, docs)
            events = tuple(sections.join_events(sections.shift(e, o) for o, (e, _) in found))
            aggregates = tuple(
                sections.join_aggregates(sections.shift(a, o) for o, (_, a) in found)
            )
        events = tuple(reported_dates(events, doc))  # the day each event's sources spoke
        if types is not None:
            events = tuple(e for e in events if e.type in types)
        return ExtractionResult(article, doc, events, aggregates)


def _answers(text: str) -> bool:
    """A confirming or denying word: the sentence may answer an account told before it."""
    return ANSWER_SCAN.search(text) is not None


def _check(article: Article) -> None:
    """The limit on one article holds for articles built in Python too, not only read ones."""
    check_size(article.text, article.origin or article.id, MAX_ARTICLE_BYTES)
