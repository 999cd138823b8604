"""From role fillers to places and actors: the gazetteer's and the dictionary's mentions inside
a filler, a country standing for its state, a pronoun or a kind word ("it", "the city", "the
group") read back to what it stands for, and what neither resource knows.

Each resolution carries the rule that made it, for the event's explanation.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from frontlines.extraction.arguments import anaphoric_place
from frontlines.extraction.cues import FIGHTING_KINDS
from frontlines.extraction.lexicon import Lexicon
from frontlines.extraction.roles import PLACE_KIND_WORDS, Filler, RoleReader
from frontlines.records import (
    Actor,
    ActorKind,
    ActorMention,
    Parse,
    PlaceKind,
    PlaceMention,
    Span,
)

#: Resolves a place-role phrase the gazetteer lacks, given its sentence (``open_places.py``).
OpenPlace = Callable[[Span, Span], PlaceMention | None]

PRONOUNS_PLACE = frozenset({"it", "there", "this", "that", "them"})
PRONOUNS_ACTOR = frozenset(
    {
        "it",
        "they",
        "them",
        "its",
        "their",
        "we",
        "our",
        "us",
        "he",
        "his",
        "she",
        "her",
        "theirs",
        "itself",
        "themselves",
    }
)
# Heads of an unnamed armed actor and its kind, when no dictionary entry covers the phrase.
OPEN_KINDS: Mapping[str, ActorKind] = {
    **dict.fromkeys(
        ["soldier", "troop", "army", "military", "police", "policeman", "policemen", "gendarme",
         "force", "serviceman", "servicemen", "marine", "commando", "paratrooper", "jawan"],
        ActorKind.STATE_FORCES,
    ),
    **dict.fromkeys(
        ["militant", "rebel", "insurgent", "jihadist", "gunman", "gunmen", "fighter", "militia",
         "militiaman", "militiamen", "bandit", "assailant", "attacker", "terrorist",
         "separatist", "vigilante", "extremist", "guerrilla", "guerilla", "kidnapper",
         "abductor", "mercenary", "paramilitary", "raider", "combatant"],
        ActorKind.NON_STATE,
    ),
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Resolved:
    """A filler resolved to a place (mention) or an actor (mention), with its rule."""

    place: PlaceMention | None
    actor: ActorMention | None
    rule: str
    filler: Filler


class FillerResolver:
    """Resolves fillers against one document's mentions."""

    def __init__(
        self,
        text: str,
        places: Sequence[PlaceMention],
        actors: Sequence[ActorMention],
        lexicon: Lexicon,
        forces: Mapping[str, list[tuple[Actor, tuple[str, ...]]]],
        countries: Sequence[str],
        demonyms: Mapping[str, tuple[str, ...]] | None = None,
        referents: Sequence[PlaceMention] = (),
        open_place: OpenPlace | None = None,
    ) -> None:
        self.text = text
        self.open_place = open_place
        self.places = sorted(places, key=lambda m: m.span.start)
        # what "the city" may refer back to: the arguments and the dateline's place
        self.referents = sorted(referents or places, key=lambda m: m.span.start)
        self.place_starts = [m.span.start for m in self.places]
        self.actors = sorted(actors, key=lambda m: m.span.start)
        self.actor_starts = [m.span.start for m in self.actors]
        self.lexicon = lexicon
        self.forces = forces
        self.countries = countries
        self.demonym_country = {
            w.lower(): cc for cc, words in (demonyms or {}).items() for w in words
        }

    # ------------------------------------------------------------------ places

    def place(
        self, parse: Parse, f: Filler, contested: frozenset[int]
    ) -> tuple[PlaceMention | None, str]:
        tok = parse.tokens[f.head]
        inside = self._places_in(f.start, f.end)
        if (
            inside
            and self.open_place is not None
            and tok.pos == "PROPN"
            and not any(m.span.start <= tok.start < m.span.end for m in inside)
        ):
            # "Ain Zara": the known name is only a part of the name the role holds
            span = Span(f.start, f.end, self.text[f.start : f.end])
            opened = self.open_place(span, parse.sentence)
            if opened is not None and opened.place is not None and opened.span.end > tok.start:
                return opened, f"place.{f.slot}+open-world"
        if inside:
            # the mention holding the head, else the last one (the name before a kind word)
            best = next((m for m in inside if m.span.start <= tok.start < m.span.end), inside[-1])
            named = [
                m for m in inside
                if m.facility is None and m.place is not None and m.place.kind is PlaceKind.CITY
            ]  # fmt: skip
            if best.facility is not None and "nearest-city" in best.rule and named:
                # "the border crossing point Spin Boldak": the facility is at the place named
                best = PlaceMention(
                    best.span, named[-1].place, best.confidence, "facility.named-in-phrase",
                    best.facility,
                )  # fmt: skip
            return best, f"place.{f.slot}"
        low = tok.text.lower()
        if low in PRONOUNS_PLACE or tok.lemma in PLACE_KIND_WORDS:
            # the window holds the determiner: "the city", "this town"
            dets = [
                parse.tokens[k]
                for k in parse.children[f.head]
                if parse.tokens[k].dep in ("det", "amod", "compound")
            ]
            start = min([f.start, *(d.start for d in dets)])
            found = anaphoric_place(self.text, self.referents, start, f.end, contested)
            if found is not None:
                return found[0], f"place.{f.slot}+anaphora"
            if low in PRONOUNS_PLACE:
                before = [
                    m for m in self.places
                    if m.span.end <= f.start and m.place is not None
                    and m.place.kind is PlaceKind.CITY and m.facility is None
                ]  # fmt: skip
                if before:
                    return before[-1], f"place.{f.slot}+pronoun-last-town"
        if self.open_place is not None and _names_something(parse, f):
            # a name in a place role the gazetteer lacks: placed by what the text says of it
            span = Span(f.start, f.end, self.text[f.start : f.end])
            opened = self.open_place(span, parse.sentence)
            if (
                opened is not None
                and opened.place is not None
                and (not opened.rule.endswith(".country.v1") or _placelike(f))
            ):
                return opened, f"place.{f.slot}+open-world"
        return None, ""

    def _places_in(self, start: int, end: int) -> list[PlaceMention]:
        """Mentions overlapping [start, end) ("the governor's office" for "office")."""
        lo = max(0, bisect.bisect_left(self.place_starts, start) - 2)
        hi = bisect.bisect_left(self.place_starts, end)
        return [
            m for m in self.places[lo:hi]
            if m.place is not None and m.span.end > start and m.span.start < end
        ]  # fmt: skip

    # ------------------------------------------------------------------ actors

    def actor(self, parse: Parse, reader: RoleReader, f: Filler) -> tuple[ActorMention | None, str]:
        tok = parse.tokens[f.head]
        lo, hi = reader.phrase(f.head)
        lo, hi = min(lo, f.start), max(hi, f.end)
        inside = self._actors_in(lo, hi)
        holding = [m for m in inside if m.span.start <= tok.start < m.span.end]
        if (
            holding
            and inside[0] is not holding[0]
            and any(
                t.lemma in ("and", "or") and inside[0].span.end <= t.start < holding[0].span.start
                for t in parse.tokens
            )
        ):
            # "fell to the Taliban and security forces abandoned ...", parsed as one phrase:
            # the first of the coordinated actors is the filler
            return inside[0], f"actor.{f.slot}+first-of-coordination"
        if holding:
            return holding[0], f"actor.{f.slot}"
        if inside and (
            self.word_class(parse, f, "armed", head_only=True)
            or self.word_class(parse, f, "person", head_only=True)
        ):
            # "forces of the Syrian government", "members of the group"
            return inside[0], f"actor.{f.slot}"
        if inside and tok.pos != "NOUN":
            return inside[0], f"actor.{f.slot}"
        for m in self._places_in(lo, hi):
            p = m.place
            if p is None or p.country not in self.forces:
                continue
            if p.kind is PlaceKind.COUNTRY or (p.kind is PlaceKind.CITY and p.admin_seat == 0):
                actor = _pick(self.forces[p.country], self.countries)
                return ActorMention(
                    m.span, actor, 0.7, "actor.country-metonymy.v2"
                ), f"actor.{f.slot}"
        cc = self.demonym_country.get(tok.text.lower())
        if cc is not None and cc in self.forces and tok.pos in ("ADJ", "PROPN", "NOUN"):
            # "Russian strikes", "Israeli troops": the state's forces
            actor = _pick(self.forces[cc], self.countries)
            span = Span(tok.start, tok.end, tok.text)
            return ActorMention(span, actor, 0.6, "actor.demonym.v2"), f"actor.{f.slot}"
        if tok.text.lower() in PRONOUNS_ACTOR and tok.dep == "poss":
            # "the US troops complete their pullout": a possessive names the clause's subject
            owner = parse.tokens[tok.head]
            verb = parse.tokens[owner.head]
            subj = [
                parse.tokens[k] for k in parse.children[verb.i]
                if parse.tokens[k].dep in ("nsubj", "nsubjpass") and k != owner.i
            ]  # fmt: skip
            if subj and verb.i != owner.i:
                lo2, hi2 = reader.phrase(subj[0].i)
                named = self._actors_in(lo2, hi2)
                if named:
                    return named[0], f"actor.{f.slot}+possessive-of-subject"
        if tok.text.lower() in PRONOUNS_ACTOR or tok.lemma in (
            "group",
            "movement",
            "organisation",
            "organization",
            "side",
        ):
            before = [
                a for a in self.actors
                if a.span.end <= tok.start and a.actor is not None
                and a.actor.kind in FIGHTING_KINDS
            ]  # fmt: skip
            if before:
                return before[-1], f"actor.{f.slot}+pronoun-last-fighting-actor"
            return None, ""
        kind = OPEN_KINDS.get(tok.lemma)
        if kind is not None and tok.pos in ("NOUN", "PROPN"):
            possessors = [
                parse.tokens[k] for k in parse.children[f.head]
                if parse.tokens[k].dep == "poss" and parse.tokens[k].text.lower() in PRONOUNS_ACTOR
            ]  # fmt: skip
            if possessors:
                # "its forces", "their fighters": the side the pronoun stands for
                before = [
                    a for a in self.actors
                    if a.span.end <= tok.start and a.actor is not None
                and a.actor.kind in FIGHTING_KINDS
                ]  # fmt: skip
                if before:
                    return before[-1], f"actor.{f.slot}+possessive-last-fighting-actor"
            name = self.text[lo:hi]
            span = Span(lo, hi, name)
            actor = Actor(id=f"open:{_fold(name)}", name=_clean(name), kind=kind)
            return ActorMention(
                span, actor, 0.5, "actor.open-world.head-noun.v1"
            ), f"actor.{f.slot}"
        return None, ""

    def _actors_in(self, start: int, end: int) -> list[ActorMention]:
        """Mentions overlapping [start, end) ("the insurgents" for "insurgents")."""
        lo = max(0, bisect.bisect_left(self.actor_starts, start) - 2)
        hi = bisect.bisect_left(self.actor_starts, end)
        return [
            m for m in self.actors[lo:hi]
            if m.actor is not None and m.span.end > start and m.span.start < end
        ]  # fmt: skip

    # ------------------------------------------------------------------ classes

    def weapon_class(self, parse: Parse, f: Filler, classes: Sequence[str]) -> str | None:
        """The class of the weapon the filler names, by its most specific word."""
        for word in _weapon_words(parse, f.head):
            for cls in classes:
                if self.lexicon.in_class(cls, word):
                    return cls
        return None

    def word_class(self, parse: Parse, f: Filler, name: str, *, head_only: bool = False) -> bool:
        """Whether the filler's head, or a modifier of it, is of the lexicon's class ``name``
        ("a roadside bomb", "drone strikes", "Russian troops")."""
        tok = parse.tokens[f.head]
        if self.lexicon.in_class(name, tok.lemma) or self.lexicon.in_class(name, tok.text.lower()):
            return True
        if head_only:
            return False
        return any(
            self.lexicon.in_class(name, parse.tokens[k].lemma)
            for k in parse.children[f.head]
            if parse.tokens[k].dep in ("compound", "amod", "nmod")
        )


