"""A rebuild with nothing changed: output/ already is this build's result.

Every build is deterministic (the same inputs give the same bytes, tested),
so when every input is what it was at the last release, and output/ still
holds exactly the files that release listed in SHA256SUMS, writing and
checking the whole site again can only produce output/ once more. Then the
build stops after reading and holding back, and leaves output/ untouched.

The inputs, digested into one fingerprint when the build starts:
- every setting, except where the build writes and how it reads (they do
  not change a byte) and the embargo clock, which counts by what it
  decides: which entries and files are published, at which addresses, and
  each preview mark; a function in the settings counts by the bytes of the
  file that defines it;
- every file under the content folder, the theme, template override and
  theme static folders and the plugin folders (through symbolic links),
  every file a `*_FILE` setting names, the names the redaction policy was
  built from, the signing and public keys, and the release settings with
  SOURCE_DATE_EPOCH;
- Python's version and every installed distribution's version.
The input files are hashed again after reading: a build during which one
changed records nothing. Anything else that a page could depend on would
also break the "same inputs, same bytes" invariant that the release tests
hold the build to.

The fingerprint lives beside output/ (`.output.fingerprint`), private, with
digests of SHA256SUMS and its signature: a changed, added or removed file in
output/ means a full build, which puts it right.
"""

from __future__ import annotations

import contextlib
import hashlib
import inspect
import json
import logging
import os
import sys
from collections.abc import Iterable, Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

from content_model.lists import ARTICLE_LISTS, PAGE_LISTS
from markdown_reader.cache import stable

from .manifest import SIGNATURE, SUMS, ManifestError, digests, parse_sums

logger = logging.getLogger(__name__)
# Settings that say where the build writes or how fast it reads, and the
# plugins' run state; the clock counts by its decisions (see module doc).
IGNORED = frozenset(
    {"OUTPUT_PATH", "READER_CACHE", "READER_PROCESSES", "EMBARGO_NOW", "DEBUG"}
)
RUN_STATE = frozenset({"DOSSIER_BUILD_STATE", "DOSSIER_RELEASE_LOCK"})
# what each generator publishes, once embargo and versions have taken out
# what they hold or move
PUBLISHED_LISTS = (*dict.fromkeys((*ARTICLE_LISTS, *PAGE_LISTS)), "staticfiles")
# source path -> content object, or None for what a plugin held back
SOURCE_MAPS = ("generated_content", "static_content")


def input_digest(settings: Mapping[str, Any], release: str, files: str) -> str:
    """Every input but the clock's decisions, taken when the build starts.

    `release` is the release settings' text (SOURCE_DATE_EPOCH comes from
    the environment), `files` the `file_digest` of the same moment. A
    function in the settings counts by the bytes of the file it was defined
    in (the settings file): its name alone would miss an edit to its body.
    """
    digest = hashlib.sha256()
    for name in sorted(settings):
        if name in IGNORED or name in RUN_STATE:
            continue
        value = settings[name]
        digest.update(f"setting {name}={stable(value)}\n".encode())
        for function in callables(value):
            add_source(digest, function)
    digest.update(f"release {release}\nfiles {files}\n".encode())
    digest.update(f"python {sys.version}\n".encode())
    versions = sorted(
        f"{dist.metadata['Name']} {dist.version}" for dist in metadata.distributions()
    )
    digest.update("\n".join(versions).encode())
    return digest.hexdigest()


def file_digest(settings: Mapping[str, Any], keys: Iterable[Path | None]) -> str:
    """The bytes of every input file: content, theme, template overrides,
    theme static folders, plugins, files `*_FILE` settings name, the keys.
    Taken again after reading, to tell whether a file changed meanwhile."""
    digest = hashlib.sha256()
    for name in sorted(settings):
        value = settings[name]
        if name.endswith("_FILE") and isinstance(value, (str, Path)):
            add_file(digest, Path(value))
    for folder in input_folders(settings):
        add_folder(digest, folder)
    for folder in settings.get("PLUGIN_PATHS") or ():
        add_folder(digest, Path(folder), skip=frozenset({"__pycache__"}))
    for key in keys:
        if key is not None:
            add_file(digest, key)
    return digest.hexdigest()


def input_folders(settings: Mapping[str, Any]) -> list[Path]:
    """Content, theme, template overrides and theme static folders."""
    theme = settings.get("THEME")
    folders = [settings.get("PATH"), theme]
    folders += list(settings.get("THEME_TEMPLATES_OVERRIDES") or ())
    if theme:
        # an absolute static path stays itself; a relative one is the theme's
        folders += [
            os.path.join(theme, static)
            for static in settings.get("THEME_STATIC_PATHS") or ()
        ]
    return [Path(folder) for folder in folders if folder]


