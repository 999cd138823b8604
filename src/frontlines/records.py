"""Typed records passed between the stages.

The data flows one way: source -> Article -> AnnotatedDocument -> Event -> store -> timeline.
Every stage takes and returns these frozen records; none of them holds behaviour beyond
(de)serialisation, so any stage can be tested with hand-built values.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


@dataclass(frozen=True, slots=True)
class Span:
    """Character offsets into ``Article.text`` (end exclusive) and the text they cover."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


# --------------------------------------------------------------------------- article


class DatePrecision(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"
    RANGE = "range"
    UNRESOLVED = "unresolved"


@dataclass(frozen=True, slots=True)
class Article:
    """One news report as read from its source, before any analysis."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    published: dt.date | None = None
    published_precision: DatePrecision | None = None  # DAY or MONTH when only YYYY-MM is known
    outlet: str | None = None
    origin: str | None = None  # where it was read from, e.g. "dev.jsonl:3"

    @property
    def content_hash(self) -> str:
        """Identity of the content: the store uses it to make re-ingestion idempotent."""
        h = hashlib.sha256()
        for part in (self.text, self.title or "", self.url or "", str(self.published or "")):
            h.update(part.encode("utf-8"))
            h.update(b"\x00")
        return h.hexdigest()[:32]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "url": self.url,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "published_precision": self.published_precision.value
            if self.published_precision
            else None,
            "outlet": self.outlet,
            "origin": self.origin,
            "text": self.text,
        }


# --------------------------------------------------------------------------- where


class PlaceKind(StrEnum):
    CITY = "city"
    ADMIN1 = "admin1"
    ADMIN2 = "admin2"
    COUNTRY = "country"
    FACILITY = "facility"


class PlacePrecision(StrEnum):
    """How closely a place's coordinates locate it (ACLED ``geo_precision`` in brackets).

    ``point`` [1]: the coordinates are the place itself (a town, a village, a facility);
    ``near`` [2]: a point close by (the town in "near Y", "20 km from Y");
    ``district`` [2]: the centroid or seat of its district (admin2);
    ``province`` [3]: the seat or centroid of its province (admin1);
    ``country`` [3]: the country (its capital). See ``ACLED_GEO_PRECISION``.
    """

    POINT = "point"
    NEAR = "near"
    DISTRICT = "district"
    PROVINCE = "province"
    COUNTRY = "country"


#: ACLED's geo_precision code of each precision (1 exact, 2 near / part of a district, 3 province).
ACLED_GEO_PRECISION: dict[PlacePrecision, int] = {
    PlacePrecision.POINT: 1,
    PlacePrecision.NEAR: 2,
    PlacePrecision.DISTRICT: 2,
    PlacePrecision.PROVINCE: 3,
    PlacePrecision.COUNTRY: 3,
}

#: What a place's coordinates are when nothing else is said: its kind's own centre.
KIND_PRECISION: dict[PlaceKind, PlacePrecision] = {
    PlaceKind.CITY: PlacePrecision.POINT,
    PlaceKind.FACILITY: PlacePrecision.POINT,
    PlaceKind.ADMIN2: PlacePrecision.DISTRICT,
    PlaceKind.ADMIN1: PlacePrecision.PROVINCE,
    PlaceKind.COUNTRY: PlacePrecision.COUNTRY,
}


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry. ``admin1_code`` is ISO 3166-2 (e.g. "AF-HER"), not the GeoNames code."""

    geonameid: int
    name: str
    kind: PlaceKind
    lat: float
    lon: float
    country: str  # ISO 3166-1 alpha-2
    admin1: str | None = None
    admin1_code: str | None = None
    admin2: str | None = None
    population: int = 0
    admin_seat: int | None = (
        None  # 1: seat of an admin1 (provincial capital), 2: admin2, 0: capital
    )
    # None means "what the kind says" (``KIND_PRECISION``); filled in by ``__post_init__``, so
    # a constructed place always has one. An open-world village placed at its province's seat
    # is a CITY with precision PROVINCE.
    precision: PlacePrecision | None = None

    def __post_init__(self) -> None:
        if self.precision is None:
            object.__setattr__(self, "precision", KIND_PRECISION[self.kind])

    @property
    def geo_precision(self) -> int:
        """ACLED's geo_precision code (1, 2 or 3) of the coordinates."""
        return ACLED_GEO_PRECISION[self.precision or KIND_PRECISION[self.kind]]

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "geonameid": self.geonameid,
            "kind": self.kind.value,
            "lat": round(self.lat, 5),
            "lon": round(self.lon, 5),
            "admin1": self.admin1,
            "admin1_code": self.admin1_code,
            "admin2": self.admin2,
            "country": self.country,
            "population": self.population,
            "admin_seat": self.admin_seat,
            "precision": (self.precision or KIND_PRECISION[self.kind]).value,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Place:
        return cls(
            geonameid=int(d["geonameid"]),
            name=d["name"],
            kind=PlaceKind(d.get("kind", "city")),
            lat=float(d["lat"]),
            lon=float(d["lon"]),
            country=d["country"],
            admin1=d.get("admin1"),
            admin1_code=d.get("admin1_code"),
            admin2=d.get("admin2"),
            population=int(d.get("population") or 0),
            admin_seat=d.get("admin_seat"),
            # dicts stored before precision existed have none: the kind's default
            precision=PlacePrecision(d["precision"]) if d.get("precision") else None,
        )


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place name (or facility phrase) in the text and what it was resolved to.

    For a facility ("the prison"), ``facility`` names its kind and ``place`` is the city it is
    in (None when no city could be linked).
    """

    span: Span
    place: Place | None
    confidence: float
    rule: str  # which rule resolved it, e.g. "gazetteer.context-country"
    facility: str | None = None


# --------------------------------------------------------------------------- when


@dataclass(frozen=True, slots=True)
class TimeMention:
    """A temporal expression normalised against the publication date.

    ``value`` is the day (or the first day of the week/month/range); ``end`` is the last day
    for ranges. ``value`` is None when the expression cannot be anchored (no publication date).
    """

    span: Span
    value: dt.date | None
    precision: DatePrecision
    rule: str
    end: dt.date | None = None
    part_of_day: str | None = None  # "morning", "evening", "night", "overnight"
    note: str | None = None  # why it is unresolved, if it is


# --------------------------------------------------------------------------- who


class ActorKind(StrEnum):
    STATE_FORCES = "state_forces"
    NON_STATE = "non_state_armed_group"
    GOVERNMENT = "government"
    OFFICIAL = "official_role"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Actor:
    """A canonical actor from the actor dictionary (``data/actors.yaml``)."""

    id: str
    name: str
    kind: ActorKind
    country: str | None = None  # ISO alpha-2 of the country it operates in / belongs to
    side: str | None = None  # e.g. "government", "opposition": lets generic mentions resolve

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "kind": self.kind.value, "country": self.country}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Actor:
        return cls(
            id=d.get("id") or d["name"],
            name=d["name"],
            kind=ActorKind(d.get("kind") or "other"),
            country=d.get("country"),
        )


@dataclass(frozen=True, slots=True)
class ActorMention:
    """An actor mention; ``generic`` marks a description ("the militant group") read in context."""

    span: Span
    actor: Actor | None
    confidence: float
    rule: str
    generic: bool = False


# --------------------------------------------------------------------------- syntax


@dataclass(frozen=True, slots=True)
class Token:
    """One token of a parsed sentence. Offsets index ``Article.text``; ``head`` and the
    indices in ``Parse.children`` index ``Parse.tokens`` (the root is its own head)."""

    i: int
    start: int
    end: int
    text: str
    lemma: str  # lower case
    pos: str  # universal POS tag: VERB, NOUN, PROPN, ...
    tag: str  # fine-grained tag: VBD, VBN, NNS, ...
    dep: str  # dependency label towards ``head``
    head: int


@dataclass(frozen=True, slots=True)
class Parse:
    """The dependency parse of one sentence; only sentences that may hold an event are parsed."""

    sentence: Span
    tokens: tuple[Token, ...]
    children: tuple[tuple[int, ...], ...]  # per token, its dependents in text order

    @classmethod
    def build(cls, sentence: Span, tokens: tuple[Token, ...]) -> Parse:
        kids: list[list[int]] = [[] for _ in tokens]
        for t in tokens:
            if t.head != t.i:
                kids[t.head].append(t.i)
        return cls(sentence, tokens, tuple(tuple(k) for k in kids))


# --------------------------------------------------------------------------- document


@dataclass(frozen=True, slots=True)
class AnnotatedDocument:
    """An article with everything the resolvers understood, all offsets into ``article.text``."""

    article: Article
    sentences: tuple[Span, ...]
    paragraphs: tuple[Span, ...]
    places: tuple[PlaceMention, ...]
    times: tuple[TimeMention, ...]
    actors: tuple[ActorMention, ...]
    countries: tuple[str, ...] = ()  # the article's country context, most likely first
    # The day relative dates were anchored on: the publication date, or, for a page without a
    # day-precise one, the best day the page gives for itself (its dateline, a "Published"
    # line, its address, the latest day its text names). None when nothing is known.
    anchor: dt.date | None = None
    # Where an anchor other than the publication date was read: a rule such as
    # "date.in-text-dateline.v1" and the span (None for the address); None for the
    # publication date itself.
    anchor_rule: str | None = None
    anchor_span: Span | None = None
    # Dependency parses of the sentences that may report an event, in text order.
    parses: tuple[Parse, ...] = ()


# --------------------------------------------------------------------------- events


class EventType(StrEnum):
    CAPTURE = "capture"
    WITHDRAW = "withdraw"
    SIEGE = "siege"
    CLASH = "clash"
    STRIKE = "strike"
    ATTACK = "attack"
    ARREST = "arrest"
    SURRENDER = "surrender"
    RELEASE = "release"


TERRITORIAL = frozenset({EventType.CAPTURE, EventType.WITHDRAW, EventType.SIEGE})


class Status(StrEnum):
    CLAIMED = "claimed"
    REPORTED = "reported"
    CONFIRMED = "confirmed"
    DENIED = "denied"


class SourceType(StrEnum):
    PARTY = "party"
    GOVERNMENT_OFFICIAL = "government_official"
    LOCAL_OFFICIAL = "local_official"
    WITNESS = "witness"
    MEDIA = "media"
    UNNAMED = "unnamed"


class Modality(StrEnum):
    ASSERTED = "asserted"
    ATTEMPT = "attempt"
    FUTURE = "future"
    HYPOTHETICAL = "hypothetical"
    # named as the cause or topic of a protest or a demand ("residents protested the killing
    # of ..."): it may well have happened, but this report is not its news
    REFERENCED = "referenced"


class DateSource(StrEnum):
    TEXT = "text"  # a temporal expression in the clause itself
    SENTENCE = "sentence"  # inherited from elsewhere in the sentence
    PARAGRAPH = "paragraph"  # inherited from an earlier sentence of the paragraph
    # nothing in the text: the report's own date stood in, said so -- its publication date,
    # or for a page without one the day the page gives for itself (its dateline, a
    # "Published"/"Updated" line, its address, the latest day its text names: the ``explain``
    # rule says which)
    PUBLISHED = "published"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class Source:
    """Who said so: "according to Afghan officials" -> text "Afghan officials"."""

    text: str
    type: SourceType
    span: Span | None = None
    rule: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "type": self.type.value}


@dataclass(frozen=True, slots=True)
class Evidence:
    """A sentence supporting an event, with the trigger's offsets (all into the article text)."""

    sentence: str
    start: int  # sentence start
    end: int  # sentence end
    trigger: Span
    rule: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
            "trigger": self.trigger.to_dict(),
            "rule": self.rule,
        }


