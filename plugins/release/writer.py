"""Write a release's own files into the staging folder, in the right order.

The public key and release.json go in first, so the checksums cover them;
SHA256SUMS is written from the finished tree; the signature comes last.
"""

from __future__ import annotations

import hashlib
import logging
import shutil
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

import minisign

from .config import KEY_FILE_ENV
from .manifest import (
    META_FILES,
    RELEASE,
    SIGNATURE,
    SUMS,
    TRACE,
    Entry,
    Release,
    Version,
    content_digest,
    digests,
    format_sums,
    iso,
    next_release,
    read_previous,
    trace_text,
)
from .signing import sign, trusted_comment

logger = logging.getLogger(__name__)
PUBLIC_KEY = "dossier.pub"
# every file write_release may add: written after the guards read the site
RELEASE_FILES = (PUBLIC_KEY, RELEASE, TRACE, SUMS, SIGNATURE)


def entry_of(content: Any) -> Entry:
    """What release.json says about one published article or page.

    The versions plugin sets `version_number` and `version_history` (one
    record per version, withdrawn ones included); without them an entry has
    the one version its `Version` header (default 1) names.
    """
    date = _iso_or_empty(getattr(content, "date", None))
    number = getattr(content, "version_number", None)
    version = (
        number
        if number is not None
        else version_number(getattr(content, "version", "1"))
    )
    history = getattr(content, "version_history", None)
    if history:
        versions = tuple(
            Version(
                number=record.number,
                url=str(record.url),
                date=_iso_or_empty(record.date),
                withdrawn=bool(record.withdrawn),
            )
            for record in history
        )
    else:
        versions = ()
    return Entry(
        url=str(content.url),
        title=str(content.title),
        kind=str(getattr(content, "kind", "page")),
        version=version,
        date=date,
        versions=versions,
    )


def _iso_or_empty(value: object) -> str:
    return iso(value) if isinstance(value, datetime) else ""


def version_number(value: object) -> int | str:
    """The Version header as a number; anything else is left as written."""
    text = str(value).strip()
    return int(text) if text.isdigit() else text


def entry_dates(contents: Iterable[Any]) -> list[datetime]:
    """Every date a release could have changed at: entries and their versions."""
    dates = []
    for content in contents:
        for name in ("date", "modified"):
            value = getattr(content, name, None)
            if isinstance(value, datetime):
                dates.append(value)
        for record in getattr(content, "version_history", None) or ():
            if isinstance(record.date, datetime):
                dates.append(record.date)
    return dates


def fresh(path: Path) -> Path:
    """`path`, with no file under it: a page there may be a link to the file
    output/ serves (plugins/render_memo), which writing in place would
    change before the release is checked."""
    path.unlink(missing_ok=True)
    return path


def write_release(
    staging: Path,
    served: Path,
    site: str,
    entries: Iterable[Entry],
    moment: str,
    key: minisign.SecretKey | None,
    public_key: Path | None,
) -> Release:
    """Add release.json, trace, SHA256SUMS and (with a key) the signature."""
    if public_key is not None:
        fresh(staging / PUBLIC_KEY)
        shutil.copyfile(public_key, staging / PUBLIC_KEY)
    # every file hashed once: the site's files, then the two written here
    listed = digests(staging, skip=META_FILES)
    content = content_digest(listed)
    release = next_release(read_previous(served), content, moment, site, entries)
    written = {RELEASE: release.to_json(), TRACE: trace_text(release)}
    for name, data in written.items():
        fresh(staging / name).write_bytes(data)
        listed[name] = hashlib.sha256(data).hexdigest()
    sums = format_sums(listed)
    fresh(staging / SUMS).write_bytes(sums)
    if key is not None:
        comment = trusted_comment(release.serial, release.time)
        fresh(staging / SIGNATURE).write_bytes(sign(sums, key, comment))
    else:
        logger.warning(
            "release: serial %d is UNSIGNED: no signing key was given, so mirrors "
            "cannot verify this build. Set %s (or RELEASE_KEY_FILE) to a minisign "
            "secret key outside the repository; see docs/mirrors.md",
            release.serial,
            KEY_FILE_ENV,
        )
    return release
