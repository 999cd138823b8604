"""Events from annotated documents: triggers, arguments, attribution, modality, aggregates."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from frontlines.extraction.engine import Extractor as _Engine
from frontlines.extraction.lexicon import Lexicon

if TYPE_CHECKING:
    from frontlines.annotate import Annotator

__all__ = ["Extractor", "Lexicon"]


class Extractor(_Engine):
    @classmethod
    def load(cls, annotator: Annotator | None = None, lexicon: Sequence[Path] = ()) -> Extractor:
        """The packaged trigger lexicon plus user lexicon files."""
        return cls(Lexicon.load(lexicon))
