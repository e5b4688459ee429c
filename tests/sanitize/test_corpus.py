"""clean_html over the fixture corpus and over random HTML-ish text.

Every case must give its exact expected output, must not change when cleaned
again, and must carry nothing active. "Nothing active" is checked with the
standard library's HTMLParser, not html5lib, so that the check does not share
bleach's parser (and its bugs).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st
from sanitize import clean_html
from sanitize.core import ALLOWED_TAGS

SAFE_SCHEMES = {"http", "https", "mailto"}
# What a browser removes from a URL before reading its scheme.
URL_NOISE = re.compile(r"[\x00-\x20\x7f]")
SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):")


class Markup(HTMLParser):
    """Collects every start tag with its attributes, as a browser reads them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {name: value or "" for name, value in attrs}))


def assert_inert(output: str) -> None:
    assert "<script" not in output.lower()
    parser = Markup()
    parser.feed(output)
    parser.close()
    for tag, attrs in parser.tags:
        assert tag in ALLOWED_TAGS, output
        for name, value in attrs.items():
            assert not name.startswith("on"), output
            assert name not in {"style", "srcset", "formaction"}, output
            if name in {"href", "src"}:
                url = URL_NOISE.sub("", value).lower()
                scheme = SCHEME.match(url)
                assert scheme is None or scheme[1] in SAFE_SCHEMES, output
                if tag == "img":
                    assert not re.match(r"(https?:|[/\\]{2})", url), output


def test_output_matches_fixture(case):
    assert clean_html(case.input) == case.expected


def test_cleaning_twice_changes_nothing(case):
    once = clean_html(case.input)
    assert clean_html(once) == once


def test_output_has_no_active_content(case):
    output = clean_html(case.input)
    assert_inert(output)
    lowered = output.lower()
    # text in the corpus never spells these, so any hit is markup
    assert not re.search(r'src="(https?:)?//', lowered)
    assert "javascript:" not in lowered
    assert "style=" not in lowered
    assert not re.search(r"<[^>]*\son\w+=", lowered)


PIECES = [
    *("<", ">", "</", "/>", "&", ";", "amp;", "#106;", "#x6a", "=", '"', "'"),
    *(" ", "\n", "\t", "\x00", "\x0b", "\x0c", "\r", "\u200b", "x", "é"),
    *("<a href=", "</a>", "<img src=", "alt=", "title=", "onerror=", "style="),
    *("javascript:", "http://h/", "//h/", "{filename}", "{attach}", "|static|"),
    *("<p>", "</p>", "<h1>", "</h1>", "<li>", "<ul>", "<dt>", "<pre>", "<code>"),
    *("<table>", "<tr>", "<td>", "</td>", "</table>", "<caption>", "<tbody>"),
    *("<script>", "</script>", "<style>", "</style>", "<svg>", "<math>"),
    *("<mtext>", "<mglyph>", "<textarea>", "<template>", "<xmp>", "<noscript>"),
    *("<title>", "<plaintext>", "<select>", "<option>", "<form>", "<iframe>"),
    *("<!--", "-->", "<!", "<![CDATA[", "]]>", "<?", "<b>", "<i>", "<div>"),
]
html_ish = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(max_size=3)), max_size=40
).map("".join)


@settings(max_examples=400, derandomize=True, database=None, deadline=None)
@given(html_ish)
def test_random_markup_is_cleaned_once_and_for_all(text):
    once = clean_html(text)
    assert clean_html(once) == once
    assert_inert(once)
