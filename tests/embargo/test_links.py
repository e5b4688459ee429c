"""Placeholder links are read the way Pelican will resolve them."""

from __future__ import annotations

from embargo import links as links_module
from embargo.links import LinkTargets, link_regex, link_targets
from pelican.contents import Content
from pelican.settings import DEFAULT_CONFIG

PATTERN = link_regex(DEFAULT_CONFIG["INTRASITE_LINK_REGEX"])


def test_pattern_is_pelicans_own():
    content = Content("", settings=DEFAULT_CONFIG.copy())
    theirs = content._get_intrasite_link_regex()
    # verbose patterns: only the indentation differs
    assert PATTERN.pattern.split() == theirs.pattern.split()
    assert PATTERN.flags == theirs.flags


def test_relative_absolute_and_static_links_resolve_from_the_content_root():
    html = (
        '<a href="{filename}other.md">a</a>'
        '<a href="{filename}/pages/about.md#top">b</a>'
        '<img src="{static}files/chart.png" alt="">'
        "<a href='{attach}../v2/files/a b.pdf'>c</a>"
        '<a href="{filename}../../statements/s.md?x=1">d</a>'
    )
    assert link_targets(html, PATTERN, "volumes/v1") >= {
        "volumes/v1/other.md",
        "pages/about.md",
        "volumes/v1/files/chart.png",
        "volumes/v2/files/a b.pdf",
        "statements/s.md",
    }


def test_quoted_and_escaped_paths_are_read_both_ways():
    html = '<a href="{filename}my%20doc.md">a</a><a href="{filename}a&amp;b.md">b</a>'
    targets = link_targets(html, PATTERN, "pages")
    assert {"pages/my doc.md", "pages/a&b.md"} <= targets


def test_other_placeholders_and_plain_links_are_not_source_links():
    html = '<a href="{tag}firmware">t</a><a href="{index}">i</a><a href="x.md">x</a>'
    assert link_targets(html, PATTERN, "pages") == set()


def test_an_entry_s_bodies_are_searched_once_unless_replaced(monkeypatch):
    targets = LinkTargets(link_regex(DEFAULT_CONFIG["INTRASITE_LINK_REGEX"]))
    searched = []
    real = links_module.all_targets
    monkeypatch.setattr(
        links_module,
        "all_targets",
        lambda htmls, *rest: searched.append(list(htmls)) or real(htmls, *rest),
    )
    entry = object()
    body = '<a href="{filename}held.md">x</a>'
    summary = ""
    assert targets.of(entry, [body, summary], "v") == {"v/held.md"}
    assert targets.of(entry, [body, summary], "v") == {"v/held.md"}
    assert len(searched) == 1
    # a plugin replaced the body: equal text or not, it is searched again
    replaced = '<a href="{filename}other.md">x</a>'
    assert targets.of(entry, [replaced, summary], "v") == {"v/other.md"}
    assert targets.of(entry, [replaced, summary], "w") == {"w/other.md"}
    assert len(searched) == 3
