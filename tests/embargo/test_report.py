"""The editors' report and the next-lift file."""

from __future__ import annotations

import stat
from datetime import UTC, datetime

from embargo.config import read_settings
from embargo.core import Hold
from embargo.report import report_lines, report_text, write_next_lift

T1 = datetime(2030, 1, 1, tzinfo=UTC)
T2 = datetime(2030, 6, 1, 10, 0, tzinfo=UTC)


def test_report_lists_each_held_entry_earliest_first_with_moment_and_audience():
    holds = {
        "s.md": Hold(T2, frozenset(), ("content/s.md",), "own Embargo"),
        "d.md": Hold(
            T1,
            frozenset({"acme", "globex"}),
            ("content/v.md",),
            "belongs to volume content/v.md",
        ),
    }
    displays = {"s.md": "content/s.md", "d.md": "content/d.md"}
    audiences = {"acme": "Acme Devices", "globex": "Globex"}
    assert report_lines(holds, displays, audiences, frozenset({"d.md"})) == [
        "2030-01-01T00:00:00Z  shown in this preview  content/d.md  "
        "[Acme Devices (acme), Globex (globex); belongs to volume content/v.md]",
        "2030-06-01T10:00:00Z  held  content/s.md  [no preview audience]",
    ]


def test_next_lift_file_holds_only_the_moment(tmp_path):
    path = tmp_path / ".build" / "next-lift"
    write_next_lift(path, T2)
    assert path.read_text() == "2030-06-01T10:00:00Z\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    write_next_lift(path, None)
    assert path.read_text() == ""
    assert [p.name for p in path.parent.iterdir()] == ["next-lift"]


def test_nothing_held_creates_no_next_lift_file(tmp_path):
    write_next_lift(tmp_path / ".build" / "next-lift", None)
    assert list(tmp_path.iterdir()) == []


def test_preview_report_counts_what_it_shows_and_what_stays_held(tmp_path):
    settings = read_settings(
        {
            "PATH": str(tmp_path / "content"),
            "EMBARGO_AUDIENCES": {"acme": "Acme Devices"},
            "EMBARGO_AUDIENCE": "acme",
            "EMBARGO_NOW": "2029-01-01T00:00:00Z",
        },
        T1,
    )
    holds = {
        "a.md": Hold(T1, frozenset({"acme"}), ("content/a.md",), "own Embargo"),
        "b.md": Hold(T2, frozenset(), ("content/b.md",), "own Embargo"),
    }
    text = report_text(
        settings,
        holds,
        {"a.md": "content/a.md", "b.md": "content/b.md"},
        frozenset({"b.md"}),
    )
    assert text.splitlines() == [
        "embargo: preview for Acme Devices (acme) at 2029-01-01T00:00:00Z "
        "(EMBARGO_NOW): 1 embargoed entries shown, 1 held back",
        "  2030-01-01T00:00:00Z  shown in this preview  content/a.md  "
        "[Acme Devices (acme)]",
        "  2030-06-01T10:00:00Z  held  content/b.md  [no preview audience]",
    ]
