"""Version history: permanent URLs, sizes, and which versions can be compared."""

from __future__ import annotations

from datetime import UTC, datetime

from versions.history import (
    VersionPage,
    VersionRecord,
    VersionSource,
    build_history,
    history_pages,
)

URL = "volumes/leak/memo/"


def day(n: int) -> datetime:
    return datetime(2021, 3, n, tzinfo=UTC)


def test_history_lists_every_version_oldest_first_with_permanent_urls():
    history = build_history(
        URL,
        [
            VersionSource(3, day(4), "Added", text=("Memo", "b")),
            VersionSource(1, day(1), withdrawn=True, reason="Named a source"),
            VersionSource(2, day(2), "Republished", text=("Memo", "a")),
        ],
    )
    assert history == (
        VersionRecord(1, day(1), "", f"{URL}v1/", None, True, "Named a source"),
        VersionRecord(2, day(2), "Republished", f"{URL}v2/", 7),
        VersionRecord(
            3,
            day(4),
            "Added",
            f"{URL}v3/",
            7,
            diff_url=f"{URL}v3/diff/",
            is_latest=True,
        ),
    )


def test_no_diff_across_a_withdrawn_or_missing_version():
    history = build_history(
        URL,
        [
            VersionSource(1, day(1), text=("a",)),
            VersionSource(2, day(2), withdrawn=True, reason="r"),
            VersionSource(3, day(3), text=("b",)),
            VersionSource(5, day(5), text=("c",)),  # 4 is held back
        ],
    )
    assert [record.diff_url for record in history] == [None, None, None, None]


def test_pages_to_write_are_every_version_and_every_diff_sorted():
    history = build_history(
        URL,
        [VersionSource(1, day(1), text=("a",)), VersionSource(2, day(2), text=("b",))],
    )
    assert history_pages(history) == [
        VersionPage(f"{URL}v1/", day(1)),
        VersionPage(f"{URL}v2/", day(2)),
        VersionPage(f"{URL}v2/diff/", day(2)),
    ]
