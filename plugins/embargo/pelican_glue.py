"""What the embargo handlers do to Pelican's objects: read facts, remove entries.

Everything Pelican-shaped stays in this module, so core.py, leaks.py and
report.py work on plain values. Pelican has no hook to withdraw an entry, so
removal edits the generators' lists and the shared context at the points
listed in ../../../shared/notes/pelican-internals.md ("Hooks that work").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from content_model.errors import ContentError

from .config import EmbargoSettings
from .core import Constraint, Decision, EntryInfo, Hold, parse_embargo
from .leaks import Marker
from .links import LinkTargets


@dataclass(frozen=True)
class PreviewMark:
    """What a preview shows on an embargoed page: until when, and for whom."""

    until: datetime
    audience: str
    audience_name: str


@dataclass
class EmbargoState:
    """This build's facts, kept in content_model's per-build state."""

    settings: EmbargoSettings
    infos: dict[str, EntryInfo] = field(default_factory=dict)
    save_as: dict[str, str] = field(default_factory=dict)
    own: dict[str, Constraint] = field(default_factory=dict)
    decision: Decision = field(default_factory=lambda: Decision({}, frozenset()))
    # content-relative path -> (url, save_as) of each static file not copied
    hidden_static: dict[str, tuple[str, str]] = field(default_factory=dict)
    hidden_tags: set[str] = field(default_factory=set)  # URLs of held-only tags
    markers: list[Marker] = field(default_factory=list)
    stages: set[str] = field(default_factory=set)
    # from the first entry read until check_links (it holds the bodies)
    link_targets: LinkTargets | None = None

    @property
    def hidden(self) -> frozenset[str]:
        return self.decision.hidden


def contents(generator: Any, lists: Iterable[str]) -> list[Any]:
    """Every entry object in the generator's lists, each once."""
    seen: dict[int, Any] = {}
    for name in lists:
        for content in getattr(generator, name, []):
            seen.setdefault(id(content), content)
            for other in getattr(content, "translations", []):
                seen.setdefault(id(other), other)
    return list(seen.values())


def source_path(content: Any) -> str:
    return str(content.get_relative_source_path())


def entry_info(
    content: Any, settings: EmbargoSettings, targets: LinkTargets
) -> tuple[EntryInfo, list[ContentError]]:
    """The facts of one entry; the raw Embargo headers parsed, with errors."""
    meta = content.metadata
    path = source_path(content)
    display = str(meta.get("source_display") or f"content/{path}")
    lines = meta.get("header_lines") or {}
    own, errors = parse_embargo(
        meta.get("embargo"),
        meta.get("embargo_audience"),
        lines,
        display,
        settings.audiences,
    )
    # `_content` is the HTML before Pelican resolves links: the same text
    # Pelican's own get_static_links() reads
    html = [content._content or "", meta.get("summary") or ""]
    info = EntryInfo(
        path=path,
        display=display,
        kind=str(getattr(content, "kind", "page")),
        slug=str(getattr(content, "slug", "")),
        title=str(getattr(content, "title", "")),
        url=str(content.url or ""),
        volume=getattr(content, "volume", None),
        responds_to=getattr(content, "responds_to", None),
        version_of=getattr(content, "version_of", None),
        own=own,
        links=targets.of(content, html, content.relative_dir),
        audience_line=lines.get("embargo-audience", 1),
    )
    return info, errors


def remove_entries(
    generator: Any, lists: Iterable[str], hidden: frozenset[str]
) -> None:
    """Take hidden entries out of every list and every survivor's translations."""
    for name in lists:
        kept = [c for c in getattr(generator, name, []) if source_path(c) not in hidden]
        setattr(generator, name, kept)
        for content in kept:
            if hasattr(content, "translations"):
                content.translations = [
                    t for t in content.translations if source_path(t) not in hidden
                ]


def forget_entries(
    context: dict[str, Any], removed: Iterable[Any], keep_links: set[str]
) -> None:
    """Make Pelican treat removed entries as never published.

    `generated_content[path] = None` keeps the source file out of the static
    copy (it still counts as a source) and makes links to it unresolvable;
    their static links go unless a published entry links the same file.
    """
    for content in removed:
        context["generated_content"][source_path(content)] = None
        context["static_links"] -= content.get_static_links() - keep_links


def mark_previews(
    items: Iterable[Any], holds: dict[str, Hold], settings: EmbargoSettings
) -> None:
    """Give each embargoed entry of a preview what its banner shows."""
    if not settings.preview:
        return
    assert settings.audience is not None and settings.audience_name is not None
    for content in items:
        found = holds.get(source_path(content))
        if found is not None:
            content.embargo_preview = PreviewMark(
                found.until, settings.audience, settings.audience_name
            )


def static_links_of(items: Iterable[Any]) -> set[str]:
    links: set[str] = set()
    for content in items:
        links |= content.get_static_links()
    return links
