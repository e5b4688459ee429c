"""The reader cache: a file's reading, kept until the file or its inputs change.

Reading (markdown-it, redaction, bleach) is most of a document's cost, and
its result depends only on the file's bytes and on what is the same for a
whole build: the settings, the files they name, the plugins' code and the
libraries' versions. A reading is stored under a digest of the file's path
and bytes, in a folder named by a digest of everything else, so any change
to those inputs starts an empty folder.

Not Pelican's own reader cache (CACHE_CONTENT): it pickles the Tag and
Category objects a reader returns, and each one holds the settings dict,
where Dossier keeps the build state (every redacted original), the release
lock and the signing key. The lock does not pickle, so Pelican warns and
leaves a truncated file, on which the next build stops with EOFError; its
one file per generator is also rewritten in place, which concurrent builds
of one site would corrupt. Here an entry holds plain data only and is
written once, to a temporary file renamed into place.

The cache holds redacted originals (the guard needs them), so it lives
beside the content folder, private like the source, never in the output.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import shutil
import sys
import tempfile
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from .pool import default_processes

logger = logging.getLogger(__name__)

# content, and metadata in which Pelican's objects are still plain strings
Reading = tuple[str, dict[str, Any]]
# Settings that do not change what the reader returns: where things go, the
# cache itself, and the embargo and release settings, which act on entries
# after reading (EMBARGO_NOW changes at every embargo lift). DOSSIER_* are
# the plugins' per-run state; PLUGINS and the plugins' code are in the key.
IGNORED = frozenset(
    {
        "OUTPUT_PATH",
        "CACHE_PATH",
        "CACHE_CONTENT",
        "LOAD_CONTENT_CACHE",
        "READER_CACHE",
        "READER_PROCESSES",
        "REDACTION_REPORT",
        "ATTACHMENTS_VOUCHED",  # checked after reading, on static files
    }
)
# RENDER_MEMO_*: whether pages are written from the memo (the pages are the same)
IGNORED_PREFIXES = ("EMBARGO_", "RELEASE_", "DOSSIER_", "RENDER_MEMO")
# What renders and sanitizes: a new version may render the same file otherwise.
DISTRIBUTIONS = ("pelican", "markdown-it-py", "mdit-py-plugins", "bleach", "MarkupSafe")
# Key folders kept: the current one and the last few other settings used
# (a preview, the redaction report) survive; older ones are removed.
KEEP = 4
SUFFIX = ".pickle"
# About when this process imported the plugins (Pelican imports them all at
# start-up, this one first). Under `pelican --autoreload` the process
# outlives edits to their code: the key, made from the source on disk,
# would then name code that is not the code running. A constant, not state.
IMPORTED_NS = time.time_ns()
# Dossier's own plugins folder, and its sources as they were at that moment:
# a file replaced by one with an older time (`rsync -a`, `cp -p`, `tar x`)
# is told apart by its bytes, which a time cannot do.
OWN_PLUGINS = Path(__file__).resolve().parents[1]


def sources_digest(folder: Path) -> str:
    """Every Python file under `folder`, by path and bytes."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*.py")):
        digest.update(f"{path.relative_to(folder).as_posix()}\n".encode())
        try:
            digest.update(hashlib.sha256(path.read_bytes()).digest())
        except OSError:
            digest.update(b"(unreadable)")
    return digest.hexdigest()


IMPORTED_SOURCES = sources_digest(OWN_PLUGINS)


@dataclass(frozen=True)
class CacheSettings:
    """READER_CACHE: a folder, relative to the one holding the content
    folder, or None to read every file at every build (the default).
    READER_PROCESSES: how many processes read ahead into the cache (None:
    one per core; 1: none, Pelican reads alone)."""

    base: Path | None
    processes: int = 1

    @classmethod
    def read(cls, settings: Mapping[str, Any]) -> CacheSettings:
        processes = settings.get("READER_PROCESSES")
        if processes is None:
            processes = default_processes()
        if isinstance(processes, bool) or not isinstance(processes, int):
            processes = 0
        if processes < 1:
            raise CacheSettingError(
                f"READER_PROCESSES must be a whole number of at least 1, or None "
                f"for one per core, not {settings.get('READER_PROCESSES')!r}"
            )
        folder = settings.get("READER_CACHE")
        if not folder:
            return cls(None, processes)
        base = (Path(settings["PATH"]).resolve().parent / folder).resolve()
        output = Path(settings.get("OUTPUT_PATH") or "output").resolve()
        if base.is_relative_to(output):
            raise CacheSettingError(
                f"READER_CACHE {base} is inside the output folder {output}, where "
                "it would be published with the redacted originals it holds; "
                'keep it beside the content folder (READER_CACHE = ".cache")'
            )
        return cls(base, processes)


class CacheSettingError(ValueError):
    """READER_CACHE names a folder that must not hold the cache."""


# Where `take_cache_key` keeps this build's key (DOSSIER_*: not in the key)
KEY_SETTING = "DOSSIER_READER_CACHE_KEY"


