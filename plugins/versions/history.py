"""An entry's version history: one record per published version, oldest first.

Every template shows the same history on every version's page, so it is
built once per entry from plain values. Diffs exist only between two
consecutive published versions that are both readable: a withdrawn version's
text never appears again, not even as the old side of a comparison.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .text import text_size


@dataclass(frozen=True)
class VersionSource:
    """What history needs to know about one version (the current one included)."""

    number: int
    date: datetime
    note: str = ""
    withdrawn: bool = False
    reason: str = ""
    # the version's paragraphs (see text.version_text): None when withdrawn,
    # and for an entry with one version, which is never compared
    text: tuple[str, ...] | None = None
    # bytes of that text, when known without it (measured at read time)
    size: int | None = None

    def text_size(self) -> int | None:
        if self.withdrawn:
            return None
        if self.size is not None:
            return self.size
        return None if self.text is None else text_size(list(self.text))


@dataclass(frozen=True)
class VersionRecord:
    """One row of the history table."""

    number: int
    date: datetime
    note: str
    url: str  # permanent: <entry URL>vN/
    size: int | None  # bytes of its text; None when withdrawn
    withdrawn: bool = False
    reason: str = ""
    diff_url: str | None = None  # comparison with the version before
    is_latest: bool = False


@dataclass(frozen=True, order=True)
class VersionPage:
    """A page this plugin writes, for the sitemap."""

    url: str
    date: datetime


def version_url(entry_url: str, number: int) -> str:
    return f"{entry_url}v{number}/"


def diff_url(entry_url: str, number: int) -> str:
    return f"{version_url(entry_url, number)}diff/"


def has_diff(sources: dict[int, VersionSource], number: int) -> bool:
    """True when version `number` and the one before are both published and readable."""
    older, newer = sources.get(number - 1), sources.get(number)
    return (
        older is not None
        and newer is not None
        and not older.withdrawn
        and not newer.withdrawn
    )


def build_history(
    entry_url: str, sources: list[VersionSource]
) -> tuple[VersionRecord, ...]:
    """The history of the entry at `entry_url`, oldest version first."""
    by_number = {source.number: source for source in sources}
    latest = max(by_number)
    return tuple(
        VersionRecord(
            number=number,
            date=source.date,
            note=source.note,
            url=version_url(entry_url, number),
            size=source.text_size(),
            withdrawn=source.withdrawn,
            reason=source.reason,
            diff_url=diff_url(entry_url, number)
            if has_diff(by_number, number)
            else None,
            is_latest=number == latest,
        )
        for number, source in sorted(by_number.items())
    )


def history_pages(history: tuple[VersionRecord, ...]) -> list[VersionPage]:
    """Every page the history links to below the entry URL: versions and diffs."""
    pages = [VersionPage(record.url, record.date) for record in history]
    pages += [
        VersionPage(record.diff_url, record.date)
        for record in history
        if record.diff_url is not None
    ]
    return sorted(pages)
