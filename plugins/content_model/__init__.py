"""Content model plugin: entry kinds, required fields and links between entries.

Runs at `all_generators_finalized`, after every plugin that holds entries back
and before anything is written: it fails the build with every content error
the readers recorded, then links volumes, documents, statements and
attachments for the theme.
"""

from __future__ import annotations

import os
from typing import Any

from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator, StaticGenerator

from .attachments import attachment_errors, check_readable, unreadable_found
from .errors import ContentError, ContentErrors, raise_collected
from .plugins import check_plugins_loaded
from .relations import (
    attachments_by_volume,
    duplicate_urls,
    link_entries,
    newest_first,
    organizations,
)
from .state import BuildState, build_state, start_build
from .taxonomy import install as write_groups_in_one_pass

__all__ = ["BuildState", "ContentError", "ContentErrors", "build_state", "register"]


def reader_errors(generators: list[Any]) -> list[ContentError]:
    """Errors the Markdown readers recorded; Pelican itself only logged them."""
    errors: list[ContentError] = []
    for generator in generators:
        readers = getattr(generator, "readers", None)
        reader = readers.readers.get("md") if readers is not None else None
        errors.extend(getattr(reader, "errors", []))
    return errors


def build_model(generators: list[Any]) -> None:
    errors = reader_errors(generators)
    raise_collected(errors)
    articles_gen = next(g for g in generators if isinstance(g, ArticlesGenerator))
    static_gen = next(g for g in generators if isinstance(g, StaticGenerator))
    # hidden and draft articles never exist here: Status is not Pelican's
    articles = articles_gen.articles
    raise_collected(link_entries(articles))
    pages_gen = next(g for g in generators if isinstance(g, PagesGenerator))
    raise_collected(duplicate_urls([*articles, *pages_gen.pages]))
    content_path = articles_gen.settings["PATH"]
    statics = {
        os.path.relpath(s.source_path, content_path).replace(os.sep, "/"): s
        for s in static_gen.staticfiles
    }
    raise_collected(
        attachment_errors([p for p in sorted(statics) if p.startswith("volumes/")])
        + unreadable_found(articles_gen.settings)
        + [
            ContentError(f"content/{p}", 1, "a link names this file; it does not exist")
            for p, s in sorted(statics.items())
            if not os.path.isfile(s.source_path)
        ]
    )
    attachments = attachments_by_volume(static_gen.staticfiles, content_path)
    for entry in articles:
        if entry.kind == "volume":
            entry.attachments = attachments.get(entry.slug, [])
    statements = [a for a in articles if a.kind == "statement"]
    context = articles_gen.context
    context["volumes"] = newest_first(a for a in articles if a.kind == "volume")
    context["statements"] = newest_first(statements)
    context["organizations"] = organizations(statements)


def register() -> None:
    signals.initialized.connect(check_plugins_loaded)
    # per-build state; get_generators is sent at the start of every run()
    signals.get_generators.connect(start_build)
    # tag pages' dated lists in one pass, not a scan a dated entry
    signals.article_generator_init.connect(write_groups_in_one_pass)
    # before embargo drops held volumes' files: those are read too
    signals.static_generator_finalized.connect(check_readable)
    signals.all_generators_finalized.connect(build_model)
