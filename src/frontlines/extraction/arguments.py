"""Surface fallbacks for place arguments, read from the words as they stand.

The parse-based role reader (roles.py, reading.py) comes first; these are used only where it
cannot see: the clause around a trigger, the place right before or after it when the parse
filled no place slot, a list the small parser loses, the place after a locative preposition,
and "the city" read back to the city the story is about (fillers.py).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from frontlines.records import PlaceKind, PlaceMention, Span

# Clause boundaries inside a sentence: arguments of a trigger are looked for within its clause.
CLAUSE_BREAK = re.compile(
    r";|\s[-\u2013\u2014]\s|\b(?:after|before|while|whereas|although|though|since|until|when"
    r"|where|which|who|whom|because|but|as|that|once|following|amid|despite|with)\b",
    re.IGNORECASE,
)
# A place right after one of these words is a reference point, not the place that changed hands.
RELATIONAL = re.compile(
    r"\b(?:(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:-\w+)?\s+of"
    r"|outside|near|nearby|toward|towards|road|highway|route|between|from|into|across"
    r"|around|beyond|km|kilometres|kilometers|miles|border\s+with|close\s+to|approaches|gates"
    r"|outskirts|edge|direction|way)\b",
    re.IGNORECASE,
)
# Words before a place that make it a container of another place ("capital of Badghis province").
CONTAINER_BEFORE = re.compile(
    r"(?:\b(?:capital|seat|part|parts|province|region|district|oblast|state|governorate"
    r"|centre|center|areas?)\s+of(?:\s+the)?|\bin(?:\s+the)?|\bof\s+the|\bacross(?:\s+the)?"
    r"|\bnear(?:\s+the)?)\s*(?:[\w'-]+\s+){0,3}$",
    re.IGNORECASE,
)
COORDINATION = re.compile(
    r"^\s*(?:,?\s*(?:including|along\s+with|together\s+with)\s+(?:its\s+|the\s+)?"
    r"(?:(?:provincial|regional)\s+)?(?:capital\s+)?"
    r"|(?:[,;]\s*)?(?:and|as\s+well\s+as|&|or)\s+(?:the\s+)?"
    r"(?:(?:[a-z-]+\s+){0,2}(?:city|town|village|district|province|capital)s?\s+of\s+)?"
    r"|[,;]\s*)$",
    re.IGNORECASE,
)
LOCATIVE_THEN_COORD = re.compile(
    r"^\s*(?:city|town)?\s*(?:in|near|on)\s+[^;,]{0,80}[;,]\s*(?:and\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)
APPOSITIVE_THEN_COORD = re.compile(
    r"^\s*,\s*(?:the|a|an|its|in|on|near|\w+'s)\s+[^,;]{0,90}?[,;]\s*(?:and\s+|as\s+well\s+as\s+)?(?:the\s+)?"
    r"(?:(?:[a-z-]+\s+){0,2}(?:city|town|village|district|province|capital)s?\s+of\s+)?$",
    re.IGNORECASE,
)
ANAPHOR = re.compile(
    r"\b(?:the|this|that)\s+(?:(?:provincial|regional|district|border|key|strategic|northern"
    r"|southern|eastern|western|frontline|besieged|embattled|southern|port|major|nearby|coastal"
    r"|ancient|industrial|central|northwestern|northeastern|southwestern|southeastern|capital"
    r"|garrison|market|oil|desert|mountain|[A-Z][a-z]+(?:ian|ish|ese|i|an))\s+)*"
    r"(?:city|town|capital|village|provincial\s+capital|hub|stronghold|enclave|crossing"
    r"|border\s+town|port)\b",
    re.IGNORECASE,
)
_WORDS = re.compile(r"[\w'-]+")
# "an abandoned vehicle in Herat": a place after a locative is where, not what.
LOCATIVE_GAP = re.compile(r"\b(?:in|at|on|inside|near)\s+(?:the\s+)?(?:[\w-]+\s+)?$", re.IGNORECASE)
# ... unless what comes before is a position there: "pulled out of their camp at Tessalit"
POSITION_GAP = re.compile(
    r"\b(?:camp|camps|base|bases|positions?|barracks|garrison|headquarters|outposts?|posts?"
    r"|airport|stronghold|strongholds)\s+(?:at|in|on|near)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# "the region's biggest town, Kunduz" / "more ground, including Bagram"
LIST_INTRO = re.compile(
    r"(?:city|town|capital|hub|stronghold|village|centre|center|territory|ground|areas|districts"
    r"|towns|cities),\s*(?:including\s+|such\s+as\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)
OBJECT_GAP_WORDS = 7
SUBJECT_GAP_WORDS = 6
# ", the provincial capital of Badghis province," between a subject and its verb.
APPOSITIVE = re.compile(
    r"^\s*(?:city|town|village|district|province)?\s*(?:\([^)]*\))?\s*,\s*(?:(?:the|a|an|its|which"
    r"|who|in|on|near|\w+'s|\w+\u2019s)\b[^;]{0,160}?)(?:,|(?=\b(?:also|has|have|had|was|were|is|are"
    r"|finally|eventually|reportedly|fell|came)\b))"
)


def clause_bounds(
    text: str, sentence: Span, start: int, end: int, list_starts: frozenset[int] = frozenset()
) -> tuple[int, int]:
    """The clause of the sentence around [start, end): between the nearest breaks.

    A semicolon that separates the items of a list of places ("Lashkar Gah, the capital of
    Helmand; Qala-i-Naw, ...; and Kandahar fell") is not a break: ``list_starts`` holds the
    offsets of place mentions, and a semicolon followed by one continues the clause.
    """
    s = sentence.text
    rel_start, rel_end = start - sentence.start, end - sentence.start
    lo, hi = 0, len(s)
    for b_start, b_end, is_semicolon in _breaks(s):
        if is_semicolon and _continues_list(s, b_end, sentence.start, list_starts):
            continue
        if b_end <= rel_start:
            lo = b_end
        elif b_start >= rel_end:
            hi = b_start
            break
    return sentence.start + lo, sentence.start + hi


@lru_cache(maxsize=256)
def _breaks(sentence: str) -> tuple[tuple[int, int, bool], ...]:
    """Clause breaks of a sentence; cached, as every trigger of the sentence asks again."""
    return tuple((m.start(), m.end(), m.group() == ";") for m in CLAUSE_BREAK.finditer(sentence))


def _continues_list(s: str, after: int, base: int, list_starts: frozenset[int]) -> bool:
    m = re.match(r"\s*(?:and\s+)?(?:the\s+)?", s[after:])
    return m is not None and base + after + m.end() in list_starts


def word_count(s: str) -> int:
    return len(_WORDS.findall(s))


def is_container(text: str, mention: PlaceMention, floor: int) -> bool:
    if "capital-of" in mention.rule:  # "the capital of Takhar province" names the seat itself
        return False
    before = text[max(floor, mention.span.start - 40) : mention.span.start]
    return bool(CONTAINER_BEFORE.search(before))


def usable(mention: PlaceMention) -> bool:
    return mention.place is not None and mention.place.kind is not PlaceKind.COUNTRY


def places_after(
    text: str,
    places: Sequence[PlaceMention],
    trigger_end: int,
    clause_end: int,
    *,
    max_gap: int = OBJECT_GAP_WORDS,
) -> list[PlaceMention]:
    """The object place right after the trigger, with the places coordinated with it."""
    for m in places:
        if m.span.start < trigger_end or not usable(m):
            continue
        if m.span.start >= clause_end:
            break
        if is_container(text, m, trigger_end) and ANAPHOR.search(text, trigger_end, m.span.start):
            return []  # "took over the city in Nimroz province": the city, not the province
        gap = text[trigger_end : m.span.start]
        intro = LIST_INTRO.search(gap)
        limit = max_gap * 2 if intro else max_gap
        locative = LOCATIVE_GAP.search(gap) and not POSITION_GAP.search(gap)
        if word_count(gap) > limit or RELATIONAL.search(gap) or locative:
            return []
        if "," in gap and not intro:
            return []
        return [m, *coordinated(text, places, m, clause_end)]
    return []


def places_before(
    text: str, places: Sequence[PlaceMention], clause_start: int, trigger_start: int
) -> list[PlaceMention]:
    """The subject place of the clause before the trigger, with its coordinated places.

    The subject must be close to the verb once appositives are set aside ("The city of Herat,
    the largest town in the west, fell"); a place far back is some other noun's modifier.
    """
    for m in places:
        if m.span.end > trigger_start:
            break
        if m.span.start < clause_start or not usable(m):
            continue
        if is_container(text, m, clause_start) or RELATIONAL.search(
            text[max(clause_start, m.span.start - 12) : m.span.start]
        ):
            continue
        group = [m, *coordinated(text, places, m, trigger_start)]
        last = group[-1]
        gap = APPOSITIVE.sub(" ", text[last.span.end : trigger_start], count=1)
        if word_count(gap) > SUBJECT_GAP_WORDS:
            continue
        return group
    return []


def places_locative(
    text: str, places: Sequence[PlaceMention], clause_start: int, clause_end: int, trig: Span
) -> list[PlaceMention]:
    """For clashes, strikes, arrests: the place after a locative preposition in the clause."""
    loc = re.compile(
        r"\b(?:in|inside|at|near|on|outside|around|across|within|into)\s+(?:the\s+)?"
        r"(?:(?:[\w-]+\s+){0,3}(?:city|town|village|district|province|region|outskirts"
        r"|centre|center|streets)\s+of\s+(?:the\s+)?)?$",
        re.IGNORECASE,
    )
    best: list[PlaceMention] = []
    for m in places:
        if m.span.start < clause_start or m.span.start >= clause_end or not usable(m):
            continue
        if loc.search(text[max(clause_start, m.span.start - 60) : m.span.start]):
            if m.span.start >= trig.end:
                return [m]
            best = [m]
    return best


def coordinated(
    text: str, places: Sequence[PlaceMention], head: PlaceMention, limit: int
) -> list[PlaceMention]:
    """Places listed with ``head``; containers in between ("Qalat in Zabul province, Tarinkot")
    are stepped over."""
    out: list[PlaceMention] = []
    last_end = head.span.end
    for m in places:
        if m.span.start < last_end or not usable(m):
            continue
        if m.span.start >= limit:
            break
        gap = text[last_end : m.span.start]
        same_as_head = (
            m.place is not None
            and head.place is not None
            and (m.place.geonameid == head.place.geonameid or (out and out[-1].place == m.place))
        )
        if (is_container(text, m, last_end) and not COORDINATION.match(gap)) or (
            same_as_head and not COORDINATION.match(gap)
        ):
            last_end = m.span.end
            continue
        if ";" in gap and not LIST_ITEM_END.match(text, m.span.end):
            break  # "Ghazni; Kabul could be captured": a new clause, not a list
        if (
            COORDINATION.match(gap)
            or APPOSITIVE_THEN_COORD.match(gap)
            or LOCATIVE_THEN_COORD.match(gap)
        ):
            out.append(m)
            last_end = m.span.end
        else:
            break
    return out


LIST_ITEM_END = re.compile(r"\s*(?:,|;|\(|and\b|$|\.)")


def anaphoric_place(
    text: str,
    places: Sequence[PlaceMention],
    window_start: int,
    window_end: int,
    contested: frozenset[int] = frozenset(),
) -> tuple[PlaceMention, Span] | None:
    """ "the city" in the window -> the city the story is about: named often, and lately, and
    already the place of an event (``contested``: their geonameids)."""
    m = ANAPHOR.search(text, window_start, window_end)
    if not m or re.match(r"\s+of\s+(?:the\s+)?[A-Z]", text[m.end() : m.end() + 12]):
        return None
    candidates = [
        p
        for p in places
        if p.span.end <= m.start()
        and p.place is not None
        and p.place.kind is PlaceKind.CITY
        and p.facility is None
    ]
    if not candidates:
        return None
    # Named in this or the previous sentence weighs most; named again within the last few
    # sentences adds to it ("Palmyra ... Palmyra ... the battle for Aleppo ... seized the city").
    this_from = _sentence_start(text, m.start())
    recent_from = _sentence_start(text, this_from - 1)
    window_from = recent_from
    for _ in range(2):
        window_from = _sentence_start(text, window_from - 1)
    score: dict[int, float] = {}
    last_index = {p.place.geonameid: i for i, p in enumerate(candidates) if p.place is not None}
    for i, p in enumerate(candidates):
        assert p.place is not None
        gid = p.place.geonameid
        gain = (
            (2.0 if p.span.start >= this_from else 0.0)
            + (3.0 if p.span.start >= recent_from else 0.0)
            + (1.0 if p.span.start >= window_from else 0.0)
        )
        if gid in contested and i == last_index[gid]:
            gain += 2.0  # once per place: a town fought over is what "the town" means
        score[gid] = score.get(gid, 0.0) + gain + i * 1e-3  # ties go to the latest named
    best = max(score, key=lambda gid: score[gid])
    chosen = [p for p in candidates if p.place is not None and p.place.geonameid == best][-1]
    return chosen, Span(m.start(), m.end(), m.group())


def _sentence_start(text: str, pos: int) -> int:
    """Start of the sentence holding ``pos`` (a cheap look back for ". " or a line break)."""
    if pos <= 0:
        return 0
    cut = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos))
    return cut + 1 if cut >= 0 else 0
