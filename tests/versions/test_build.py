"""Build the versions fixture site and check what readers get for each version.

Fixture (tests/sites/versions/content): the volume `leak` has two versions
(index.v1.md, index.md at 2); its document `memo` has three, the first
withdrawn (memo.v1.md); `report` and the statement have one; the page
`about` has two.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import feedparser
import pytest
from linkcheck import broken_links

from tests.sitebuild import SITES, Build, run_pelican

VERSION_PAGES = {
    "volumes/leak/v1/index.html",
    "volumes/leak/v2/index.html",
    "volumes/leak/v2/diff/index.html",
    "volumes/leak/memo/v1/index.html",
    "volumes/leak/memo/v2/index.html",
    "volumes/leak/memo/v3/index.html",
    "volumes/leak/memo/v3/diff/index.html",
    "volumes/leak/report/v1/index.html",
    "statements/reply/v1/index.html",
    "about/v1/index.html",
    "about/v2/index.html",
    "about/v2/diff/index.html",
}
# what only the withdrawn version said; it must not be published anywhere
WITHDRAWN_WORDS = ("Quentin", "Blackwood", "withdrawn-only-tag", "never be published")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    build = run_pelican(SITES / "versions", tmp_path_factory.mktemp("versions") / "out")
    assert build.returncode == 0, build.log
    return build


def written(build: Build) -> set[str]:
    return {p.relative_to(build.output).as_posix() for p in build.files()}


def main_part(build: Build, relpath: str) -> str:
    html = build.read(relpath)
    return html[html.index('<main id="content"') : html.index("</main>")]


def test_every_version_has_its_permanent_page_and_no_other_version_pages(site):
    pages = {p for p in written(site) if re.search(r"/v[0-9]+/", f"/{p}")}
    assert pages == VERSION_PAGES


def test_an_earlier_version_shows_its_own_text_under_a_banner_to_the_latest(site):
    html = main_part(site, "volumes/leak/v1/index.html")
    assert html.startswith(
        '<main id="content" class="wrap"><section class="banner banner-version" '
        'aria-label="Earlier version">\n<p>This is version 1 of this volume, '
        'published <time datetime="2021-03-01T10:00:00+00:00">2021-03-01 10:00 '
        "UTC</time>. It has been revised since: "
        '<a href="../../../volumes/leak/">read the latest version (version 2)</a>.</p>'
    )
    assert "an old claim about routers" in html
    assert "corrected claim" not in html


def test_the_latest_version_has_no_banner_at_either_address(site):
    for relpath in ("volumes/leak/index.html", "volumes/leak/v2/index.html"):
        html = main_part(site, relpath)
        assert "banner" not in html
        assert "a corrected claim about modems" in html


def test_the_latest_version_at_its_number_is_the_same_page(site):
    def unrooted(relpath: str) -> str:
        return re.sub(r'(href|src)="(\.\./)+', r'\1="/', site.read(relpath))

    assert unrooted("volumes/leak/v2/index.html") == unrooted("volumes/leak/index.html")


def test_every_version_page_has_the_whole_history(site):
    expected = (
        '<tbody>\n<tr>\n<th scope="row"><a href="../../../volumes/leak/v1/">v1</a>'
        '</th>\n<td><time datetime="2021-03-01T10:00:00+00:00">2021-03-01 10:00 UTC'
        "</time></td>\n<td>First published</td>\n<td>146 B</td>\n</tr>\n"
        '<tr aria-current="true">\n<th scope="row"><a href="../../../volumes/leak/v2/">'
        'v2</a> (latest)</th>\n<td><time datetime="2021-03-05T10:00:00+00:00">'
        "2021-03-05 10:00 UTC</time></td>\n<td>Corrected the claim about routers "
        '&amp; modems. <a class="diff-link" href="../../../volumes/leak/v2/diff/">'
        "Changes from v1</a></td>\n<td>"
    )
    assert expected in site.read("volumes/leak/v2/index.html")
    for relpath in VERSION_PAGES:
        assert 'id="version-history"' in site.read(relpath), relpath


def test_a_withdrawn_version_shows_only_the_notice_and_the_reason(site):
    html = main_part(site, "volumes/leak/memo/v1/index.html")
    assert html == (
        '<main id="content" class="wrap"><section class="banner banner-withdrawn" '
        'aria-label="Withdrawn version">\n<p>Version 1 of this document has been '
        "withdrawn; its text is no longer published.</p>\n<p>Reason: It named a "
        'source by mistake.</p>\n<p><a href="../../../../volumes/leak/memo/">Read the '
        "latest version (version 3)</a>.</p>\n\n</section>"
        '<article class="entry entry-withdrawn">\n<header class="entry-header">\n'
        '<p class="kind">Document · version 1, withdrawn</p>\n<h1>Memo</h1>\n'
        "</header>\n" + html[html.index('<section class="related versions"') :]
    )
    assert (
        "<title>Withdrawn: version 1 of Memo · Versions fixture</title>"
        in site.read("volumes/leak/memo/v1/index.html")
    )


def test_nothing_of_the_withdrawn_text_is_published_anywhere(site):
    for path in site.files():
        data = path.read_bytes()
        for words in WITHDRAWN_WORDS:
            assert words.encode() not in data, (path, words)


def test_consecutive_versions_are_compared_after_rendering(site):
    html = site.read("volumes/leak/v2/diff/index.html")
    diff = html[html.index('<ol class="diff">') : html.index("</ol>") + 5]
    assert diff == (
        '<ol class="diff">\n'
        '<li class="diff-folded">… 2 unchanged paragraphs …</li>\n'
        '<li class="diff-same">A second paragraph that stays the same.</li>\n'
        '<li class="diff-changed"><span class="visually-hidden">Changed paragraph: '
        "</span>A third paragraph with <del>an</del><ins>a</ins> <del>old</del>"
        "<ins>corrected</ins> claim about <del>routers</del><ins>modems</ins>.</li>\n"
        '<li class="diff-added"><span class="visually-hidden">Added paragraph: </span>'
        "<ins>A new closing paragraph with &lt;code&gt; for readers.</ins></li>\n"
        "</ol>"
    )
    assert (
        '<p class="meta">From <a href="../../../../volumes/leak/v1/">version 1</a>'
    ) in html


def test_no_diff_involves_a_withdrawn_version(site):
    assert "volumes/leak/memo/v2/diff/index.html" not in written(site)
    assert "volumes/leak/memo/v3/diff/index.html" in written(site)


def test_version_files_are_not_listed_as_entries(site):
    feed = feedparser.parse(site.read("feeds/all.atom.xml"))
    assert sorted(e.title for e in feed.entries) == [
        "Leak volume",
        "Memo",
        "Report",
        "Vendor reply",
    ]
    assert [e.link for e in feed.entries if e.title == "Leak volume"] == [
        "https://dossier.example/volumes/leak/"
    ]
    for relpath in ("index.html", "archives/index.html", "tags/memos/index.html"):
        assert not re.search(r'href="[^"]*/v[0-9]+/', site.read(relpath)), relpath
    assert "about/index.html" in written(site)
    nav = re.findall(r'<li><a href="\./about/"', site.read("index.html"))
    assert len(nav) == 1


def test_a_filename_link_to_a_version_file_reaches_that_version(site):
    html = site.read("volumes/leak/report/index.html")
    assert '<a href="../../../volumes/leak/v1/">first text of the volume</a>' in html
    assert '<a href="../../../volumes/leak/memo/v1/">the memo' in html


def test_sitemap_lists_every_page_including_versions_and_diffs(site):
    tree = ET.fromstring(site.read("sitemap.xml"))
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = {loc.text for loc in tree.findall("s:url/s:loc", ns)}
    pages = {
        p.removesuffix("index.html") for p in written(site) if p.endswith("index.html")
    }
    assert locs == {f"https://dossier.example/{page}" for page in pages}


def test_every_link_on_every_version_page_resolves(site):
    assert broken_links(site.output) == []


def test_a_second_build_writes_the_same_bytes(site, tmp_path):
    again = run_pelican(SITES / "versions", tmp_path / "again")
    assert again.returncode == 0, again.log
    assert written(again) == written(site)
    for relpath in sorted(written(site)):
        ours, theirs = site.output / relpath, again.output / relpath
        assert ours.read_bytes() == theirs.read_bytes(), relpath


def test_an_earlier_version_links_only_to_tags_that_have_a_page(site):
    assert "tags/routers/index.html" not in written(site)
    html = main_part(site, "volumes/leak/v1/index.html")
    assert re.findall(r'href="[./]*tags/([^/"]+)/"', html) == ["leaks"]
