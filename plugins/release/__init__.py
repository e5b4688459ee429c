"""Release plugin: every build is staged, checked, signed, then swapped in.

At `get_generators` (the start of every run, before Pelican creates its
generators and writer from `pelican.output_path`) the build takes a lock and
is pointed at a fresh staging folder. At `finalized`, after every other
plugin's guard (release is last in PLUGINS, and blinker calls receivers in
connection order), it writes release.json, the trace, SHA256SUMS and the
signature, runs the redaction guard and the embargo scan again over those
files (guards.py: they were written after the guards read the site), runs
the link check, carries over modification times of unchanged files, and
swaps the staging folder into output/ in one rename. Anything that fails
before that leaves output/ as it was. When nothing changed since the last
release and output/ still holds it, nothing is written at all (unchanged.py).
"""

from __future__ import annotations

import logging
import os
import shutil
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import IO, Any

import minisign
from content_model.aside import Aside
from content_model.state import build_state
from embargo import EmbargoLeakError
from linkcheck import BrokenLink, broken_links
from markdown_reader.cache import CacheSettings, stable
from markdown_reader.memo import DigestMemo
from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator
from redaction import LeakError

from .config import ReleaseSettings
from .feeds import date_empty_feed
from .guards import embargo_leaks, redaction_hits, release_files
from .manifest import RELEASE, Entry, release_moment
from .signing import check_public_key, load_secret_key
from .staging import (
    Layout,
    ReleaseError,
    acquire_lock,
    check_replaceable,
    create_staging,
    is_foreign,
    links_beside_file_times,
    preserve_mtimes,
    publish,
    recover,
)
from .unchanged import (
    file_digest,
    fingerprint,
    input_digest,
    is_unchanged,
    published_entries,
    record,
)
from .writer import RELEASE_FILES, entry_dates, entry_of, write_release

__all__ = ["ReleaseError", "broken_links_error", "guard_release_files", "register"]
logger = logging.getLogger(__name__)
STATE = "release"
LOCK_KEY = "DOSSIER_RELEASE_LOCK"
MAX_LISTED_LINKS = 20


@dataclass
class ReleaseBuild:
    """One build's facts, kept in content_model's per-build state."""

    config: ReleaseSettings
    layout: Layout
    staging: Path
    lock: IO[bytes]
    key: minisign.SecretKey | None
    inputs: str = ""  # unchanged.input_digest, taken before any reading
    files: str = ""  # unchanged.file_digest of the same moment
    entries: list[Entry] = field(default_factory=list)
    moment: str = ""
    fingerprint: str = ""
    unchanged: bool = False  # output/ already holds this build's result


def check_last(pelican: Any) -> None:
    """At `initialized`: a plugin after release would run its guard too late."""
    plugins = [str(name) for name in pelican.settings.get("PLUGINS") or []]
    if plugins and plugins[-1] != STATE:
        raise ReleaseError(
            f"release must be the last entry of PLUGINS (found {plugins}); a plugin "
            "listed after it would check the site after it was published"
        )


def start_staging(pelican: Any) -> None:
    """At `get_generators`: lock, clean up after killed builds, stage."""
    settings = pelican.settings
    config = ReleaseSettings.read(settings, os.environ)
    key = _signing_key(config)
    layout = Layout.for_output(settings["OUTPUT_PATH"])
    # Under --autoreload the same Pelican runs again after a failed build,
    # whose lock nothing released (Pelican has no signal for a failed run).
    # Runs of one Pelican never overlap, so that lock is ours to drop. It is
    # kept in the settings, which outlive a run, not in the per-build state.
    if (previous := settings.get(LOCK_KEY)) is not None:
        previous.close()
    lock = settings[LOCK_KEY] = acquire_lock(layout)
    try:
        recover(layout)
        staging = create_staging(layout)
    except BaseException:
        lock.close()
        raise
    files = release_files_digest(settings, config)
    inputs = input_digest(settings, repr(config), files)
    build_state(settings).data[STATE] = ReleaseBuild(
        config, layout, staging, lock, key, inputs, files
    )
    # Pelican has no setting for "write here, serve there": every generator
    # and the writer take pelican.output_path, read right after this signal
    pelican.output_path = str(staging)


def _signing_key(config: ReleaseSettings) -> minisign.SecretKey | None:
    if config.key_file is None:
        if config.require_signature:
            raise ReleaseError(
                "RELEASE_REQUIRE_SIGNATURE is set but no signing key was given; "
                "set DOSSIER_MINISIGN_KEY_FILE (see docs/mirrors.md)"
            )
        return None
    key = load_secret_key(config.key_file, config.key_origin, config.password)
    check_public_key(key, config.public_key)
    return key


def gather_entries(generators: list[Any]) -> None:
    """At `all_generators_finalized`: what is published, after every hold-back."""
    contents: list[Any] = []
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            contents += generator.articles
        elif isinstance(generator, PagesGenerator):
            contents += generator.pages
    build: ReleaseBuild = build_state(generators[0].settings).data[STATE]
    build.entries = [entry_of(content) for content in contents]
    build.moment = release_moment(entry_dates(contents), build.config.source_date_epoch)
    settings = generators[0].settings
    used = published_entries(generators) + names_used(settings)
    build.fingerprint = fingerprint(build.inputs, used)
    if release_files_digest(settings, build.config) != build.files:
        # an input changed while this build read it: no shortcut, no record
        build.fingerprint = ""
    elif is_unchanged(build.layout.output, build.fingerprint):
        # every check passed on these very bytes when they were released
        build.unchanged = True
        for generator in generators:
            generator.generate_output = skip_output