@dataclass(frozen=True, slots=True)
class FieldExplanation:
    """Why a field has its value: the span it came from and the rule that chose it."""

    field: str
    value: str
    span: Span | None
    rule: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "field": self.field,
            "value": self.value,
            "span": self.span.to_dict() if self.span else None,
            "rule": self.rule,
        }


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    role: str | None = None
    span: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "role": self.role}


@dataclass(frozen=True, slots=True)
class Event:
    """One event as one article reports it."""

    article_id: str
    type: EventType
    actor: Actor | None
    place: Place | None
    date: dt.date | None
    date_precision: DatePrecision
    date_source: DateSource
    status: Status
    target: Actor | None = None
    target_text: str | None = None  # e.g. the person arrested
    facility: str | None = None
    sources: tuple[Source, ...] = ()
    negated: bool = False
    modality: Modality = Modality.ASSERTED
    evidence: tuple[Evidence, ...] = ()
    explanations: tuple[FieldExplanation, ...] = ()
    persons: tuple[Person, ...] = ()
    fatalities: int | None = None
    published: dt.date | None = None
    url: str | None = None
    outlet: str | None = None
    extra: tuple[tuple[str, str], ...] = field(default=())
    # The day a source stated it ("the army said on Tuesday that ..."), when the text gives
    # one; ``date`` stays the day of the event itself.
    reported_date: dt.date | None = None

    @property
    def id(self) -> str:
        """Stable id: the same fact from the same article always gets the same id."""
        key = "|".join(
            [
                self.article_id,
                self.type.value,
                str(self.place.geonameid if self.place else ""),
                self.facility or "",
                self.actor.id if self.actor else "",
                self.date.isoformat() if self.date else "",
                str(self.negated),
                self.modality.value,
            ]
        )
        return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]

    def to_dict(self) -> dict[str, Any]:
        """The JSON Lines contract (scoring reads these keys)."""
        return {
            "id": self.id,
            "article_id": self.article_id,
            "type": self.type.value,
            "actor": self.actor.to_dict() if self.actor else None,
            "target": self.target.to_dict() if self.target else self.target_text,
            "place": self.place.to_dict() if self.place else None,
            "facility": self.facility,
            "date": self.date.isoformat() if self.date else None,
            "date_precision": self.date_precision.value,
            "date_source": self.date_source.value,
            "reported_date": self.reported_date.isoformat() if self.reported_date else None,
            "status": self.status.value,
            "sources": [s.to_dict() for s in self.sources],
            "negated": self.negated,
            "modality": self.modality.value,
            "persons": [p.to_dict() for p in self.persons],
            "fatalities": self.fatalities,
            "published": self.published.isoformat() if self.published else None,
            "url": self.url,
            "outlet": self.outlet,
            "evidence": [e.to_dict() for e in self.evidence],
            "explain": [x.to_dict() for x in self.explanations],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Event:
        """Inverse of ``to_dict`` (evidence and explanations included), for the store."""

        def _span(s: dict[str, Any] | None) -> Span | None:
            return Span(s["start"], s["end"], s["text"]) if s else None

        target = d.get("target")
        return cls(
            article_id=d["article_id"],
            type=EventType(d["type"]),
            actor=Actor.from_dict(d["actor"]) if d.get("actor") else None,
            place=Place.from_dict(d["place"]) if d.get("place") else None,
            date=dt.date.fromisoformat(d["date"]) if d.get("date") else None,
            date_precision=DatePrecision(d.get("date_precision") or "unresolved"),
            date_source=DateSource(d.get("date_source") or "none"),
            status=Status(d.get("status") or "reported"),
            target=Actor.from_dict(target) if isinstance(target, dict) else None,
            target_text=target if isinstance(target, str) else None,
            facility=d.get("facility"),
            sources=tuple(
                Source(s["text"], SourceType(s.get("type") or "unnamed"))
                for s in d.get("sources", [])
            ),
            negated=bool(d.get("negated")),
            modality=Modality(d.get("modality") or "asserted"),
            evidence=tuple(
                Evidence(
                    e["sentence"],
                    e["start"],
                    e["end"],
                    _span(e.get("trigger")) or Span(e["start"], e["end"], ""),
                    e.get("rule", ""),
                )
                for e in d.get("evidence", [])
            ),
            explanations=tuple(
                FieldExplanation(x["field"], x["value"], _span(x.get("span")), x["rule"])
                for x in d.get("explain", [])
            ),
            persons=tuple(Person(p["name"], p.get("role")) for p in d.get("persons", [])),
            fatalities=d.get("fatalities"),
            published=dt.date.fromisoformat(d["published"]) if d.get("published") else None,
            url=d.get("url"),
            outlet=d.get("outlet"),
            reported_date=dt.date.fromisoformat(d["reported_date"])
            if d.get("reported_date")
            else None,
        )


@dataclass(frozen=True, slots=True)
class Aggregate:
    """A stated count ("twelve provincial capitals are under Taliban control"), not an event."""

    article_id: str
    actor: Actor | None
    count: int
    of: str
    as_of: dt.date | None
    evidence: Evidence

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "kind": "aggregate",
            "actor": self.actor.to_dict() if self.actor else None,
            "count": self.count,
            "of": self.of,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "evidence": self.evidence.to_dict(),
        }