def callables(value: Any) -> list[Any]:
    """Every function in a setting's value, containers searched."""
    if callable(value):
        return [value]
    if isinstance(value, Mapping):
        return [f for item in value.items() for part in item for f in callables(part)]
    if isinstance(value, (list, tuple, set, frozenset)):
        return [f for item in value for f in callables(item)]
    return []


def add_source(digest: Any, function: Any) -> None:
    """The bytes of the file defining `function`; one without a file makes
    this fingerprint unlike any other, so every build is a full one."""
    try:
        source = inspect.getsourcefile(function)
    except TypeError:
        source = None
    if source is None:
        digest.update(os.urandom(16))
        return
    add_file(digest, Path(source))


def fingerprint(inputs: str, published: Iterable[str]) -> str:
    """The inputs with what the clock decided (see published_entries)."""
    digest = hashlib.sha256(f"inputs {inputs}\n".encode())
    for line in published:
        digest.update(f"published {line}\n".encode())
    return digest.hexdigest()


def add_file(digest: Any, path: Path) -> None:
    digest.update(f"file {path}\n".encode())
    add_bytes(digest, path)


def add_bytes(digest: Any, path: Path) -> None:
    """A file's bytes (by their own hash), or why they could not be read."""
    try:
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    except OSError as error:
        digest.update(f"unreadable {error.errno}\n".encode())


def add_folder(digest: Any, folder: Path, skip: frozenset[str] = frozenset()) -> None:
    """Every file's path and bytes, through symbolic links as Pelican follows
    them (each real folder once, so a link loop ends)."""
    digest.update(f"folder {folder.resolve()}\n".encode())
    seen: set[str] = set()
    for base, folders, files in os.walk(folder, followlinks=True):
        real = os.path.realpath(base)
        if real in seen:
            folders[:] = []
            continue
        seen.add(real)
        folders[:] = sorted(f for f in folders if f not in skip)
        for name in sorted(files):
            path = Path(base, name)
            digest.update(f"{path.relative_to(folder).as_posix()}\n".encode())
            add_bytes(digest, path)


def published_entries(generators: list[Any]) -> list[str]:
    """What each generator will write, after every hold-back: the clock's
    decisions, in a form that does not change with the clock."""
    lines = []
    for generator in generators:
        for name in PUBLISHED_LISTS:
            for content in getattr(generator, name, None) or ():
                kind = type(generator).__name__
                source = content.get_relative_source_path()
                # a preview's "embargoed until" mark changes with the clock too
                mark = stable(getattr(content, "embargo_preview", None))
                lines.append(f"{kind} {name} {source} {content.save_as} {mark}")
    context = generators[0].context if generators else {}
    for name in SOURCE_MAPS:
        for source, content in (context.get(name) or {}).items():
            shown = "held" if content is None else getattr(content, "save_as", "")
            lines.append(f"{name} {source} {shown}")
    return sorted(lines)


def fingerprint_file(output: Path) -> Path:
    return output.with_name(f".{output.name}.fingerprint")


def output_state(output: Path) -> dict[str, str] | None:
    """Digests of SHA256SUMS and its signature, if output/ holds exactly the
    files SHA256SUMS lists with the bytes it lists; None otherwise."""
    try:
        sums = (output / SUMS).read_bytes()
        if parse_sums(sums) != digests(output):
            return None
    except (OSError, ManifestError, UnicodeDecodeError):
        return None
    return released_state(output, sums)


def released_state(output: Path, sums: bytes | None = None) -> dict[str, str]:
    """Digests of SHA256SUMS (`sums`, or as read now) and its signature:
    what a release that just wrote them records. The next build compares
    them with output_state, which checks every file against SHA256SUMS."""
    if sums is None:
        sums = (output / SUMS).read_bytes()
    state = {SUMS: hashlib.sha256(sums).hexdigest()}
    signature = output / SIGNATURE
    if signature.is_file():
        state[SIGNATURE] = hashlib.sha256(signature.read_bytes()).hexdigest()
    return state


def is_unchanged(output: Path, current: str) -> bool:
    """True when the last release was made from these very inputs and
    output/ still holds what it published."""
    try:
        recorded = json.loads(fingerprint_file(output).read_text())
    except (OSError, ValueError):
        return False
    if not isinstance(recorded, dict) or recorded.get("fingerprint") != current:
        return False
    return recorded.get("output") == output_state(output)


def record(output: Path, current: str) -> None:
    """After a release: what the next build compares itself with (nothing,
    when `current` is empty: the next build is a full one)."""
    path = fingerprint_file(output)
    temporary = path.with_name(path.name + ".tmp")
    try:
        if not current:
            path.unlink(missing_ok=True)
            return
        state = released_state(output)
        text = json.dumps({"fingerprint": current, "output": state}, sort_keys=True)
        temporary.write_text(text + "\n")
        os.replace(temporary, path)
    except OSError as error:
        # the release is out; without a record the next build is a full one
        logger.warning("release: cannot record %s (%s)", path, error)
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
