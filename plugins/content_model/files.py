"""Every file under a folder, for the checks that read a whole built site.

The redaction guard, the embargo scan, the link check and the checksums
each visit every output file of every build (20,000 at 10,000 documents).
`Path.rglob` with `is_file` and `relative_to` costs several pathlib objects
per file; os.walk with plain strings gives the same files at a fraction.
"""

from __future__ import annotations

import os
from pathlib import Path


def files_under(root: Path) -> list[tuple[str, str]]:
    """(path relative to `root` with `/`, path) of every file under `root`,
    sorted by the relative path. As `rglob("*")` with `is_file()`: a linked
    file counts (with its target's bytes), a linked folder is not entered,
    a dangling link is not a file."""
    found = []
    for base, _, names in os.walk(root):
        relative_base = os.path.relpath(base, root)
        for name in names:
            path = os.path.join(base, name)
            if os.path.isfile(path):
                relative = os.path.normpath(os.path.join(relative_base, name))
                found.append((relative.replace(os.sep, "/"), path))
    return sorted(found)
