"""Publication dates of JSONL/CSV records, read once at ingest so that every later stage sees ISO 8601.

Direction and provenance compare dates, so a record's date must be one: ISO 8601 passes as given; the other
forms crawl exports and feeds carry unambiguously (RFC 2822 as in RSS, ``3 March 2024``, ``March 3, 2024``,
with or without a time) become ISO 8601. Anything else (``03/04/2024``, which is March or April by country; an
epoch number, seconds or milliseconds) is not guessed: the record is reported instead. A lenient parser
(dateutil's) would guess, and a wrong guess reverses provenance silently, so the few forms are listed here.
"""

from __future__ import annotations

from datetime import datetime
from email.utils import parsedate_to_datetime

_WRITTEN = ("%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%b %d %Y")
_TIMES = ("", " %H:%M", " %H:%M:%S")


def iso_date(value: str) -> str | None:
    """``value`` as an ISO 8601 date or date-time (ISO input unchanged), or None when it is no known form."""
    value = value.strip()
    if read_iso(value) is not None:
        return value
    written = _written(value)
    if written is not None:
        return written.isoformat() if written.time() != datetime.min.time() else written.date().isoformat()
    return _rfc2822(value)


def read_iso(value: str) -> datetime | None:
    """An ISO 8601 date or date-time (``Z`` for UTC allowed) as a naive datetime, or None when it is not one:
    how every stage reads a stored date."""
    try:
        return datetime.fromisoformat(value.strip().replace("Z", "+00:00")).replace(tzinfo=None)
    except ValueError:
        return None


def _written(value: str) -> datetime | None:
    """A date written with its month's name, day first or month first, optionally with a time."""
    cleaned = " ".join(value.replace(",", ", ").split()).replace(" ,", ",")
    for date_form in _WRITTEN:
        for time_form in _TIMES:
            try:
                return datetime.strptime(cleaned, date_form + time_form)
            except ValueError:
                continue
    return None


def _rfc2822(value: str) -> str | None:
    """An RFC 2822 date-time (``Tue, 03 Dec 2024 10:00:00 GMT``) in ISO 8601, or None."""
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return parsed.isoformat() if parsed is not None else None
