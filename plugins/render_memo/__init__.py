"""Write a page from the last release's bytes when nothing it reads changed.

After an edit to one document, Pelican renders every page of the site again,
though almost all come out byte for byte as before (docs/performance.md).
This plugin records, for every page, what its template read (trace.py) and,
at the next build, writes the page from the served output/ when every one
of those reads gives the same value; otherwise it renders, as without it.

It keeps its records in `READER_CACHE` (`render-<output folder>.memo`, one
file per output folder, so a preview build keeps its own) under a key of the
reader cache's key (settings, plugins' code, library versions), the
templates' bytes, Jinja's version and the output folder: a change to any
of them renders every page. The pages still go through every guard of the
build.

A reused page is not written at all: the staging folder gets a hard link
to the served file (writer.py), which is one system call instead of an
open, a write and, at release, a comparison with the old file, and keeps
the file's time for rsync by itself.

`RENDER_MEMO = False` turns it off; `RENDER_MEMO_VERIFY = True` renders
every reused page anyway and stops the build if the bytes differ (the
tests build that way).
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from content_model.files import files_under
from content_model.state import build_state
from jinja2 import ChoiceLoader, FileSystemBytecodeCache, FileSystemLoader, PrefixLoader
from jinja2.runtime import Context
from markdown_reader.cache import CacheSettings
from markdown_reader.memo import DigestMemo
from pelican import signals
from pelican.contents import Content
from pelican.utils import sanitised_join

from .trace import FileId, Prints, Recorder, page_digest, replay, served_page
from .writer import LinkingWriter, StaticPaths

logger = logging.getLogger(__name__)

STATE = "render_memo"
RUN_ATTRIBUTE = "dossier_render_memo"
LOOKUPS_ATTRIBUTE = "dossier_plain_lookups"


class RenderMemoError(Exception):
    """A reused page differs from a fresh render (RENDER_MEMO_VERIFY)."""


@dataclass(frozen=True)
class RenderMemoSettings:
    """`RENDER_MEMO` (on) and `RENDER_MEMO_VERIFY` (off; also on when the
    environment says DOSSIER_RENDER_MEMO_VERIFY=1, as the test suite does
    for every build it runs)."""

    enabled: bool = True
    verify: bool = False

    @classmethod
    def read(
        cls, settings: Mapping[str, Any], environ: Mapping[str, str]
    ) -> RenderMemoSettings:
        return cls(
            enabled=bool(settings.get("RENDER_MEMO", cls.enabled)),
            verify=bool(settings.get("RENDER_MEMO_VERIFY", cls.verify))
            or environ.get("DOSSIER_RENDER_MEMO_VERIFY") == "1",
        )


@dataclass
class RenderRun:
    """One build's memo, records being made, and counts for the log."""

    config: RenderMemoSettings
    output_root: Path
    entries: list[Content] = field(default_factory=list)
    memo: DigestMemo | None = None
    prints: Prints | None = None
    context: Mapping[str, Any] | None = None  # the generators' shared context
    staging: str | None = None  # where the writer writes (the release's staging)
    # staged path -> (served path, the file whose bytes were checked), for
    # LinkingWriter: pages reused, not written
    links: dict[str, tuple[str, FileId]] = field(default_factory=dict)
    unlinkable: StaticPaths = field(default_factory=StaticPaths)
    stack: list[Recorder] = field(default_factory=list)
    reused: int = 0
    rendered: int = 0
    unmemoizable: int = 0

    def render(self, template: jinja2.Template, inputs: dict[str, Any]) -> str:
        output = inputs.get("output_file")
        if self.memo is None or not isinstance(output, str) or not output:
            return jinja2.Template.render(template, inputs)
        if self.prints is None:
            # entries are all read by now: the first page is written after
            # every generator's context is complete
            self.prints = Prints(self.entries)
        key = f"{template.name}\0{output}"
        record = self.memo.known.get(key)
        if record is not None:
            served = self.reuse(template, inputs, output, record)
            if served is not None:
                text, checked = served
                self.memo.get(key)
                self.reused += 1
                self.offer_link(output, checked)
                if self.config.verify:
                    self.check_same(template, inputs, output, text)
                return text
        return self.trace(template, inputs, key)

    def reuse(
        self,
        template: jinja2.Template,
        inputs: dict[str, Any],
        output: str,
        record: Any,
    ) -> tuple[str, FileId] | None:
        # the environment's own getattr and getitem, not the tracing ones
        lookups = getattr(template.environment, LOOKUPS_ATTRIBUTE)
        assert self.prints is not None
        digest = replay(record, inputs, template.globals, self.prints, lookups)
        if digest is None:
            return None
        return served_page(self.output_root, output, digest)

    def offer_link(self, output: str, checked: FileId) -> None:
        """Let the writer link the served page instead of writing it; not
        where a static file will be copied (in place, so through the link)."""
        if self.staging is None:
            return
        try:
            staged = sanitised_join(self.staging, output)
        except RuntimeError:  # outside the output folder: Pelican refuses it
            return
        if staged not in self.unlinkable:
            self.links[staged] = (os.path.join(self.output_root, output), checked)

    def trace(self, template: jinja2.Template, inputs: dict[str, Any], key: str) -> str:
        assert self.memo is not None and self.prints is not None
        recorder = Recorder(inputs, template.globals, self.prints)
        self.stack.append(recorder)
        try:
            text = jinja2.Template.render(template, inputs)
        finally:
            self.stack.pop()
        self.rendered += 1
        if recorder.broken is None:
            self.memo.put(key, recorder.record(text))
        else:
            self.unmemoizable += 1
            logger.debug(
                "render_memo: %s is rendered at every build (%s)", key, recorder.broken
            )
        return text

    def check_same(
        self, template: jinja2.Template, inputs: dict[str, Any], output: str, text: str
    ) -> None:
        fresh = jinja2.Template.render(template, inputs)
        if fresh != text:
            raise RenderMemoError(
                f"{output}: the render memo reused bytes that differ from a fresh "
                f"render of {template.name} (sha256 {page_digest(text)[:12]} against "
                f"{page_digest(fresh)[:12]}); this is a bug in plugins/render_memo"
            )


