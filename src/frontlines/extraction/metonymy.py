"""Actors named by a place or a person: "Russia said", "Kyiv's forces", "Ukraine's capture of
Lyman", "Petrenko said" (after "Ivan Petrenko, a spokesman for the Ukrainian army").

News names a state by its country or capital, and a side by its spokesman. The actor dictionary
cannot list these (every "in eastern Ukraine" would become an actor), so they are read here, in
argument positions only: the subject of a verb, a possessive, or after "by".
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from frontlines.records import Actor, ActorKind, ActorMention, PlaceKind, PlaceMention, Span

# After the name: a possessive or a verb that makes it an agent or a speaker.
AGENT_AFTER = re.compile(
    r"^(?:(?:'s|\u2019s)\s+(?:[\w-]+\s+){0,2}?(?:army|forces|troops|military|soldiers"
    r"|capture"
    r"|recapture|seizure|takeover|withdrawal|retreat|ministry|government|offensive"
    r"|counteroffensive|counter-offensive|units|fighters|advance|defen[cs]e|staff|command)"
    r"|\s+(?:said|says|say|claimed|claims|announced|confirmed|denied|reported|stated"
    r"|insisted|has|had|have|is|was|were|are|captured|seized|took|retook|recaptured|liberated"
    r"|withdrew|withdraws|retreated|pulled|regained|launched|declared|added|acknowledged"
    r"|admitted|told))\b"
)
# A spokesman named again is a speaker, never an agent: "Petrenko said".
SPEAKER_AFTER = re.compile(
    r"^\s+(?:said|says|told|tells|added|claimed|claims|confirmed|denied|announced|wrote|tweeted"
    r"|stated|insisted)\b"
)
BY_BEFORE = re.compile(r"\bby\s+$")
# "Ivan Petrenko, a spokesman for the Ukrainian army": the role is found
# first (a cheap scan), then the name right before its comma.
ROLE = re.compile(
    r",\s+(?:a\s+|the\s+)?(?:[\w-]+\s+){0,3}?(?:spokes(?:man|woman|person)|commander|official"
    r"|minister|head|chief|leader|governor)\b[^.;,]{0,80}"
)
NAME_BEFORE = re.compile(r"(?:[A-Z][\w'\u2019-]+\s+){0,3}(?P<last>[A-Z][\w'\u2019-]+)$")

RULE_COUNTRY = "actor.country-metonymy.v1"
RULE_INSTITUTION = "actor.state-institution.v1"
RULE_PERSON = "actor.spokesman-affiliation.v1"


def forces_by_country(
    actors: Sequence[Actor], theatres: Mapping[str, tuple[str, ...]]
) -> dict[str, list[tuple[Actor, tuple[str, ...]]]]:
    """Country code -> its state forces (dictionary order), with the theatres of each."""
    out: dict[str, list[tuple[Actor, tuple[str, ...]]]] = {}
    for actor in actors:
        if actor.kind is ActorKind.STATE_FORCES and actor.country:
            out.setdefault(actor.country, []).append((actor, theatres.get(actor.id, ())))
    return out


def metonymic_mentions(
    text: str,
    places: Sequence[PlaceMention],
    actors: Sequence[ActorMention],
    forces: Mapping[str, list[tuple[Actor, tuple[str, ...]]]],
    countries: Sequence[str],
    demonyms: Mapping[str, tuple[str, ...]] | None = None,
) -> list[ActorMention]:
    """Actor mentions for countries/capitals in agent position and for known spokesmen."""
    out: list[ActorMention] = []
    for m in places:
        p = m.place
        if p is None or p.country not in forces:
            continue
        is_country = p.kind is PlaceKind.COUNTRY
        is_capital = p.kind is PlaceKind.CITY and p.admin_seat == 0
        if not (is_country or is_capital):
            continue
        if any(a.span.start <= m.span.start < a.span.end for a in actors):
            continue  # part of a name: "the Islamic Emirate of Afghanistan"
        after = text[m.span.end : m.span.end + 20]
        before = text[max(0, m.span.start - 6) : m.span.start]
        if not (AGENT_AFTER.match(after) or BY_BEFORE.search(before)):
            continue
        actor = pick_forces(forces[p.country], countries)
        out.append(ActorMention(m.span, actor, 0.7, RULE_COUNTRY))
    by_name: dict[str, Actor] = {}
    for aff in ROLE.finditer(text):
        name = NAME_BEFORE.search(text, max(0, aff.start() - 60), aff.start())
        if name is None:
            continue
        inside = [
            a.actor
            for a in [*actors, *out]
            if a.actor is not None and aff.start() <= a.span.start < aff.end()
        ]
        if not inside and demonyms:
            # "a spokesman for the Ukrainian southern command": the demonym names the side.
            for cc, words in demonyms.items():
                if cc in forces and any(
                    re.search(rf"\b{re.escape(w)}\b", aff.group()) for w in words
                ):
                    inside = [pick_forces(forces[cc], countries)]
                    break
        if inside:
            by_name[name.group("last")] = inside[0]
    if by_name:
        names = re.compile(r"\b(" + "|".join(map(re.escape, by_name)) + r")\b")
        taken = {a.span.start for a in actors}
        for hit in names.finditer(text):
            if hit.start() not in taken and SPEAKER_AFTER.match(text[hit.end() : hit.end() + 20]):
                span = Span(hit.start(), hit.end(), hit.group())
                out.append(ActorMention(span, by_name[hit.group()], 0.6, RULE_PERSON))
    return out


def institution_mentions(
    text: str,
    actors: Sequence[ActorMention],
    forces: Mapping[str, list[tuple[Actor, tuple[str, ...]]]],
    countries: Sequence[str],
    demonyms: Mapping[str, tuple[str, ...]] | None = None,
) -> list[ActorMention]:
    """ "The Defense Ministry said", "Russia's General Staff": an institution that speaks for
    its state's forces (``data/status_cues.yaml``), so that its announcement of their gain is
    their claim. Its state is the one named right before it ("the Russian defence ministry"),
    else the article's first country. These are speakers only, never agents: the engine reads
    them in attribution alone."""
    from frontlines.extraction.attribution import status_cues  # the status path's data

    home = next((c for c in countries[:1] if c in forces), None)
    out = []
    for m in status_cues().institutions.finditer(text):
        if any(a.span.start <= m.start() < a.span.end for a in actors):
            continue
        before = text[max(0, m.start() - 30) : m.start()]
        named = [
            cc for cc, words in (demonyms or {}).items()
            if cc in forces
            and any(re.search(rf"\b{re.escape(w)}\s+$", before) for w in words)
        ]  # fmt: skip
        if not named and re.search(r"(?:'s|\u2019s)\s+$", before):
            continue  # "Ukraine's defence ministry": the country itself is the mention
        cc = named[0] if named else home
        if cc is None:
            continue
        out.append(
            ActorMention(
                Span(m.start(), m.end(), m.group()),
                pick_forces(forces[cc], countries),
                0.6,
                RULE_INSTITUTION,
            )
        )
    return out


def pick_forces(candidates: list[tuple[Actor, tuple[str, ...]]], countries: Sequence[str]) -> Actor:
    """The state forces fighting in the article's countries, else the first listed."""
    for actor, theatres in candidates:
        if any(c in theatres for c in countries[:2]):
            return actor
    return candidates[0][0]