def cache_key(settings: Mapping[str, Any]) -> str:
    """A digest of every input of a reading except the file itself."""
    digest = hashlib.sha256()
    for name in sorted(settings):
        if name in IGNORED or name.startswith(IGNORED_PREFIXES):
            continue
        value = settings[name]
        digest.update(f"{name}={stable(value)}\n".encode())
        # a file a setting names (REDACTION_NAMES_FILE) counts by its bytes
        if name.endswith("_FILE") and isinstance(value, (str, Path)):
            digest.update(file_bytes(Path(value)))
    for folder, path in plugin_sources(settings):
        digest.update(f"{path.relative_to(folder).as_posix()}\n".encode())
        digest.update(path.read_bytes())
    # and Dossier's own plugins wherever PLUGIN_PATHS points: the libraries
    # in it (sanitize, linkcheck) are imported from there in any case
    digest.update(f"own plugins {sources_digest(OWN_PLUGINS)}\n".encode())
    digest.update(f"python {sys.version}\n".encode())
    for name in DISTRIBUTIONS:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "absent"
        digest.update(f"{name} {version}\n".encode())
    return digest.hexdigest()[:20]


def plugin_sources(settings: Mapping[str, Any]) -> list[tuple[Path, Path]]:
    """Every Python file under PLUGIN_PATHS, with the folder it is under."""
    return [
        (Path(folder), path)
        for folder in settings.get("PLUGIN_PATHS") or ()
        for path in sorted(Path(folder).rglob("*.py"))
    ]


def code_changed_since(
    settings: Mapping[str, Any],
    moment_ns: int,
    own: Path = OWN_PLUGINS,
    imported: str | None = None,
) -> bool:
    """Whether the plugins' code on disk may not be the code running: the
    sources under `own` differ from `imported` (those read at import), or a
    source under PLUGIN_PATHS is newer than `moment_ns`."""
    if sources_digest(own) != (imported or IMPORTED_SOURCES):
        return True
    return any(p.stat().st_mtime_ns > moment_ns for _, p in plugin_sources(settings))


def stable(value: Any) -> str:
    """A text for a setting's value that is the same in every process.

    An object whose repr names its address changes the key at every build:
    nothing is served from the cache then, which is slow but never stale.
    """
    if isinstance(value, Mapping):
        items = sorted(f"{stable(k)}: {stable(v)}" for k, v in value.items())
        return "{" + ", ".join(items) + "}"
    if isinstance(value, (set, frozenset)):
        return "{" + ", ".join(sorted(stable(v) for v in value)) + "}"
    if isinstance(value, (list, tuple)):
        return f"{type(value).__name__}[" + ", ".join(stable(v) for v in value) + "]"
    if callable(value) and hasattr(value, "__qualname__"):
        return f"<{value.__module__}.{value.__qualname__}>"
    return repr(value)


def file_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        # a missing names file stops the build in its own plugin
        return b"(unreadable)"


@dataclass
class ReaderCache:
    """One key folder: entries named by a digest of a file's path and bytes."""

    folder: Path
    hits: int = 0
    misses: int = 0
    used: set[str] = field(default_factory=set)

    @classmethod
    def open(cls, base: Path, key: str) -> ReaderCache:
        folder = base / f"reader-{key}"
        folder.mkdir(parents=True, exist_ok=True)
        os.utime(folder)  # the most recently used folder, for prune_folders
        prune_folders(base, KEEP)
        return cls(folder)

    def get(self, source_path: str, data: bytes) -> Reading | None:
        name = entry_name(source_path, data)
        self.used.add(name)
        try:
            with open(self.folder / name, "rb") as handle:
                reading = pickle.load(handle)
        except FileNotFoundError:
            self.misses += 1
            return None
        except (OSError, EOFError, pickle.UnpicklingError) as error:
            # a damaged entry is read again from the source and replaced
            logger.warning("markdown_reader: ignoring cache entry %s (%s)", name, error)
            self.misses += 1
            return None
        self.hits += 1
        return reading

    def has(self, source_path: str, data: bytes) -> bool:
        return (self.folder / entry_name(source_path, data)).exists()

    def put(self, source_path: str, data: bytes, reading: Reading) -> None:
        """Store a reading; a concurrent build may write the same bytes."""
        name = entry_name(source_path, data)
        temporary = None
        try:
            # a concurrent build with other settings may have pruned the folder
            self.folder.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(
                dir=self.folder, prefix=".tmp-", delete=False
            ) as handle:
                temporary = Path(handle.name)
                pickle.dump(reading, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self.folder / name)
        # TypeError and AttributeError are what pickle raises for an object
        # it cannot store (a plugin's extra_metadata must be plain data)
        except (OSError, pickle.PicklingError, TypeError, AttributeError) as error:
            # only speed is lost: the next build reads this file again
            logger.warning(
                "markdown_reader: cannot cache %s in %s (%s)",
                source_path,
                self.folder,
                error,
            )
            if temporary is not None:
                temporary.unlink(missing_ok=True)


def entry_name(source_path: str, data: bytes) -> str:
    digest = hashlib.sha256(os.fsencode(source_path) + b"\0" + data)
    return digest.hexdigest() + SUFFIX


def prune_folders(base: Path, keep: int) -> None:
    """Remove all but the `keep` most recently used key folders."""
    folders = [p for p in base.glob("reader-*") if p.is_dir()]
    folders.sort(key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in folders[keep:]:
        # best effort: a folder left behind is removed by a later build
        shutil.rmtree(old, ignore_errors=True)


def prune_entries(folder: Path, used: Iterable[str]) -> None:
    """Remove entries of files this build did not read: edited or deleted."""
    keep = set(used)
    for entry in folder.glob(f"*{SUFFIX}"):
        if entry.name not in keep:
            entry.unlink(missing_ok=True)
