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
from typing import TYPE_CHECKING, TypeVar

from frontlines.annotate.actors import HeadClass
from frontlines.extraction.aggregates import find_aggregates
from frontlines.extraction.attribution import (
    CONFIRM_VERBS,
    DENY_VERBS,
    Attribution,
    answer_verbs,
    clause_attribution,
    governing_report,
    read_attribution,
    status_cues,
    status_of,
)
from frontlines.extraction.cues import (
    CLAIMING_TRIGGER,
    DATELINE,
    FIGHTING_KINDS,
    OWN_FORCES,
    QUOTE_OPEN,
)
from frontlines.extraction.dating import event_date
from frontlines.extraction.dedup import CONTEXT_PLACE_RULE, merge_article_events
from frontlines.extraction.details import fatalities, persons
from frontlines.extraction.fillers import FillerResolver
from frontlines.extraction.lexicon import Lexicon, Match
from frontlines.extraction.metonymy import institution_mentions, metonymic_mentions
from frontlines.extraction.modality import ModalityReading, protest_topic, read_modality
from frontlines.extraction.passes import (
    answered_after,
    denied_after,
    withdrawals_to_opponents,
)
from frontlines.extraction.reading import RoleResolver, Roles
from frontlines.extraction.roles import RoleReader
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
    PlaceKind,
    PlaceMention,
    Span,
    Status,
    TimeMention,
)

if TYPE_CHECKING:
    from frontlines.annotate.places import PlaceResolver

_M = TypeVar("_M", ActorMention, PlaceMention, TimeMention)
# A confirmation or denial answers the accounts of this many sentences before it.
ANSWER_SENTENCES = 3
# The status rules of an account governed by a confirming or denying verb (an answer).
_ANSWER_STATUS_RULES = ("status.confirmation-verb.v1", "status.denial-verb.v1")


def _argument_places(text: str, mentions: Sequence[PlaceMention]) -> list[PlaceMention]:
    """Mentions that can be arguments: not in the dateline, nor a facility placed only by the
    dateline's city ("HERAT (AP) - ... seized a border crossing" is not in Herat), and a city
    name that only qualifies the facility after it ("Herat police headquarters") gives way to
    the facility."""
    ordered = sorted(mentions, key=lambda m: m.span.start)
    dateline = DATELINE.match(text)
    cut = dateline.end() if dateline else 0
    named_after = {
        m.place.geonameid for m in ordered if m.place and m.span.start >= cut and m.facility is None
    }
    out = []
    for i, m in enumerate(ordered):
        if m.span.start < cut:
            continue
        if (
            m.facility is not None
            and "nearest-city" in m.rule
            and m.place is not None
            and m.place.geonameid not in named_after
        ):
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


