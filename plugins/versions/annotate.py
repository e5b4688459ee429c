"""Give every version's content object its history, before anything is written.

Runs after content_model has linked entries, so an earlier version can borrow
its current entry's links (a document's volume, a volume's documents) that
content_model only sets on the entries it sees.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from content_model.errors import ContentError, raise_collected

from .entries import VersionedEntry
from .history import VersionPage, VersionSource, build_history, history_pages
from .sequence import WITHDRAWN
from .text import text_size, version_text

# set by content_model on current entries; earlier versions show the same
RELATIONS = (
    "documents",
    "statements",
    "attachments",
    "volume_entry",
    "responds_to_entry",
    "organization_slug",
)


def raw_html(content: Any) -> str:
    """The reader's sanitized, redacted HTML, before Pelican resolves links.

    Reading `.content` instead would resolve `{attach}` links now, and
    Pelican moves an attached file next to whichever page asks first; the
    link targets do not matter for text, so the unresolved HTML is enough.
    """
    return str(content._content or "")


def is_withdrawn(content: Any) -> bool:
    return (getattr(content, "version_status", None) or "").strip() == WITHDRAWN


def measured_size(title: str, html: str) -> int:
    """The size the history shows; the reader stores it as `version_size`."""
    return text_size(version_text(title, html))


def source_of(
    number: int, content: Any, current: bool, compared: bool
) -> VersionSource:
    """Only a `compared` version (its entry has others) needs its text; the
    size of the others was measured by the reader, or is measured now."""
    withdrawn = not current and is_withdrawn(content)
    text = size = None
    if not withdrawn and compared:
        text = tuple(version_text(content.title, raw_html(content)))
    elif not withdrawn:
        size = getattr(content, "version_size", None)
        if size is None:
            size = measured_size(content.title, raw_html(content))
    return VersionSource(
        number=number,
        date=content.date,
        note=(getattr(content, "version_note", None) or "").strip(),
        withdrawn=withdrawn,
        reason=(getattr(content, "withdrawn_reason", None) or "").strip(),
        text=text,
        size=size,
    )


def annotate(entry: VersionedEntry) -> list[VersionPage]:
    """Set the history attributes templates read; return the pages to write."""
    numbers = sorted([*entry.versions, entry.number])
    compared = len(numbers) > 1
    sources = [
        source_of(n, entry.content(n), n == entry.number, compared) for n in numbers
    ]
    entry.texts = {s.number: s.text for s in sources if s.text is not None}
    entry.history = build_history(entry.current.url, sources)
    for record in entry.history:
        content = entry.content(record.number)
        content.version_number = record.number
        content.version_record = record
        content.version_history = entry.history
        content.latest_version = entry.current
        content.is_latest = record.is_latest
        content.is_withdrawn = record.withdrawn
        if content is not entry.current:
            for name in RELATIONS:
                if hasattr(entry.current, name):
                    setattr(content, name, getattr(entry.current, name))
    return history_pages(entry.history)


def keep_listed_tags(entries: Iterable[VersionedEntry], listed: set[Any]) -> None:
    """An earlier version links only to tags that still have a page.

    Tag pages list current entries only, so a tag that only an earlier
    version carried has no page, and a link to it would lead nowhere.
    """
    for entry in entries:
        for version in entry.versions.values():
            if getattr(version, "tags", None):
                version.tags = [tag for tag in version.tags if tag in listed]


def check_collisions(pages: Iterable[VersionPage], contents: Iterable[Any]) -> None:
    """A version page must not land where another entry is published.

    A document named `v2.md` in a volume would otherwise share its address
    with version 2 of the volume, and Pelican would stop with a traceback.
    """
    taken = {page.url for page in pages}
    errors = [
        ContentError(
            str(getattr(content, "source_display", content.source_path)),
            1,
            f"the address {content.url} is used by a version page (vN/ is kept "
            "for versions); rename this file or give it a Slug",
        )
        for content in contents
        if content.url in taken
    ]
    raise_collected(errors)
