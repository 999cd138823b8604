"""Control periods and changes: what the timeline stage produces."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from frontlines.records import Actor, Place


def place_brief(place: Place) -> dict[str, Any]:
    """The place object of the JSON Lines contracts (timeline, control)."""
    return {
        "name": place.name,
        "geonameid": place.geonameid,
        "lat": round(place.lat, 5),
        "lon": round(place.lon, 5),
        "admin1": place.admin1,
        "country": place.country,
    }


class ControlStatus(StrEnum):
    """How well a period is established (ISW-style: claimed vs assessed)."""

    ASSUMED = "assumed"  # a configured prior, before any event
    CLAIMED = "claimed"
    REPORTED = "reported"
    CONFIRMED = "confirmed"
    CONTESTED = "contested"  # siege, disputed capture, or contradicting same-day reports


@dataclass(frozen=True, slots=True)
class ControlPeriod:
    """``controller`` holds ``place`` from ``since`` (inclusive) to ``until`` (exclusive).

    ``since`` is None only for a prior period; ``until`` is None for the current period.
    ``controller`` None means unknown (e.g. after a withdrawal nobody was seen to fill).
    """

    place: Place
    controller: Actor | None
    since: dt.date | None
    until: dt.date | None
    confidence: float
    status: ControlStatus
    evidence: tuple[str, ...]  # merged event ids

    def covers(self, day: dt.date) -> bool:
        return (self.since is None or self.since <= day) and (
            self.until is None or day < self.until
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "place": place_brief(self.place),
            "controller": self.controller.name if self.controller else None,
            "controller_id": self.controller.id if self.controller else None,
            "controller_actor": self.controller.to_dict() if self.controller else None,
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
            "confidence": round(self.confidence, 3),
            "status": self.status.value,
            "evidence": list(self.evidence),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any], place: Place) -> ControlPeriod:
        actor = d.get("controller_actor")
        controller = Actor.from_dict(actor) if actor else None
        return cls(
            place=place,
            controller=controller,
            since=dt.date.fromisoformat(d["since"]) if d.get("since") else None,
            until=dt.date.fromisoformat(d["until"]) if d.get("until") else None,
            confidence=float(d["confidence"]),
            status=ControlStatus(d["status"]),
            evidence=tuple(d.get("evidence", ())),
        )


@dataclass(frozen=True, slots=True)
class ControlChange:
    """One change of controller: a line of ``frontlines timeline --format jsonl``."""

    place: Place
    controller: Actor | None
    previous: Actor | None
    date: dt.date
    confidence: float
    status: ControlStatus
    evidence: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """The timeline contract (scoring reads place/controller/previous/date/...)."""
        return {
            "place": place_brief(self.place),
            "controller": self.controller.name if self.controller else None,
            "previous": self.previous.name if self.previous else None,
            "date": self.date.isoformat(),
            "confidence": round(self.confidence, 3),
            "evidence_count": len(self.evidence),
            "status": self.status.value,
            "controller_id": self.controller.id if self.controller else None,
            "previous_id": self.previous.id if self.previous else None,
            "evidence": list(self.evidence),
        }
