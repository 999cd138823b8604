"""Events from annotated documents: triggers, arguments, attribution, modality, aggregates."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from frontlines.extraction.engine import Extractor as _Engine
from frontlines.extraction.lexicon import Lexicon
from frontlines.extraction.metonymy import forces_by_country

if TYPE_CHECKING:
    from frontlines.annotate import Annotator

__all__ = ["Extractor", "Lexicon"]


class Extractor(_Engine):
    @classmethod
    def load(
        cls, annotator: Annotator | None = None, lexicon: Lexicon | Sequence[Path] = ()
    ) -> Extractor:
        """A loaded lexicon, or the packaged one plus user lexicon files; the annotator's actor
        dictionary tells which state forces a country name stands for."""
        lex = lexicon if isinstance(lexicon, Lexicon) else Lexicon.load(lexicon)
        if annotator is None:
            return cls(lex)
        actors = annotator.actors.lexicon
        entries = actors.entries.values()
        forces = forces_by_country(
            [e.actor for e in entries], {e.actor.id: e.theatres for e in entries}
        )
        return cls(
            lex,
            forces,
            actors.demonyms,
            places=annotator.places,
            open_heads=actors.open_world.heads,
        )
