"""The output guards, run again over the files the release writes itself.

release.json, the trace, SHA256SUMS, its signature and dossier.pub are
written at `finalized` after the redaction guard and the embargo scan have
read the staged site, and they carry entry titles, addresses and every
output path. So before the swap their bytes go through the same searches,
with the same needles and markers: the redaction guard's `Guard.scan` and
the embargo scan's compiled markers. A hit stops the release with the
guard's own error; output/ stays as it was.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Set
from pathlib import Path

from embargo.leaks import Leak, Marker, Scanner
from markdown_reader.memo import digest_of
from redaction.guard import Hit, Searcher

# what the redaction guard names as the source of a hit in these files
SOURCE = "the release files (entry titles, addresses and output paths)"


def release_files(staging: Path, names: Iterable[str]) -> dict[str, bytes]:
    """The bytes of each release file the release wrote into staging."""
    return {
        name: (staging / name).read_bytes()
        for name in sorted(names)
        if (staging / name).is_file()
    }


def redaction_hits(
    files: Mapping[str, bytes], guard: Searcher, cleared: Set[str] = frozenset()
) -> list[Hit]:
    """The redaction guard's finds in these files, as its `scan_output` reports
    them; bytes whose digest the guard's helper `cleared` are not searched
    again."""
    return [
        Hit(name, what, source or SOURCE)
        for name, data in sorted(files.items())
        if digest_of(data) not in cleared
        for what, source in guard.scan(data)
    ]


def embargo_leaks(files: Mapping[str, bytes], markers: Iterable[Marker]) -> list[Leak]:
    """The embargo scan's finds in these files: every marker, in every form."""
    scanner = Scanner.compile(markers)
    if not scanner.by_form:
        return []
    leaks: set[Leak] = set()
    for name, data in files.items():
        leaks |= scanner.scan(name, data)
    return sorted(leaks)
