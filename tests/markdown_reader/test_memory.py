"""A build does not keep every resolved body until its end."""

from __future__ import annotations

from datetime import UTC, datetime

from markdown_reader import forget_resolved_content
from pelican.contents import Article, Content
from pelican.settings import DEFAULT_CONFIG


def test_a_written_page_drops_pelicans_memo_of_resolved_bodies():
    article = Article(
        "<p>Body</p>",
        metadata={"title": "T", "date": datetime(2017, 3, 7, tzinfo=UTC)},
        settings=dict(DEFAULT_CONFIG),
    )
    assert article.get_content("") == "<p>Body</p>"
    assert (article, "") in Content.get_content.cache
    forget_resolved_content("output/t.html", context={})
    assert (article, "") not in Content.get_content.cache
    assert article.get_content("") == "<p>Body</p>"  # resolved again on demand
