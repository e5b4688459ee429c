"""An empty feed gets a fixed date instead of the build time.

feedgenerator dates a feed by its newest item and falls back to now() when
there is none (all entries held back, or a site of pages only), which would
make two builds of the same source differ. Pelican offers `feed_generated`
with the feed object before it is written, and no setting for this, so the
workaround lives here, in one function.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any


def empty_feed_date(environ: Mapping[str, str]) -> datetime:
    """SOURCE_DATE_EPOCH when set (the reproducible-builds convention), else 1970."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "")
    seconds = int(epoch) if epoch.isdigit() else 0
    return datetime.fromtimestamp(seconds, UTC)


def date_empty_feed(feed: Any, environ: Mapping[str, str]) -> None:
    """Give a feed without items a date that does not depend on the clock."""
    if not feed.items:
        moment = empty_feed_date(environ)
        feed.latest_post_date = lambda: moment
