"""Write the version pages: every version at `<entry URL>vN/`, and the diffs.

A Generator of its own, returned from `get_generators`, because Pelican's
article and page generators write only what is in their lists, and version
files were taken out of those lists so that nothing lists them. Pelican runs
it after the article and page generators, so `{attach}` files stay beside
the current entry.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import partial
from typing import Any

from content_model.state import build_state
from pelican.generators import Generator

from .diff import compare, render
from .entries import STATE, VersionedEntry
from .history import VersionRecord

WITHDRAWN_TEMPLATE = "version_withdrawn"
DIFF_TEMPLATE = "version_diff"


@dataclass(frozen=True)
class VersionsSettings:
    """`VERSIONS_DIFF_CONTEXT`: unchanged paragraphs shown around a change."""

    diff_context: int = 1
    relative_urls: bool = False

    @classmethod
    def read(cls, settings: Mapping[str, Any]) -> VersionsSettings:
        context = settings.get("VERSIONS_DIFF_CONTEXT", cls.diff_context)
        if not isinstance(context, int) or context < 0:
            raise ValueError(
                f"VERSIONS_DIFF_CONTEXT must be a whole number ≥ 0, not {context!r}"
            )
        return cls(
            diff_context=context,
            relative_urls=bool(settings.get("RELATIVE_URLS", False)),
        )


class VersionsGenerator(Generator):
    """Writes the pages of every version of every entry, and their diffs."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.config = VersionsSettings.read(self.settings)

    def entries(self) -> list[VersionedEntry]:
        found: list[VersionedEntry] = build_state(self.settings).data.get(STATE, [])
        return sorted(found, key=lambda entry: entry.current.url)

    def refresh_metadata_intersite_links(self) -> None:
        """Pelican does this for the entries in its lists; versions are not there."""
        for entry in self.entries():
            for version in entry.versions.values():
                version.refresh_metadata_intersite_links()

    def generate_output(self, writer: Any) -> None:
        write = partial(writer.write_file, relative_urls=self.config.relative_urls)
        for entry in self.entries():
            for record in entry.history:
                content = entry.content(record.number)
                template = WITHDRAWN_TEMPLATE if record.withdrawn else content.template
                write(
                    f"{record.url}index.html",
                    self.get_template(template),
                    self.context,
                    url=record.url,
                    **self.variables(entry, content),
                )
                if record.diff_url is not None:
                    self.write_diff(write, entry, record)

    def write_diff(
        self, write: Any, entry: VersionedEntry, record: VersionRecord
    ) -> None:
        older = entry.content(record.number - 1)
        newer = entry.content(record.number)
        comparison = compare(
            list(entry.texts[record.number - 1]),
            list(entry.texts[record.number]),
            self.config.diff_context,
        )
        write(
            f"{record.diff_url}index.html",
            self.get_template(DIFF_TEMPLATE),
            self.context,
            url=record.diff_url,
            older=older,
            comparison=comparison,
            diff=render(comparison),
            **self.variables(entry, newer),
        )

    @staticmethod
    def variables(entry: VersionedEntry, content: Any) -> dict[str, Any]:
        """What the entry's own template expects, plus `entry` for ours."""
        found = {entry.variable: content, "entry": content}
        if entry.variable == "article":
            found["category"] = getattr(content, "category", None)
        return found
