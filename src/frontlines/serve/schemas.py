"""Response and request schemas of the HTTP API.

They mirror the ``to_dict`` shapes of the records (``frontlines.records``, the store types and
the timeline model), so the API, the JSON Lines outputs and the CLI speak one language; the
models exist to document the API in OpenAPI and to validate what goes out.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class _Out(BaseModel):
    model_config = ConfigDict(extra="ignore")


class ActorOut(_Out):
    id: str
    name: str
    kind: str
    country: str | None = None


class PlaceOut(_Out):
    """``Place.to_dict``."""

    name: str
    geonameid: int
    kind: str = "city"
    lat: float
    lon: float
    admin1: str | None = None
    admin1_code: str | None = None
    admin2: str | None = None
    country: str
    population: int = 0
    admin_seat: int | None = None


class PlaceBriefOut(_Out):
    """``place_brief``: the place object of the control and timeline contracts."""

    name: str
    geonameid: int
    lat: float
    lon: float
    admin1: str | None = None
    country: str


class SpanOut(_Out):
    start: int
    end: int
    text: str


class EvidenceOut(_Out):
    sentence: str
    start: int
    end: int
    trigger: SpanOut | None = None
    rule: str = ""


class SourceOut(_Out):
    text: str
    type: str


class PersonOut(_Out):
    name: str
    role: str | None = None


class ExplanationOut(_Out):
    field: str
    value: str
    span: SpanOut | None = None
    rule: str


class EventOut(_Out):
    """One report of an event by one article (``Event.to_dict``) plus links."""

    id: str
    article_id: str
    type: str
    actor: ActorOut | None = None
    target: ActorOut | str | None = None
    place: PlaceOut | None = None
    facility: str | None = None
    date: str | None = None
    date_precision: str
    date_source: str
    status: str
    sources: list[SourceOut] = []
    negated: bool = False
    modality: str = "asserted"
    persons: list[PersonOut] = []
    fatalities: int | None = None
    published: str | None = None
    url: str | None = None
    outlet: str | None = None
    evidence: list[EvidenceOut] = []
    explain: list[ExplanationOut] = []
    article_href: str = Field(description="This API's link to the article.")
    merged_id: str | None = Field(None, description="The merged event this report belongs to.")


class MemberOut(_Out):
    """One report behind a merged event (``Member.to_dict``), with its evidence and sources."""

    event_id: str
    article_id: str
    status: str
    negated: bool
    date: str | None = None
    date_precision: str
    date_source: str
    published: str | None = None
    url: str | None = None
    outlet: str | None = None
    sentence: str | None = None
    source_types: list[str] = []
    article_href: str
    sources: list[SourceOut] | None = Field(
        None, description="Set where the full report is loaded (an event or a timeline)."
    )
    evidence: list[EvidenceOut] | None = None


class MergedEventOut(_Out):
    """``MergedEvent.to_dict``: one real-world event as corroborated by its reports."""

    id: str
    type: str
    actor: ActorOut | None = None
    target: ActorOut | None = None
    place: PlaceOut | None = None
    facility: str | None = None
    date: str | None = None
    date_precision: str
    date_source: str
    status: str
    article_count: int
    outlet_count: int
    outlets: list[str] = []
    source_types: list[str] = []
    first_report: str | None = None
    last_report: str | None = None
    fatalities: int | None = None
    members: list[MemberOut] = []


class EventPage(_Out):
    """A page of events: ``items`` are merged events, or raw reports with ``merged=false``."""

    total: int
    limit: int
    offset: int
    merged: bool
    items: list[MergedEventOut] | list[EventOut]


class EventDetail(_Out):
    """``kind`` says which of ``merged`` (with member reports) or ``event`` is set."""

    kind: Literal["merged", "raw"]
    merged: MergedEventOut | None = None
    event: EventOut | None = None


class ControlRowOut(_Out):
    place: PlaceBriefOut
    controller: str | None = None
    controller_id: str | None = None
    since: str | None = None
    status: str
    confidence: float
    evidence: list[str] = []


class ControlOut(_Out):
    """``ControlSnapshot``: who holds each known place on ``as_of``."""

    as_of: str
    country: str | None = None
    kind: str
    counts: dict[str, int]
    rows: list[ControlRowOut]


class PeriodOut(_Out):
    place: PlaceBriefOut
    controller: str | None = None
    controller_id: str | None = None
    controller_actor: ActorOut | None = None
    since: str | None = None
    until: str | None = None
    confidence: float
    status: str
    evidence: list[str] = []


class ChangeOut(_Out):
    place: PlaceBriefOut
    controller: str | None = None
    previous: str | None = None
    date: str
    confidence: float
    evidence_count: int
    status: str
    controller_id: str | None = None
    previous_id: str | None = None
    evidence: list[str] = []


class TimelineOut(_Out):
    """Every place matching the name (or the one geonameid), its periods, changes and events."""

    places: list[PlaceOut]
    periods: list[PeriodOut]
    changes: list[ChangeOut]
    events: list[MergedEventOut] = Field(
        description="Merged events at these places, by date, with member reports and evidence."
    )


class ArticleOut(_Out):
    """``Article.to_dict`` without ``origin`` (a local path), plus the ids of its events."""

    id: str
    url: str | None = None
    title: str | None = None
    published: str | None = None
    published_precision: str | None = None
    outlet: str | None = None
    text: str
    event_ids: list[str] = []


class ActorCount(_Out):
    id: str
    name: str
    events: int


class MetaOut(_Out):
    """What the page needs to build its controls: the date range, actors and types."""

    first_date: str | None = None
    last_date: str | None = None
    actors: list[ActorCount]
    types: list[str]
    statuses: list[str]
    countries: list[str]
    date_ranges: dict[str, tuple[str, str]] = Field(
        default_factory=dict, description="Per country: first and last event date."
    )


class HealthOut(_Out):
    status: Literal["ok"]
    schema_version: int
    articles: int
    events: int
    merged_events: int
    places: int
    ingest: bool


class IngestItemOut(_Out):
    """``outcome``: added, replaced, unchanged, or failed (with ``error``)."""

    id: str
    outcome: str
    events: int
    error: str | None = None


class IngestOut(_Out):
    results: list[IngestItemOut]
    merged_events: int


class ErrorOut(_Out):
    detail: str | list[dict[str, Any]]
