"""From role fillers to places and actors: the gazetteer's and the dictionary's mentions inside
a filler, a country standing for its state, a pronoun or a kind word ("it", "the city", "the
group") read back to what it stands for, and what neither resource knows.

Each resolution carries the rule that made it, for the event's explanation.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from frontlines.annotate.actors import HeadClass
from frontlines.extraction.arguments import anaphoric_place
from frontlines.extraction.cues import FIGHTING_KINDS
from frontlines.extraction.lexicon import Lexicon
from frontlines.extraction.metonymy import pick_forces
from frontlines.extraction.roles import PLACE_KIND_WORDS, Filler, RoleReader
from frontlines.records import (
    Actor,
    ActorKind,
    ActorMention,
    Parse,
    PlaceKind,
    PlaceMention,
    Span,
    Token,
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
# The rules that read an actor the dictionary lacks (cited in the event's explanation).
RULE_HEAD = "actor.open-world.head-noun.v1"
RULE_HEAD_COUNTRY = "actor.open-world.head-noun+country-forces.v1"
RULE_POSSESSIVE = "actor.open-world.possessive-country.v1"
RULE_DEMONYM = "actor.open-world.demonym.v1"
RULE_BACKED = "actor.open-world.backed-by.v1"
RULE_PRO = "actor.open-world.pro.v1"
# "Turkish-backed rebels", "Iran-aligned militias": the backer before the head
BACKED = re.compile(
    r"\b(?P<who>[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)\s?[-\u2010\u2011]\s?"
    r"(?:backed|supported|allied|aligned|sponsored)\b"
)
# "pro-government forces", "pro-Hadi militias", "pro-Russian separatists"
PRO = re.compile(r"\b[Pp]ro\s?[-\u2010\u2011]\s?(?P<who>[\w.]+(?:\s[A-Z][\w.]*)?)")


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
        open_heads: Mapping[str, HeadClass] | None = None,
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
        # head nouns of unnamed actors (actors.yaml ``open_world.heads``)
        self.heads: Mapping[str, HeadClass] = open_heads if open_heads is not None else {}

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
            opened = self._opened(parse, f)
            if opened is not None and opened.span.end > tok.start:
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
        if _names_something(parse, f):
            # a name in a place role the gazetteer lacks: placed by what the text says of it
            opened = self._opened(parse, f)
            if opened is not None and (not opened.rule.endswith(".country.v1") or _placelike(f)):
                return opened, f"place.{f.slot}+open-world"
        return None, ""

    def _opened(self, parse: Parse, f: Filler) -> PlaceMention | None:
        """The open-world reading of the filler's phrase, when it has a place."""
        if self.open_place is None:
            return None
        found = self.open_place(Span(f.start, f.end, self.text[f.start : f.end]), parse.sentence)
        return found if found is not None and found.place is not None else None

    def _places_in(self, start: int, end: int) -> list[PlaceMention]:
        """Mentions overlapping [start, end) ("the governor's office" for "office")."""
        return [m for m in _overlapping(self.places, self.place_starts, start, end) if m.place]

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
        head = self._head_class(tok)
        if head is not None:
            backed = self._backed(parse, reader, f, lo, hi, head)
            if backed is not None:
                return backed, f"actor.{f.slot}"
        for m in self._places_in(lo, hi):
            p = m.place
            if p is None or p.country is None:
                continue
            if p.kind is PlaceKind.COUNTRY or (p.kind is PlaceKind.CITY and p.admin_seat == 0):
                if head is not None and self._possessor(parse, f.head, m):
                    # "Chad's army", "Syria's rebels": the country's own forces or groups
                    mention = self._of_country(p.country, head, Span(lo, hi, self.text[lo:hi]))
                    return ActorMention(
                        mention.span, mention.actor, 0.65, RULE_POSSESSIVE
                    ), f"actor.{f.slot}"
                if p.country not in self.forces:
                    continue
                actor = pick_forces(self.forces[p.country], self.countries)
                return ActorMention(
                    m.span, actor, 0.7, "actor.country-metonymy.v2"
                ), f"actor.{f.slot}"
        cc = self.demonym_country.get(tok.text.lower())
        if cc is not None and cc in self.forces and tok.pos in ("ADJ", "PROPN", "NOUN"):
            # "Russian strikes", "Israeli troops": the state's forces
            actor = pick_forces(self.forces[cc], self.countries)
            span = Span(tok.start, tok.end, tok.text)
            return ActorMention(span, actor, 0.6, "actor.demonym.v2"), f"actor.{f.slot}"
        if head is not None and tok.pos in ("NOUN", "PROPN"):
            for k in parse.children[f.head]:
                mod = parse.tokens[k]
                cc = self.demonym_country.get(mod.text.lower())
                if cc is not None and mod.dep in ("amod", "compound", "nmod"):
                    # "Azerbaijani police units", "Malian jihadists": the country's own
                    mention = self._of_country(cc, head, Span(lo, hi, self.text[lo:hi]))
                    return ActorMention(
                        mention.span, mention.actor, 0.6, RULE_DEMONYM
                    ), f"actor.{f.slot}"
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
            last = self._last_fighting_before(tok.start)
            if last is not None:
                return last, f"actor.{f.slot}+pronoun-last-fighting-actor"
            return None, ""
        if head is not None and tok.pos in ("NOUN", "PROPN"):
            possessors = [
                parse.tokens[k] for k in parse.children[f.head]
                if parse.tokens[k].dep == "poss" and parse.tokens[k].text.lower() in PRONOUNS_ACTOR
            ]  # fmt: skip
            if possessors:
                # "its forces", "their fighters": the side the pronoun stands for
                last = self._last_fighting_before(tok.start)
                if last is not None:
                    return last, f"actor.{f.slot}+possessive-last-fighting-actor"
            name = self.text[lo:hi]
            span = Span(lo, hi, name)
            if head.kind is ActorKind.STATE_FORCES and self._bare(parse, reader, f.head):
                cc = self.countries[0] if self.countries else None
                if cc is not None and cc in self.forces:
                    # "army units" in an article about one country: its state's forces, as
                    # the dictionary reads "the army" or "troops"
                    actor = pick_forces(self.forces[cc], self.countries)
                    return ActorMention(span, actor, 0.5, RULE_HEAD_COUNTRY), f"actor.{f.slot}"
            side = head.side
            pro = PRO.search(name)
            if pro is not None:
                side = self._pro_side(pro.group("who")) or side
            actor = Actor(id=f"open:{_fold(name)}", name=_clean(name), kind=head.kind, side=side)
            rule = RULE_PRO if pro is not None else RULE_HEAD
            return ActorMention(span, actor, 0.5, rule), f"actor.{f.slot}"
        return None, ""

    # ------------------------------------------------------------------ open world

    def _head_class(self, tok: Token) -> HeadClass | None:
        """The class of an unnamed actor's head noun ("gunmen", "troops"), if it is one."""
        if tok.pos not in ("NOUN", "PROPN"):
            return None
        return self.heads.get(tok.lemma.lower()) or self.heads.get(tok.text.lower())

    def _bare(self, parse: Parse, reader: RoleReader, head: int) -> bool:
        """Whether the phrase is its head noun alone, or with other head nouns and quantifiers
        ("army units", "the soldiers"): nothing that says whose forces they are."""
        if any(
            parse.tokens[k].dep in ("acl", "prep", "appos", "poss") for k in parse.children[head]
        ):
            return False  # "forces aligned with the government": qualified
        lo, hi = reader.phrase(head)
        return all(
            t.i == head or t.text.lower() in _DROP or t.pos in ("DET", "NUM")
            or self._head_class(t) is not None
            for t in parse.tokens if lo <= t.start < hi
        )  # fmt: skip

    def _possessor(self, parse: Parse, head: int, m: PlaceMention) -> bool:
        """Whether the place is the head's possessor ("Chad's army")."""
        return any(
            parse.tokens[k].dep == "poss"
            and parse.tokens[k].start < m.span.end
            and m.span.start < parse.tokens[k].end
            for k in parse.children[head]
        )

    def _of_country(self, cc: str, head: HeadClass, span: Span) -> ActorMention:
        """A country's own forces (canonical when the dictionary knows them, else named as
        written) or, for a rebel/militia head, an open-world group of that country."""
        if head.kind is ActorKind.STATE_FORCES and cc in self.forces:
            return ActorMention(span, pick_forces(self.forces[cc], self.countries), 0.6, "")
        if head.kind is ActorKind.STATE_FORCES:
            actor = Actor(
                id=f"{cc.lower()}_forces", name=_clean(span.text), kind=head.kind, country=cc,
                side="government",
            )  # fmt: skip
            return ActorMention(span, actor, 0.6, "")
        actor = Actor(
            id=f"open:{_fold(span.text)}", name=_clean(span.text), kind=head.kind, country=cc,
            side=head.side,
        )  # fmt: skip
        return ActorMention(span, actor, 0.6, "")

    def _backed(
        self, parse: Parse, reader: RoleReader, f: Filler, lo: int, hi: int, head: HeadClass
    ) -> ActorMention | None:
        """ "Turkish-backed rebels", "Iran-aligned militias": an actor of the head's kind, on
        the side of its backer (side ``<CC>-backed``), named as written."""
        name = self.text[lo:hi]
        hit = BACKED.search(name)
        if hit is None or lo + hit.end() > parse.tokens[f.head].start:
            return None
        cc = self._country_of(hit.group("who"), lo + hit.start(), lo + hit.end())
        side = f"{cc}-backed" if cc else f"{hit.group('who')}-backed"
        actor = Actor(id=f"open:{_fold(name)}", name=_clean(name), kind=head.kind, side=side)
        return ActorMention(Span(lo, hi, name), actor, 0.55, RULE_BACKED)

    def _country_of(self, word: str, start: int, end: int) -> str | None:
        """The country a demonym or a country name stands for ("Turkish", "Turkey")."""
        cc = self.demonym_country.get(word.lower())
        if cc is not None:
            return cc
        for m in self._places_in(start, end):
            if m.place is not None and m.place.kind is PlaceKind.COUNTRY:
                return m.place.country
        return None

    def _pro_side(self, who: str) -> str | None:
        """The side a "pro-X" phrase names: the government's, or a backer country's."""
        if who.lower() in ("government", "regime", "state"):
            return "government"
        cc = self.demonym_country.get(who.lower())
        return f"{cc}-backed" if cc else None

    def _last_fighting_before(self, pos: int) -> ActorMention | None:
        """The last armed side named before ``pos``: what "it", "the group", "its forces"
        stand for."""
        before = [
            a for a in self.actors
            if a.span.end <= pos and a.actor is not None and a.actor.kind in FIGHTING_KINDS
        ]  # fmt: skip
        return before[-1] if before else None

    def _actors_in(self, start: int, end: int) -> list[ActorMention]:
        """Mentions overlapping [start, end) ("the insurgents" for "insurgents")."""
        return [m for m in _overlapping(self.actors, self.actor_starts, start, end) if m.actor]

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


_Mention = TypeVar("_Mention", PlaceMention, ActorMention)


def _overlapping(
    mentions: Sequence[_Mention], starts: Sequence[int], start: int, end: int
) -> list[_Mention]:
    """The mentions (sorted by start, ``starts`` their starts) overlapping [start, end)."""
    lo = max(0, bisect.bisect_left(starts, start) - 2)
    hi = bisect.bisect_left(starts, end)
    return [m for m in mentions[lo:hi] if m.span.end > start and m.span.start < end]


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
