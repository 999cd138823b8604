"""Named cue patterns of the extraction rules, in one place (what each one means is in the
comment above it). The trigger lexicon itself is data: ``data/triggers.yaml``."""

from __future__ import annotations

import re

from frontlines.records import ActorKind

# "Earlier in the day", "later that day": the day of the story told just before.
SAME_DAY = re.compile(
    r"\b(?:earlier|later)\s+(?:in\s+the|that|the\s+same)\s+day\b|\bthe\s+same\s+day\b|\bthat\s+day\b",
    re.IGNORECASE,
)
# Kinds of actor that can take or hold ground (an official role or "the government" cannot).
FIGHTING_KINDS = frozenset({ActorKind.NON_STATE, ActorKind.STATE_FORCES})
# Words saying control is still being fought over in the sentence.
FIGHTING_CUE = re.compile(
    r"\b(?:fighting|fight|fought|battles?|battling|clashes|clashed|resistance|gunfire|firefights?"
    r"|street\s+fighting|shelling|encircl\w*|surround\w*|besieg\w*|contested|push(?:ed|ing)?\s+back"
    r"|(?:some\s+)?parts?\s+of|briefly|outskirts)\b",
    re.IGNORECASE,
)
UNCONTESTED_BEFORE = re.compile(
    r"\b(?:without|no|little|any)\s+(?:meeting\s+|any\s+|much\s+|a\s+|firing\s+a\s+)?$"
)
# Relative expressions the date resolver anchors on publication that news uses relative to
# the story ("A day earlier, ...").
NARRATIVE_RULES = frozenset({"earlier.v1", "narrative.before.v1"})
DENIAL = re.compile(r"\b(?:denied|denies|deny|rejected|dismissed)\b", re.IGNORECASE)
CLAIMING_TRIGGER = re.compile(r"\b(?:claim\w*|declar\w*|announc\w*)\b", re.IGNORECASE)
QUOTE_OPEN = re.compile(r"^[\"\u201c]")
# "the ministry said its forces had taken ...": the speaker's own side is the agent.
OWN_FORCES = re.compile(
    r"\b(?:its|their|our)\s+(?:own\s+)?(?:forces|troops|fighters|units|soldiers"
    r"|army|men)\b",
    re.IGNORECASE,
)
# "KABUL, Aug. 13 (Agency) -": the place of the newsroom, not of any event.
DATELINE = re.compile(
    r"^\s*[A-Z][A-Za-z.'\u2019-]*(?:\s+[A-Z][A-Za-z.'\u2019-]*){0,3}(?:\s*\[[^\]]{1,40}\])?"
    r"(?:,\s*[A-Z][A-Za-z.]{2,9}\.?\s+\d{1,2}"
    r"(?:,\s*\d{4})?|,\s*[A-Z][A-Za-z.'\u2019-]*(?:\s+(?:[A-Z][A-Za-z.'\u2019-]*|of|the|and)){0,4}(?=\s*\())?"
    r"(?:\s*\([^)]{1,40}\))?\s*(?::|--|[\u2014\u2013]|-\s)"
)
