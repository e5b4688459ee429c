"""Redaction plugin: marked and policy-matched text never reaches the output.

The reader sends `markdown_parsed` before rendering; `redact` replaces every
redaction in the tokens and header fields with a uniform mark and records
the original in the entry's metadata, which the reader cache keeps;
`collect` gathers them from every entry for the guard and the audit. At
`finalized`, `guard` reads every output file back and fails the build on any
leak. See docs/redaction.md.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from content_model.errors import ContentError, ContentErrors, raise_collected
from content_model.files import files_under
from content_model.plugins import check_plugins_loaded
from content_model.state import build_state
from markdown_reader.cache import CacheSettings
from markdown_reader.document import ParsedDocument, markdown_parsed
from markdown_reader.memo import DigestMemo
from pelican import signals

from .config import RedactionConfigError, RedactionSettings
from .fields import named_file_errors, redact_fields, refuse_names_in_path
from .guard import Guard, LazyGuard, LeakError, Needles, memo_key, scan_output
from .marks import Marks, Redaction, summarize
from .markup import redact_tokens
from .policy import Policy
from .prescan import Prescan
from .report import write_report
from .scope import Scope

__all__ = ["LeakError", "Redaction", "redact_document", "register"]
logger = logging.getLogger(__name__)
STATE = "redaction"
# The metadata key of an entry's redacted originals (a tuple of Redaction):
# private, taken off the entry by `collect` before any template runs.
RECORDS = "redaction_records"
# Pelican's lists of everything it writes, on its generators.
WRITTEN = (
    "articles",
    "translations",
    "hidden_articles",
    "hidden_translations",
    "drafts",
    "drafts_translations",
    "pages",
    "hidden_pages",
    "draft_pages",
    "staticfiles",
)


@dataclass
class RedactionBuild:
    """One build's policy and findings, in content_model's per-build state."""

    config: RedactionSettings
    policy: Policy
    marks: Marks
    found: list[Redaction] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)  # output path -> entry
    _needles: Needles | None = field(default=None, repr=False)
    _guard: Guard | None = field(default=None, repr=False)
    _memo: DigestMemo | None = field(default=None, repr=False)
    prescan: Prescan | None = field(default=None, repr=False)

    def needles(self) -> Needles:
        """What the guard searches for, once every entry is read."""
        if self._needles is None:
            config = self.config
            self._needles = Needles(
                self.found,
                self.policy,
                config.guard_min_length,
                config.guard_min_block_line,
            )
        return self._needles

    def guard(self, settings: Mapping[str, Any]) -> Guard:
        """The build's guard: its screen is compiled once for the pages and
        the release files, from the plan an earlier build made of the same
        texts when there is one."""
        if self._guard is None:
            memo = DigestMemo.for_build(settings, "screen")
            self._guard = Guard(self.needles(), self.policy, memo)
            memo.save()
        return self._guard

    def searcher(self, settings: Mapping[str, Any]) -> LazyGuard:
        """The guard, made only if a file needs searching in this process."""
        return LazyGuard(partial(self.guard, settings))

    def memo(self, settings: Mapping[str, Any]) -> DigestMemo:
        """The guard's verdicts of earlier builds, under what it searches for."""
        if self._memo is None:
            config = self.config
            key = memo_key(
                self.found,
                self.policy,
                config.guard_min_length,
                config.guard_min_block_line,
            )
            self._memo = DigestMemo.for_build(settings, "guard", key)
        return self._memo

    def cleared(self, settings: Mapping[str, Any], paths: Iterable[str]) -> set[str]:
        """Digests of bytes the helper searched and found clean (prescan.py),
        once it has read `paths` too; none without a helper."""
        if self.prescan is None:
            return set()
        return self.prescan.cleared(self.memo(settings).key, paths)

    def stop_prescan(self) -> None:
        """Once nothing more will be asked of the helper: it exits."""
        if self.prescan is not None:
            for signal in (signals.content_written, signals.feed_written):
                signal.disconnect(self.prescan.written)
            self.prescan.close()
            self.prescan = None


def redact_document(
    document: ParsedDocument, scope: Scope, source_lines: list[str] | None
) -> None:
    """Redact one parsed document in place (tokens, summary, header fields)."""
    refuse_names_in_path(scope, document.path)
    redact_fields(scope, document.fields)
    document.tokens[:] = redact_tokens(scope, document.tokens, source_lines, "body")
    if document.summary_tokens is not None:
        document.summary_tokens[:] = redact_tokens(
            scope, document.summary_tokens, source_lines, "summary"
        )
    document.extra_metadata["redactions"] = summarize(scope.found, scope.marks)
    document.extra_metadata[RECORDS] = tuple(scope.found)


def check_settings(pelican: Any) -> None:
    """At `initialized`: bad settings stop the build before anything is read."""
    plugins = [str(name) for name in pelican.settings.get("PLUGINS") or []]
    if "content_model" in plugins and plugins.index("content_model") > plugins.index(
        STATE
    ):
        _config_error("list content_model before redaction in PLUGINS")
    try:
        RedactionSettings.read(pelican.settings).policy()
    except RedactionConfigError as error:
        _config_error(str(error))


def _config_error(message: str) -> None:
    raise ContentErrors([ContentError("pelicanconf.py", 1, message)])


