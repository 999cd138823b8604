"""Negation and modality: a trigger in "has not fallen" or "could fall" is not an event.

Cues are read in the clause before the trigger, close to it: news prose puts the negator or the
modal right before the verb ("had not yet fallen", "could be captured within days").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from frontlines.records import Modality

# How many words may separate a cue from the trigger ("could soon fall", "tried in vain to take").
CUE_WINDOW_WORDS = 4

NEGATION = re.compile(
    r"\b(?:not|never|no\s+longer|neither|nor|without)\b|n't\b|\bhas\s+yet\s+to\b|\bhave\s+yet\s+to\b"
    r"|\byet\s+to\b|\bfailed\s+to\b|\bfailing\s+to\b|\bfail\s+to\b|\bunable\s+to\b|\bprevented\b"
    r"|\brepelled\b|\brepulsed\b|\bthwarted\b|\bfoiled\b|\bavoid(?:ing|ed)?\b|\bprevent(?:ing)?\b",
    re.IGNORECASE,
)
ATTEMPT = re.compile(
    r"\b(?:tried|try|tries|trying|attempt(?:ed|ing|s)?|sought|seek(?:ing|s)?|bid|push(?:ed|ing)?"
    r"|struggl(?:ed|ing|es)|aim(?:ed|ing|s)?|effort|offensive|advance|advancing|advanced|fight(?:ing)?"
    r"\s+to|battl(?:ed|ing)\s+to|mov(?:ed|ing)\s+to)\s+(?:\w+\s+){0,2}?to\b",
    re.IGNORECASE,
)
FUTURE = re.compile(
    r"\b(?:could|(?-i:may)|might|would|will|shall|going\s+to|threaten(?:ed|s|ing)?\s+to|poised\s+to"
    r"|about\s+to|set\s+to|likely\s+to|expected\s+to|on\s+the\s+verge\s+of|close\s+to|plan(?:s|ned|ning)?"
    r"\s+to|intend(?:s|ed)?\s+to|vow(?:ed|s)?\s+to|prepar(?:e|es|ed|ing)\s+to|ready\s+to|risk\s+of"
    r"|in\s+danger\s+of|fears?\s+(?:that\s+)?|feared|bound\s+to|want(?:s|ed)?\s+to|hop(?:e|es|ed|ing)\s+to"
    r"|'ll|must)\b",
    re.IGNORECASE,
)
HYPOTHETICAL = re.compile(
    r"\b(?:if|unless|whether|in\s+case)\b|^\s*should\b|\bwere\s+\w+\s+to\b", re.IGNORECASE
)
# An infinitive of purpose ("sent to retake", "flown in to recapture") has not happened yet;
# one of rank or success ("the second city to fall", "managed to take") has.
PURPOSE = re.compile(
    r"\b(?!(?:managed|able|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last"
    r"|latest|only|began|begun|started|continued|went\s+on|came|ordered|decided|\w+th)\b)"
    r"[a-z]+\s+to\s*$",
    re.IGNORECASE,
)
# "ordered his troops to withdraw", "forced the army to abandon": it happened.
DONE_INFINITIVE = re.compile(r"\b(?:ordered|decided|forced|compelled|managed)\b", re.IGNORECASE)
_WORD = re.compile(r"[\w'-]+")


@dataclass(frozen=True, slots=True)
class ModalityReading:
    negated: bool
    modality: Modality
    cue: str | None  # the cue text, for the explanation


def read_modality(clause_before: str) -> ModalityReading:
    """Judge the trigger from the clause text that precedes it (``clause_before``)."""
    tail = _tail_words(clause_before, CUE_WINDOW_WORDS + 3)
    if not ANY_CUE.search(tail) and not HYPOTHETICAL.search(clause_before):
        return ASSERTED  # the common case, decided by two short scans
    near = _tail_words(clause_before, CUE_WINDOW_WORDS)
    negation = NEGATION.search(near)
    if negation:
        return ModalityReading(True, Modality.ASSERTED, negation.group())
    for pattern, modality, window in (
        (ATTEMPT, Modality.ATTEMPT, tail),
        (FUTURE, Modality.FUTURE, near),
    ):
        m = pattern.search(window)
        if m:
            return ModalityReading(False, modality, m.group())
    m = PURPOSE.search(clause_before)
    if m and not DONE_INFINITIVE.search(tail):
        # "special forces would be flown in to retake the city": not done yet
        return ModalityReading(False, Modality.FUTURE, m.group().strip())
    m = HYPOTHETICAL.search(clause_before)
    if m:
        return ModalityReading(False, Modality.HYPOTHETICAL, m.group())
    return ModalityReading(False, Modality.ASSERTED, None)


ASSERTED = ModalityReading(False, Modality.ASSERTED, None)
# Every cue above in one pattern: most triggers have none, and one scan tells.
ANY_CUE = re.compile(
    "|".join(f"(?:{p.pattern})" for p in (NEGATION, ATTEMPT, FUTURE, PURPOSE)),
    re.IGNORECASE,
)


def _tail_words(text: str, n: int) -> str:
    words = list(_WORD.finditer(text))
    if len(words) <= n:
        return text
    return text[words[-n].start() :]
