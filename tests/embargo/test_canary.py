"""The canary suite: held entries leave no byte in the output.

Every field and surface of the fixture's held entries carries a token
(tests/sites/embargo). The public build must contain none of them, in any
file or file name; after the lift each must appear where a reader would find
it, so the search itself is proven to work; each vendor's preview shows its
own tokens and none of anybody else's.
"""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest
from linkcheck import broken_links

from tests.embargo.conftest import BEFORE, SITE, build
from tests.sitebuild import Build, copy_site

ACME_VOLUME = "volumes/cnry-acmevol-slug/"
# token -> a file that shows it once it is public (for a slug: is named by it)
ACME = {
    "CnryAcmevolTitle": "archives/index.html",
    "CnryAcmevolSummary": "index.html",
    "CnryAcmevolBody": ACME_VOLUME + "index.html",
    "cnry-acmevol-slug": ACME_VOLUME + "index.html",
    "cnry-acmevol-tag": "tags/cnry-acmevol-tag/index.html",
    "CnryAcmedocTitle": ACME_VOLUME + "index.html",
    "CnryAcmedocSummary": ACME_VOLUME + "index.html",
    "CnryAcmedocBody": ACME_VOLUME + "cnry-acmedoc-slug/index.html",
    "cnry-acmedoc-slug": ACME_VOLUME + "cnry-acmedoc-slug/index.html",
    "cnry-acmedoc-tag": "tags/index.html",
    # the document's earlier version (versions plugin)
    "CnryAcmedocOldTitle": ACME_VOLUME + "cnry-acmedoc-slug/v2/diff/index.html",
    "CnryAcmedocOldBody": ACME_VOLUME + "cnry-acmedoc-slug/v1/index.html",
    "CnryAcmedocVersionNote": ACME_VOLUME + "cnry-acmedoc-slug/index.html",
    "cnry-acmeattach-name": ACME_VOLUME + "files/cnry-acmeattach-name.pdf",
    "CnryAcmeattachBytes": ACME_VOLUME + "files/cnry-acmeattach-name.pdf",
    "cnry-acmeunlinked-name": ACME_VOLUME + "files/cnry-acmeunlinked-name.txt",
    "CnryAcmeunlinkedBytes": ACME_VOLUME + "files/cnry-acmeunlinked-name.txt",
    # a statement responding to the held volume
    "CnryAcmestmtTitle": ACME_VOLUME + "index.html",
    "CnryAcmestmtSummary": "organizations/index.html",
    "CnryAcmestmtBody": "statements/cnry-acmestmt-slug/index.html",
    "CnryAcmestmtOrg": "organizations/index.html",
    "cnry-acmestmt-slug": "statements/cnry-acmestmt-slug/index.html",
    "cnry-acmestmt-tag": "feeds/all.atom.xml",
    # a statement and a page without embargo that link into the held volume
    "CnryLinkstmtTitle": "feeds/statements.atom.xml",
    "CnryLinkstmtBody": "statements/cnry-linkstmt-slug/index.html",
    "cnry-linkstmt-slug": "sitemap.xml",
    "CnryLinkpageTitle": "about/index.html",  # the navigation lists pages
    "CnryLinkpageBody": "cnry-linkpage-slug/index.html",
    "cnry-linkpage-slug": "cnry-linkpage-slug/index.html",
}
# a document of the public volume, held for Globex only
GLOBEX = {
    "CnryGlobexdocTitle": "volumes/open/index.html",
    "CnryGlobexdocSummary": "tags/firmware/index.html",
    "CnryGlobexdocBody": "volumes/open/cnry-globexdoc-slug/index.html",
    "cnry-globexdoc-slug": "volumes/open/cnry-globexdoc-slug/index.html",
    "cnry-globexdoc-tag": "tags/cnry-globexdoc-tag/index.html",
}
# held with no audience: no preview shows it
NOBODY = {
    "CnryQuietstmtTitle": "index.html",
    "CnryQuietstmtSummary": "feeds/all.atom.xml",
    "CnryQuietstmtBody": "statements/cnry-quietstmt-slug/index.html",
    "CnryQuietstmtOrg": "organizations/index.html",
    "cnry-quietstmt-slug": "statements/cnry-quietstmt-slug/index.html",
    "cnry-quietstmt-tag": "tags/cnry-quietstmt-tag/index.html",
}
EVERY_TOKEN = {**ACME, **GLOBEX, **NOBODY}


