"""A build does not keep every resolved body until its end."""

from __future__ import annotations

import sys
from datetime import UTC, datetime

from markdown_reader import forget_resolved_content
from markdown_reader.reader import DossierMarkdownReader
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


def test_an_ascii_source_gives_a_compact_ascii_body(tmp_path):
    """A str with one character beyond Latin-1 takes two bytes a character."""
    content = tmp_path / "content"
    path = content / "pages" / "notes.md"
    path.parent.mkdir(parents=True)
    path.write_text(
        "Title: Notes\nDate: 2017-03-07T09:00:00Z\n\nA claim.[^1]\n\n[^1]: A source.\n"
    )
    reader = DossierMarkdownReader({**DEFAULT_CONFIG, "PATH": str(content)})
    html, _ = reader.read(str(path))
    assert 'class="footnote-backref">&#8617;&#65038;</a>' in html
    assert html.isascii()
    assert sys.getsizeof(html) < len(html) + 100  # one byte a character
