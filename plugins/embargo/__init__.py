"""Embargo plugin: held entries leave no trace; named vendors get previews.

An entry with an `Embargo:` moment later than now is held back, with the
documents and files of its volume, the statements responding to it and every
entry linking to it (core.py). Held entries are removed before Pelican builds
any listing, and after writing, every output file is searched for them
(leaks.py); a preview build for one vendor (`EMBARGO_AUDIENCE`) shows that
vendor's embargoed entries, marked. docs/embargo.md is the editors' guide.
"""

from __future__ import annotations

from pelican import signals

from .config import EmbargoSettings, EmbargoSettingsError, read_settings
from .core import Constraint, EntryInfo, Hold, OwnEmbargo, decide, is_held
from .handlers import (
    check_links,
    check_settings,
    hold_articles,
    hold_pages,
    hold_static,
    start_build,
    verify_output,
)
from .leaks import EmbargoLeakError

__all__ = [
    "Constraint",
    "EmbargoLeakError",
    "EmbargoSettings",
    "EmbargoSettingsError",
    "EntryInfo",
    "Hold",
    "OwnEmbargo",
    "decide",
    "is_held",
    "read_settings",
    "register",
]


def register() -> None:
    # settings and the output folder, before any content is read
    signals.initialized.connect(check_settings)
    # sent at the start of every run (autoreload too): fresh state and clock
    signals.get_generators.connect(start_build)
    # articles: all six lists exist and no tag, category or feed does yet
    signals.article_generator_pretaxonomy.connect(hold_articles)
    # pages have no pretaxonomy signal; their context is fixed up here
    signals.page_generator_finalized.connect(hold_pages)
    # attachments: after every static file is known, before any is copied
    signals.static_generator_finalized.connect(hold_static)
    # before writing: no published entry may still link a held one
    signals.all_generators_finalized.connect(check_links)
    # after writing, before the release stage swaps the site in
    signals.finalized.connect(verify_output)
