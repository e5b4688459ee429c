"""Every file under a folder, for the checks that read a whole built site.

The redaction guard, the embargo scan, the link check and the checksums
each visit every output file of every build (20,000 at 10,000 documents).
`Path.rglob` with `is_file` and `relative_to` costs several pathlib objects
per file, and os.walk a stat per file; os.scandir knows from the folder
listing which names are files, and only a symbolic link costs a stat.
"""

from __future__ import annotations

import os
from pathlib import Path


def files_under(root: Path) -> list[tuple[str, str]]:
    """(path relative to `root` with `/`, path) of every file under `root`,
    sorted by the relative path. As `rglob("*")` with `is_file()`: a linked
    file counts (with its target's bytes), a linked folder is not entered,
    a dangling link is not a file. No `root` is no file; a folder under it
    that cannot be read is an error, not a folder without files."""
    found: list[tuple[str, str]] = []
    try:
        _collect(os.fspath(root), "", found)
    except FileNotFoundError:
        if os.path.isdir(root):
            raise  # something vanished inside it while it was read
    return sorted(found)


def _collect(folder: str, prefix: str, found: list[tuple[str, str]]) -> None:
    with os.scandir(folder) as listing:
        entries = list(listing)
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            _collect(entry.path, f"{prefix}{entry.name}/", found)
        elif entry.is_file():
            found.append((prefix + entry.name, entry.path))
