from __future__ import annotations

from datetime import UTC, datetime

import pytest
from content_model.dates import TimestampError, parse_timestamp


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2017-03-07T14:00:00Z", datetime(2017, 3, 7, 14, tzinfo=UTC)),
        ("2017-03-07T16:00:00+02:00", datetime(2017, 3, 7, 14, tzinfo=UTC)),
        ("2017-03-07T09:30-0430", datetime(2017, 3, 7, 14, tzinfo=UTC)),
        ("2017-03-07 14:00Z", datetime(2017, 3, 7, 14, tzinfo=UTC)),
    ],
)
def test_zoned_timestamps_become_utc(value, expected):
    assert parse_timestamp(value, require_zone=True) == expected


def test_dates_without_zone_are_utc_when_allowed():
    assert parse_timestamp("2017-03-07", require_zone=False) == datetime(
        2017, 3, 7, tzinfo=UTC
    )


@pytest.mark.parametrize("value", ["2017-03-07T14:00:00", "2017-03-07"])
def test_a_zone_is_required_where_asked(value):
    with pytest.raises(TimestampError, match="no time zone"):
        parse_timestamp(value, require_zone=True)


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("2017-02-30T10:00:00Z", "not a real date"),
        ("2017-03-07T25:00:00Z", "not a real date"),
        ("next tuesday", "not a timestamp"),
        ("March 2017", "not a timestamp"),
        ("2017-03-07T10:00:00+25:00", "impossible offset"),
        ("9999-12-31T23:59:00-01:00", "outside the years"),
        ("0001-01-01T00:00:00+01:00", "outside the years"),
    ],
)
def test_bad_timestamps_are_refused(value, reason):
    with pytest.raises(TimestampError, match=reason):
        parse_timestamp(value, require_zone=True)
