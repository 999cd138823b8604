"""Per-place territorial control timelines built from merged capture/withdraw/siege events."""

from frontlines.timeline.build import (
    TimelineConfig,
    build_periods,
    build_timelines,
    changes_of,
    controller_on,
)
from frontlines.timeline.model import ControlChange, ControlPeriod, ControlStatus

__all__ = [
    "ControlChange",
    "ControlPeriod",
    "ControlStatus",
    "TimelineConfig",
    "build_periods",
    "build_timelines",
    "changes_of",
    "controller_on",
]