def hits(site: Build, tokens) -> dict[str, list[str]]:
    """Token -> every output file whose bytes or path contain it."""
    found: dict[str, list[str]] = {token: [] for token in tokens}
    for path in site.files():
        relpath = path.relative_to(site.output).as_posix()
        data = path.read_bytes()
        for token in tokens:
            if token in relpath or token.encode() in data:
                found[token].append(relpath)
    return {token: files for token, files in found.items() if files}


def shows(site: Build, token: str, relpath: str) -> bool:
    path = site.output / relpath
    return path.is_file() and (token in relpath or token.encode() in path.read_bytes())


def test_only_held_entries_carry_tokens():
    published = [
        "pages/about.md",
        "statements/public-reply.md",
        "volumes/open/index.md",
        "volumes/open/public-note.md",
        "volumes/open/files/open-scan.pdf",
    ]
    sources = SITE / "content"
    held = [p for p in sources.rglob("*") if p.is_file() and "cnry" in str(p)]
    assert len(held) == 10
    for path in held:
        assert path.read_bytes().lower().count(b"cnry") >= 1, path
    for relpath in published:
        assert b"cnry" not in (sources / relpath).read_bytes().lower(), relpath
    assert sorted(
        p.relative_to(sources).as_posix() for p in sources.rglob("*") if p.is_file()
    ) == sorted(published + [p.relative_to(sources).as_posix() for p in held])


def test_public_build_has_no_trace_of_any_held_entry(public):
    assert hits(public, EVERY_TOKEN) == {}
    # nor any fragment of a token, in any case, in any byte or file name
    fragment = re.compile(rb"cnry", re.IGNORECASE)
    assert [f for f in public.files() if fragment.search(f.read_bytes())] == []
    assert [f for f in public.files() if "cnry" in str(f).lower()] == []


@pytest.mark.parametrize("token", sorted(EVERY_TOKEN))
def test_after_the_lift_every_token_is_published_where_expected(lifted, token):
    assert shows(lifted, token, EVERY_TOKEN[token])


@pytest.mark.parametrize("token", sorted(ACME))
def test_acme_preview_shows_what_is_held_for_acme(acme, token):
    assert shows(acme, token, ACME[token])


@pytest.mark.parametrize("token", sorted(GLOBEX))
def test_globex_preview_shows_what_is_held_for_globex(globex, token):
    assert shows(globex, token, GLOBEX[token])


def test_acme_preview_has_no_trace_of_entries_held_for_others(acme):
    assert hits(acme, {**GLOBEX, **NOBODY}) == {}


def test_globex_preview_has_no_trace_of_entries_held_for_others(globex):
    assert hits(globex, {**ACME, **NOBODY}) == {}


def test_public_build_is_the_site_without_the_held_sources(tmp_path):
    """Byte for byte: counts, pagination, feeds, sitemap and release files
    are what they would be had the held entries never existed."""
    public = build(SITE, tmp_path / "public", BEFORE)
    twin = tmp_path / "site"
    copy_site(SITE, twin)
    for path in sorted(twin.rglob("*cnry*"), reverse=True):
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()
    expected = build(twin, tmp_path / "out", BEFORE)
    names = [p.relative_to(public.output) for p in public.files()]
    assert names == [p.relative_to(expected.output) for p in expected.files()]
    differ = [
        name
        for name in names
        if (public.output / name).read_bytes() != (expected.output / name).read_bytes()
    ]
    assert differ == []


def test_counts_do_not_reveal_held_documents(public, globex):
    assert "1 document<" in public.read("volumes/open/index.html")
    assert "2 documents<" in globex.read("volumes/open/index.html")


