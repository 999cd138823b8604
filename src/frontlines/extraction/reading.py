"""A trigger's roles resolved: which places, which actor, whom it was done to and with what.

The parse's slot fillers (roles.py) are resolved to the document's mentions (fillers.py); this
module decides between a trigger's readings ("liberated the town" is a capture, "liberated
hostages" a release), keeps a filler that is not of its role's type from becoming an event
("the areas surrounding the city", "an attack on press freedom"), continues lists the small
parser loses ("captured Zaranj in Nimroz, Sar-e Pul, ... and Taloqan"), and falls back to the
words as they stand only where the parse filled no slot at all. Each choice names its rule.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from frontlines.extraction.arguments import (
    LIST_ITEM_END,
    RELATIONAL,
    clause_bounds,
    is_container,
    places_after,
    places_before,
    places_locative,
)
from frontlines.extraction.cues import FIGHTING_CUE, FIGHTING_KINDS, UNCONTESTED_BEFORE
from frontlines.extraction.fillers import FillerResolver
from frontlines.extraction.lexicon import Lexicon, Match, Trigger
from frontlines.extraction.roles import PLACE_KIND_WORDS, POSITION_WORDS, Filler, RoleReader
from frontlines.records import (
    TERRITORIAL,
    ActorMention,
    EventType,
    Parse,
    Place,
    PlaceKind,
    PlaceMention,
    Span,
)

DESTINATION_RULE = "place.destination-facility-city.v2"
WEAPON_CLASSES = ("weapon_strike", "weapon_explosive", "weapon_small_arms")


@dataclass(frozen=True, slots=True)
class Roles:
    """The resolved roles of one trigger."""

    places: list[tuple[PlaceMention, str]]
    actor: ActorMention | None
    actor_rule: str
    target: ActorMention | None
    target_text: str | None
    loser: ActorMention | None
    weapons: frozenset[str]  # the weapon classes of the weapon role's fillers
    target_armed: bool  # whom it was done to carries arms (soldiers, a checkpoint, a patrol)
    filled: frozenset[str]
    figurative: bool = False  # its target is an abstraction: "an attack on press freedom"
    open_place: bool = False  # no place slot was filled at all: the context may give one
    civilian: bool = False  # the agent is people ("residents fled"): no side is guessed


class RoleResolver:
    """Resolves the roles of the triggers of one document."""

    def __init__(
        self,
        text: str,
        places: Sequence[PlaceMention],
        sentences: Sequence[Span],
        resolver: FillerResolver,
        lexicon: Lexicon,
    ) -> None:
        self.text = text
        self.places = places
        self.place_starts = frozenset(m.span.start for m in places)
        self.sentences = sentences
        self.sentence_starts = [s.start for s in sentences]
        self.resolver = resolver
        self.lexicon = lexicon

    def read(
        self, parse: Parse, reader: RoleReader, match: Match, contested: frozenset[int]
    ) -> Roles:
        trig = match.trigger
        places: list[tuple[PlaceMention, str]] = []
        actor: ActorMention | None = None
        actor_rule = ""
        target: ActorMention | None = None
        target_text: str | None = None
        loser: ActorMention | None = None
        weapons: set[str] = set()
        target_armed = False
        figurative = False
        had_filler = False  # the parse named something in a place slot
        civilian = False  # the parse's agent is people, not a side
        filled: set[str] = set()
        for role, slots in trig.roles.items():
            for slot in slots:
                fillers = reader.fill(match, slot)
                if not fillers:
                    continue
                if role == "place":
                    # "withdrew its troops": a force in the place slot says nothing of the place
                    had_filler = had_filler or not (
                        self.resolver.word_class(parse, fillers[0], "armed", head_only=True)
                        or self.resolver.word_class(parse, fillers[0], "person", head_only=True)
                    )
                    places = self._places(parse, fillers, trig, contested)
                    if places:
                        places = self._with_listed(places, match, parse)
                        filled.add(role)
                        break
                    if fillers and _generic(parse, fillers[0]) and trig.type in TERRITORIAL:
                        # "captured 19 provincial capitals, including Kandahar and Herat"
                        head = parse.tokens[fillers[0].head]
                        listed = self._listed_after(parse, head.end, [])
                        if listed and re.search(
                            r"\b(?:including|such\s+as|namely)\b|[:\u2013\u2014-]",
                            self.text[head.end : listed[0].span.start],
                        ):
                            places = [(m, "place.listed-after-kind.v2") for m in listed]
                            filled.add(role)
                            break
                    if had_filler:
                        break  # "encircled the government in the capital": not a place
                elif role in ("actor", "loser"):
                    if self.resolver.word_class(parse, fillers[0], "inanimate", head_only=True):
                        figurative = True  # "the areas surrounding the city", "floods cut off"
                        break
                    mention, rule = self.resolver.actor(parse, reader, fillers[0])
                    if mention is None:
                        if role == "actor" and self.resolver.word_class(
                            parse, fillers[0], "person", head_only=True
                        ):
                            civilian = True  # "people were fleeing the city": nobody's side
                            break
                        continue
                    if role == "actor":
                        actor, actor_rule = mention, f"{rule}.{fillers[0].via}"
                    else:
                        loser = mention
                    filled.add(role)
                    break
                elif role == "target":
                    f = fillers[0]
                    if self.resolver.word_class(parse, f, "abstract"):
                        figurative = True
                        break
                    mention, _ = self.resolver.actor(parse, reader, f)
                    # "attacked an army checkpoint in X": the role reader gave the position's
                    # place; a military position is held by armed men
                    position = "+position-" in f.via
                    person = position or mention is not None or self._is_person(parse, f)
                    if not person:
                        continue
                    target = mention
                    target_armed = position or (
                        mention is not None
                        and mention.actor is not None
                        and mention.actor.kind in FIGHTING_KINDS
                    ) or self.resolver.word_class(parse, f, "armed", head_only=True)
                    lo, hi = reader.phrase(f.head)
                    target_text = self.text[lo:hi]
                    filled.add(role)
                    break
                elif role == "weapon":
                    for f in fillers:
                        cls = self.resolver.weapon_class(parse, f, WEAPON_CLASSES)
                        if cls is not None:
                            weapons.add(cls)
                    if weapons:
                        filled.add(role)
                        break
        for n in match.nodes[1:]:
            # the frame's own object is a weapon too: "threw a grenade", "fired mortars"
            tok = parse.tokens[n]
            cls = self.resolver.weapon_class(
                parse, Filler(n, tok.start, tok.end, "frame", "frame"), WEAPON_CLASSES
            )
            if cls is not None:
                weapons.add(cls)
        if trig.destination:
            places = [
                (PlaceMention(p.span, p.place, p.confidence, p.rule), DESTINATION_RULE)
                for p, _ in places[:1] if p.facility is not None and p.place is not None
            ]  # fmt: skip
            if not places:
                filled.discard("place")  # no facility to go to: the next frame may fit
        if (
            not places
            and had_filler
            and trig.type in TERRITORIAL
            and self._position_filler(parse, reader, match)
        ):
            # "pulled out of their camp, at Tessalit": the position's place is the trigger's
            near = [f for f in reader.fill(match, "locative") if not f.near]
            places = self._places(parse, near, trig, contested)
            if places:
                filled.add("place")
        if not places and not had_filler and trig.type in TERRITORIAL and trig.roles.get("place"):
            places = self._surface_places(match, trig.roles["place"][0])
            if places:
                filled.add("place")
        if not places and "place" in trig.roles and trig.type not in TERRITORIAL:
            # the parse gave no place: the sentence's locative nearest the trigger
            sent = parse.sentence
            loc = places_locative(self.text, self.places, sent.start, sent.end, match.span)
            places = [(m, "place.sentence-locative.v1") for m in loc if m.place is not None]
            if not places:  # a name in another word's locative phrase, known or not
                for f in reader.sentence_locatives(match):
                    places = self._places(parse, [f], trig, contested)
                    if places:
                        break
        return Roles(
            places,
            actor,
            actor_rule,
            target,
            target_text,
            loser,
            frozenset(weapons),
            target_armed,
            frozenset(filled),
            figurative,
            not places and not had_filler,
            civilian,
        )

    def _places(
        self, parse: Parse, fillers: Sequence[Filler], trig: Trigger, contested: frozenset[int]
    ) -> list[tuple[PlaceMention, str]]:
        out: list[tuple[PlaceMention, str]] = []
        seen: set[tuple[int, str | None]] = set()
        territorial = trig.type in TERRITORIAL
        for f in fillers:
            if f.near and territorial:
                continue  # "south of Kabul", "near Gao": a reference point does not change hands
            mention, rule = self.resolver.place(parse, f, contested)
            if mention is None or mention.place is None:
                continue
            if territorial and mention.place.kind is PlaceKind.COUNTRY:
                continue
            key = (mention.place.geonameid, mention.facility)
            if key in seen:
                continue
            seen.add(key)
            out.append((mention, f"{rule}.{f.via}"))
        return _without_containers(out)

    def _position_filler(self, parse: Parse, reader: RoleReader, match: Match) -> bool:
        for slot in match.trigger.roles.get("place", ()):
            fillers = reader.fill(match, slot)
            if fillers:
                return parse.tokens[fillers[0].head].lemma in POSITION_WORDS
        return False

    def _surface_clause(self, match: Match) -> tuple[int, int]:
        i = max(0, bisect.bisect_right(self.sentence_starts, match.span.start) - 1)
        return clause_bounds(
            self.text, self.sentences[i], match.span.start, match.span.end, self.place_starts
        )

    def _with_listed(
        self, places: list[tuple[PlaceMention, str]], match: Match, parse: Parse
    ) -> list[tuple[PlaceMention, str]]:
        """The places listed after the last one the parse found ("captured Zaranj in Nimroz,
        Sar-e Pul, in the province of the same name, and Taloqan"): lists interrupted by
        appositions and containers are where the small parser loses its way."""
        last = max((p for p, _ in places), key=lambda m: m.span.start)
        if last.span.start < match.span.start:
            return places
        seen = {(p.place.geonameid if p.place else 0, p.facility) for p, _ in places}
        out = list(places)
        for m in self._listed_after(parse, last.span.end, [p for p, _ in places]):
            key = (m.place.geonameid if m.place else 0, m.facility)
            if key not in seen:
                seen.add(key)
                out.append((m, "place.list-continues.v2"))
        return out

    def _listed_after(
        self, parse: Parse, start: int, items: Sequence[PlaceMention]
    ) -> list[PlaceMention]:
        """Places after ``start`` in the sentence that continue a list: no verb between them,
        not right after a preposition (a container or a reference point: "in Takhar
        province", "near Gao"), unless the mention names a seat ("the capital of Badghis")."""
        end = parse.sentence.end
        verbs = [
            t.start for t in parse.tokens
            if t.start >= start and t.pos in ("VERB", "AUX") and t.dep not in ("acl", "amod")
        ]  # fmt: skip
        stop = min(verbs, default=end)
        inner = [m.place for m in items if m.place is not None]
        out: list[PlaceMention] = []
        last_end = start
        for m in self.places:
            if m.span.start < start or m.place is None:
                continue
            if m.span.start >= stop:
                break
            gap = self.text[last_end : m.span.start]
            seat = "capital-of" in m.rule
            if ";" in gap and not LIST_ITEM_END.match(self.text, m.span.end):
                break  # "seized Ghazni; Kabul could be captured": a new clause, not a list
            item = re.search(r"(?:^|,|;)\s*(?:and|or)?\s*(?:the\s+)?$", gap) is not None
            if not seat and (
                (is_container(self.text, m, last_end) and not item)
                or RELATIONAL.search(gap)
                or "(" in gap
            ):
                continue
            if m.place.kind is PlaceKind.COUNTRY:
                continue
            if m.place.kind in (PlaceKind.ADMIN1, PlaceKind.ADMIN2) and _contains(m.place, inner):
                continue
            if _names_province_of(m, inner) and re.fullmatch(r",\s*", gap):
                continue  # "near Zolote, Luhansk": the province, named like its capital
            out.append(m)
            inner.append(m.place)
            last_end = m.span.end
        return out

    def _surface_places(self, match: Match, slot: str) -> list[tuple[PlaceMention, str]]:
        """The parse filled no place: the place right before (a subject) or after (an object)
        the trigger in its clause, as the words stand."""
        clause = self._surface_clause(match)
        if slot == "subject":
            found = places_before(self.text, self.places, clause[0], match.span.start)
            rule = "place.surface-subject.v1"
        else:
            found = places_after(self.text, self.places, match.span.end, clause[1])
            rule = "place.surface-object.v1"
        return [
            (m, rule)
            for m in found
            if m.place is not None and m.place.kind is not PlaceKind.COUNTRY
        ]

    def _is_person(self, parse: Parse, f: Filler) -> bool:
        tok = parse.tokens[f.head]
        if self.resolver.word_class(parse, f, "person") or self.resolver.word_class(
            parse, f, "armed"
        ):
            return True
        if tok.pos in ("NUM", "PRON") and tok.text.lower() not in ("it", "this", "that"):
            return True
        return tok.pos == "PROPN" and not self.resolver._places_in(f.start, f.end)

    def retype(
        self, trig: Trigger, roles: Roles, clause: tuple[int, int], sentence: Span
    ) -> EventType:
        etype = trig.type
        if trig.if_uncontested is not None and not self._contested(roles, clause, sentence):
            etype = trig.if_uncontested
        cities = [p.place for p, _ in roles.places if p.place and p.place.kind is PlaceKind.CITY]
        if (
            etype is EventType.ATTACK
            and cities
            and roles.target_text is None
            and self._contested(roles, clause, sentence)
        ):
            return EventType.SIEGE  # "attacked the city from three directions ... fighting"
        onto = self.lexicon.ontology.get(etype)
        if onto is None or not onto.retype:
            return etype
        have = roles.weapons | ({"armed"} if roles.target_armed else set())
        for condition, new in onto.retype.items():
            if set(condition.split("+")) <= have:
                return new
        return etype

    def _contested(self, roles: Roles, clause: tuple[int, int], sentence: Span) -> bool:
        """Fighting told in the trigger's clause, or elsewhere in the sentence unless that
        fighting is placed somewhere else ("... stormed the city, while battles raged near
        Mazar-i-Sharif" leaves the city taken)."""
        text = sentence.text
        base = sentence.start
        own = {p.place.geonameid for p, _ in roles.places if p.place is not None}
        for m in FIGHTING_CUE.finditer(text):
            if UNCONTESTED_BEFORE.search(text[: m.start()]):
                continue
            at = base + m.start()
            if clause[0] <= at < clause[1]:
                return True
            nearby = [
                p for p in self.places
                if at < p.span.start < min(at + 80, sentence.end) and p.place is not None
            ]  # fmt: skip
            if nearby and not any(p.place is not None and p.place.geonameid in own for p in nearby):
                continue
            return True
        return False


# A place right after one of these is a container or a reference point, not a list item.
_NOT_LISTED = frozenset(
    {"in", "of", "near", "from", "to", "outside", "between", "at", "into", "toward", "towards",
     "around", "across", "inside", "via", "through", "along", "beyond", "with", "by", "on"}
)  # fmt: skip


def _generic(parse: Parse, f: Filler) -> bool:
    """A filler that stands for places without naming them: "three capitals", "19 of them"."""
    tok = parse.tokens[f.head]
    return tok.pos == "NUM" or (tok.lemma in PLACE_KIND_WORDS and tok.tag in ("NNS", "NNPS"))


def _names_province_of(m: PlaceMention, inner: Sequence[Place]) -> bool:
    """A city named like the province of a place just listed ("Zolote, Luhansk")."""
    p = m.place
    return p is not None and any(
        q.admin1 is not None and q.country == p.country and q.admin1.casefold() == p.name.casefold()
        for q in inner
    )


def _contains(container: Place, places: Sequence[Place]) -> bool:
    return any(
        c.country == container.country
        and (
            c.admin1_code == container.admin1_code
            if container.kind is PlaceKind.ADMIN1
            else c.admin2 == container.name
        )
        for c in places
    )


def _without_containers(
    places: list[tuple[PlaceMention, str]],
) -> list[tuple[PlaceMention, str]]:
    """ "Snihurivka, Mykolaiv Oblast": a province or district named beside a place inside it is
    where that place is, not another place of the list."""
    inner = [p.place for p, _ in places if p.place is not None and p.place.kind is PlaceKind.CITY]
    out = []
    for p, rule in places:
        q = p.place
        if q is not None and q.kind in (PlaceKind.ADMIN1, PlaceKind.ADMIN2) and _contains(q, inner):
            continue
        out.append((p, rule))
    return out
