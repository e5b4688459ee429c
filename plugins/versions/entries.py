"""Take version files out of Pelican's lists, check them, and give them URLs.

The reader publishes `x.vN.md` with the URL of `x.md`; left in Pelican's
lists it would be listed, tagged, put in feeds and written over the current
page. Pelican has no hook between reading and listing other than
`article_generator_pretaxonomy` (and, for pages, `page_generator_finalized`,
after which the context is patched by hand), so the work happens there and
the version files live on only in this plugin's per-build records.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from content_model.errors import ContentError, raise_collected
from content_model.lists import ARTICLE_LISTS, PAGE_LISTS
from pelican.generators import ArticlesGenerator, PagesGenerator

from .history import VersionRecord, version_url
from .sequence import FileFacts, check_entry

STATE = "versions"


@dataclass
class VersionedEntry:
    """An entry's current content object and its published earlier versions."""

    current: Any
    number: int
    variable: str  # the template variable: "article" or "page"
    versions: dict[int, Any] = field(default_factory=dict)
    history: tuple[VersionRecord, ...] = ()
    # each readable version's paragraphs, for the diffs
    texts: dict[int, tuple[str, ...]] = field(default_factory=dict)

    def content(self, number: int) -> Any:
        return self.current if number == self.number else self.versions[number]


def facts(content: Any) -> FileFacts:
    return FileFacts(
        path=str(content.source_display),
        date=content.date,
        number=getattr(content, "version_number", None),
        version=getattr(content, "version", None),
        note=getattr(content, "version_note", None),
        status=getattr(content, "version_status", None),
        reason=getattr(content, "withdrawn_reason", None),
        lines=dict(getattr(content, "header_lines", {})),
    )


VERSION_NAME = re.compile(r"^(?P<stem>.+)\.v(?P<number>[0-9]+)\.md$")


class VersionFiles:
    """The `stem.vN.md` files on disk, each folder listed once per build.

    Listing a folder for every entry in it would cost the square of a
    volume's size (a volume of 8,761 documents, 77 million comparisons).
    """

    def __init__(self, content_path: Path) -> None:
        self.content_path = content_path
        self.folders: dict[PurePosixPath, dict[str, dict[int, list[str]]]] = {}

    def beside(self, relpath: str) -> dict[int, list[str]]:
        """Version number → names of `stem.vN.md` files beside `relpath`."""
        current = PurePosixPath(relpath)
        if current.parent not in self.folders:
            self.folders[current.parent] = self._list(current.parent)
        return self.folders[current.parent].get(current.stem, {})

    def _list(self, folder: PurePosixPath) -> dict[str, dict[int, list[str]]]:
        path = self.content_path / folder
        names = sorted(os.listdir(path)) if path.is_dir() else []
        found: dict[str, dict[int, list[str]]] = defaultdict(dict)
        for name in names:
            if match := VERSION_NAME.match(name):
                numbers = found[match["stem"]]
                numbers.setdefault(int(match["number"]), []).append(name)
        return dict(found)


def take_versions(generator: Any, lists: Iterable[str]) -> list[Any]:
    """Remove version files from the generator's lists; return them."""
    lists = tuple(lists)
    taken = []
    for name in lists:
        contents = getattr(generator, name)
        taken += [c for c in contents if is_version(c)]
        setattr(generator, name, [c for c in contents if not is_version(c)])
    for name in lists:
        for content in getattr(generator, name):
            content.translations = [
                t for t in content.translations if not is_version(t)
            ]
    return taken


def listed_contents(generators: Iterable[Any]) -> list[Any]:
    """Every article and page in Pelican's lists (after versions left them)."""
    found = []
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            names = ARTICLE_LISTS
        elif isinstance(generator, PagesGenerator):
            names = PAGE_LISTS
        else:
            continue
        found += [c for name in names for c in getattr(generator, name)]
    return found


def is_version(content: Any) -> bool:
    return bool(getattr(content, "version_of", None))


def group_versions(
    generator: Any, lists: Iterable[str], taken: list[Any], variable: str
) -> list[VersionedEntry]:
    """Check each entry's versions against the rules; give versions their URLs.

    Versions of an entry that is on disk but was not read into the lists
    (held back, or failed to read, which content_model reports) go with it.
    """
    content_path = Path(generator.settings["PATH"])
    on_disk = VersionFiles(content_path)
    currents = {c.source_relpath: c for name in lists for c in getattr(generator, name)}
    grouped: dict[str, list[Any]] = defaultdict(list)
    for version in taken:
        grouped[version.version_of].append(version)
    errors: list[ContentError] = []
    entries = []
    for relpath, current in sorted(currents.items()):
        versions = sorted(grouped.pop(relpath, []), key=lambda v: v.version_number)
        number, found = check_entry(
            facts(current),
            [facts(v) for v in versions],
            on_disk.beside(relpath),
        )
        errors += found
        entries.append(
            VersionedEntry(
                current, number, variable, {v.version_number: v for v in versions}
            )
        )
    generated = generator.context["generated_content"]
    for relpath, orphans in sorted(grouped.items()):
        for orphan in orphans:
            if (content_path / relpath).is_file():
                generated[orphan.source_relpath] = None  # held with its entry
                continue
            errors.append(
                ContentError(
                    orphan.source_display,
                    1,
                    f"version file of {relpath}, which does not exist; restore "
                    "the current file or rename this one",
                )
            )
    raise_collected(errors)
    for entry in entries:
        for number, version in entry.versions.items():
            url = version_url(entry.current.url, number)
            version.override_url = url
            version.override_save_as = f"{url}index.html"
    return entries
