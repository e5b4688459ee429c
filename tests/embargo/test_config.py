"""Settings are checked before any content is read."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from embargo.config import EmbargoSettingsError, check_output, read_settings

REAL_NOW = datetime(2025, 5, 5, 12, 0, tzinfo=UTC)


def settings(tmp_path: Path, **extra):
    return {
        "PATH": str(tmp_path / "site" / "content"),
        "EMBARGO_AUDIENCES": {"acme": "Acme Devices", "globex": "Globex"},
        "EMBARGO_NOW": None,
        "EMBARGO_AUDIENCE": None,
        **extra,
    }


def test_defaults_are_the_wall_clock_and_paths_beside_the_content(tmp_path):
    found = read_settings(settings(tmp_path), REAL_NOW)
    assert found.now == REAL_NOW and not found.clock_overridden
    assert not found.preview
    assert found.public_output == (tmp_path / "site" / "output").resolve()
    assert (
        found.next_lift_file == (tmp_path / "site" / ".build" / "next-lift").resolve()
    )


def test_embargo_now_overrides_the_clock(tmp_path):
    found = read_settings(
        settings(tmp_path, EMBARGO_NOW="2017-03-08T02:00:00+02:00"), REAL_NOW
    )
    assert found.now == datetime(2017, 3, 8, 0, 0, tzinfo=UTC)
    assert found.clock_overridden


def test_the_clock_ignores_source_date_epoch(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    found = read_settings(settings(tmp_path, SOURCE_DATE_EPOCH=0), REAL_NOW)
    assert found.now == REAL_NOW


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (
            {"EMBARGO_NOW": "2017-03-08 00:00"},
            'EMBARGO_NOW "2017-03-08 00:00" has no time zone',
        ),
        ({"EMBARGO_NOW": "soon"}, 'EMBARGO_NOW "soon" is not a timestamp'),
        ({"EMBARGO_AUDIENCE": "initech"}, "EMBARGO_AUDIENCE 'initech' is not declared"),
        ({"EMBARGO_AUDIENCES": ["acme"]}, "EMBARGO_AUDIENCES must be a dict"),
        ({"EMBARGO_AUDIENCES": {"Acme Inc": "Acme"}}, "is not an id"),
        ({"EMBARGO_AUDIENCES": {"acme": ""}}, "needs a display name"),
    ],
)
def test_bad_settings_stop_the_build(tmp_path, extra, message):
    with pytest.raises(EmbargoSettingsError, match="embargo: ") as error:
        read_settings(settings(tmp_path, **extra), REAL_NOW)
    assert message in str(error.value)


def test_a_preview_may_not_be_written_into_or_around_the_public_output(tmp_path):
    preview = read_settings(settings(tmp_path, EMBARGO_AUDIENCE="acme"), REAL_NOW)
    site = tmp_path / "site"
    for folder in (site / "output", site / "output" / "previews", site):
        with pytest.raises(EmbargoSettingsError, match="make preview AUDIENCE=acme"):
            check_output(preview, folder)
    check_output(preview, site / "previews" / "acme")


def test_a_clock_moved_ahead_may_not_write_the_public_output(tmp_path):
    ahead = read_settings(
        settings(tmp_path, EMBARGO_NOW="2025-05-05T12:00:01Z"), REAL_NOW
    )
    with pytest.raises(EmbargoSettingsError, match="EMBARGO_NOW is in the future"):
        check_output(ahead, tmp_path / "site" / "output")
    check_output(ahead, tmp_path / "elsewhere")
    # moved back it only holds more back; the real clock is the normal case
    back = read_settings(
        settings(tmp_path, EMBARGO_NOW="2017-03-08T00:00:00Z"), REAL_NOW
    )
    check_output(back, tmp_path / "site" / "output")
    public = read_settings(settings(tmp_path), REAL_NOW)
    check_output(public, tmp_path / "site" / "output")


def test_the_next_lift_file_may_not_be_in_the_output(tmp_path):
    inside = read_settings(
        settings(tmp_path, EMBARGO_NEXT_LIFT_FILE="output/next-lift"), REAL_NOW
    )
    with pytest.raises(EmbargoSettingsError, match="next-lift"):
        check_output(inside, tmp_path / "site" / "output")
