"""Local days as half-open UTC intervals in ms, in any IANA time zone, daylight-saving days included.

A day is ``[local midnight, next local midnight)``; on a DST day that is 23 or 25 hours. The API's
``created`` filters take ms (§8), so bounds are ints.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def parse_day(text: str) -> date:
    """``YYYY-MM-DD`` → date; ``ValueError`` with a readable message otherwise."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"not a day: {text!r} (use YYYY-MM-DD, e.g. 2026-10-25)") from None


def parse_zone(name: str) -> ZoneInfo:
    """An IANA zone name → ZoneInfo; ``ValueError`` with a readable message for unknown names."""
    cleaned = name.strip()
    if not cleaned or cleaned.startswith(("/", ".")) or ".." in cleaned:
        raise ValueError(f"unknown time zone: {name!r} (use an IANA name such as Asia/Hong_Kong)")
    try:
        return ZoneInfo(cleaned)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise ValueError(f"unknown time zone: {name!r} (use an IANA name such as Asia/Hong_Kong)") from None


def local_midnight(day: date, tz: ZoneInfo) -> datetime:
    """The first instant of ``day`` in ``tz`` (zones that skip midnight start at the first valid time)."""
    naive = datetime.combine(day, time(0))
    aware = naive.replace(tzinfo=tz)
    # A gap at midnight (e.g. America/Santiago): round-tripping through UTC lands on the real first instant.
    return aware.astimezone(UTC).astimezone(tz)


def day_bounds(day: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """``[start, end)`` of the local day as aware UTC datetimes."""
    return local_midnight(day, tz).astimezone(UTC), local_midnight(day + timedelta(days=1), tz).astimezone(UTC)


def to_ms(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


def day_bounds_ms(day: date, tz: ZoneInfo) -> tuple[int, int]:
    start, end = day_bounds(day, tz)
    return to_ms(start), to_ms(end)


def local_day(ms: int, tz: ZoneInfo) -> date:
    """The local day an instant (ms since the epoch) falls on."""
    return datetime.fromtimestamp(ms / 1000, UTC).astimezone(tz).date()


def today(tz: ZoneInfo, now: datetime | None = None) -> date:
    return (now or datetime.now(UTC)).astimezone(tz).date()


def week_start(day: date) -> date:
    """Monday of the week ``day`` is in (ISO weeks)."""
    return day - timedelta(days=day.weekday())


def iso_local(ms: int, tz: ZoneInfo) -> str:
    """ISO 8601 with the zone's offset at that instant, to the second."""
    return datetime.fromtimestamp(ms / 1000, UTC).astimezone(tz).isoformat(timespec="seconds")


def local_zone_name() -> str:
    """This computer's IANA zone name (``TZ``, else ``/etc/localtime``'s target), ``UTC`` when unknown."""
    name = os.environ.get("TZ", "").lstrip(":")
    if name:
        try:
            parse_zone(name)
            return name
        except ValueError:
            pass
    try:
        target = str(Path("/etc/localtime").resolve())
    except OSError:
        return "UTC"
    marker = "zoneinfo/"
    if marker in target:
        candidate = target.split(marker, 1)[1]
        try:
            parse_zone(candidate)
            return candidate
        except ValueError:
            pass
    return "UTC"
