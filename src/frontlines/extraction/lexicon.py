"""The trigger lexicon and the event ontology: data files, loaded once, compiled once."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from frontlines.errors import DataFileError
from frontlines.records import EventType, Modality


class Frame(StrEnum):
    AGENT_FIRST = "agent_first"
    PATIENT_FIRST = "patient_first"
    INTRANSITIVE = "intransitive"
    NOMINAL = "nominal"
    LOCATIVE = "locative"
    TRANSFER = "transfer"
    EXPEL = "expel"


@dataclass(frozen=True, slots=True)
class Trigger:
    id: str
    type: EventType
    frame: Frame
    pattern: str
    confidence: float = 0.9
    requires_place_adjacent: bool = False
    destination: bool = False
    modality: Modality | None = None
    if_uncontested: EventType | None = None


@dataclass(frozen=True, slots=True)
class OntologyType:
    name: EventType
    description: str
    territorial: bool
    acled: dict[str, dict[str, str]]
    plover: dict[str, str]


class Lexicon:
    """Compiled triggers: one regex alternation, longest patterns first, one group per trigger."""

    def __init__(self, triggers: Sequence[Trigger], ontology: dict[EventType, OntologyType]):
        self.triggers = tuple(triggers)
        self.ontology = ontology
        ordered = sorted(range(len(self.triggers)), key=lambda i: -len(self.triggers[i].pattern))
        alternation = "|".join(f"(?P<t{i}>{self.triggers[i].pattern})" for i in ordered)
        # The lookahead lets the engine skip spaces and punctuation without trying every branch
        # (half the time); triggers start with a letter or a digit.
        pattern = rf"(?<![\w-])(?=[a-z0-9])(?:{alternation})(?![\w-])"
        # Patterns are written in lower case and matched against lower-cased text, which is
        # about twice as fast as IGNORECASE; the folding regex serves the rare text whose
        # lower-casing changes its length.
        self.regex = re.compile(pattern)
        self.regex_folding = re.compile(pattern, re.IGNORECASE)

    @classmethod
    def load(cls, extra: Sequence[Path] = ()) -> Lexicon:
        base = resources.files("frontlines.data")
        triggers: dict[str, Trigger] = {}
        sources: list[tuple[str, str]] = [
            ("triggers.yaml", base.joinpath("triggers.yaml").read_text("utf-8"))
        ]
        for path in extra:
            try:
                sources.append((str(path), Path(path).read_text("utf-8")))
            except OSError as exc:
                raise DataFileError(str(path), f"cannot read lexicon file: {exc}") from exc
        for name, text in sources:
            for trig in _parse_triggers(name, text):
                triggers[trig.id] = trig
        ontology = _parse_ontology(base.joinpath("ontology.yaml").read_text("utf-8"))
        return cls(list(triggers.values()), ontology)

    def find(self, text: str) -> list[tuple[Trigger, int, int]]:
        """Trigger matches (non-overlapping, left to right) in ``text``."""
        out: list[tuple[Trigger, int, int]] = []
        lowered = text.lower()
        matches = (
            self.regex.finditer(lowered)
            if len(lowered) == len(text)
            else self.regex_folding.finditer(text)
        )
        for m in matches:
            name = m.lastgroup
            if name is None:
                continue
            out.append((self.triggers[int(name[1:])], m.start(), m.end()))
        return out


def _parse_triggers(name: str, text: str) -> list[Trigger]:
    try:
        doc: Any = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise DataFileError(name, f"not valid YAML: {exc}") from exc
    if not isinstance(doc, dict) or not isinstance(doc.get("triggers"), list):
        raise DataFileError(name, "expected a mapping with a 'triggers' list")
    out = []
    for i, entry in enumerate(doc["triggers"]):
        where = f"triggers[{i}]"
        if not isinstance(entry, dict):
            raise DataFileError(name, f"{where}: expected a mapping")
        try:
            trig = Trigger(
                id=str(entry["id"]),
                type=EventType(entry["type"]),
                frame=Frame(entry["frame"]),
                pattern=str(entry["pattern"]),
                confidence=float(entry.get("confidence", 0.9)),
                requires_place_adjacent=bool(entry.get("requires_place_adjacent", False)),
                destination=bool(entry.get("destination", False)),
                modality=Modality(entry["modality"]) if entry.get("modality") else None,
                if_uncontested=EventType(entry["if_uncontested"])
                if entry.get("if_uncontested")
                else None,
            )
        except KeyError as exc:
            raise DataFileError(name, f"{where}: missing key {exc}") from exc
        except ValueError as exc:
            raise DataFileError(name, f"{where}: {exc}") from exc
        try:
            re.compile(trig.pattern)
        except re.error as exc:
            raise DataFileError(name, f"{where} ({trig.id}): bad pattern: {exc}") from exc
        out.append(trig)
    return out


def _parse_ontology(text: str) -> dict[EventType, OntologyType]:
    doc = yaml.safe_load(text)
    return {
        EventType(k): OntologyType(
            name=EventType(k),
            description=v["description"],
            territorial=bool(v["territorial"]),
            acled=v["acled"],
            plover=v["plover"],
        )
        for k, v in doc["types"].items()
    }
