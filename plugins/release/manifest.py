"""What a release says about itself: release.json, SHA256SUMS and the trace.

`SHA256SUMS` lists every served file except itself and its signature, in
the format `sha256sum -c` reads, so `release.json`, the trace and the
public key are covered by the signature too. The release serial increases
only when the published bytes change, and the release moment comes from the
source, never the wall clock, so a rebuild with no change is byte-identical.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any

from content_model.files import files_under

SUMS = "SHA256SUMS"
SIGNATURE = "SHA256SUMS.minisig"
RELEASE = "release.json"
TRACE = "trace"
FORMAT = 1
# files that describe the release rather than publish content: a change in
# them alone is not a new release
META_FILES = frozenset({SUMS, SIGNATURE, RELEASE, TRACE})
UNSUMMED = frozenset({SUMS, SIGNATURE})


class ManifestError(ValueError):
    """A SHA256SUMS or release.json that cannot be read."""


@dataclass(frozen=True, order=True)
class Version:
    """One version of an entry, at its permanent `<entry URL>vN/` address."""

    number: int
    url: str
    date: str
    withdrawn: bool = False

    def as_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "url": self.url,
            "date": self.date,
            "withdrawn": self.withdrawn,
        }


@dataclass(frozen=True, order=True)
class Entry:
    """One published entry as release.json lists it."""

    url: str
    title: str
    kind: str
    version: int | str
    date: str
    versions: tuple[Version, ...] = ()

    def as_json(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "title": self.title,
            "kind": self.kind,
            "version": self.version,
            "date": self.date,
            "versions": [v.as_json() for v in sorted(self.versions)],
        }


@dataclass(frozen=True)
class Release:
    serial: int
    time: str
    content_sha256: str
    site: str
    entries: tuple[Entry, ...] = field(default=())

    def to_json(self) -> bytes:
        data = {
            "format": FORMAT,
            "site": self.site,
            "serial": self.serial,
            "time": self.time,
            "content_sha256": self.content_sha256,
            "entries": [e.as_json() for e in sorted(self.entries)],
        }
        return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode()


@dataclass(frozen=True)
class PreviousRelease:
    """What the next release needs from the one output/ serves now."""

    serial: int
    time: str
    content_sha256: str


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def digests(root: Path, skip: frozenset[str] = UNSUMMED) -> dict[str, str]:
    """sha256 of every file under root, by POSIX path relative to root."""
    result = {}
    for relative, path in files_under(root):
        if relative not in skip:
            with open(path, "rb") as handle:
                result[relative] = hashlib.sha256(handle.read()).hexdigest()
    return result


def format_sums(sums: dict[str, str]) -> bytes:
    """`<hex>  <path>` lines, sorted by path: what `sha256sum -c` reads."""
    for path in sums:
        if "\n" in path or "\\" in path:
            # sha256sum would escape these; no Dossier URL contains them
            raise ManifestError(f"cannot list {path!r} in {SUMS}")
    return "".join(
        f"{digest}  {path}\n" for path, digest in sorted(sums.items())
    ).encode()


def parse_sums(text: bytes) -> dict[str, str]:
    """Read SHA256SUMS; refuses anything that could name a file outside the copy."""
    sums: dict[str, str] = {}
    for number, line in enumerate(text.decode("utf-8").splitlines(), start=1):
        digest, sep, path = line.partition("  ")
        if not sep or len(digest) != 64 or not _is_hex(digest):
            raise ManifestError(f"{SUMS} line {number}: expected '<sha256>  <path>'")
        pure = PurePosixPath(path)
        if pure.is_absolute() or ".." in pure.parts or path != pure.as_posix():
            raise ManifestError(f"{SUMS} line {number}: unsafe path {path!r}")
        if path in sums:
            raise ManifestError(f"{SUMS} line {number}: {path} is listed twice")
        sums[path] = digest
    return sums


def _is_hex(text: str) -> bool:
    return all(c in "0123456789abcdef" for c in text)


def content_digest(sums: dict[str, str]) -> str:
    """One hash over the listing of every content file (release files left out)."""
    content = {p: d for p, d in sums.items() if p not in META_FILES}
    return hashlib.sha256(format_sums(content)).hexdigest()


def read_previous(output: Path) -> PreviousRelease | None:
    """The release output/ serves now, or None if it has none yet."""
    path = output / RELEASE
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_bytes())
        return PreviousRelease(
            serial=int(data["serial"]),
            time=str(data["time"]),
            content_sha256=str(data["content_sha256"]),
        )
    except (ValueError, KeyError, TypeError) as error:
        raise ManifestError(
            f"{path} cannot be read ({error}); the next serial depends on it. "
            "Restore it, or remove the output folder to start again at serial 1"
        ) from error


def next_release(
    previous: PreviousRelease | None,
    content_sha256: str,
    moment: str,
    site: str,
    entries: Iterable[Entry],
) -> Release:
    """Same content: same serial and time. Changed content: serial + 1."""
    if previous is None:
        serial, time = 1, moment
    elif previous.content_sha256 == content_sha256:
        serial, time = previous.serial, previous.time
    else:
        serial, time = previous.serial + 1, moment
    return Release(serial, time, content_sha256, site, tuple(entries))


def release_moment(dates: Iterable[datetime], source_date_epoch: str | None) -> str:
    """SOURCE_DATE_EPOCH when set, else the latest entry date, else the epoch."""
    if source_date_epoch:
        try:
            return iso(datetime.fromtimestamp(int(source_date_epoch), UTC))
        except ValueError as error:
            raise ManifestError(
                f"SOURCE_DATE_EPOCH={source_date_epoch!r} is not a whole number "
                "of seconds since 1970"
            ) from error
    latest = max(dates, default=datetime.fromtimestamp(0, UTC))
    return iso(latest)


def trace_text(release: Release) -> bytes:
    """Debian-style trace: what a mirror watcher compares with the origin's."""
    return (
        f"{release.time}\n"
        f"Site: {release.site}\n"
        f"Serial: {release.serial}\n"
        f"Date: {release.time}\n"
        f"Content-SHA256: {release.content_sha256}\n"
    ).encode()
