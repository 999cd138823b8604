"""Details of an event read from its sentence: the persons named with a role, and the
number killed when it is stated."""

from __future__ import annotations

import re

from frontlines.records import Person, Span

PERSON_ROLE = re.compile(
    r"(?P<name>(?:[A-Z][a-z'-]+\s+){1,3}[A-Z][a-z'-]+),\s+(?P<role>(?:the|a|an)\s+[^,.;]{3,80}?)(?=[,.;]|$)"
)
FATALITIES = re.compile(
    r"\b(?P<n>\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?"
    r"|scores|hundreds)\s+(?:people|civilians|soldiers|fighters|militants|troops|policemen"
    r"|members|insurgents|others|persons)?\s*(?:were|have\s+been|had\s+been|was)?\s*(?:killed|dead"
    r"|died)\b",
    re.IGNORECASE,
)
KILLED = re.compile(r"killed|dead|died", re.IGNORECASE)
NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}


def persons(sentence: Span, excluded: list[Span]) -> tuple[Person, ...]:
    """ "Dawood Laghmani, the governor of Ghazni province" -> Person(name, role), unless the
    name is an actor or a place (``excluded`` spans, offsets into the article)."""
    out = []
    for m in PERSON_ROLE.finditer(sentence.text):
        name = m.group("name")
        start = sentence.start + m.start("name")
        end = start + len(name)
        if any(x.text == name or start <= x.start < end for x in excluded):
            continue
        out.append(Person(name, m.group("role").strip(), Span(start, end, name)))
    return tuple(out)


def fatalities(sentence: str) -> int | None:
    """The number killed, when the sentence states one."""
    if not KILLED.search(sentence):
        return None
    m = FATALITIES.search(sentence)
    if not m:
        return None
    n = m.group("n").lower().replace(",", "")
    return int(n) if n.isdigit() else NUMBERS.get(n)
