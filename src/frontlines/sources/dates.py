"""Publication dates as found in article metadata, normalised to a day plus a precision.

Metadata dates arrive in many shapes (ISO days, timestamps, epoch seconds, "YYYY-MM" month
pages, RFC 2822 feed dates). Only an explicit value is trusted; an impossible day raises, so the
reader can name the field instead of silently dating the article wrong.
"""

from __future__ import annotations

import datetime as dt
import re
from email.utils import parsedate_to_datetime

from frontlines.records import DatePrecision

_YEAR = re.compile(r"^(\d{4})$")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_DAY = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
_EPOCH = re.compile(r"^-?\d{9,13}(\.\d+)?$")

# Epoch values above this are taken as milliseconds (seconds would be past year 5000).
_MS_THRESHOLD = 100_000_000_000


def _from_epoch(seconds: float) -> dt.date:
    if abs(seconds) >= _MS_THRESHOLD:
        seconds /= 1000.0
    try:
        return dt.datetime.fromtimestamp(seconds, tz=dt.UTC).date()
    except (OverflowError, OSError, ValueError) as exc:
        raise ValueError(f"epoch value out of range: {seconds!r}") from exc


def _make(year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise ValueError(f"impossible date {year:04d}-{month:02d}-{day:02d} ({exc})") from exc


def parse_published(value: object) -> tuple[dt.date | None, DatePrecision | None]:
    """Normalise a metadata date to ``(day, precision)``; ``(None, None)`` when absent.

    Timestamps keep the calendar day as written (the outlet's local day), not the UTC day.
    Raises ``ValueError`` for impossible or unrecognised values.
    """
    if value is None:
        return None, None
    if isinstance(value, bool):
        raise ValueError(f"not a date: {value!r}")
    if isinstance(value, dt.datetime):
        return value.date(), DatePrecision.DAY
    if isinstance(value, dt.date):
        return value, DatePrecision.DAY
    if isinstance(value, int | float):
        return _from_epoch(float(value)), DatePrecision.DAY
    if not isinstance(value, str):
        raise ValueError(f"not a date: {value!r}")
    s = value.strip()
    if not s or s.lower() in {"null", "none", "unknown", "n/a"}:
        return None, None
    if m := _DAY.match(s):
        return _make(int(m[1]), int(m[2]), int(m[3])), DatePrecision.DAY
    if m := _MONTH.match(s):
        return _make(int(m[1]), int(m[2]), 1), DatePrecision.MONTH
    if m := _YEAR.match(s):
        return _make(int(m[1]), 1, 1), DatePrecision.YEAR
    if _DATETIME.match(s):
        _make(int(s[0:4]), int(s[5:7]), int(s[8:10]))  # a clear message for "2021-02-30T..."
        iso = s[:-1] + "+00:00" if s.endswith(("Z", "z")) else s
        try:
            return dt.datetime.fromisoformat(iso).date(), DatePrecision.DAY
        except ValueError as exc:
            raise ValueError(f"unrecognised timestamp {s!r}") from exc
    if _EPOCH.match(s):
        return _from_epoch(float(s)), DatePrecision.DAY
    try:
        parsed = parsedate_to_datetime(s)  # RFC 2822, as in RSS feeds
    except (TypeError, ValueError, IndexError):
        parsed = None
    if parsed is not None:
        return parsed.date(), DatePrecision.DAY
    raise ValueError(f"unrecognised date {s!r} (expected YYYY-MM-DD, YYYY-MM or a timestamp)")


# A date in a page address: /2021/08/13/, 2021-08-13, 20210813, /08/14/2021/. Bounded by
# non-digits, so ids and counters are not read as dates.
_URL_YMD = re.compile(
    r"(?<!\d)((?:19|20)\d\d)([-/_.]?)(0?[1-9]|1[0-2])\2(0?[1-9]|[12]\d|3[01])(?!\d)"
)
_URL_MDY = re.compile(
    r"(?<!\d)(0?[1-9]|1[0-2])([-/_])(0?[1-9]|[12]\d|3[01])\2((?:19|20)\d\d)(?!\d)"
)


def date_in_url(url: str | None) -> dt.date | None:
    """The publication day written in a page address, or None.

    Why: pages scraped without their metadata date usually keep it in the address
    ("/2021/08/13/taliban-take-kandahar"). Only the path and query are read (a host has no
    date), the year must be 19xx or 20xx, and an undelimited 8-digit run must be a real day.
    Two-digit years ("news-11-11-22") are ambiguous and not read.
    """
    if not url:
        return None
    rest = re.sub(r"^[a-z][a-z0-9+.-]*://[^/]*", "", url, flags=re.IGNORECASE)
    for pattern, order in ((_URL_YMD, "ymd"), (_URL_MDY, "mdy")):
        for m in pattern.finditer(rest):
            if order == "ymd":
                if not m.group(2) and (len(m.group(3)) != 2 or len(m.group(4)) != 2):
                    continue  # "2021813" is not a date
                year, month, day = int(m.group(1)), int(m.group(3)), int(m.group(4))
            else:
                year, month, day = int(m.group(4)), int(m.group(1)), int(m.group(3))
            try:
                return dt.date(year, month, day)
            except ValueError:
                continue
    return None
