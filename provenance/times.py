"""Publication times: normalise what exists to UTC ISO 8601, never inventing precision."""

from __future__ import annotations

import re
from datetime import date, datetime, timezone

_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# Time keys (`normalize_time` values) in time order: a date alone after every time of its day,
# since the hour is not known ("~" sorts after the digits). The SQL form is the expression of
# the index of db/migrations/m0006_article_time_order.py, which SQLite uses only for this text.
TIME_ORDER_SQL = "(case when length({0}) = 10 then {0} || '~' else {0} end)"


def time_order(time_key: str) -> str:
    """Sort key of a time key, as TIME_ORDER_SQL orders them in SQL."""
    return f"{time_key}~" if len(time_key) == 10 else time_key


UTC_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


def utc_now() -> str:
    """The current time as `YYYY-MM-DDTHH:MM:SSZ`."""
    return datetime.now(timezone.utc).strftime(UTC_FORMAT)


def utc_time(timestamp: float) -> str:
    """A Unix time (`time.time()`, a log record's `created`) as `YYYY-MM-DDTHH:MM:SSZ`."""
    return datetime.fromtimestamp(timestamp, timezone.utc).strftime(UTC_FORMAT)


UNIX_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)  # a time a CMS stored as 0: a placeholder, not a time


def is_placeholder_time(value: str | None) -> bool:
    """Whether a time given as a publication time is the Unix epoch, as a date or a time in any zone."""
    return parse_utc(value) == UNIX_EPOCH


def parse_utc(value: str | None) -> datetime | None:
    """An ISO 8601 / RFC 3339 date-time as an aware UTC datetime (no zone means UTC); None if unreadable."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    try:
        return moment.astimezone(timezone.utc)
    except OverflowError:  # 9999-12-31T23:59:59-01:00 is after the last UTC time there is
        return None


def normalize_time(value: str | None) -> tuple[str | None, str | None]:
    """(ISO value, precision) for a published/fetched time: UTC date-times, dates kept dates.

    Precision is 'date' or 'second'; a value that cannot be read gives (None, None).
    A date-time without a zone is taken as UTC.
    """
    if not value:
        return None, None
    text = str(value).strip()
    if _DATE_ONLY.match(text):
        try:
            date.fromisoformat(text)
        except ValueError:
            return None, None
        return text, "date"
    candidate = text.replace("Z", "+00:00").replace(" ", "T", 1)
    try:
        moment = datetime.fromisoformat(candidate)
    except ValueError:
        return None, None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    try:
        moment = moment.astimezone(timezone.utc)
    except OverflowError:  # before the first or after the last UTC time there is
        return None, None
    # isoformat, not strftime: %Y writes the year 1 as "1", not "0001"
    return moment.replace(tzinfo=None).isoformat(timespec="seconds") + "Z", "second"