class MemoTemplate(jinja2.Template):
    """A template whose pages may come from the memo (RenderRun.render)."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        run = getattr(self.environment, RUN_ATTRIBUTE, None)
        if run is None or self.environment.is_async:
            return super().render(*args, **kwargs)
        return run.render(self, dict(*args, **kwargs))


class TracingContext(Context):
    """Notes every name a template resolves (what `{{ name }}` reads)."""

    def resolve_or_missing(self, key: str) -> Any:
        value = super().resolve_or_missing(key)
        run = getattr(self.environment, RUN_ATTRIBUTE, None)
        if run is not None and run.stack and key not in self.vars:
            run.stack[-1].name(key, value)
        return value


def memo_name(output_root: Path) -> str:
    """One memo file per output folder: a preview build (make preview, its
    own folder) must not replace the records of the public site's pages."""
    folder = hashlib.sha256(os.fsencode(output_root)).hexdigest()[:16]
    return f"render-{folder}"


def loader_folders(loader: Any) -> Iterator[Path]:
    """Every folder a Jinja loader reads templates from; ValueError for a
    loader whose sources cannot be listed (the memo is then off)."""
    if isinstance(loader, FileSystemLoader):
        yield from (Path(folder) for folder in loader.searchpath)
    elif isinstance(loader, ChoiceLoader):
        for inner in loader.loaders:
            yield from loader_folders(inner)
    elif isinstance(loader, PrefixLoader):
        for prefix in sorted(loader.mapping):
            yield from loader_folders(loader.mapping[prefix])
    else:
        raise ValueError(f"templates from a {type(loader).__name__}")


def templates_digest(env: jinja2.Environment) -> str:
    """Every template file's path and bytes, and Jinja's version."""
    digest = hashlib.sha256(f"jinja2 {jinja2.__version__}\n".encode())
    for folder in loader_folders(env.loader):
        digest.update(f"folder {os.path.realpath(folder)}\n".encode())
        for relative, path in files_under(folder):
            digest.update(f"{relative}\n".encode())
            digest.update(hashlib.sha256(Path(path).read_bytes()).digest())
    return digest.hexdigest()


