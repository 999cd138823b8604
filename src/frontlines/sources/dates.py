"""Publication dates as found in article metadata, normalised to a day plus a precision.

Metadata dates arrive in many shapes (ISO days, "20210812", timestamps, epoch seconds,
"YYYY-MM" month pages, RFC 2822 feed dates). Only an explicit value is trusted; an impossible or
implausible day raises, so the reader can name the field instead of silently dating the article
wrong: a number is a YYYYMMDD day (8 digits) or an epoch timestamp (9 to 13 digits), never
"seconds since 1970" by default, and a day before ``EARLIEST`` or more than ``FUTURE_DAYS``
after today is refused (a typo, or a default value of the scraper; relative dates in the text
would be anchored on it).
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
_BASIC_DAY = re.compile(r"^(\d{4})(\d{2})(\d{2})$")  # ISO 8601 basic format, 20210812

#: The earliest publication date accepted (older "news" is a default value, not a date).
EARLIEST = dt.date(1800, 1, 1)
#: How far after today a publication date may be (time zones, clock skew, embargoes).
FUTURE_DAYS = 30

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


def check_range(day: dt.date, today: dt.date | None = None) -> dt.date:
    """``day`` if it is a plausible publication date, else ``ValueError`` saying why."""
    today = today or dt.date.today()
    if day < EARLIEST:
        raise ValueError(f"date {day.isoformat()} is before {EARLIEST.isoformat()}")
    if (day - today).days > FUTURE_DAYS:
        raise ValueError(
            f"date {day.isoformat()} is more than {FUTURE_DAYS} days after today"
            f" ({today.isoformat()})"
        )
    return day


def _from_number(value: float) -> dt.date:
    """8 digits are a YYYYMMDD day, 9 to 13 an epoch timestamp; anything else is refused."""
    if value == int(value) and 10_000_000 <= value <= 99_999_999:
        m = _BASIC_DAY.match(str(int(value)))
        assert m is not None
        return _make(int(m[1]), int(m[2]), int(m[3]))
    if 1e8 <= abs(value) < 1e13:
        return _from_epoch(value)
    raise ValueError(
        f"number {value!r} is neither a YYYYMMDD day nor an epoch timestamp (9 to 13 digits)"
    )


def parse_published(
    value: object, *, today: dt.date | None = None
) -> tuple[dt.date | None, DatePrecision | None]:
    """Normalise a metadata date to ``(day, precision)``; ``(None, None)`` when absent.

    Timestamps keep the calendar day as written (the outlet's local day), not the UTC day.
    Raises ``ValueError`` for impossible, implausible (``check_range``) or unrecognised values.
    """
    day, precision = _parse(value)
    if day is not None:
        check_range(day, today)
    return day, precision


def _parse(value: object) -> tuple[dt.date | None, DatePrecision | None]:
    if value is None:
        return None, None
    if isinstance(value, bool):
        raise ValueError(f"not a date: {value!r}")
    if isinstance(value, dt.datetime):
        return value.date(), DatePrecision.DAY
    if isinstance(value, dt.date):
        return value, DatePrecision.DAY
    if isinstance(value, int | float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(f"not a date: {value!r}")
        return _from_number(value), DatePrecision.DAY
    if not isinstance(value, str):
        raise ValueError(f"not a date: {value!r}")
    s = value.strip()
    if not s or s.lower() in {"null", "none", "unknown", "n/a"}:
        return None, None
    if m := _DAY.match(s):
        return _make(int(m[1]), int(m[2]), int(m[3])), DatePrecision.DAY
    if m := _MONTH.match(s):
        return _make(int(m[1]), int(m[2]), 1), DatePrecision.MONTH
    if m := _BASIC_DAY.match(s):
        return _make(int(m[1]), int(m[2]), int(m[3])), DatePrecision.DAY
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
