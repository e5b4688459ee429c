"""The one exception type for content errors, shared by every plugin.

An editor must be able to jump to the problem, so every error carries the
source file and line; Pelican swallows exceptions raised while reading, so
plugins collect these and fail the build before anything is written.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path


class ContentError(Exception):
    """A problem in the content that an editor must fix: `file:line: message`."""

    def __init__(self, path: str | Path, line: int, message: str) -> None:
        self.path = str(path)
        self.line = line
        self.message = message
        super().__init__(f"{self.path}:{self.line}: {self.message}")


class ContentErrors(Exception):
    """Several content errors at once, so an editor can fix them in one pass."""

    exitcode = 2

    def __init__(self, errors: Iterable[ContentError]) -> None:
        self.errors = sorted(errors, key=lambda e: (e.path, e.line, e.message))
        lines = "\n".join(str(e) for e in self.errors)
        count = len(self.errors)
        noun = "error" if count == 1 else "errors"
        super().__init__(f"{count} content {noun}; nothing was written:\n{lines}")


def raise_collected(errors: list[ContentError]) -> None:
    """Fail the build if any content error was collected."""
    if errors:
        raise ContentErrors(errors)
