"""URLs: hidden schemes, Pelican placeholders, remote resources."""

from __future__ import annotations

import copy

import pytest
from pelican.contents import Page
from pelican.settings import DEFAULT_CONFIG
from sanitize import clean_html
from sanitize.core import CLEANER, is_remote, placeholder_is_safe

# Every C0 control, DEL, and invisible Unicode a browser or parser may skip.
INVISIBLE = [chr(c) for c in range(0x20)] + ["\x7f", "\u00a0", "\u200b", "\ufeff"]


@pytest.mark.parametrize("char", INVISIBLE, ids=[f"U+{ord(c):04X}" for c in INVISIBLE])
@pytest.mark.parametrize("where", ["before", "inside"])
def test_javascript_hidden_by_an_invisible_character_loses_its_href(char, where):
    url = f"{char}javascript:alert(1)" if where == "before" else f"java{char}script:x"
    assert clean_html(f'<a href="{url}">x</a>') == "<a>x</a>"


@pytest.mark.parametrize("char", INVISIBLE, ids=[f"U+{ord(c):04X}" for c in INVISIBLE])
def test_placeholder_hiding_a_scheme_behind_an_invisible_character_is_refused(char):
    assert clean_html(f'<a href="{{tag}}java{char}script:x">x</a>') == "<a>x</a>"


@pytest.mark.parametrize(
    "url",
    [
        "{filename}/volumes/v/doc.md",
        "{filename}../statements/x.md",
        "{filename}doc.md#section",
        "{attach}files/scan.png",
        "{static}files/a.pdf",
        "{static}files/a%20b.pdf",
        "{tag}exploits",
        "{index}",
        "|filename|doc.md",
    ],
)
def test_pelican_placeholders_survive_unchanged(url):
    assert clean_html(f'<a href="{url}">x</a>') == f'<a href="{url}">x</a>'
    assert clean_html(f'<img src="{url}" alt="a">') == f'<img src="{url}" alt="a">'


def pelican_links(html: str) -> str:
    """What Pelican makes of the links in `html` when it writes the page."""
    settings = copy.deepcopy(DEFAULT_CONFIG)
    settings["SITEURL"] = "https://dossier.example"
    context = {
        "generated_content": {},
        "static_content": {},
        "localsiteurl": "https://dossier.example",
    }
    page = Page(
        html,
        metadata={"title": "t"},
        settings=settings,
        source_path="content/volumes/v/doc.md",
        context=context,
    )
    return page.get_content("https://dossier.example")


@pytest.mark.parametrize(
    "html",
    [
        '<a href="{tag}javascript:x?%0aalert(1)">x</a>',
        '<a href="{alert(1)}javascript:x">x</a>',
        '<a href="|index|javascript:x#%0aalert(1)">x</a>',
        '<img src="{filename}//evil.example/t.png" alt="t">',
    ],
)
def test_pelican_cannot_turn_a_cleaned_placeholder_into_a_script_or_remote_url(html):
    # Without the placeholder check the first one is written out as
    # href="javascript:https://dossier.example/tag/x.html?%0aalert(1)".
    assert "javascript:" in pelican_links(html) or "//evil" in pelican_links(html)
    written = pelican_links(clean_html(html))
    assert "javascript:" not in written
    assert "evil.example" not in written


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ("doc.md", True),
        ("{filename}doc.md?at=10:30", True),
        ("{filename}https://x", False),
        ("{filename}//x", False),
        ("{filename}\\\\x", False),
        ("{a\n}javascript:x", False),
        ("|tag|data:x", False),
        ('{filename}files/Q&A.pdf#" onmouseover="alert(1)', False),
        ("{filename}a.md#<b>", False),
        ("{static}files/a b.pdf", False),
    ],
)
def test_placeholder_rest_must_be_a_path(value, safe):
    assert placeholder_is_safe(value) is safe


def test_entities_in_a_placeholder_cannot_break_out_when_pelican_decodes_them():
    # Pelican retries a missing path with entities decoded and writes the
    # decoded fragment back unescaped: the quote would end the attribute.
    html = (
        '<a href="{filename}files/Q&amp;A.pdf#&quot; onmouseover=&quot;'
        'alert(1)&quot;">x</a>'
    )
    assert clean_html(html) == "<a>x</a>"


@pytest.mark.parametrize(
    ("url", "remote"),
    [
        ("https://example.org/a.png", True),
        ("HTTP://example.org/a.png", True),
        ("//example.org/a.png", True),
        ("\\\\example.org/a.png", True),
        ("/\t/example.org/a.png", True),
        ("http:example.org/a.png", True),
        ("&#104;ttps://example.org/a.png", True),
        ("files/a.png", False),
        ("/theme/a.png", False),
        ("{attach}files/a.png", False),
        ("mailto:a@example.org", False),
        ("#fn1", False),
    ],
)
def test_remote_urls_are_those_that_reach_another_host(url, remote):
    assert is_remote(url) is remote


def test_remote_image_never_loads_and_local_one_does():
    html = '<p><img src="https://t.example/p.png" alt="x"><img src="p.png" alt="y"></p>'
    assert clean_html(html) == (
        '<p><a href="https://t.example/p.png" class="remote-image"'
        ' rel="noopener noreferrer">Image: x</a><img src="p.png" alt="y"></p>'
    )


def test_one_cleaner_serves_every_call():
    from sanitize import core

    clean_html("<p>a</p>")
    clean_html("<p>b</p>")
    assert core.CLEANER is CLEANER
