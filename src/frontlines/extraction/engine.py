"""The extraction engine: triggers and their roles from the dependency parse.

For each parsed sentence: match the lexicon's triggers on lemmas and the words they need; read
each trigger's roles (roles.py) and resolve their fillers to places and actors (fillers.py);
read negation and modality (modality.py) and the reporting verb that governs the trigger
(attribution.py); date it (dating.py). Then the article-level passes: context for what the
sentence leaves open, one event per fact (dedup.py), withdrawals credited to the right side and
denials that answer earlier claims (passes.py).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

from frontlines.extraction.aggregates import find_aggregates
from frontlines.extraction.arguments import (
    RELATIONAL,
    clause_bounds,
    is_container,
    places_after,
    places_before,
    places_locative,
)
from frontlines.extraction.attribution import (
    Attribution,
    clause_attribution,
    governing_report,
    read_attribution,
    status_of,
)
from frontlines.extraction.cues import (
    CLAIMING_TRIGGER,
    DATELINE,
    DENIAL,
    FIGHTING_CUE,
    FIGHTING_KINDS,
    OWN_FORCES,
    QUOTE_OPEN,
    UNCONTESTED_BEFORE,
)
from frontlines.extraction.dating import event_date
from frontlines.extraction.dedup import CONTEXT_PLACE_RULE, merge_article_events
from frontlines.extraction.details import fatalities, persons
from frontlines.extraction.fillers import FillerResolver
from frontlines.extraction.lexicon import Lexicon, Match, Trigger
from frontlines.extraction.metonymy import metonymic_mentions
from frontlines.extraction.modality import ModalityReading, protest_topic, read_modality
from frontlines.extraction.passes import denied_after, withdrawals_to_opponents
from frontlines.extraction.roles import Filler, RoleReader
from frontlines.records import (
    TERRITORIAL,
    Actor,
    ActorKind,
    ActorMention,
    Aggregate,
    AnnotatedDocument,
    DatePrecision,
    DateSource,
    Event,
    EventType,
    Evidence,
    FieldExplanation,
    Modality,
    Parse,
    Person,
    Place,
    PlaceKind,
    PlaceMention,
    Span,
    Status,
    TimeMention,
)

_M = TypeVar("_M", ActorMention, PlaceMention, TimeMention)
DESTINATION_RULE = "place.destination-facility-city.v2"
# Clause heads of a trigger's own clause: its time and its date are read there.
_CLAUSE_DEPS = frozenset({"advcl", "ccomp", "relcl", "acl", "parataxis", "conj", "csubj"})


def _argument_places(text: str, mentions: Sequence[PlaceMention]) -> list[PlaceMention]:
    """Mentions that can be arguments: not in the dateline, and a city name that only
    qualifies the facility after it ("Herat police headquarters") gives way to the facility."""
    ordered = sorted(mentions, key=lambda m: m.span.start)
    dateline = DATELINE.match(text)
    cut = dateline.end() if dateline else 0
    out = []
    for i, m in enumerate(ordered):
        if m.span.start < cut:
            continue
        nxt = ordered[i + 1] if i + 1 < len(ordered) else None
        if (
            nxt is not None
            and nxt.facility is not None
            and m.facility is None
            and nxt.span.start - m.span.end <= 1
            and nxt.place == m.place
        ):
            continue
        out.append(m)
    return out


@dataclass(frozen=True, slots=True)
class _Sentence:
    index: int
    span: Span
    paragraph: int


@dataclass(frozen=True, slots=True)
class _Roles:
    """The resolved roles of one trigger."""

    places: list[tuple[PlaceMention, str]]
    actor: ActorMention | None
    actor_rule: str
    target: ActorMention | None
    target_text: str | None
    loser: ActorMention | None
    weapon: str | None  # the weapon class, when a weapon role is filled
    filled: frozenset[str]
    figurative: bool = False  # its target is an abstraction: "an attack on press freedom"
    open_place: bool = False  # no place slot was filled at all: the context may give one
    civilian: bool = False  # the agent is people ("residents fled"): no side is guessed


class Extractor:
    def __init__(
        self,
        lexicon: Lexicon,
        forces: Mapping[str, list[tuple[Actor, tuple[str, ...]]]] | None = None,
        demonyms: Mapping[str, tuple[str, ...]] | None = None,
    ) -> None:
        self.lexicon = lexicon
        self.forces = dict(forces or {})
        self.demonyms = dict(demonyms or {})

    def extract(
        self, doc: AnnotatedDocument, *, include_all: bool = False
    ) -> tuple[tuple[Event, ...], tuple[Aggregate, ...]]:
        run = _ArticleRun(self.lexicon, doc, self.forces, self.demonyms)
        events = merge_article_events(run.opponents_withdraw(run.candidates()))
        if not include_all:
            events = [e for e in events if not e.negated and e.modality is Modality.ASSERTED]
        return tuple(events), tuple(find_aggregates(doc))


class _ArticleRun:
    """All the per-article state of one extraction; discarded afterwards."""

    def __init__(
        self,
        lexicon: Lexicon,
        doc: AnnotatedDocument,
        forces: Mapping[str, list[tuple[Actor, tuple[str, ...]]]],
        demonyms: Mapping[str, tuple[str, ...]],
    ) -> None:
        self.lexicon = lexicon
        self.doc = doc
        self.text = doc.article.text
        self.places = _argument_places(self.text, doc.places)
        extra = metonymic_mentions(
            self.text, doc.places, doc.actors, forces, doc.countries, demonyms
        )
        self.actors = sorted([*doc.actors, *extra], key=lambda m: m.span.start)
        agents = {a.span.start for a in extra}  # "Washington pulls out": an actor, not a place
        self.places = [m for m in self.places if m.span.start not in agents]
        self.times = sorted(doc.times, key=lambda m: m.span.start)
        self.resolver = FillerResolver(
            self.text,
            self.places,
            self.actors,
            lexicon,
            forces,
            doc.countries,
            demonyms,
            referents=[m for m in doc.places if m.facility is None and m.span.start not in agents],
        )
        para_starts = [p.start for p in doc.paragraphs]
        self.sentences = [
            _Sentence(i, s, max(0, bisect.bisect_right(para_starts, s.start) - 1))
            for i, s in enumerate(doc.sentences)
        ]
        self.sentence_starts = [s.span.start for s in self.sentences]
        self.parses_by_sentence: dict[int, list[Parse]] = {}
        for p in doc.parses:
            self.parses_by_sentence.setdefault(self._sentence_of(p.sentence.start), []).append(p)
        self.last_day: dt.date | None = None
        self.recent_capture: Event | None = None
        self.scene: Event | None = None
        art = doc.article
        self.published_day = (
            art.published if art.published_precision in (None, DatePrecision.DAY) else None
        )
        self.quote_attribution: Attribution | None = None
        self.last_actor: dict[EventType, ActorMention] = {}
        self.fatalities: dict[int, int | None] = {}
        self.contested: frozenset[int] = frozenset()
        # events of this sentence that named no place at all (ids): the context may place them
        self.placeless: set[int] = set()

    def _sentence_of(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.sentence_starts, offset) - 1)

    # ------------------------------------------------------------------ driving

    def candidates(self) -> list[Event]:
        out: list[Event] = []
        paragraph = -1
        for sent in self.sentences:
            if sent.paragraph != paragraph:
                paragraph, self.recent_capture = sent.paragraph, None
            filled: list[Event] = []
            parses = self.parses_by_sentence.get(sent.index, [])
            matches = [(p, m) for p in parses for m in self.lexicon.match(p)]
            if matches:
                base = sent.span.start
                attribution = read_attribution(
                    self.text, sent.span, self._in(self.actors, sent.span),
                    [(m.span.start - base, m.span.end - base) for _, m in matches],
                )  # fmt: skip
                if not attribution.sources and QUOTE_OPEN.match(sent.span.text):
                    attribution = self.quote_attribution or attribution
                sentence_events: list[Event] = []
                self.placeless.clear()
                for parse, match in matches:
                    if self._is_outcome_of_other(
                        parse, match, [m for p, m in matches if p is parse]
                    ):
                        continue
                    sentence_events.extend(self._events_for(parse, match, sent, attribution))
                filled = self._fill_missing_places(sentence_events)
                out.extend(filled)
                self.contested |= {
                    e.place.geonameid for e in filled if e.place and e.type in TERRITORIAL
                }
            if not filled and DENIAL.search(sent.span.text):
                out = self._denied_by(sent, out)
            if re.search(r"[\"\u201d]\s*[,.]?\s*\w", sent.span.text):
                self.quote_attribution = read_attribution(
                    self.text, sent.span, self._in(self.actors, sent.span)
                )
            elif not QUOTE_OPEN.match(sent.span.text):
                self.quote_attribution = None
            day = self._sentence_day(sent)
            if day is not None:
                self.last_day = day
        return out

    def opponents_withdraw(self, events: list[Event]) -> list[Event]:
        fighting = [a.actor for a in self.actors if a.actor and a.actor.kind in FIGHTING_KINDS]
        return withdrawals_to_opponents(events, fighting)

    def _denied_by(self, sent: _Sentence, events: list[Event]) -> list[Event]:
        first = self.sentences[max(0, sent.index - 2)].span.start
        speakers = read_attribution(
            self.text, sent.span, self._in(self.actors, sent.span)
        ).speaker_actors
        return denied_after(events, sent.span, first, speakers)

    def _in(self, mentions: Sequence[_M], span: Span) -> list[_M]:
        return [m for m in mentions if span.start <= m.span.start < span.end]

    def _is_outcome_of_other(self, parse: Parse, match: Match, others: Sequence[Match]) -> bool:
        """ "An airstrike killed four", "killed in clashes", "exploded, killing five": the
        killing is the outcome of the other trigger, not an event of its own."""
        if not match.trigger.outcome:
            return False
        reader = RoleReader(parse)
        chain = {t.i for t in reader.governor_chain(match.token)[1:4]}
        related = {match.token, *chain}
        for k in parse.children[match.token]:
            related.add(k)
            related.update(parse.children[k])
        return any(o is not match and not o.trigger.outcome and o.token in related for o in others)

    # ------------------------------------------------------------------ one trigger

    def _events_for(
        self, parse: Parse, match: Match, sent: _Sentence, attribution: Attribution
    ) -> list[Event]:
        reader = RoleReader(parse)
        chosen: tuple[Match, _Roles] | None = None
        for alt in self.lexicon.alternatives(parse, match):
            roles = self._roles(parse, reader, alt)
            if alt.trigger.requires <= roles.filled and not roles.figurative:
                chosen = (alt, roles)
                break
        if chosen is None:
            return []
        match, roles = chosen
        trig = match.trigger
        span = match.span
        clause = self._clause(parse, reader, match.token)
        etype = self._retype(trig, roles, clause, sent)
        reading = read_modality(parse, match.token)
        if (
            trig.modality is not None
            and reading.modality is Modality.ASSERTED
            and not reading.negated
        ):
            reading = ModalityReading(False, trig.modality, span.text)
        if not reading.negated and reading.modality is Modality.ASSERTED:
            cue = protest_topic(
                parse, match.token, self.lexicon.classes.get("protest", frozenset())
            )
            if cue is not None:
                reading = ModalityReading(False, Modality.REFERENCED, cue)
        report = governing_report(parse, match.token)
        attribution = clause_attribution(attribution, report, self.actors)
        actor, actor_rule = roles.actor, roles.actor_rule
        if attribution.speaker_actors and (
            OWN_FORCES.search(self.text[clause[0] : span.start])
            or (actor is None and report is not None and report.speaker is not None)
        ):
            speaker = self._speaker_mention(attribution, attribution.speaker_actors[0])
            if actor is None or "last-fighting-actor" in actor_rule:
                actor, actor_rule = speaker, "actor.speaker-own-side.v2"
        if actor is None and not roles.civilian:
            actor, actor_rule = self._context_actor(etype, span, sent, attribution)
        if actor is not None and actor.actor is not None:
            self.last_actor[etype] = actor
        date, precision, date_source, time_span, date_rule = self._date(span, sent, clause)
        status, status_rule = status_of(
            attribution, actor.actor if actor else None, gain=etype is not EventType.WITHDRAW
        )
        if CLAIMING_TRIGGER.search(span.text) and status is Status.REPORTED:
            status, status_rule = Status.CLAIMED, "status.claiming-trigger.v1"
        evidence = Evidence(sent.span.text, sent.span.start, sent.span.end, span, trig.id)
        found_persons = (
            self._persons(sent) if etype in (EventType.ARREST, EventType.SURRENDER) else ()
        )
        target_text = roles.target_text or (found_persons[0].name if found_persons else None)
        slots: list[tuple[PlaceMention, str] | None] = list(roles.places) or [None]
        events: list[Event] = []
        for slot in slots:
            p, place_rule = slot if slot is not None else (None, "")
            facility = p.facility if p is not None else None
            place = p.place if p is not None else None
            explain = [
                FieldExplanation(
                    "type",
                    etype.value,
                    span,
                    trig.id + ("" if etype is trig.type else f"+retype.{etype.value}"),
                ),
                FieldExplanation("status", status.value, None, status_rule),
                FieldExplanation("date", date.isoformat() if date else "", time_span, date_rule),
            ]
            if p is not None:
                explain.append(
                    FieldExplanation(
                        "place", place.name if place else "", p.span, f"{place_rule}+{p.rule}"
                    )
                )
            if actor is not None and actor.actor is not None:
                explain.append(
                    FieldExplanation(
                        "actor", actor.actor.name, actor.span, f"{actor_rule}+{actor.rule}"
                    )
                )
            if reading.cue:
                explain.append(FieldExplanation("modality", reading.cue, None, "modality.parse.v2"))
            events.append(
                Event(
                    article_id=self.doc.article.id,
                    type=etype,
                    actor=actor.actor if actor else None,
                    place=place,
                    date=date,
                    date_precision=precision,
                    date_source=date_source,
                    status=status,
                    target=roles.target.actor if roles.target else None,
                    target_text=target_text,
                    facility=facility,
                    sources=attribution.sources,
                    negated=reading.negated,
                    modality=reading.modality,
                    evidence=(evidence,),
                    explanations=tuple(explain),
                    persons=found_persons,
                    fatalities=self._fatalities(sent),
                    published=self.published_day,
                    url=self.doc.article.url,
                    outlet=self.doc.article.outlet,
                )
            )
        if roles.open_place:
            self.placeless.update(id(e) for e in events)
        if roles.loser is not None and roles.loser.actor is not None:
            note = FieldExplanation(
                "actor", roles.loser.actor.name, roles.loser.span, "actor.loser.v2"
            )
            events += [
                replace(e, type=EventType.WITHDRAW, actor=roles.loser.actor, status=e.status,
                        explanations=(*e.explanations, note))
                for e in events if e.type is EventType.CAPTURE and e.place is not None
            ]  # fmt: skip
        return events

    def _roles(self, parse: Parse, reader: RoleReader, match: Match) -> _Roles:
        trig = match.trigger
        places: list[tuple[PlaceMention, str]] = []
        actor: ActorMention | None = None
        actor_rule = ""
        target: ActorMention | None = None
        target_text: str | None = None
        loser: ActorMention | None = None
        weapon: str | None = None
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
                    places = self._places(parse, fillers, trig)
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
                    person = mention is not None or self._is_person(parse, f)
                    if not person:
                        continue
                    target = mention
                    lo, hi = reader.phrase(f.head)
                    target_text = self.text[lo:hi]
                    filled.add(role)
                    break
                elif role == "weapon":
                    for f in fillers:
                        for cls in ("weapon_strike", "weapon_explosive"):
                            if self.resolver.word_class(parse, f, cls):
                                weapon = cls
                                break
                        if weapon:
                            break
                    if weapon:
                        filled.add(role)
                        break
        if trig.destination:
            places = [
                (PlaceMention(p.span, p.place, p.confidence, p.rule), DESTINATION_RULE)
                for p, _ in places[:1] if p.facility is not None and p.place is not None
            ]  # fmt: skip
        if (
            not places
            and had_filler
            and trig.type in TERRITORIAL
            and self._position_filler(parse, reader, match)
        ):
            # "pulled out of their camp, at Tessalit": the position's place is the trigger's
            near = [f for f in reader.fill(match, "locative") if not f.near]
            places = self._places(parse, near, trig)
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
        return _Roles(
            places,
            actor,
            actor_rule,
            target,
            target_text,
            loser,
            weapon,
            frozenset(filled),
            figurative,
            not places and not had_filler,
            civilian,
        )

    def _places(
        self, parse: Parse, fillers: Sequence[Filler], trig: Trigger
    ) -> list[tuple[PlaceMention, str]]:
        out: list[tuple[PlaceMention, str]] = []
        seen: set[tuple[int, str | None]] = set()
        territorial = trig.type in TERRITORIAL
        for f in fillers:
            if f.near and territorial:
                continue  # "south of Kabul", "near Gao": a reference point does not change hands
            mention, rule = self.resolver.place(parse, f, self.contested)
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
        from frontlines.extraction.roles import POSITION_WORDS

        for slot in match.trigger.roles.get("place", ()):
            fillers = reader.fill(match, slot)
            if fillers:
                return parse.tokens[fillers[0].head].lemma in POSITION_WORDS
        return False

    def _surface_clause(self, match: Match) -> tuple[int, int]:
        sent = self.doc.sentences[self._sentence_of(match.span.start)]
        starts = frozenset(m.span.start for m in self.places)
        return clause_bounds(self.text, sent, match.span.start, match.span.end, starts)

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
            if not seat and (
                is_container(self.text, m, last_end) or RELATIONAL.search(gap) or "(" in gap
            ):
                continue
            if m.place.kind is PlaceKind.COUNTRY:
                continue
            if m.place.kind in (PlaceKind.ADMIN1, PlaceKind.ADMIN2) and _contains(m.place, inner):
                continue
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

    def _retype(
        self, trig: Trigger, roles: _Roles, clause: tuple[int, int], sent: _Sentence
    ) -> EventType:
        etype = trig.type
        if trig.if_uncontested is not None and not self._contested(roles, clause, sent):
            etype = trig.if_uncontested
        onto = self.lexicon.ontology.get(etype)
        if onto is None or not onto.retype:
            return etype
        for cls, new in onto.retype.items():
            if cls == roles.weapon:
                return new
            if (
                cls == "armed"
                and roles.target is not None
                and roles.target.actor is not None
                and roles.target.actor.kind in FIGHTING_KINDS
            ):
                return new
            if (
                cls == "armed"
                and roles.target is None
                and roles.target_text is not None
                and any(
                    self.lexicon.in_class("armed", w.lower().rstrip("s"))
                    or self.lexicon.in_class("armed", w.lower())
                    for w in roles.target_text.split()[-2:]
                )
            ):
                return new
        return etype

    def _contested(self, roles: _Roles, clause: tuple[int, int], sent: _Sentence) -> bool:
        """Fighting told in the trigger's clause, or elsewhere in the sentence unless that
        fighting is placed somewhere else ("... stormed the city, while battles raged near
        Mazar-i-Sharif" leaves the city taken)."""
        text = sent.span.text
        base = sent.span.start
        own = {p.place.geonameid for p, _ in roles.places if p.place is not None}
        for m in FIGHTING_CUE.finditer(text):
            if UNCONTESTED_BEFORE.search(text[: m.start()]):
                continue
            at = base + m.start()
            if clause[0] <= at < clause[1]:
                return True
            nearby = [
                p for p in self.places
                if at < p.span.start < min(at + 80, sent.span.end) and p.place is not None
            ]  # fmt: skip
            if nearby and not any(p.place is not None and p.place.geonameid in own for p in nearby):
                continue
            return True
        return False

    def _clause(self, parse: Parse, reader: RoleReader, token: int) -> tuple[int, int]:
        """Characters of the trigger's own clause: its clause head's words without the
        clauses embedded in it."""
        chain = reader.governor_chain(token)
        head = chain[0]
        for t in chain:
            head = t
            if t.pos in ("VERB", "AUX") or t.dep in _CLAUSE_DEPS or t.head == t.i:
                break
        lo, hi = head.start, head.end
        stack = [head.i]
        while stack:
            i = stack.pop()
            for k in parse.children[i]:
                kid = parse.tokens[k]
                if kid.dep in _CLAUSE_DEPS and k != token and token not in _subtree(parse, k):
                    continue
                lo, hi = min(lo, kid.start), max(hi, kid.end)
                stack.append(k)
        return lo, hi

    def _speaker_mention(self, attribution: Attribution, actor: Actor) -> ActorMention:
        for a in self.actors:
            if a.actor == actor and any(s.start <= a.span.start < s.end for s in attribution.spans):
                return a
        span = attribution.spans[0] if attribution.spans else Span(0, 0, "")
        return ActorMention(span, actor, 0.6, "actor.speaker.v1")

    def _context_actor(
        self, etype: EventType, span: Span, sent: _Sentence, attribution: Attribution
    ) -> tuple[ActorMention | None, str]:
        """No actor in the trigger's roles: the sentence, the speaker, then the article."""
        fighting = [
            a for a in self.actors if a.actor is not None and a.actor.kind in FIGHTING_KINDS
        ]
        in_sentence = [
            a
            for a in self._in(fighting, sent.span)
            if not any(s.start <= a.span.start < s.end for s in attribution.spans)
        ]
        if etype is EventType.WITHDRAW:
            before = [a for a in in_sentence if a.span.start < span.start]
            if before:
                return before[-1], "actor.sentence-before.v1"
            return None, "actor.none.v1"
        party = [a for a in attribution.speaker_actors if a.kind in FIGHTING_KINDS]
        if etype is EventType.CAPTURE and party and not in_sentence:
            return self._speaker_mention(attribution, party[0]), "actor.party-speaks-of-own-gain.v1"
        if in_sentence and etype in TERRITORIAL:
            before = [a for a in in_sentence if a.span.start < span.start]
            return (before[-1] if before else in_sentence[0]), "actor.sentence.v1"
        previous = self.last_actor.get(etype)
        if etype not in TERRITORIAL and previous is not None:
            return previous, "actor.same-type-continuity.v1"
        if etype in TERRITORIAL:
            counts: dict[str, int] = {}
            for a in fighting:
                assert a.actor is not None
                counts[a.actor.id] = counts.get(a.actor.id, 0) + 1
            if fighting:
                best = max(
                    fighting,
                    key=lambda a: (
                        counts[a.actor.id if a.actor else ""],
                        a.span.start < span.start,
                        a.span.start,
                    ),
                )
                return best, "actor.document-salient.v1"
        return None, "actor.none.v1"

    # ------------------------------------------------------------------ dates

    def _date(
        self, span: Span, sent: _Sentence, clause: tuple[int, int]
    ) -> tuple[dt.date | None, DatePrecision, DateSource, Span | None, str]:
        paragraph: list[Span] = []
        for prev in reversed(self.sentences[: sent.index]):
            if prev.paragraph != sent.paragraph:
                break
            paragraph.append(prev.span)
        return event_date(
            self.text, self.times, self.doc, span, sent.span, clause, paragraph, self.last_day
        )

    def _sentence_day(self, sent: _Sentence) -> dt.date | None:
        days = [
            t.value
            for t in self._in(self.times, sent.span)
            if t.value is not None and t.precision is DatePrecision.DAY
        ]
        return days[-1] if days else None

    # ------------------------------------------------------------------ the rest

    def _fill_missing_places(self, events: list[Event]) -> list[Event]:
        """A withdrawal with no place of its own shares the place of the territorial event it
        is reported with; a clash, arrest or strike with none happened where the story is."""
        here = next(
            (
                e
                for e in events
                if e.place is not None
                and e.type in TERRITORIAL
                and e.type is not EventType.WITHDRAW
            ),
            None,
        )
        anchor = here or self.recent_capture
        out = []
        for e in events:
            if e.type is EventType.WITHDRAW and (
                e.actor is None or e.actor.kind not in FIGHTING_KINDS
            ):
                continue  # civilians fleeing a town, or nobody: not a military withdrawal
            if (
                e.place is None
                and e.type is EventType.WITHDRAW
                and id(e) in self.placeless
                and not sentence_only_nominal(e)
            ):
                # "X took P after Y fled", "held the town for hours before pulling out": the
                # town of the sentence; the taker leaving again is told by the last town named
                same_side = here is not None and here.actor == e.actor
                place = here.place if here is not None and not same_side else None
                rule = "place.same-sentence.v1"
                if place is None:
                    ev = e.evidence[0]
                    last = self._last_city(ev.start, ev.trigger.start)
                    place, rule = (
                        (last[0].place, "place.last-town-named.v1") if last else (None, "")
                    )
                if place is not None:
                    e = replace(
                        e, place=place, facility=None,
                        explanations=(
                            *e.explanations,
                            FieldExplanation("place", place.name, None, rule),
                        ),
                    )  # fmt: skip
            if e.place is None and e.type in TERRITORIAL:
                continue
            scene = anchor or self.scene
            if e.place is None and scene is not None and scene.place is not None:
                e = replace(
                    e,
                    place=scene.place,
                    explanations=(
                        *e.explanations,
                        FieldExplanation("place", scene.place.name, None, CONTEXT_PLACE_RULE),
                    ),
                )
            out.append(e)
        captures = [
            e
            for e in out
            if e.type is EventType.CAPTURE
            and e.place is not None
            and e.facility is None
            and not e.negated
        ]
        if captures:
            self.recent_capture = self.scene = captures[-1]
        return out

    def _last_city(self, start: int, end: int) -> list[PlaceMention]:
        """The last city (not a facility) named in [start, end), as a list of at most one."""
        cities = [
            m
            for m in self.places
            if start <= m.span.start < end
            and m.place is not None
            and m.place.kind is PlaceKind.CITY
            and m.facility is None
        ]
        return cities[-1:]

    def _persons(self, sent: _Sentence) -> tuple[Person, ...]:
        excluded = [a.span for a in self._in(self.actors, sent.span)]
        excluded += [
            p.span for p in self.doc.places if sent.span.start <= p.span.start < sent.span.end
        ]
        return persons(sent.span, excluded)

    def _fatalities(self, sent: _Sentence) -> int | None:
        if sent.index not in self.fatalities:
            self.fatalities[sent.index] = fatalities(sent.span.text)
        return self.fatalities[sent.index]


# A place right after one of these is a container or a reference point, not a list item.
_NOT_LISTED = frozenset(
    {"in", "of", "near", "from", "to", "outside", "between", "at", "into", "toward", "towards",
     "around", "across", "inside", "via", "through", "along", "beyond", "with", "by", "on"}
)  # fmt: skip


def _generic(parse: Parse, f: Filler) -> bool:
    """A filler that stands for places without naming them: "three capitals", "19 of them"."""
    from frontlines.extraction.roles import PLACE_KIND_WORDS

    tok = parse.tokens[f.head]
    return tok.pos == "NUM" or (tok.lemma in PLACE_KIND_WORDS and tok.tag in ("NNS", "NNPS"))


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


def sentence_only_nominal(e: Event) -> bool:
    """A withdrawal told by a noun ("their pullout") with no place is a general one."""
    return bool(e.evidence) and e.evidence[0].rule.startswith("withdraw.nominal")


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


def _subtree(parse: Parse, i: int) -> set[int]:
    out = {i}
    stack = [i]
    while stack:
        for k in parse.children[stack.pop()]:
            out.add(k)
            stack.append(k)
    return out


__all__ = ["ActorKind", "Extractor"]
