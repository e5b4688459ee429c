"""Timestamps in headers: ISO 8601, and never a guessed zone where it matters.

Date (the public release time) may omit the zone: the site's TIMEZONE is UTC
and Pelican's own convention applies. Embargo moments must carry one, because
an hour's guess either way is a leak or a late release.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone

TIMESTAMP = re.compile(
    r"^(?P<date>\d{4}-\d{2}-\d{2})"
    r"(?:[T ](?P<time>\d{2}:\d{2}(?::\d{2})?)"
    r"(?P<zone>Z|[+-]\d{2}:?\d{2})?)?$"
)


class TimestampError(ValueError):
    """The value is not a timestamp we accept; the message says why."""


def parse_timestamp(value: str, *, require_zone: bool) -> datetime:
    """Parse `2017-03-07T14:00:00Z` (or an offset) into an aware UTC datetime."""
    match = TIMESTAMP.match(value.strip())
    if not match:
        raise TimestampError(
            f'"{value}" is not a timestamp; write it as 2017-03-07T14:00:00Z '
            "or with an offset such as 2017-03-07T16:00:00+02:00"
        )
    if require_zone and not match["zone"]:
        raise TimestampError(
            f'"{value}" has no time zone; add Z for UTC or an offset, '
            "as in 2017-03-07T14:00:00Z or 2017-03-07T16:00:00+02:00"
        )
    try:
        moment = datetime.fromisoformat(f"{match['date']}T{match['time'] or '00:00'}")
    except ValueError as error:
        raise TimestampError(
            f'"{value}" is not a real date or time ({error})'
        ) from None
    zone = match["zone"]
    if zone and zone != "Z":
        sign = 1 if zone[0] == "+" else -1
        hours, minutes = int(zone[1:3]), int(zone[-2:])
        if hours > 23 or minutes > 59:
            raise TimestampError(f'"{value}" has an impossible offset {zone}')
        offset = timezone(sign * timedelta(hours=hours, minutes=minutes))
        try:
            return moment.replace(tzinfo=offset).astimezone(UTC)
        except OverflowError:
            raise TimestampError(f'"{value}" is outside the years 1 to 9999') from None
    return moment.replace(tzinfo=UTC)
