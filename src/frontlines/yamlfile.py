"""YAML for the project's data files, read with YAML 1.2 booleans.

PyYAML follows YAML 1.1, where a bare ``on``, ``off``, ``yes`` or ``no`` is a boolean: a
trigger's preposition list ``[at, on]`` became ``["at", True]`` and the particle ``[off]`` of
"cut off" ``[False]``, so those frames silently never matched. Data files are word lists, so
only ``true`` and ``false`` are booleans here.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

_BASE: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader when available


class DataLoader(_BASE):  # type: ignore[misc]
    """A safe loader whose only booleans are true/false (any case)."""


DataLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in _BASE.yaml_implicit_resolvers.items()
}
DataLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)


def load(text: str) -> Any:
    """The document in ``text``; raises ``yaml.YAMLError`` on bad syntax."""
    return yaml.load(text, Loader=DataLoader)
