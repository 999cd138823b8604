"""GeoJSON FeatureCollections: events as points, and control of places on a date."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO, Any

from frontlines.store.merge import MergedEvent
from frontlines.store.types import ControlSnapshot


def event_feature(m: MergedEvent) -> dict[str, Any] | None:
    """A Point feature (lon, lat) with the merged event's fields; None without a place."""
    if m.place is None:
        return None
    props = m.to_dict()
    props.pop("members")
    props["place"] = m.place.name
    # how closely the point locates the place: point / near / district / province / country
    props["place_precision"] = m.place.to_dict()["precision"]
    props["geo_precision"] = m.place.geo_precision
    props["actor"] = m.actor.name if m.actor else None
    props["target"] = m.target.name if m.target else None
    props["evidence"] = [x.sentence for x in m.members if x.sentence][:5]
    return {
        "type": "Feature",
        "id": m.id,
        "geometry": {
            "type": "Point",
            "coordinates": [round(m.place.lon, 5), round(m.place.lat, 5)],
        },
        "properties": props,
    }


def control_features(snapshot: ControlSnapshot) -> list[dict[str, Any]]:
    """One Point per place with its controller on the snapshot's date."""
    out = []
    for row in snapshot.rows:
        props = row.to_dict()
        props["as_of"] = snapshot.as_of.isoformat()
        props["name"] = row.place.name
        out.append(
            {
                "type": "Feature",
                "id": row.place.geonameid,
                "geometry": {
                    "type": "Point",
                    "coordinates": [round(row.place.lon, 5), round(row.place.lat, 5)],
                },
                "properties": props,
            }
        )
    return out


def write_geojson(
    events: Iterable[MergedEvent], out: IO[str], control: ControlSnapshot | None = None
) -> int:
    """Stream a FeatureCollection (events, then control points); returns the feature count."""
    out.write('{"type": "FeatureCollection", "features": [\n')
    n = 0
    features: Iterable[dict[str, Any] | None] = (event_feature(m) for m in events)
    for f in [*features, *(control_features(control) if control else [])]:
        if f is None:
            continue
        out.write((",\n" if n else "") + json.dumps(f, ensure_ascii=False))
        n += 1
    out.write("\n]}\n")
    return n