def test_pagination_does_not_reveal_held_entries(public, lifted):
    # two entries a page: 3 published articles, 9 after the lift
    assert sorted(p.name for p in public.output.glob("index*.html")) == [
        "index.html",
        "index2.html",
    ]
    assert len(list(lifted.output.glob("index*.html"))) == 5


def test_held_volume_leaves_no_tag_page_and_shared_tags_list_only_public(public):
    tags = sorted(p.parent.name for p in (public.output / "tags").glob("*/index.html"))
    assert tags == ["firmware", "vendor-statement"]
    firmware = public.read("tags/firmware/index.html")
    assert "Open volume" in firmware and "Public note" in firmware


def test_feeds_and_sitemap_list_only_public_entries(public):
    entries = feedparser.parse(public.read("feeds/all.atom.xml")).entries
    assert sorted(e.title for e in entries) == [
        "Open volume",
        "Public note",
        "Public reply",
    ]
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    # each version of an entry has its own address (versions plugin): v1/
    locs = {
        re.sub(r"v[0-9]+/$", "", loc.text.removeprefix("https://dossier.example/"))
        for loc in ET.fromstring(public.read("sitemap.xml")).findall("s:url/s:loc", ns)
    }
    assert locs == {
        "",
        "archives/",
        "organizations/",
        "tags/",
        "tags/firmware/",
        "tags/vendor-statement/",
        "about/",
        "volumes/open/",
        "volumes/open/public-note/",
        "statements/public-reply/",
    }


@pytest.mark.parametrize("fixture", ["public", "acme", "globex", "lifted"])
def test_every_link_resolves_in_every_build(request, fixture):
    assert broken_links(request.getfixturevalue(fixture).output) == []


def html_pages(site: Build) -> list[Path]:
    return [p for p in site.files() if p.suffix == ".html"]


@pytest.mark.parametrize(
    ("fixture", "name"), [("acme", "Acme Devices"), ("globex", "Globex")]
)
def test_every_preview_page_is_marked_for_its_recipient_and_not_indexed(
    request, fixture, name
):
    preview = request.getfixturevalue(fixture)
    for page in html_pages(preview):
        text = page.read_text()
        assert '<meta name="robots" content="noindex, nofollow">' in text, page
        assert f'<meta name="dossier-preview" content="{fixture}">' in text, page
        assert f"Private preview for {name} ({fixture})." in text, page


BANNER = re.compile(
    r'<section class="banner banner-embargo" aria-label="Embargoed">(.*?)</section>',
    re.S,
)


def test_embargoed_pages_of_a_preview_carry_a_banner_with_lift_and_audience(acme):
    embargoed = [
        ACME_VOLUME + "index.html",
        ACME_VOLUME + "cnry-acmedoc-slug/index.html",
        "statements/cnry-acmestmt-slug/index.html",
        "statements/cnry-linkstmt-slug/index.html",
        "cnry-linkpage-slug/index.html",
    ]
    for relpath in embargoed:
        banner = BANNER.search(acme.read(relpath))
        assert banner, relpath
        assert (
            '<time datetime="2030-01-01T00:00:00+00:00">2030-01-01 00:00 UTC</time>'
            in banner[1]
        )
        assert "Private preview for Acme Devices" in banner[1]
    for relpath in ("volumes/open/index.html", "about/index.html", "index.html"):
        assert not BANNER.search(acme.read(relpath)), relpath


def test_globex_banner_shows_the_moment_in_utc(globex):
    banner = BANNER.search(globex.read("volumes/open/cnry-globexdoc-slug/index.html"))
    assert banner and "2030-06-01 10:00 UTC" in banner[1] and "Globex" in banner[1]


def test_public_pages_carry_no_preview_marks(public, lifted):
    for site in (public, lifted):
        for page in html_pages(site):
            text = page.read_text()
            assert "nofollow" not in text and "dossier-preview" not in text, page
            assert "banner-embargo" not in text and "Private preview" not in text, page
