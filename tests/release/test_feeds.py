"""An empty feed is dated from the source, never from the build's clock."""

from __future__ import annotations

import io
from datetime import UTC, datetime

from feedgenerator import Atom1Feed
from release.feeds import date_empty_feed


def written(feed: Atom1Feed) -> str:
    out = io.StringIO()
    feed.write(out, "utf-8")
    return out.getvalue()


def new_feed() -> Atom1Feed:
    return Atom1Feed(title="Site", link="https://site.example/", description="")


def test_an_empty_feed_is_dated_1970_without_source_date_epoch():
    feed = new_feed()
    date_empty_feed(feed, {})
    assert "<updated>1970-01-01T00:00:00+00:00</updated>" in written(feed)


def test_an_empty_feed_takes_source_date_epoch():
    feed = new_feed()
    date_empty_feed(feed, {"SOURCE_DATE_EPOCH": "1600000000"})
    assert "<updated>2020-09-13T12:26:40+00:00</updated>" in written(feed)


def test_a_feed_with_items_keeps_its_newest_item_date():
    feed = new_feed()
    feed.add_item(
        title="Memo",
        link="https://site.example/memo/",
        description="",
        pubdate=datetime(2021, 6, 2, 8, 30, tzinfo=UTC),
    )
    date_empty_feed(feed, {"SOURCE_DATE_EPOCH": "1600000000"})
    assert "<updated>2021-06-02T08:30:00+00:00</updated>" in written(feed)
