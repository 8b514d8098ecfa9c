"""JSON renderings of dates and times the way the ZGW APIs (Django REST framework) write them."""

from __future__ import annotations

import datetime as dt


def iso_date(value: dt.date | None) -> str | None:
    """``YYYY-MM-DD`` or None."""
    return value.isoformat() if value is not None else None


def iso_datetime(value: dt.datetime | str | None) -> str | None:
    """ISO 8601 with offset, UTC written as ``Z``; a naive value is taken to be UTC.

    Databases without time zone support (SQLite) give back naive UTC datetimes.
    """
    if value is None:
        return None
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    text = value.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text