# ---------------------------------------------------------------- signals


def start_build(pelican: Any) -> None:
    """At `get_generators`: this build's run (its memo opens with the first
    generator, which knows the templates)."""
    config = RenderMemoSettings.read(pelican.settings, os.environ)
    output_root = Path(os.path.realpath(pelican.settings["OUTPUT_PATH"]))
    build_state(pelican.settings).data[STATE] = RenderRun(config, output_root)


def install(generator: Any) -> None:
    """At `generator_init`: trace this generator's Jinja environment."""
    run: RenderRun | None = build_state(generator.settings).data.get(STATE)
    env = getattr(generator, "env", None)
    if run is None or not run.config.enabled or env is None:
        return
    if run.memo is None:
        try:
            templates = templates_digest(env)
        except (ValueError, OSError) as error:
            logger.warning("render_memo: off for this build (%s)", error)
            run.config = RenderMemoSettings(enabled=False)
            return
        run.memo = DigestMemo.for_build(
            generator.settings,
            memo_name(run.output_root),
            templates,
            str(run.output_root),
        )
    plain_getattr, plain_getitem = env.getattr, env.getitem

    def getattr_(obj: Any, attribute: str) -> Any:
        value = plain_getattr(obj, attribute)
        if run.stack and isinstance(obj, Content):
            run.stack[-1].read(obj, "a", attribute, value)
        return value

    def getitem_(obj: Any, argument: Any) -> Any:
        value = plain_getitem(obj, argument)
        if run.stack and isinstance(obj, Content):
            run.stack[-1].read(obj, "k", argument, value)
        return value

    run.context = generator.context
    setattr(env, LOOKUPS_ATTRIBUTE, {"a": plain_getattr, "k": plain_getitem})
    env.getattr, env.getitem = getattr_, getitem_
    env.context_class = TracingContext
    env.template_class = MemoTemplate
    setattr(env, RUN_ATTRIBUTE, run)


def keep_compiled_templates(generator: Any) -> None:
    """At `generator_init`: compiled templates are kept in the reader cache's
    folder. Pelican gives each generator its own Jinja environment, which
    compiled the theme's shared templates again, at every build (about
    0.15 s a build). Jinja files each compiled template under its name and
    the SHA-1 of its source, so an edited template is compiled afresh."""
    base = CacheSettings.read(generator.settings).base
    env = getattr(generator, "env", None)
    if base is None or env is None:
        return
    folder = base / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        logger.warning("render_memo: templates compiled each build (%s)", error)
        return
    env.bytecode_cache = FileSystemBytecodeCache(str(folder))


def writer_class(pelican: Any) -> type[LinkingWriter] | None:
    """At `get_writer`: a writer that links reused pages (writer.py)."""
    run: RenderRun | None = build_state(pelican.settings).data.get(STATE)
    if run is None or run.memo is None:
        return None
    # every generator's context is complete: Pelican asks for its writer
    # just before the first page is written
    run.staging = str(pelican.output_path)
    run.unlinkable = StaticPaths.of(pelican.settings, run.context or {}, run.staging)
    return LinkingWriter


def collect(content: Content) -> None:
    """At `content_object_init`: every entry, to find them by identity."""
    run: RenderRun | None = build_state(content.settings).data.get(STATE)
    if run is not None:
        run.entries.append(content)


def save(pelican: Any) -> None:
    """At `finalized`: keep the records of this build's pages."""
    run: RenderRun | None = build_state(pelican.settings).data.get(STATE)
    if run is None or run.memo is None:
        return
    run.memo.save()
    logger.info(
        "render_memo: %d pages written from the last release, %d rendered "
        "(%d of them at every build)",
        run.reused,
        run.rendered,
        run.unmemoizable,
    )


def register() -> None:
    signals.get_generators.connect(start_build)
    signals.generator_init.connect(install)
    signals.generator_init.connect(keep_compiled_templates)
    signals.content_object_init.connect(collect)
    signals.get_writer.connect(writer_class)
    signals.finalized.connect(save)
