"""Exports of stored events: ACLED-style CSV, GeoJSON, JSON Lines and Parquet."""

from frontlines.outputs.acled import COLUMNS as ACLED_COLUMNS
from frontlines.outputs.acled import acled_row, write_acled_csv
from frontlines.outputs.geojson import control_features, event_feature, write_geojson
from frontlines.outputs.jsonl import write_jsonl
from frontlines.outputs.parquet import write_parquet

__all__ = [
    "ACLED_COLUMNS",
    "acled_row",
    "control_features",
    "event_feature",
    "write_acled_csv",
    "write_geojson",
    "write_jsonl",
    "write_parquet",
]
