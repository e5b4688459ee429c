"""The lists where Pelican keeps entries: a plugin that takes an entry out
of the site must take it out of every one of them (see
../shared/notes/pelican-internals.md)."""

from __future__ import annotations

ARTICLE_LISTS = (
    "articles",
    "translations",
    "hidden_articles",
    "hidden_translations",
    "drafts",
    "drafts_translations",
)
PAGE_LISTS = (
    "pages",
    "translations",
    "hidden_pages",
    "hidden_translations",
    "draft_pages",
    "draft_translations",
)
# the page lists PagesGenerator has already copied into the shared context
# when it sends page_generator_finalized
PAGE_CONTEXT_KEYS = ("pages", "hidden_pages", "draft_pages")
