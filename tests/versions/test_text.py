"""A version's text: paragraphs a reader sees, from the published HTML."""

from __future__ import annotations

from versions.text import text_blocks, text_size, version_text


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
