"""The rule engine: triggers from the lexicon, arguments from the annotated document.

For each sentence: find triggers; per trigger, read modality, pick the places, the actor and the
date by the trigger's frame, read the sentence's attribution for sources and status; then merge
the candidate events of the article into one event per fact.
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
    ADJACENT_GAP_WORDS,
    actor_after,
    actor_before,
    actor_by,
    anaphoric_place,
    clause_bounds,
    is_passive,
    places_after,
    places_before,
    places_locative,
)
from frontlines.extraction.attribution import Attribution, read_attribution, status_of
from frontlines.extraction.cues import (
    CLAIMING_TRIGGER,
    DATELINE,
    DENIAL,
    EXPEL_PLACE,
    FIGHTING_CUE,
    FIGHTING_KINDS,
    IT_OBJECT,
    IT_SUBJECT,
    NAMED_OBJECT,
    NOMINAL_MODAL,
    OWN_FORCES,
    QUOTE_OPEN,
    RELATIVE_END,
    RELATIVE_OBJECT,
    SPEAKER_PRONOUN,
    UNCONTESTED_BEFORE,
)
from frontlines.extraction.dating import event_date
from frontlines.extraction.dedup import CONTEXT_PLACE_RULE, merge_article_events
from frontlines.extraction.details import fatalities, persons
from frontlines.extraction.lexicon import Frame, Lexicon, Trigger
from frontlines.extraction.metonymy import metonymic_mentions
from frontlines.extraction.modality import read_modality
from frontlines.extraction.passes import denied_after, withdrawals_to_opponents
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
    Person,
    PlaceKind,
    PlaceMention,
    Span,
    Status,
    TimeMention,
)

_M = TypeVar("_M", ActorMention, PlaceMention, TimeMention)


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
        self.place_starts = frozenset(m.span.start for m in self.places)
        extra = metonymic_mentions(
            self.text, doc.places, doc.actors, forces, doc.countries, demonyms
        )
        self.actors = sorted([*doc.actors, *extra], key=lambda m: m.span.start)
        agents = {a.span.start for a in extra}
        self.places = [m for m in self.places if m.span.start not in agents]
        self.times = sorted(doc.times, key=lambda m: m.span.start)
        para_starts = [p.start for p in doc.paragraphs]
        self.sentences = [
            _Sentence(i, s, max(0, bisect.bisect_right(para_starts, s.start) - 1))
            for i, s in enumerate(doc.sentences)
        ]
        self.last_day: dt.date | None = None  # the most recent resolved day, for "that day"
        self.recent_capture: Event | None = None  # for "the army retreated" just after it
        self.scene: Event | None = None  # the latest capture told, in any paragraph
        # Events carry the publication day only when it is known to the day: a first-of-month
        # stand-in for "2021-08" would put changes of control on the 1st.
        art = doc.article
        self.published_day = (
            art.published if art.published_precision in (None, DatePrecision.DAY) else None
        )
        self.quote_attribution: Attribution | None = None
        self.last_actor: dict[EventType, ActorMention] = {}
        self.fatalities: dict[int, int | None] = {}  # per sentence index
        self.contested: frozenset[int] = frozenset()  # places of the territorial events so far

    # ------------------------------------------------------------------ driving

    def candidates(self) -> list[Event]:
        out: list[Event] = []
        paragraph = -1
        # One scan of the whole text, then the matches of each sentence (relative offsets).
        found = self.lexicon.find(self.text)
        starts = [f[1] for f in found]
        for sent in self.sentences:
            if sent.paragraph != paragraph:
                paragraph, self.recent_capture = sent.paragraph, None
            lo = bisect.bisect_left(starts, sent.span.start)
            hi = bisect.bisect_left(starts, sent.span.end)
            triggers = [
                (t, a - sent.span.start, b - sent.span.start)
                for t, a, b in found[lo:hi]
                if b <= sent.span.end
            ]
            if triggers:
                attribution = read_attribution(
                    self.text,
                    sent.span,
                    self._in(self.actors, sent.span),
                    [(s, e) for _, s, e in triggers],
                )
                if not attribution.sources and QUOTE_OPEN.match(sent.span.text):
                    attribution = self.quote_attribution or attribution
                sentence_events: list[Event] = []
                for trig, s, e in triggers:
                    span = Span(sent.span.start + s, sent.span.start + e, sent.span.text[s:e])
                    sentence_events.extend(self._events_for(trig, span, sent, attribution))
                filled = self._fill_missing_places(sentence_events)
                out.extend(filled)
                self.contested |= {
                    e.place.geonameid for e in filled if e.place and e.type in TERRITORIAL
                }
            else:
                filled = []
            if not filled and DENIAL.search(sent.span.text):
                out = self._denied_by(sent, out)
            if re.search(r"[\"\u201d]\s*[,.]?\s*\w", sent.span.text):
                # a sentence that reports a quotation: its speaker goes on for the next
                # sentence if that one continues the quotation.
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

    # ------------------------------------------------------------------ one trigger

    def _events_for(
        self, trig: Trigger, span: Span, sent: _Sentence, attribution: Attribution
    ) -> list[Event]:
        text = self.text
        clause = clause_bounds(text, sent.span, span.start, span.end, self.place_starts)
        if trig.if_uncontested is not None and not any(
            not UNCONTESTED_BEFORE.search(sent.span.text[: m.start()])
            for m in FIGHTING_CUE.finditer(sent.span.text)
        ):
            trig = replace(trig, type=trig.if_uncontested)
        reading = read_modality(text[clause[0] : span.start])
        if trig.frame is Frame.NOMINAL and reading.modality is Modality.ASSERTED:
            after = NOMINAL_MODAL.match(text, span.end, clause[1])
            if after:  # "the fall of Kherson would be a blow to Moscow"
                reading = replace(reading, modality=Modality.HYPOTHETICAL, cue=after.group(1))
        if trig.modality is not None and reading.modality is Modality.ASSERTED:
            reading = replace(reading, modality=trig.modality, cue=span.text)
        places, place_rule, actor, actor_rule = self._arguments(
            trig, span, sent, clause, attribution
        )
        if not places:
            anaphor = None
            if trig.frame in (Frame.PATIENT_FIRST, Frame.INTRANSITIVE) or is_passive(
                text, clause[0], span.start
            ):
                anaphor = anaphoric_place(text, self.places, clause[0], span.start, self.contested)
            elif trig.frame is Frame.EXPEL:
                out_of = EXPEL_PLACE.search(text, span.end, clause[1])
                if out_of is not None:
                    anaphor = anaphoric_place(
                        text,
                        self.places,
                        out_of.end(),
                        min(clause[1], out_of.end() + 40),
                        self.contested,
                    )
            elif trig.frame in (Frame.AGENT_FIRST, Frame.NOMINAL, Frame.LOCATIVE):
                anaphor = anaphoric_place(
                    text, self.places, span.end, min(clause[1], span.end + 40), self.contested
                )
            if anaphor is not None:
                places, place_rule = [anaphor[0]], "place.anaphora.v1"
        if (
            not places
            and trig.type in TERRITORIAL
            and trig.type is not EventType.WITHDRAW
            and trig.frame is not Frame.EXPEL  # its loser's withdrawal may still find a place
        ):
            return []
        if attribution.speaker_actors and (
            OWN_FORCES.search(text[clause[0] : span.start])
            or (actor is None and SPEAKER_PRONOUN.search(text[clause[0] : span.start]))
        ):
            actor = self._speaker_mention(attribution, attribution.speaker_actors[0])
            actor_rule = "actor.speaker-own-forces.v1"
        if actor is None:
            actor, actor_rule = self._context_actor(trig, span, sent, attribution, places)
        if actor is not None and actor.actor is not None:
            self.last_actor[trig.type] = actor
        date, precision, date_source, time_span, date_rule = self._date(span, sent, clause)
        status, status_rule = status_of(
            attribution, actor.actor if actor else None, gain=trig.type is not EventType.WITHDRAW
        )
        if CLAIMING_TRIGGER.search(span.text) and status is Status.REPORTED:
            # "declared victory in", "claimed control of": the trigger is itself a claim
            status, status_rule = Status.CLAIMED, "status.claiming-trigger.v1"
        evidence = Evidence(sent.span.text, sent.span.start, sent.span.end, span, trig.id)
        persons = (
            self._persons(sent) if trig.type in (EventType.ARREST, EventType.SURRENDER) else ()
        )
        fatalities = self._fatalities(sent)
        events = []
        slots: list[PlaceMention | None] = list(places) if places else [None]
        for p in slots:
            facility = p.facility if p is not None else None
            place = p.place if p is not None else None
            if p is not None and facility is None and place is None:
                continue
            explain = [
                FieldExplanation("type", trig.type.value, span, trig.id),
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
                explain.append(FieldExplanation("modality", reading.cue, None, "modality.cue.v1"))
            events.append(
                Event(
                    article_id=self.doc.article.id,
                    type=trig.type,
                    actor=actor.actor if actor else None,
                    place=place,
                    date=date,
                    date_precision=precision,
                    date_source=date_source,
                    status=status,
                    facility=facility,
                    sources=attribution.sources,
                    negated=reading.negated,
                    modality=reading.modality,
                    evidence=(evidence,),
                    explanations=tuple(explain),
                    persons=persons,
                    fatalities=fatalities,
                    published=self.published_day,
                    url=self.doc.article.url,
                    outlet=self.doc.article.outlet,
                    target_text=persons[0].name if persons else None,
                )
            )
        if trig.frame is Frame.EXPEL and events:
            events.extend(self._expelled(span, events))
        return events

    def _expelled(self, span: Span, captures: list[Event]) -> list[Event]:
        """ "A drove B out of P": B's withdrawal from P, beside A's capture."""
        out_of = EXPEL_PLACE.search(self.text, span.end)
        if out_of is None:
            return []
        loser = next(
            (
                a
                for a in self.actors
                if span.end <= a.span.start < out_of.start() and a.actor is not None
            ),
            None,
        )
        if loser is None or loser.actor is None:
            return []
        note = FieldExplanation("actor", loser.actor.name, loser.span, "actor.expelled.v1")
        return [
            replace(
                e, type=EventType.WITHDRAW, actor=loser.actor, explanations=(*e.explanations, note)
            )
            for e in captures
            if e.type is EventType.CAPTURE
        ]

    def _arguments(
        self,
        trig: Trigger,
        span: Span,
        sent: _Sentence,
        clause: tuple[int, int],
        attribution: Attribution,
    ) -> tuple[list[PlaceMention], str, ActorMention | None, str]:
        text = self.text
        exclude = attribution.spans
        if trig.destination:
            dest = places_after(text, self.places, span.end, clause[1])
            agent = actor_before(self.actors, clause[0], span.start, exclude)
            left = [
                PlaceMention(d.span, d.place, d.confidence, d.rule)
                for d in dest[:1]
                if d.facility is not None and d.place is not None
            ]
            return left, "place.destination-facility-city.v1", agent, "actor.subject.v1"
        if (
            trig.frame is Frame.AGENT_FIRST
            and trig.type is not EventType.WITHDRAW
            and is_passive(text, clause[0], span.start)
        ):
            places = self._subject_places(clause, sent, span)
            by = actor_by(text, self.actors, span.end, sent.span.end)
            return places, "place.passive-subject.v1", by, "actor.passive-by.v1"
        if trig.frame is Frame.AGENT_FIRST:
            gap = ADJACENT_GAP_WORDS if trig.requires_place_adjacent else 7
            places = places_after(text, self.places, span.end, clause[1], max_gap=gap)
            if not places:
                # "pulled out of it", "Misrata, which the army besieged": the town before
                if IT_OBJECT.match(text, span.end):
                    places = self._last_city(sent.span.start, span.start)
                elif RELATIVE_OBJECT.search(text[max(0, clause[0] - 8) : clause[0]]):
                    places = self._last_city(sent.span.start, clause[0])
            agent = actor_before(self.actors, clause[0], span.start, exclude)
            return places, "place.object.v1", agent, "actor.subject.v1"
        if trig.frame is Frame.PATIENT_FIRST:
            places = self._subject_places(clause, sent, span)
            holder = actor_after(text, self.actors, span.end, sent.span.end) or actor_by(
                text, self.actors, span.end, sent.span.end
            )
            return places, "place.subject.v1", holder, "actor.after-trigger.v1"
        if trig.frame is Frame.TRANSFER:
            places = places_after(text, self.places, span.end, clause[1], max_gap=3)
            to = re.compile(r"\b(?:back|over)\s+to\s+").search(text, span.end, sent.span.end)
            holder = actor_after(text, self.actors, to.end(), sent.span.end, 2) if to else None
            return places, "place.object.v1", holder, "actor.transfer-recipient.v1"
        if trig.frame is Frame.EXPEL:
            out_of = EXPEL_PLACE.search(text, span.end, clause[1])
            places = places_after(text, self.places, out_of.end(), clause[1]) if out_of else []
            agent = actor_before(self.actors, clause[0], span.start, exclude)
            return places, "place.expelled-from.v1", agent, "actor.subject.v1"
        if trig.frame is Frame.INTRANSITIVE:
            places = places_before(text, self.places, clause[0], span.start)
            return places, "place.subject.v1", None, ""
        if trig.frame is Frame.NOMINAL:
            places = places_after(text, self.places, span.end, clause[1], max_gap=4)
            by = actor_by(text, self.actors, span.end, clause[1]) or actor_before(
                self.actors, max(clause[0], span.start - 40), span.start, exclude
            )
            return places, "place.nominal-of.v1", by, "actor.nominal.v1"
        places = places_locative(text, self.places, clause[0], clause[1], span)
        if not places:
            places = places_locative(text, self.places, sent.span.start, sent.span.end, span)
        agent = actor_before(self.actors, clause[0], span.start, exclude)
        return places, "place.locative.v1", agent, "actor.subject.v1"

    def _subject_places(
        self, clause: tuple[int, int], sent: _Sentence, span: Span
    ) -> list[PlaceMention]:
        """The subject; when the clause is a relative one ("Kandahar, which lies in the south,
        has been besieged"), the subject stands before it."""
        places = places_before(self.text, self.places, clause[0], span.start)
        if not places and RELATIVE_END.search(self.text[max(0, clause[0] - 8) : clause[0]]):
            places = places_before(self.text, self.places, sent.span.start, span.start)
        if not places and IT_SUBJECT.search(self.text[clause[0] : span.start]):
            # "five months after it was overrun": "it" is the town the sentence names
            places = self._last_city(sent.span.start, clause[0])
        return places

    def _speaker_mention(self, attribution: Attribution, actor: Actor) -> ActorMention:
        """The mention of a speaking actor inside the attribution's source phrases."""
        for a in self.actors:
            if a.actor == actor and any(s.start <= a.span.start < s.end for s in attribution.spans):
                return a
        span = attribution.spans[0] if attribution.spans else Span(0, 0, "")
        return ActorMention(span, actor, 0.6, "actor.speaker.v1")

    def _context_actor(
        self,
        trig: Trigger,
        span: Span,
        sent: _Sentence,
        attribution: Attribution,
        places: Sequence[PlaceMention],
    ) -> tuple[ActorMention | None, str]:
        """No actor in the trigger's frame: look in the sentence, then the paragraph, then the
        whole article, preferring the side that took ground elsewhere in it."""
        fighting = [
            a for a in self.actors if a.actor is not None and a.actor.kind in FIGHTING_KINDS
        ]
        in_sentence = [
            a
            for a in self._in(fighting, sent.span)
            if not any(s.start <= a.span.start < s.end for s in attribution.spans)
        ]
        if trig.type is EventType.WITHDRAW:
            before = [a for a in in_sentence if a.span.start < span.start]
            if before:
                return before[-1], "actor.sentence-before.v1"
            return None, "actor.none.v1"
        quoted = self.text[sent.span.start : span.start].count('"') % 2 == 1 or self.text[
            sent.span.start : span.start
        ].count("\u201c") > self.text[sent.span.start : span.start].count("\u201d")
        party = [a for a in attribution.speaker_actors if a.kind in FIGHTING_KINDS]
        in_clause = clause_bounds(self.text, sent.span, span.start, span.end, self.place_starts)
        if trig.type is EventType.CAPTURE:
            # An actor of another clause is more often the loser ("X fell after government
            # troops fled") than the taker: only the trigger's clause and what precedes count.
            in_sentence = [a for a in in_sentence if a.span.start < in_clause[1]]
        if trig.type is EventType.CAPTURE and party and (quoted or not in_sentence):
            speaker = self._speaker_mention(attribution, party[0])
            return speaker, "actor.quoted-party-speaks-of-own-gain.v1"
        if in_sentence:
            before = [a for a in in_sentence if a.span.start < span.start]
            return (before[-1] if before else in_sentence[0]), "actor.sentence.v1"
        in_sources = [
            a
            for a in self._in(fighting, sent.span)
            if a.actor and a.actor.kind is ActorKind.NON_STATE
        ]
        if in_sources:
            return in_sources[0], "actor.source-party.v1"
        previous = self.last_actor.get(trig.type)
        if trig.type not in TERRITORIAL and previous is not None:
            # "X arrested the governor. He was detained in Y": the story goes on with X.
            return previous, "actor.same-type-continuity.v1"
        if trig.type in TERRITORIAL or trig.type is EventType.CLASH:
            # The side the article is about: most mentioned fighting actor, latest on a tie.
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
        paragraph: list[Span] = []  # earlier sentences of the paragraph, nearest first
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
        """ "X took P after Y fled": a withdrawal with no place of its own shares the place of
        the territorial event it is reported with."""
        anchor = (
            next(
                (
                    e
                    for e in events
                    if e.place is not None
                    and e.type in TERRITORIAL
                    and e.type is not EventType.WITHDRAW
                ),
                None,
            )
            or self.recent_capture
        )
        out = []
        for e in events:
            if e.type is EventType.WITHDRAW and (
                e.actor is None or e.actor.kind not in FIGHTING_KINDS
            ):
                continue  # civilians fleeing a town, or nobody: not a military withdrawal
            if e.place is None and e.type in (EventType.WITHDRAW, EventType.SIEGE):
                if NAMED_OBJECT.search(e.evidence[0].trigger.text):
                    continue  # "withdrawing from the country": its own object, not a place
                # The taker of the sentence's place is not the side leaving it, unless it
                # leaves again ("overran the base in Djibo ... before pulling out").
                same_side = (
                    anchor is not None and e.type is EventType.WITHDRAW and anchor.actor == e.actor
                )
                place = anchor.place if anchor is not None and not same_side else None
                if place is None:
                    # "held Djibo for two days before pulling out"
                    ev = e.evidence[0]
                    last = self._last_city(ev.start, ev.trigger.start)
                    place = last[0].place if last else None
                if place is None:
                    continue
                e = replace(
                    e,
                    place=place,
                    facility=None,
                    explanations=(
                        *e.explanations,
                        FieldExplanation("place", place.name, None, "place.same-sentence.v1"),
                    ),
                )
            if e.place is None and e.type in TERRITORIAL:
                continue
            scene = anchor or self.scene
            if e.place is None and scene is not None and scene.place is not None:
                # A clash, arrest or surrender with no place of its own happened where the
                # story is: the place of the latest capture told (dedup prefers an explicit one).
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
