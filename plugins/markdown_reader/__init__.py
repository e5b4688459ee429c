"""Markdown reader plugin: markdown-it-py instead of Python-Markdown for `.md`.

See reader.py for what it reads and header.py for the header format.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from content_model.errors import ContentError, ContentErrors
from content_model.plugins import check_plugins_loaded
from pelican import signals
from pelican.contents import Content
from pelican.generators import PagesGenerator

from .cache import (
    KEY_SETTING,
    CacheSettingError,
    CacheSettings,
    ReaderCache,
    cache_key,
    prune_entries,
)
from .document import ParsedDocument, markdown_parsed, markdown_rendered
from .pool import read_ahead
from .reader import DossierMarkdownReader

__all__ = [
    "DossierMarkdownReader",
    "ParsedDocument",
    "markdown_parsed",
    "markdown_rendered",
    "register",
]
logger = logging.getLogger(__name__)


def add_reader(readers: Any) -> None:
    readers.reader_classes["md"] = DossierMarkdownReader
    # without the `markdown` package Pelican keeps a disabled reader for .md
    # and warns about every file; ours handles them
    readers.disabled_readers.pop("md", None)


def forget_disabled_markdown(generator: Any) -> None:
    readers = getattr(generator, "readers", None)
    if readers is not None:
        readers.disabled_readers.pop("md", None)


def check_cache_setting(pelican: Any) -> None:
    """At `initialized`: a cache in the output would publish originals."""
    try:
        CacheSettings.read(pelican.settings)
    except CacheSettingError as error:
        raise ContentErrors([ContentError("pelicanconf.py", 1, str(error))]) from None


def take_cache_key(pelican: Any) -> None:
    """At `get_generators`, before any other plugin reads an input (this one
    is first in PLUGINS): the reader cache's key, from the inputs as the
    build reads them. Taken at the first read instead, a names file saved
    in between would file readings redacted by the old list under the new
    list's key."""
    settings = pelican.settings
    settings[KEY_SETTING] = None
    if CacheSettings.read(settings).base is not None:
        settings[KEY_SETTING] = cache_key(settings)


def read_ahead_for(generator: Any) -> None:
    """At a generator's first preread: its files in a pool, into the cache."""
    readers = getattr(generator, "readers", None)
    reader = readers.readers.get("md") if readers is not None else None
    if not isinstance(reader, DossierMarkdownReader) or reader.read_ahead_started:
        return
    reader.read_ahead_started = True
    kind = "PAGE" if isinstance(generator, PagesGenerator) else "ARTICLE"
    found = generator.get_files(
        generator.settings[f"{kind}_PATHS"],
        exclude=generator.settings[f"{kind}_EXCLUDES"],
    )
    paths = [
        os.path.abspath(os.path.join(generator.path, relpath))
        for relpath in sorted(found)
        if relpath.endswith(".md")
    ]
    read_ahead(reader, paths, reader.cache_settings.processes)


def forget_resolved_content(path: str, context: Any = None) -> None:
    """At `content_written`: drop Pelican's memo of resolved bodies.

    `Content.get_content` keeps every body with its links resolved, per
    entry and per relative site URL, for the whole build: at 10,000
    documents that memo alone held about 380 MB. Resolving a body again is
    one regular-expression pass, so each written page starts afresh
    (summaries keep their own, much smaller memo).
    """
    Content.get_content.cache.clear()


def tidy_cache(generators: list[Any]) -> None:
    """At `all_generators_finalized`, when every file has been read: drop the
    cache entries of edited and deleted files, and say what was reused."""
    caches: dict[Path, list[ReaderCache]] = {}
    for generator in generators:
        readers = getattr(generator, "readers", None)
        reader = readers.readers.get("md") if readers is not None else None
        cache = getattr(reader, "cache", None)
        if cache is not None:
            caches.setdefault(cache.folder, []).append(cache)
    for folder, shared in caches.items():
        prune_entries(folder, set().union(*(c.used for c in shared)))
        logger.info(
            "markdown_reader: %d files read, %d from the reader cache %s",
            sum(c.misses for c in shared),
            sum(c.hits for c in shared),
            folder,
        )


def register() -> None:
    signals.initialized.connect(check_plugins_loaded)
    signals.initialized.connect(check_cache_setting)
    signals.readers_init.connect(add_reader)
    signals.get_generators.connect(take_cache_key)
    signals.generator_init.connect(forget_disabled_markdown)
    signals.article_generator_preread.connect(read_ahead_for)
    signals.page_generator_preread.connect(read_ahead_for)
    # before content_model's receiver, which stops a build with errors
    signals.all_generators_finalized.connect(tidy_cache)
    signals.content_written.connect(forget_resolved_content)