class Extractor:
    def __init__(
        self,
        lexicon: Lexicon,
        forces: Mapping[str, list[tuple[Actor, tuple[str, ...]]]] | None = None,
        demonyms: Mapping[str, tuple[str, ...]] | None = None,
        places: PlaceResolver | None = None,
        open_heads: Mapping[str, HeadClass] | None = None,
    ) -> None:
        self.lexicon = lexicon
        self.forces = dict(forces or {})
        self.demonyms = dict(demonyms or {})
        self.places = places  # for names in place roles the gazetteer lacks
        self.open_heads = open_heads

    def extract(
        self, doc: AnnotatedDocument, *, include_all: bool = False
    ) -> tuple[tuple[Event, ...], tuple[Aggregate, ...]]:
        run = _ArticleRun(
            self.lexicon, doc, self.forces, self.demonyms, self.places, self.open_heads
        )
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
        places: PlaceResolver | None = None,
        open_heads: Mapping[str, HeadClass] | None = None,
    ) -> None:
        self.lexicon = lexicon
        self.doc = doc
        self.text = doc.article.text
        self.places = _argument_places(self.text, doc.places)
        extra = metonymic_mentions(
            self.text, doc.places, doc.actors, forces, doc.countries, demonyms
        )
        self.actors = sorted([*doc.actors, *extra], key=lambda m: m.span.start)
        # "the Defense Ministry said": speakers for their state's forces, never agents
        institutions = institution_mentions(self.text, self.actors, forces, doc.countries, demonyms)
        self.speakers = sorted([*self.actors, *institutions], key=lambda m: m.span.start)
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
            open_place=self._open_place if places is not None else None,
            open_heads=open_heads,
        )
        self._places_resolver = places
        self.roles = RoleResolver(self.text, self.places, doc.sentences, self.resolver, lexicon)
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
                    self.text, sent.span, self._in(self.speakers, sent.span),
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
                answers = _answers(sentence_events, filled)
                if answers:
                    first = self.sentences[max(0, sent.index - ANSWER_SENTENCES)].span.start
                    # an actor guessed from the context is no reason not to answer
                    unguessed = [
                        replace(a, actor=None) if _guessed_actor(a) else a for a in answers
                    ]
                    out, answered = answered_after(
                        out, unguessed, sent.span, first, attribution.speaker_actors
                    )
                    filled = _adopt_actors(filled, answers, answered)
                out.extend(filled)
                self.contested |= {
                    e.place.geonameid for e in filled if e.place and e.type in TERRITORIAL
                }
            if not filled:
                out = self._answered_by_account(sent, out)
            if re.search(r"[\"\u201d]\s*[,.]?\s*\w", sent.span.text):
                self.quote_attribution = read_attribution(
                    self.text, sent.span, self._in(self.speakers, sent.span)
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

    def _answered_by_account(self, sent: _Sentence, events: list[Event]) -> list[Event]:
        """A sentence with no event of its own that denies ("The army denied the claims") or
        confirms an account ("Officials confirmed the reports") answers the accounts of the
        sentences just before it. A negated verb ("cannot confirm or deny") answers nothing."""
        cues = status_cues()
        status: Status | None = None
        for parse in self.parses_by_sentence.get(sent.index, []):
            for verb, said in answer_verbs(parse):
                if said is Status.DENIED:
                    status = said
                    break
                objects = [
                    parse.tokens[k] for k in parse.children[verb.i]
                    if parse.tokens[k].dep in ("dobj", "nsubjpass")
                ]  # fmt: skip
                if any(o.lemma in cues.account_nouns for o in objects):
                    status = said
            if status is Status.DENIED:
                break
        if status is None:
            return events
        first = self.sentences[max(0, sent.index - 2)].span.start
        speakers = read_attribution(
            self.text, sent.span, self._in(self.speakers, sent.span)
        ).speaker_actors
        return denied_after(events, sent.span, first, speakers, status)

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
        chosen: tuple[Match, Roles] | None = None
        for alt in self.lexicon.alternatives(parse, match):
            roles = self.roles.read(parse, reader, alt, self.contested)
            if alt.trigger.requires <= roles.filled and not roles.figurative:
                chosen = (alt, roles)
                break
        if chosen is None:
            return []
        match, roles = chosen
        trig = match.trigger
        span = match.span
        clause = reader.clause(match.token)
        etype = self.roles.retype(trig, roles, clause, sent.span)
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
        attribution = clause_attribution(attribution, report, self.speakers)
        actor, actor_rule = roles.actor, roles.actor_rule
        answer = report is not None and report.verb.lemma in CONFIRM_VERBS | DENY_VERBS
        if attribution.speaker_actors and (
            OWN_FORCES.search(self.text[clause[0] : span.start])
            # "the ministry said it had withdrawn": the pronoun of a reported clause is its
            # speaker's side
            or (
                "pronoun-last-fighting-actor" in actor_rule
                and report is not None
                and report.speaker is not None
            )
            or (
                actor is None
                and report is not None
                and report.speaker is not None
                # who confirms or denies a gain is not its taker ("the army denied that the
                # town had fallen"); who confirms a withdrawal may be the side that left
                and not (answer and etype is not EventType.WITHDRAW)
                # a side speaks of its own gains and withdrawals; "fighting raged" in its
                # words says nothing of who fights
                and etype in (EventType.CAPTURE, EventType.WITHDRAW)
            )
        ):
            speaker = self._speaker_mention(attribution, attribution.speaker_actors[0])
            if actor is None or "last-fighting-actor" in actor_rule:
                actor, actor_rule = speaker, "actor.speaker-own-side.v2"
        if actor is None and not roles.civilian:
            actor, actor_rule = self._context_actor(etype, span, sent, attribution, answer)
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

    def _open_place(self, span: Span, sentence: Span) -> PlaceMention | None:
        assert self._places_resolver is not None
        found = self._places_resolver.open_place(
            self.text,
            span,
            sentence=sentence,
            mentions=self.doc.places,
            countries=self.doc.countries,
            actors=self.actors,
        )
        if found is not None and found in self.doc.places and found not in self.places:
            return None  # the resolver's own mention, left out as an argument (a dateline)
        return found

    def _speaker_mention(self, attribution: Attribution, actor: Actor) -> ActorMention:
        for a in self.speakers:
            if a.actor == actor and any(s.start <= a.span.start < s.end for s in attribution.spans):
                return a
        span = attribution.spans[0] if attribution.spans else Span(0, 0, "")
        return ActorMention(span, actor, 0.6, "actor.speaker.v1")

    def _context_actor(
        self,
        etype: EventType,
        span: Span,
        sent: _Sentence,
        attribution: Attribution,
        answer: bool = False,
    ) -> tuple[ActorMention | None, str]:
        """No actor in the trigger's roles: the sentence, the speaker, then the article. A
        speaker confirming or denying a gain (``answer``) is not its taker."""
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
        if etype is EventType.CAPTURE and party and not in_sentence and not answer:
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
                    actor_spans = [x.span for x in e.explanations if x.field == "actor" and x.span]
                    last = [
                        m
                        for m in self._last_city(ev.start, ev.trigger.start)
                        if not any(s.start <= m.span.start < s.end for s in actor_spans)
                    ]  # "as Washington pulls out its last troops": the actor, not a town
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


def _answers(told: Sequence[Event], kept: Sequence[Event]) -> list[Event]:
    """The accounts of a sentence governed by a confirming or denying verb: those kept, and
    those dropped for want of a place ("the army acknowledged the withdrawal")."""
    dropped = [
        e for e in told
        if e.place is None and e.type in TERRITORIAL
        and not any(k.type is e.type and k.evidence == e.evidence for k in kept)
    ]  # fmt: skip
    return [
        e
        for e in (*kept, *dropped)
        if e.type in TERRITORIAL
        and not e.negated
        and e.modality is Modality.ASSERTED
        and any(x.field == "status" and x.rule in _ANSWER_STATUS_RULES for x in e.explanations)
    ]


# Actor rules that guess from the context rather than read the trigger's own roles.
_GUESSED_ACTOR = (
    "actor.party-speaks-of-own-gain",
    "actor.sentence.v1",
    "actor.sentence-before",
    "actor.document-salient",
    "actor.same-type-continuity",
    "actor.none",
)


def _guessed_actor(e: Event) -> bool:
    rules = [x.rule for x in e.explanations if x.field == "actor"]
    return not rules or any(r.startswith(_GUESSED_ACTOR) for r in rules)


def _adopt_actors(
    kept: list[Event], answers: Sequence[Event], answered: Mapping[int, Event]
) -> list[Event]:
    """An answer that guessed its actor takes the actor of the account it answers ("the army
    denied that Goma had fallen" is about M23's capture), so the two are one fact."""
    swap: dict[int, Event] = {}
    for k, target in answered.items():
        a = answers[k]
        if a.type is target.type and _guessed_actor(a) and a.actor != target.actor:
            note = FieldExplanation(
                "actor", target.actor.name if target.actor else "", None, "actor.answered.v1"
            )
            swap[id(a)] = replace(
                a,
                actor=target.actor,
                explanations=(*(x for x in a.explanations if x.field != "actor"), note),
            )
    return [swap.get(id(e), e) for e in kept]


def sentence_only_nominal(e: Event) -> bool:
    """A withdrawal told by a noun ("their pullout") with no place is a general one."""
    return bool(e.evidence) and e.evidence[0].rule.startswith("withdraw.nominal")


__all__ = ["ActorKind", "Extractor"]
