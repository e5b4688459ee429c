"""A version's text: paragraphs a reader sees, from the published HTML."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_reader.markdown import build_markdown
from sanitize import clean_html
from versions.text import _Blocks, text_blocks, text_size, version_text


def test_block_elements_become_paragraphs_and_whitespace_collapses():
    html = "<h2 id='a'>Heading</h2>\n<p>One\n  <em>two</em>\tthree</p>"
    html += "<ul><li>item</li></ul>"
    assert text_blocks(html) == ["Heading", "One two three", "item"]


def test_table_cells_are_separated_and_images_keep_their_alt_text():
    html = (
        "<table><tr>\n<th>Model</th>\n<th>Status</th></tr>"
        "<tr><td>R1</td><td>affected</td></tr></table>"
        "<p><img alt='Chart' src='c.png'></p>"
    )
    assert text_blocks(html) == ["Model | Status", "R1 | affected", "[Chart]"]


def test_preformatted_text_keeps_its_lines():
    assert text_blocks("<pre><code>a = 1\n\nb = 2\n</code></pre>") == ["a = 1", "b = 2"]


def test_entities_are_decoded_once():
    assert text_blocks("<p>&lt;b&gt; &amp;amp;</p>") == ["<b> &amp;"]


def test_a_redaction_mark_reads_as_its_label_never_its_decoration():
    html = (
        '<p>Met <span class="redaction" role="img" aria-label="redacted: name">'
        '<span class="redaction-reason">name<br>x</span></span> and '
        '<span role="img" aria-label="redacted"/> today.</p>'
    )
    assert text_blocks(html) == ["Met [redacted: name] and [redacted] today."]


def test_version_text_starts_with_the_title():
    assert version_text("  A  title ", "<p>Body</p>") == ["A title", "Body"]


def test_size_counts_utf8_bytes_with_blank_lines_between_paragraphs():
    assert text_size(["ab", "é"]) == len(b"ab\n\n\xc3\xa9")


class ReferenceBlocks(HTMLParser):
    """The standard library's reading of the same HTML, driving the very
    paragraph rules of `_Blocks`: text_blocks' own tokenizer must agree
    with it on everything the sanitizer can emit."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks = _Blocks()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.blocks.handle_starttag(tag, dict(attrs))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.blocks.handle_startendtag(tag, dict(attrs))

    def handle_endtag(self, tag: str) -> None:
        self.blocks.handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        self.blocks.handle_data(data)


def reference_blocks(html: str) -> list[str]:
    parser = ReferenceBlocks()
    parser.feed(html)
    parser.close()
    parser.blocks.flush()
    return parser.blocks.blocks


FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "sanitize"
# every title, input and expected output of the sanitizer's fixtures
FIXTURE_PIECES = [
    piece
    for path in sorted(FIXTURES.glob("*.txt"))
    for piece in path.read_text(encoding="utf-8").split("\n.\n")
]
MARKDOWN = build_markdown()


@pytest.mark.parametrize("piece", FIXTURE_PIECES)
def test_text_blocks_reads_sanitized_fixtures_as_html_parser_does(piece):
    html = clean_html(piece)
    assert text_blocks(html) == reference_blocks(html)


SOURCE_PIECES = [
    *("# ", "## ", "- ", "1. ", "> ", "```\n", "```c\n", "    ", "| a | b |\n"),
    *("|---|:-:|\n", "[x](y.md)", "![alt](p.png)", "![](//h/i.png)", "[^1]"),
    *("[^1]: note\n", "*", "**", "`", "~~", "\n", "\n\n", " ", "\t", "&amp;"),
    *("&lt;", "&#10;", "<", ">", '"', "'", "é", "\u200b", "\f", "\r"),
    *("[Jo Smith]{.redact}", "[Jo]{.redact reason=name}", "::: redact\n"),
    *(":::\n", "{#id .c}", "<b>", "<img alt='x' src=y>", "<br/>", "<!-- c -->"),
]
markdown_ish = st.lists(
    st.one_of(st.sampled_from(SOURCE_PIECES), st.text(max_size=3)), max_size=40
).map("".join)


@settings(max_examples=300, derandomize=True, database=None, deadline=None)
@given(markdown_ish)
def test_text_blocks_reads_rendered_markdown_as_html_parser_does(source):
    html = clean_html(MARKDOWN.render(source))
    assert text_blocks(html) == reference_blocks(html)


@pytest.mark.parametrize(
    "html",
    [
        "<p>a <!-- x > y --> b</p><p>c<d</p>",
        "<P CLASS=x>Up</P><IMG ALT='A &amp; B' SRC=z><BR/>",
        "<p><span role=img aria-label='r: &lt;x&gt;'><b>no</b><br></span>y</p>",
        '<p title="a > b">x</p><p>tail &amp',
    ],
)
def test_text_blocks_reads_hand_written_html_as_html_parser_does(html):
    assert text_blocks(html) == reference_blocks(html)