def start_build(pelican: Any) -> None:
    """At `get_generators`: compile the policy once for this build."""
    try:
        config = RedactionSettings.read(pelican.settings)
        policy = config.policy()
    except RedactionConfigError as error:
        _config_error(str(error))
    build_state(pelican.settings).data[STATE] = RedactionBuild(
        config, policy, config.marks()
    )


def redact(sender: Any, document: ParsedDocument) -> None:
    """`markdown_parsed` receiver: the reader renders only what is left."""
    try:
        run: RedactionBuild = build_state(document.settings).data[STATE]
    except (RuntimeError, KeyError):
        raise ContentError(
            document.path,
            1,
            "the redaction plugin did not start; list "
            "content_model before redaction in PLUGINS",
        ) from None
    scope = Scope(document.path, run.policy, run.marks)
    redact_document(document, scope, document.source_lines)


def collect(content: Any) -> None:
    """At `content_object_init`, sent for every entry Pelican makes, whether
    read or served by the reader cache (which sends no `markdown_parsed`),
    and before the embargo plugin takes held entries out of the lists: the
    entry's originals join the build's, and leave the entry, so no template
    can reach them."""
    records = getattr(content, "metadata", {}).pop(RECORDS, None)
    if records is None:
        return
    vars(content).pop(RECORDS, None)
    run: RedactionBuild = build_state(content.settings).data[STATE]
    run.found.extend(records)


def refuse_named_files(generator: Any) -> None:
    """At `static_generator_finalized`, before embargo drops held attachments
    (so they are checked too) and before anything is written: a listed name
    in an attachment's file or folder name would be published in its URL."""
    run: RedactionBuild = build_state(generator.settings).data[STATE]
    content = generator.settings["PATH"]
    shown = [
        os.path.join(
            os.path.basename(content), os.path.relpath(static.source_path, content)
        ).replace(os.sep, "/")
        for static in generator.staticfiles
    ]
    raise_collected(named_file_errors(run.policy, sorted(shown)))


def gather(generators: list[Any]) -> None:
    """At `all_generators_finalized`: which entry each output file comes from,
    and the private audit report if REDACTION_REPORT asks for one."""
    settings = generators[0].settings
    run: RedactionBuild = build_state(settings).data[STATE]
    content_root = Path(settings["PATH"]).parent
    for generator in generators:
        for name in WRITTEN:
            for item in getattr(generator, name, None) or []:
                save_as = getattr(item, "save_as", "")
                if save_as:
                    shown = getattr(item, "source_display", None) or os.path.relpath(
                        item.source_path, content_root
                    )
                    run.sources[save_as] = shown
    if run.config.report is not None:
        for output in {settings["OUTPUT_PATH"], *(g.output_path for g in generators)}:
            if run.config.report.resolve().is_relative_to(Path(output).resolve()):
                _config_error(
                    f"REDACTION_REPORT {run.config.report} is inside the output "
                    f"folder {output}, where it would be published; use reports/"
                )
        written = write_report(run.config.report, run.found)
        logger.info(
            "redaction: %d redactions listed in %s (private: never publish it)",
            len(run.found),
            written,
        )


def start_prescan(pelican: Any) -> None:
    """At `get_generators`, after `start_build`, while this process is still
    small: the helper that will search pages while the rest are written
    (prescan.py), where reading ahead uses more than one process."""
    settings = pelican.settings
    run: RedactionBuild = build_state(settings).data[STATE]
    if CacheSettings.read(settings).processes < 2:
        return

    def start(found: list[Redaction]) -> tuple[Guard, DigestMemo]:
        run.found[:] = found
        return run.guard(settings), run.memo(settings)

    run.prescan = Prescan(start)


def begin_prescan(pelican: Any) -> None:
    """At `get_writer`: every entry is read, no page is written yet."""
    run: RedactionBuild = build_state(pelican.settings).data[STATE]
    if run.prescan is not None:
        run.prescan.begin(run.found)
        signals.content_written.connect(run.prescan.written)
        signals.feed_written.connect(run.prescan.written)


def guard(pelican: Any) -> None:
    """At `finalized`: the written site must hold no redacted text."""
    settings = pelican.settings
    run: RedactionBuild = build_state(settings).data[STATE]
    output = Path(pelican.output_path)
    cleared = run.cleared(settings, (path for _, path in files_under(output)))
    memo = run.memo(settings)
    hits = scan_output(output, run.searcher(settings), run.sources, memo, cleared)
    if "release" not in build_state(settings).data:
        run.stop_prescan()  # else the release's own files go to it too
    if hits:
        raise LeakError(hits)
    logger.info(
        "redaction: guard found no leak (%d files passed before, unchanged; "
        "%d searched while pages were written) of %d redactions in %s",
        memo.reused,
        len(cleared),
        len(run.found),
        pelican.output_path,
    )


def register() -> None:
    signals.initialized.connect(check_plugins_loaded)
    signals.initialized.connect(check_settings)
    # after content_model's start_build (PLUGINS order): the state exists
    signals.get_generators.connect(start_build)
    signals.get_generators.connect(start_prescan)
    markdown_parsed.connect(redact)
    signals.static_generator_finalized.connect(refuse_named_files)
    signals.content_object_init.connect(collect)
    signals.all_generators_finalized.connect(gather)
    signals.get_writer.connect(begin_prescan)
    signals.finalized.connect(guard)