def release_files_digest(settings: dict[str, Any], config: ReleaseSettings) -> str:
    return file_digest(settings, (config.key_file, config.public_key))


def names_used(settings: dict[str, Any]) -> list[str]:
    """The names the redaction policy was built from, as read at the start
    (the names file may have changed before the release plugin read it)."""
    redaction = build_state(settings).data.get("redaction")
    if redaction is None:
        return []
    return [f"redaction names {stable(redaction.policy.name_list)}"]


def skip_output(writer: Any) -> None:
    """A generator's generate_output when output/ already is its result."""


def broken_links_error(broken: list[BrokenLink]) -> ReleaseError:
    listed = "\n".join(str(link) for link in broken[:MAX_LISTED_LINKS])
    more = len(broken) - MAX_LISTED_LINKS
    return ReleaseError(
        f"{len(broken)} broken internal links; output/ was not replaced:\n{listed}"
        + (f"\n… and {more} more" if more > 0 else "")
    )


def release(pelican: Any) -> None:
    """At `finalized`: check, describe, sign and publish the staged site."""
    build: ReleaseBuild = build_state(pelican.settings).data[STATE]
    if build.unchanged:
        shutil.rmtree(build.staging)
        pelican.output_path = str(build.layout.output)
        build.lock.close()
        logger.info(
            "release: nothing changed since the release in %s; it was left as it "
            "was (unchanged.py)",
            build.layout.output,
        )
        return
    # here, not at the start: a content error is the more useful message
    check_replaceable(build.layout, list(build.config.protected))
    written = write_release(
        build.staging,
        build.layout.output,
        build.config.site,
        build.entries,
        build.moment,
        build.key,
        build.config.public_key,
    )
    guard_release_files(pelican.settings, build.staging)
    # after write_release, so pages may link to release.json and SHA256SUMS
    processes = CacheSettings.read(pelican.settings).processes
    links = Aside(
        partial(
            broken_links,
            build.staging,
            DigestMemo.for_build(pelican.settings, "links"),
        ),
        parallel=links_beside_file_times(processes, build.layout.output),
    )
    unchanged = preserve_mtimes(build.layout.output, build.staging)
    if broken := links.result():
        raise broken_links_error(broken)
    foreign = is_foreign(build.layout, RELEASE)
    kept = publish(build.layout, build.staging, keep_old=foreign)
    record(build.layout.output, build.fingerprint)
    pelican.output_path = str(build.layout.output)
    build.lock.close()
    if kept is not None:
        logger.warning(
            "release: %s held files no release build wrote; they were moved to %s "
            "instead of deleted. Delete that folder once you no longer need it",
            build.layout.output,
            kept,
        )
    logger.info(
        "release: serial %d (%s) published to %s; %d unchanged files kept their time",
        written.serial,
        written.time,
        build.layout.output,
        unchanged,
    )


def guard_release_files(settings: dict[str, Any], staging: Path) -> None:
    """The redaction guard and the embargo scan read the site before the
    release files existed; they read those files now, with the same state.

    A guard's plugin that this build lists but whose state is missing did
    not run (Pelican only logs a plugin that fails to load): refuse. One the
    build does not list at all guards no page either, so not these files.
    """
    data = build_state(settings).data
    listed = {str(p) for p in settings.get("PLUGINS") or []}
    listed |= {str(p) for p in settings.get("DOSSIER_PLUGINS") or []}
    redaction, embargo = data.get("redaction"), data.get("embargo")
    missing = [
        name
        for name, state in (("redaction", redaction), ("embargo", embargo))
        if name in listed
        and (state is None or (name == "embargo" and "links" not in state.stages))
    ]
    if missing:
        raise ReleaseError(
            f"the {' and '.join(missing)} guard did not run in this build, so "
            "release.json, the trace and SHA256SUMS cannot be checked; list "
            f"{', '.join(missing)} before release in PLUGINS"
        )
    files = release_files(staging, RELEASE_FILES)
    if redaction is not None:
        cleared = redaction.cleared(settings, [str(staging / name) for name in files])
        redaction.stop_prescan()
        if hits := redaction_hits(files, redaction.searcher(settings), cleared):
            raise LeakError(hits)
    if embargo is not None and (leaks := embargo_leaks(files, embargo.markers)):
        raise EmbargoLeakError(leaks)


def steady_feed_date(context: Any, feed: Any) -> None:
    """At `feed_generated`: an empty feed must not carry the build time."""
    date_empty_feed(feed, os.environ)


def register() -> None:
    signals.initialized.connect(check_last)
    # get_generators: the one signal sent by every run() before the
    # generators and the writer read pelican.output_path
    signals.get_generators.connect(start_staging)
    signals.all_generators_finalized.connect(gather_entries)
    signals.feed_generated.connect(steady_feed_date)
    signals.finalized.connect(release)
