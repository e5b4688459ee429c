"""Links between entries: a volume's documents, statements and attachments.

Works on any objects with the metadata attributes the reader sets (kind,
slug, volume, responds_to, organization, date, title), so it is tested with
plain namespaces; the plugin wiring hands it Pelican's articles.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from .errors import ContentError


@dataclass
class Attachment:
    name: str
    url: str
    size: int


@dataclass
class Organization:
    name: str
    slug: str
    statements: list[Any] = field(default_factory=list)


def org_slug(name: str) -> str:
    """An anchor id for an organization name."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "organization"


def newest_first(entries: Iterable[Any]) -> list[Any]:
    return sorted(entries, key=lambda e: (e.date, e.title), reverse=True)


def link_entries(articles: list[Any]) -> list[ContentError]:
    """Attach documents and statements to volumes; report dangling references."""
    errors = []
    volumes = {a.slug: a for a in articles if a.kind == "volume"}
    for volume in volumes.values():
        volume.documents = []
        volume.statements = []
    for entry in articles:
        if entry.kind == "document":
            volume = volumes.get(entry.volume)
            if volume is None:
                errors.append(
                    ContentError(
                        entry_path(entry),
                        1,
                        f'document of volume "{entry.volume}", which has no '
                        f"index.md; add volumes/{entry.volume}/index.md",
                    )
                )
                continue
            entry.volume_entry = volume
            volume.documents.append(entry)
        elif entry.kind == "statement":
            entry.organization_slug = org_slug(entry.organization)
            target = getattr(entry, "responds_to", None)
            entry.responds_to_entry = volumes.get(target) if target else None
            if target and entry.responds_to_entry is None:
                errors.append(
                    ContentError(
                        entry_path(entry),
                        entry.header_lines.get("responds-to", 1),
                        f'Responds-To "{target}" names no volume; known volumes: '
                        f"{', '.join(sorted(volumes)) or 'none'}",
                    )
                )
            elif entry.responds_to_entry is not None:
                entry.responds_to_entry.statements.append(entry)
    for volume in volumes.values():
        volume.documents.sort(key=lambda d: (d.title.lower(), d.slug))
        volume.statements = newest_first(volume.statements)
    return errors


def duplicate_urls(entries: Iterable[Any]) -> list[ContentError]:
    """Two entries at one URL: Pelican would stop with a traceback, or
    silently keep one of them."""
    first: dict[str, Any] = {}
    errors = []
    # blame the entry whose Slug: header moved it, if any
    ordered = sorted(entries, key=lambda e: ("slug" in e.header_lines, entry_path(e)))
    for entry in ordered:
        other = first.setdefault(entry.save_as, entry)
        if other is not entry:
            errors.append(
                ContentError(
                    entry_path(entry),
                    entry.header_lines.get("slug", 1),
                    f"same address /{entry.url} as {entry_path(other)}; "
                    "change the Slug or the file name",
                )
            )
    return errors


def organizations(statements: Iterable[Any]) -> list[Organization]:
    """Statements grouped by who made them, organizations in name order."""
    grouped: dict[str, Organization] = {}
    for statement in statements:
        slug = org_slug(statement.organization)
        grouped.setdefault(slug, Organization(statement.organization, slug))
        grouped[slug].statements.append(statement)
    for org in grouped.values():
        org.statements = newest_first(org.statements)
    return sorted(grouped.values(), key=lambda o: o.name.lower())


def attachments_by_volume(
    static_files: Iterable[Any], content_path: str
) -> dict[str, list[Attachment]]:
    """Static files under volumes/<v>/files/, per volume, with sizes."""
    found: dict[str, list[Attachment]] = {}
    for static in static_files:
        rel = PurePosixPath(
            os.path.relpath(static.source_path, content_path).replace(os.sep, "/")
        )
        if (
            len(rel.parts) >= 4
            and rel.parts[0] == "volumes"
            and rel.parts[2] == "files"
        ):
            size = os.path.getsize(static.source_path)
            found.setdefault(rel.parts[1], []).append(
                Attachment(rel.name, static.url, size)
            )
    for items in found.values():
        items.sort(key=lambda a: a.name)
    return found


def entry_path(entry: Any) -> str:
    return str(entry.source_display)
