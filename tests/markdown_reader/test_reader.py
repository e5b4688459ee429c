from __future__ import annotations

from pathlib import Path

import pytest
from content_model.errors import ContentError
from markdown_reader.reader import DossierMarkdownReader
from pelican.settings import DEFAULT_CONFIG


@pytest.fixture
def read(tmp_path: Path):
    """Write `text` to content/<relpath> and read it with a fresh reader."""
    content = tmp_path / "content"
    reader = DossierMarkdownReader({**DEFAULT_CONFIG, "PATH": str(content)})

    def read(relpath: str, text: str | bytes):
        path = content / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, str):
            text = text.encode()
        path.write_bytes(text)
        return reader.read(str(path))

    read.reader = reader
    return read


HEADER = "Title: T\nDate: 2017-03-07T09:00:00Z\n\n"


def test_body_lines_that_look_like_metadata_stay_body(read):
    html, metadata = read("pages/a.md", HEADER + "Note: kept\n")
    assert html == "<p>Note: kept</p>\n"
    assert "note" not in metadata


def test_metadata_from_header_and_path(read):
    _, metadata = read(
        "volumes/v-1/doc.md",
        "Title: A doc\nDate: 2017-03-07T10:00:00+01:00\nTags: a, b\n"
        "Summary: Some *words*\n  more\n\nbody",
    )
    assert metadata["title"] == "A doc"
    assert metadata["date"].isoformat() == "2017-03-07T09:00:00+00:00"
    assert [t.name for t in metadata["tags"]] == ["a", "b"]
    assert metadata["summary"] == "<p>Some <em>words</em>\nmore</p>\n"
    assert (metadata["kind"], metadata["volume"], metadata["url"]) == (
        "document",
        "v-1",
        "volumes/v-1/doc/",
    )
    assert metadata["header_lines"] == {"title": 1, "date": 2, "tags": 3, "summary": 4}


def test_headings_get_unique_ids_and_start_below_the_page_title(read):
    html, _ = read(
        "pages/a.md", HEADER + "# Intro\n\n## Intro\n\n### Ça va?\n\n###### Six\n"
    )
    assert html == (
        '<h2 id="intro">Intro</h2>\n<h3 id="intro-1">Intro</h3>\n'
        '<h4 id="ca-va">Ça va?</h4>\n<h6 id="six">Six</h6>\n'
    )


def test_body_starting_at_h2_keeps_its_levels_and_avoids_theme_ids(read):
    html, _ = read("pages/a.md", HEADER + "## Content\n\n### Detail\n")
    assert html == '<h2 id="content-1">Content</h2>\n<h3 id="detail">Detail</h3>\n'


def test_fenced_code_keeps_language_and_is_not_highlighted(read):
    html, _ = read("pages/a.md", HEADER + "```c\nint x;\n```\n\n```\nplain\n```\n")
    assert html == (
        '<pre><code class="language-c">int x;\n</code></pre>\n'
        "<pre><code>plain\n</code></pre>\n"
    )


def test_tables_strikethrough_and_footnotes(read):
    html, _ = read(
        "pages/a.md",
        HEADER + "| a | b |\n|---|---|\n| ~~x~~ | y |\n\nClaim.[^1]\n\n[^1]: Source.\n",
    )
    assert "<td><s>x</s></td>" in html
    aligned, _ = read("pages/b.md", HEADER + "| a | b |\n|:-:|--:|\n| 1 | 2 |\n")
    assert '<th class="align-center">a</th>' in aligned
    assert '<td class="align-right">2</td>' in aligned
    assert '<sup class="footnote-ref"><a href="#fn1" id="fnref1">[1]</a></sup>' in html
    assert '<li id="fn1" class="footnote-item"><p>Source.' in html


def test_pelican_link_placeholders_survive(read):
    html, _ = read(
        "volumes/v/doc.md",
        HEADER + "[a]({filename}index.md#s) [b]({filename}/statements/x.md) "
        "![c]({attach}files/c.png) [d]({static}files/d.pdf)\n",
    )
    assert '<a href="{filename}index.md#s">a</a>' in html
    assert '<a href="{filename}/statements/x.md">b</a>' in html
    assert 'src="{attach}files/c.png"' in html
    assert '<a href="{static}files/d.pdf">d</a>' in html


def test_raw_html_is_sanitized(read):
    html, _ = read(
        "pages/a.md",
        HEADER + '<abbr title="x">X</abbr> <b onclick="alert(1)">b</b>\n\n'
        "<script>alert(1)</script>\n",
    )
    assert '<abbr title="x">X</abbr>' in html
    assert "onclick" not in html
    assert "<script" not in html


@pytest.mark.parametrize(
    ("relpath", "text", "line", "message"),
    [
        ("pages/a.md", "Date: 2017-03-07\n\n", 1, "page needs a non-empty Title"),
        ("pages/a.md", "Title: T\nDate: soon\n\n", 2, 'Date "soon" is not a timestamp'),
        (
            "statements/s.md",
            HEADER,
            1,
            "statement needs a non-empty Organization",
        ),
        ("pages/a.md", "Title: T\nOrganization: X\nDate: 2017-03-07\n\n", 2, "only"),
        (
            "statements/s.md",
            "Title: T\nDate: 2017-03-07\nOrganization: O\nSource: ftp://x\n\n",
            4,
            "must be an http",
        ),
        ("pages/a.md", b"Title: T\nDate: 2017-03-07\n\n\xc3(\n", 4, "invalid UTF-8"),
        ("pages/a.md", HEADER + "[x]{.redact}\n", 4, "redaction markup"),
        ("pages/a.md", "Title: [x]{.redact}\nDate: 2017-03-07\n\n", 1, "redaction"),
        ("pages/a.md", HEADER + "::: redact\nsecret\n:::\n", 4, "redaction markup"),
    ],
)
def test_bad_input_names_file_and_line(read, relpath, text, line, message):
    with pytest.raises(ContentError) as caught:
        read(relpath, text)
    assert caught.value.path == f"content/{relpath}"
    assert caught.value.line == line
    assert message in caught.value.message
    assert read.reader.errors[0] is caught.value


def test_an_unexpected_failure_while_reading_is_a_content_error(read, monkeypatch):
    # an entry Pelican silently dropped would also escape the embargo
    def explode(*args, **kwargs):
        raise OverflowError("simulated")

    monkeypatch.setattr("markdown_reader.reader.classify", explode)
    with pytest.raises(ContentError) as caught:
        read("pages/a.md", HEADER)
    assert str(caught.value) == (
        "content/pages/a.md:1: could not be read (OverflowError: simulated)"
    )
    assert read.reader.errors == [caught.value]
