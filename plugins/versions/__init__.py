"""Versions plugin: permanent URLs, history and diffs for revised entries.

Version N of `x.md` is kept as `x.vN.md`. This plugin takes version files out
of Pelican's lists before anything lists them (after embargo has removed held
ones), checks the sequence, gives version N the address `<entry URL>vN/`,
attaches the history to every version, and writes the version pages and the
diffs between consecutive versions with a generator of its own. See
docs/versions.md.
"""

from __future__ import annotations

from typing import Any

from content_model.lists import ARTICLE_LISTS, PAGE_CONTEXT_KEYS, PAGE_LISTS
from content_model.state import build_state
from markdown_reader.document import markdown_rendered
from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator

from .annotate import annotate, check_collisions, keep_listed_tags, measured_size
from .entries import (
    STATE,
    group_versions,
    listed_contents,
    take_versions,
)
from .generator import VersionsGenerator

__all__ = ["VersionsGenerator", "register"]
# The context keys this plugin sets: the earlier versions' content objects
# (for plugins that scan every published text) and the pages it writes (for
# the sitemap).
VERSION_ENTRIES = "version_entries"
VERSION_PAGES = "version_pages"


def _collect(generator: Any, lists: tuple[str, ...], variable: str) -> None:
    taken = take_versions(generator, lists)
    entries = group_versions(generator, lists, taken, variable)
    build_state(generator.settings).data.setdefault(STATE, []).extend(entries)
    published = generator.context.setdefault(VERSION_ENTRIES, [])
    published += [v for entry in entries for v in entry.versions.values()]


def collect_articles(generator: ArticlesGenerator) -> None:
    """At `article_generator_pretaxonomy`: before tags, categories and feeds."""
    _collect(generator, ARTICLE_LISTS, "article")


def collect_pages(generator: PagesGenerator) -> None:
    """At `page_generator_finalized`: pages have no pretaxonomy signal."""
    _collect(generator, PAGE_LISTS, "page")
    for name in PAGE_CONTEXT_KEYS:
        generator.context[name] = getattr(generator, name)


def attach_history(generators: list[Any]) -> None:
    """At `all_generators_finalized`: after content_model linked the entries."""
    settings = generators[0].settings
    entries = build_state(settings).data.get(STATE, [])
    pages = sorted(page for entry in entries for page in annotate(entry))
    check_collisions(pages, listed_contents(generators))
    context = generators[0].context
    keep_listed_tags(entries, {tag for tag, _ in context.get("tags", [])})
    context[VERSION_PAGES] = pages


def measure_text(sender: Any, document: Any, html: str) -> None:
    """At the reader's `markdown_rendered`: the history's size column, kept
    in the reader cache with the reading instead of parsed at every build."""
    document.extra_metadata["version_size"] = measured_size(
        document.value("title") or "", html
    )


def add_generator(pelican: Any) -> type[VersionsGenerator]:
    return VersionsGenerator


def register() -> None:
    markdown_rendered.connect(measure_text)
    signals.article_generator_pretaxonomy.connect(collect_articles)
    signals.page_generator_finalized.connect(collect_pages)
    signals.all_generators_finalized.connect(attach_history)
    # a generator of our own writes the version pages: Pelican's generators
    # write only what their lists hold, and version files must not be listed
    signals.get_generators.connect(add_generator)
