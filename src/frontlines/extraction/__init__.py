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
    def load(cls, annotator: Annotator | None = None, lexicon: Sequence[Path] = ()) -> Extractor:
        """The packaged trigger lexicon plus user lexicon files; the annotator's actor
        dictionary tells which state forces a country name stands for."""
        if annotator is None:
            return cls(Lexicon.load(lexicon))
        actors = annotator.actors.lexicon
        entries = actors.entries.values()
        forces = forces_by_country(
            [e.actor for e in entries], {e.actor.id: e.theatres for e in entries}
        )
        return cls(Lexicon.load(lexicon), forces, actors.demonyms)
