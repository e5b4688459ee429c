"""The rules a versioned entry's files must follow, as a pure function.

An entry `x.md` says `Version: N` (1 when absent); versions 1 … N-1 are kept
beside it as `x.v1.md` … A gap, a duplicate or a number the current file does
not account for would either lose a version that readers cited or publish two
texts under one permanent URL, so each stops the build with a message that
says how to fix it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from itertools import pairwise

from content_model.errors import ContentError

WHOLE_NUMBER = re.compile(r"^[1-9][0-9]{0,3}$")  # 1 to 9999: a bigger number is a typo
WITHDRAWN = "withdrawn"


@dataclass(frozen=True)
class FileFacts:
    """What one file (the current one or a version file) says about itself.

    `number` is the N of `x.vN.md`, or None for the current file; `lines`
    maps lowercased header keys to their line numbers.
    """

    path: str
    date: datetime
    number: int | None = None
    version: str | None = None
    note: str | None = None
    status: str | None = None
    reason: str | None = None
    lines: Mapping[str, int] = field(default_factory=dict)

    def line(self, key: str) -> int:
        return self.lines.get(key, 1)


def version_file_name(current_name: str, number: int) -> str:
    """`index.md` → `index.v2.md`: where version `number` of a file is kept."""
    stem = current_name.removesuffix(".md")
    return f"{stem}.v{number}.md"


def current_number(facts: FileFacts) -> tuple[int, list[ContentError]]:
    """The current file's Version: a whole number, 1 when the header is absent."""
    if facts.version is None:
        return 1, []
    if WHOLE_NUMBER.match(facts.version.strip()):
        return int(facts.version), []
    return 1, [
        ContentError(
            facts.path,
            facts.line("version"),
            f'Version "{facts.version}" is not a whole number from 1 to 9999; '
            "write the version of this text as 1, 2, 3 …",
        )
    ]


def check_status(facts: FileFacts) -> list[ContentError]:
    """Status and Withdrawn-Reason: only `withdrawn`, only on version files."""
    errors = []
    if facts.number is None and facts.status is not None:
        errors.append(
            ContentError(
                facts.path,
                facts.line("status"),
                "Status is only allowed on a version file (x.vN.md); to withdraw "
                "this text, run `make revise FILE=…` to freeze it as a version "
                "file, set Status: withdrawn and Withdrawn-Reason there, and "
                "replace the text of this file",
            )
        )
    elif facts.status is not None and facts.status.strip() != WITHDRAWN:
        errors.append(
            ContentError(
                facts.path,
                facts.line("status"),
                f'Status "{facts.status}" is not known; the only status of a '
                "version is `withdrawn`",
            )
        )
    elif facts.status is not None and not (facts.reason or "").strip():
        errors.append(
            ContentError(
                facts.path,
                facts.line("status"),
                "a withdrawn version needs a Withdrawn-Reason: line saying why "
                "readers can no longer see it",
            )
        )
    if facts.reason is not None and facts.status is None:
        errors.append(
            ContentError(
                facts.path,
                facts.line("withdrawn-reason"),
                "Withdrawn-Reason without Status: withdrawn; add Status: withdrawn "
                "(on a version file) or remove the reason",
            )
        )
    return errors


def check_version_header(facts: FileFacts) -> list[ContentError]:
    """A version file's own Version header, if any, must match its file name."""
    if facts.number is None or facts.version is None:
        return []
    if facts.version.strip() == str(facts.number):
        return []
    return [
        ContentError(
            facts.path,
            facts.line("version"),
            f'Version "{facts.version}" does not match the file name, which says '
            f"version {facts.number}; make them agree",
        )
    ]


def check_entry(
    current: FileFacts,
    versions: Sequence[FileFacts],
    on_disk: Mapping[int, Sequence[str]],
) -> tuple[int, list[ContentError]]:
    """Check one entry: its current file, the version files read, and the disk.

    `versions` are the version files that survived reading and embargo;
    `on_disk` maps each version number to the file names found beside the
    current file (held-back versions are on disk but not in `versions`).
    Returns the current version number and every error found.
    """
    number, errors = current_number(current)
    name = current.path.rsplit("/", 1)[-1]
    errors += check_status(current)
    if number > 1 and not (current.note or "").strip():
        errors.append(
            ContentError(
                current.path,
                current.line("version-note") if current.note is not None else 1,
                f"Version {number} needs a Version-Note: line saying what changed "
                "since the previous version",
            )
        )
    for facts in versions:
        errors += check_status(facts)
        errors += check_version_header(facts)
    for found, names in sorted(on_disk.items()):
        if len(names) > 1:
            errors.append(
                ContentError(
                    current.path,
                    1,
                    f"{' and '.join(sorted(names))} are all version {found}; keep "
                    "one file per version",
                )
            )
        if found < 1:
            errors.append(
                ContentError(
                    current.path,
                    1,
                    f"{sorted(names)[0]} is version {found}, but versions are "
                    "numbered from 1; rename it",
                )
            )
        elif found >= number:
            errors.append(
                ContentError(
                    current.path,
                    current.line("version"),
                    f"{sorted(names)[0]} is version {found}, but this file says "
                    f"Version: {number}; kept versions are numbered from 1 up to "
                    "one less than the current Version: renumber the file, or "
                    f"set Version: {max(on_disk) + 1} here",
                )
            )
    missing = [n for n in range(1, number) if n not in on_disk]
    if missing:
        files = ", ".join(version_file_name(name, n) for n in missing)
        errors.append(
            ContentError(
                current.path,
                current.line("version"),
                f"Version: {number}, but version {', '.join(map(str, missing))} "
                f"is missing; restore {files} beside this file, or lower Version",
            )
        )
    errors += check_dates(current, number, versions)
    return number, errors


def check_dates(
    current: FileFacts, number: int, versions: Sequence[FileFacts]
) -> list[ContentError]:
    """A later version cannot have been published before an earlier one."""
    dated = sorted(
        ((f.number, f) for f in versions if f.number is not None), key=lambda p: p[0]
    )
    dated.append((number, current))
    errors = []
    for (older_number, older), (_, newer) in pairwise(dated):
        if newer.date < older.date:
            errors.append(
                ContentError(
                    newer.path,
                    newer.line("date"),
                    f"Date {newer.date.isoformat()} is earlier than the Date of "
                    f"version {older_number} ({older.date.isoformat()}); each "
                    "version's Date is when it was published, so it cannot go back",
                )
            )
    return errors
