"""Pelican's writer, except that a page the memo reused is linked, not written.

The render memo (RenderRun.offer_link) names each page whose bytes are
those of the served output/ file. Here that page becomes a hard link to the
served file in the staging folder, if that is still the very file whose
bytes the memo checked (its device and inode): the two trees share the
file until the release swaps them and deletes the old one.

A shared file must never be written in place, or output/ would change
before the build is checked. So a page is linked only at its first write;
a later write to a linked page (an override) first removes the link;
static files, which Pelican copies in place, are never at a linked path
(`StaticPaths`); and the release writes its own files after removing any
file there (release/writer.py).
Wherever a link cannot be made (output/ on another file system, a served
file that is a symbolic link or was replaced since it was read), the page
is written as usual, from the checked text.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping
from contextlib import suppress
from dataclasses import dataclass
from typing import Any

from content_model.state import build_state
from pelican.utils import sanitised_join
from pelican.writers import Writer

STATE = "render_memo"  # render_memo.STATE (that module imports this one)


class Discard:
    """What Pelican writes a linked page's text into: nothing."""

    def __enter__(self) -> Discard:
        return self

    def __exit__(self, *_: object) -> None:
        return None

    def write(self, text: str) -> int:
        return len(text)


class LinkingWriter(Writer):
    """Links the pages the run names in `links` at their first write; every
    other write is Pelican's, after removing a link it would write through."""

    def __init__(self, output_path: str, settings: Mapping[str, Any] | None = None):
        super().__init__(output_path, settings=settings)
        self.linked: set[str] = set()

    def _open_w(self, filename: str, encoding: str, override: bool = False) -> Any:
        run = build_state(self.settings).data.get(STATE)
        served = run.links.pop(filename, None) if run is not None else None
        first = (
            filename not in self._written_files
            and filename not in self._overridden_files
        )
        if served is not None and first and link(*served, filename):
            # Pelican's bookkeeping for a first write (Writer._open_w)
            if override:
                self._overridden_files.add(filename)
            self._written_files.add(filename)
            self.linked.add(filename)
            return Discard()
        if (
            filename in self.linked
            and override
            and filename not in self._overridden_files
        ):
            # Pelican overwrites it: into a new file, not the served one
            os.unlink(filename)
            self.linked.discard(filename)
        return super()._open_w(filename, encoding, override)


def link(served: str, checked: tuple[int, int], staged: str) -> bool:
    """Hard-link the served page at `staged`, if it is still the file whose
    bytes the memo checked (`checked`: device and inode); False if not, or
    if it cannot be linked."""
    try:
        os.link(served, staged, follow_symlinks=False)
    except OSError:  # another file system, a file already there
        return False
    try:
        status = os.lstat(staged)
        same = stat.S_ISREG(status.st_mode) and (
            (status.st_dev, status.st_ino) == checked
        )
    except OSError:
        same = False
    if not same:
        # replaced since its bytes were read, or a symbolic link: the
        # writer writes the checked text instead
        with suppress(FileNotFoundError):
            os.unlink(staged)
    return same


@dataclass(frozen=True)
class StaticPaths:
    """Where Pelican copies files in place: each static file's staged path,
    and the theme's static folder, copied whole (paths as `sanitised_join`
    gives them)."""

    files: frozenset[str] = frozenset()
    folder: str | None = None

    @classmethod
    def of(
        cls, settings: Mapping[str, Any], context: Mapping[str, Any], staging: str
    ) -> StaticPaths:
        files = set()
        for static in context.get("staticfiles") or ():
            save_as = getattr(static, "save_as", None)
            if save_as:
                with suppress(RuntimeError):  # outside: Pelican refuses it
                    files.add(sanitised_join(staging, save_as))
        theme = sanitised_join(staging, settings.get("THEME_STATIC_DIR") or ".")
        return cls(frozenset(files), theme.rstrip("/") + "/")

    def __contains__(self, staged: object) -> bool:
        if not isinstance(staged, str):
            return False
        return staged in self.files or (
            self.folder is not None and staged.startswith(self.folder)
        )