def _placelike(f: Filler) -> bool:
    """A name the text places in no more than a country is taken for a place only where the
    role says so: a kind word ("the village of N") or a locative preposition ("in N"); a bare
    object ("seized Humvees") may be anything."""
    return any(w in f.via for w in _PLACELIKE_VIA)


_PLACELIKE_VIA = ("kind", "locative-", "position-", "prep-in", "prep-at", "prep-near", "prep-of")


def _names_something(parse: Parse, f: Filler) -> bool:
    """The filler's head is a proper name, or a noun named by one ("Tal Baydar village", "Al
    Watiyah airbase"); ``open_place`` decides which of those are places."""
    head = parse.tokens[f.head]
    if head.pos == "PROPN":
        return True
    return head.pos == "NOUN" and any(
        parse.tokens[k].pos == "PROPN" and parse.tokens[k].dep in ("compound", "flat")
        for k in parse.children[f.head]
    )


def _weapon_words(parse: Parse, head: int) -> list[str]:
    """The words that name a weapon, most specific first: "machine-gun" before "gun" before
    "machine" ("grenade launchers" are launchers, "heavy machine guns" heavy weapons)."""
    tok = parse.tokens[head]
    mods = [
        parse.tokens[k].lemma
        for k in parse.children[head]
        if parse.tokens[k].dep in ("compound", "amod", "nmod")
    ]
    return [*(f"{m}-{tok.lemma}" for m in mods), tok.lemma, tok.text.lower(), *mods]


def _pick(candidates: list[tuple[Actor, tuple[str, ...]]], countries: Sequence[str]) -> Actor:
    for actor, theatres in candidates:
        if any(c in theatres for c in countries[:2]):
            return actor
    return candidates[0][0]


def _fold(s: str) -> str:
    return "-".join(w for w in "".join(c.lower() if c.isalnum() else " " for c in s).split())


_DROP = frozenset(
    {
        "the",
        "a",
        "an",
        "some",
        "several",
        "unidentified",
        "unknown",
        "suspected",
        "armed",
        "presumed",
        "alleged",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "dozens",
        "of",
        "many",
        "hundreds",
        "scores",
    }
)


def _clean(name: str) -> str:
    words = name.split()
    while words and (words[0].lower() in _DROP or words[0].isdigit()):
        words = words[1:]
    return " ".join(words) or name
