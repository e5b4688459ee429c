from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import unquote

import pytest
from linkcheck import BrokenLink, broken_links
from linkcheck.core import Page, _bases, _check, _split, parse_page
from markdown_reader.memo import DigestMemo, digest_of


def site(tmp_path: Path, pages: dict[str, str]) -> Path:
    for relpath, text in pages.items():
        path = tmp_path / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return tmp_path


def test_parse_page_finds_links_and_ids_with_quoted_angle_brackets():
    page = parse_page(
        '<a title="a > b" href="x/?a=1&amp;b=2">x</a><h2 id="s">S</h2>'
        "<img src='i.png' alt=\"\"><link rel=stylesheet href=c.css>"
        '<!-- <a href="commented/"> -->'
    )
    assert page.urls == ["x/?a=1&b=2", "i.png", "c.css"]
    assert page.ids == {"s"}


def test_a_site_whose_links_all_resolve_has_no_broken_links(tmp_path):
    root = site(
        tmp_path,
        {
            "index.html": '<a href="volumes/v/">v</a> <a href="volumes/v/#sec">s</a>'
            '<a href="https://example.org/">e</a><a href="mailto:a@b.example">m</a>'
            '<a href="#top" id="top">t</a><img src="theme/logo.png">',
            "volumes/v/index.html": '<h2 id="sec">S</h2><a href="../../">home</a>'
            '<a href="../../index.html#top">top</a>',
            "theme/logo.png": "png",
        },
    )
    assert broken_links(root) == []


def test_every_kind_of_broken_link_is_reported(tmp_path):
    root = site(
        tmp_path,
        {
            "index.html": '<a href="missing/">a</a><a href="v/#nope">b</a>'
            '<a href="{filename}/x.md">c</a><a href="javascript:alert(1)">d</a>'
            '<a href="../../etc/passwd">e</a><a href="/about/">f</a>'
            '<img src="gone.png">',
            "v/index.html": "<p>no ids</p>",
        },
    )
    assert broken_links(root) == [
        BrokenLink("index.html", "missing/", "no such file"),
        BrokenLink("index.html", "v/#nope", "no element with id 'nope'"),
        BrokenLink("index.html", "{filename}/x.md", "unresolved Pelican placeholder"),
        BrokenLink(
            "index.html", "javascript:alert(1)", "scheme javascript: is not allowed"
        ),
        BrokenLink("index.html", "../../etc/passwd", "points outside the site"),
        BrokenLink("index.html", "/about/", "points outside the site"),
        BrokenLink("index.html", "gone.png", "no such file"),
    ]


def test_a_memo_spares_parsing_but_every_link_is_checked_again(tmp_path):
    root = site(
        tmp_path / "site",
        {
            "index.html": '<a href="v/#sec">s</a><a href="logo.png">l</a>',
            "v/index.html": '<h2 id="sec">S</h2>',
            "logo.png": "png",
        },
    )
    memo_path = tmp_path / "links.memo"
    first = DigestMemo.load(memo_path, "k")
    assert broken_links(root, first) == []
    assert first.reused == 0
    # same page bytes, but the image and the section are gone
    (root / "logo.png").unlink()
    (root / "v/index.html").write_text("<h2>S</h2>")
    again = DigestMemo.load(memo_path, "k")
    assert broken_links(root, again) == [
        BrokenLink("index.html", "v/#sec", "no element with id 'sec'"),
        BrokenLink("index.html", "logo.png", "no such file"),
    ]
    assert again.reused == 1  # index.html, whose bytes did not change


def test_a_memo_entry_of_another_shape_is_parsed_again(tmp_path):
    root = site(tmp_path / "site", {"index.html": '<a href="gone/">g</a>'})
    digest = digest_of((root / "index.html").read_bytes())
    memo = DigestMemo(None, "k", known={digest: ("no links", ())})
    assert broken_links(root, memo) == [
        BrokenLink("index.html", "gone/", "no such file")
    ]
    assert memo.kept[digest] == (("gone/",), ())


FOLDERS = ["", "a", "a/b", "a/b/c"]
PATHS = [
    "x.html",
    "./x.html",
    "../x.html",
    "../../x.html",
    "../../../x.html",
    "..",
    "../",
    "../..",
    ".",
    "./",
    "b/../x.html",
    "b/./c/../../x.html",
    "../a/./b/",
    "..%2Fx.html",
    "b/",
    "...",
    ".../x.html",
    "a//b.html",
    "b/../../..",
    "%2e%2e/x.html",
]


@pytest.mark.parametrize("folder", FOLDERS)
def test_a_link_resolves_as_normpath_of_the_joined_paths_would(folder):
    # the page's folder and the link's path joined and normalized, the
    # plain way: what the link check's faster resolution must agree with
    for path in PATHS:
        joined = posixpath.normpath(posixpath.join(folder, unquote(path)))
        page = f"{folder}/page.html" if folder else "page.html"
        outside = joined == ".." or joined.startswith("../")
        target = "" if joined == "." else joined
        files = {page, target or "index.html"}
        reason = _check(
            files, lambda _: Page([], set()), page, _bases(folder), _split(path)
        )
        assert reason == ("points outside the site" if outside else None), (
            folder,
            path,
        )
