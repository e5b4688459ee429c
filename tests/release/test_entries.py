"""What release.json says about each entry, from the content objects."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace

from release.manifest import Entry, Version
from release.writer import entry_dates, entry_of

JUNE_1 = datetime(2021, 6, 1, 12, tzinfo=UTC)
JUNE_3 = datetime(2021, 6, 3, 9, tzinfo=UTC)


def record(number: int, date: datetime, withdrawn: bool = False) -> SimpleNamespace:
    return SimpleNamespace(
        number=number, url=f"volumes/leak/v{number}/", date=date, withdrawn=withdrawn
    )


def test_an_entry_without_the_versions_plugin_has_its_version_header():
    page = SimpleNamespace(url="about/", title="About", date=JUNE_1, version="3")
    assert entry_of(page) == Entry("about/", "About", "page", 3, "2021-06-01T12:00:00Z")


def test_an_entry_without_a_version_header_is_version_one():
    page = SimpleNamespace(url="about/", title="About", date=JUNE_1)
    assert entry_of(page).version == 1


def test_an_entry_lists_every_version_the_versions_plugin_found():
    volume = SimpleNamespace(
        url="volumes/leak/",
        title="Leak",
        kind="volume",
        date=JUNE_3,
        version="2",
        version_number=2,
        version_history=(record(1, JUNE_1, withdrawn=True), record(2, JUNE_3)),
    )
    assert entry_of(volume) == Entry(
        "volumes/leak/",
        "Leak",
        "volume",
        2,
        "2021-06-03T09:00:00Z",
        (
            Version(1, "volumes/leak/v1/", "2021-06-01T12:00:00Z", withdrawn=True),
            Version(2, "volumes/leak/v2/", "2021-06-03T09:00:00Z"),
        ),
    )


def test_release_dates_include_every_version_date():
    volume = SimpleNamespace(date=JUNE_1, version_history=(record(1, JUNE_3),))
    assert entry_dates([volume]) == [JUNE_1, JUNE_3]
