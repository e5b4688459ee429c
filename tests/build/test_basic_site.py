"""Build the basic fixture site and check what readers and mirrors get."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import feedparser
from linkcheck import broken_links

EXPECTED_FILES = {
    "index.html",
    "404.html",
    "sitemap.xml",
    "archives/index.html",
    "tags/index.html",
    "tags/routers/index.html",
    "tags/firmware/index.html",
    "organizations/index.html",
    "about/index.html",
    "volumes/alpha/index.html",
    "volumes/alpha/router-note/index.html",
    "volumes/alpha/zebra-memo/index.html",
    "volumes/alpha/files/scan.pdf",
    "volumes/alpha/files/chart.png",
    "statements/vendor-reply/index.html",
    "statements/agency-reply/index.html",
    "feeds/all.atom.xml",
    "feeds/statements.atom.xml",
    "theme/css/dossier.css",
}


def html_pages(build):
    return [p for p in build.files() if p.suffix == ".html"]


def test_every_page_type_is_written(basic_site):
    written = {p.relative_to(basic_site.output).as_posix() for p in basic_site.files()}
    assert written >= EXPECTED_FILES
    # no category, author, draft or date-archive pages: they are disabled
    assert not [
        f for f in written if f.split("/")[0] in ("category", "author", "drafts")
    ]
    assert not [f for f in written if f.endswith(".md")]


def test_every_internal_link_and_asset_resolves(basic_site):
    assert broken_links(basic_site.output) == []


def test_pages_load_nothing_from_other_hosts(basic_site):
    remote = re.compile(
        r'<(?:img|script|link|iframe)\b[^>]*(?:src|href)="(?:https?:)?//'
    )
    for page in html_pages(basic_site):
        text = page.read_text()
        assert not remote.search(text), page
        assert "<script" not in text, page


def test_every_page_sets_a_strict_content_security_policy(basic_site):
    for page in html_pages(basic_site):
        text = page.read_text()
        policy = re.search(
            r'<meta http-equiv="Content-Security-Policy" content="([^"]+)"', text
        )
        assert policy, page
        assert "default-src 'none'" in policy[1]
        assert "script-src" not in policy[1] or "'unsafe-inline'" not in policy[1]


def test_remote_image_becomes_a_link_and_script_is_gone(basic_site):
    html = basic_site.read("volumes/alpha/router-note/index.html")
    assert 'href="https://tracker.example/pixel.png"' in html
    assert 'src="https://tracker.example' not in html
    assert 'alert("x")' not in html  # the script and its text are gone
    assert 'href="javascript' not in html


def test_volume_page_lists_documents_statements_and_attachments(basic_site):
    html = basic_site.read("volumes/alpha/index.html")
    router, zebra = html.index("Router note"), html.index("Zebra memo")
    assert router < zebra
    assert "Vendor reply" in html
    assert "Agency reply" not in html  # it responds to no volume
    assert "scan.pdf" in html and "30 B" in html
    assert "chart.png" in html


def test_document_has_breadcrumb_to_its_volume(basic_site):
    html = basic_site.read("volumes/alpha/router-note/index.html")
    crumbs = re.search(r'<nav[^>]* aria-label="Breadcrumb">(.*?)</nav>', html, re.S)
    assert crumbs and 'href="../../../volumes/alpha/"' in crumbs[1]


def test_statement_shows_organization_source_and_volume(basic_site):
    html = basic_site.read("statements/vendor-reply/index.html")
    assert "Vendor Inc." in html
    assert 'href="https://vendor.example/news/reply"' in html
    assert 'href="../../volumes/alpha/"' in html


def test_organizations_index_lists_each_organization(basic_site):
    html = basic_site.read("organizations/index.html")
    assert 'id="the-agency"' in html and 'id="vendor-inc"' in html
    assert html.index("The Agency") < html.index("Vendor Inc.")


def test_feeds_parse_and_list_the_right_entries(basic_site):
    everything = feedparser.parse(basic_site.read("feeds/all.atom.xml"))
    assert not everything.bozo
    assert sorted(e.title for e in everything.entries) == [
        "Agency reply",
        "Alpha volume",
        "Router note",
        "Vendor reply",
        "Zebra memo",
    ]
    statements = feedparser.parse(basic_site.read("feeds/statements.atom.xml"))
    assert not statements.bozo
    assert [e.title for e in statements.entries] == ["Agency reply", "Vendor reply"]
    assert all(
        e.link.startswith("https://dossier.example/") for e in everything.entries
    )


def test_sitemap_lists_every_page(basic_site):
    tree = ET.fromstring(basic_site.read("sitemap.xml"))
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = {loc.text for loc in tree.findall("s:url/s:loc", ns)}
    pages = {
        p.relative_to(basic_site.output).as_posix().removesuffix("index.html")
        for p in html_pages(basic_site)
        if p.name != "404.html"
    }
    assert locs == {f"https://dossier.example/{page}" for page in pages}


def test_heading_ids_let_readers_link_to_sections(basic_site):
    html = basic_site.read("volumes/alpha/router-note/index.html")
    assert '<h3 id="findings">Findings</h3>' in html
    assert '<h3 id="findings-1">Findings</h3>' in html
    volume = basic_site.read("volumes/alpha/index.html")
    assert 'href="../../volumes/alpha/router-note/#findings"' in volume


def test_body_line_like_metadata_is_text(basic_site):
    assert "<p>Note: this line is body text, not metadata.</p>" in basic_site.read(
        "volumes/alpha/index.html"
    )
