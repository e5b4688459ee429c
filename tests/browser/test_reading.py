"""What a reader sees: navigation by clicking, no JavaScript, nothing remote."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser, site_url):
    """A page that records console errors and every request it makes."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.console_errors = []
    page.requests = []
    page.on(
        "console",
        lambda m: page.console_errors.append(m.text) if m.type == "error" else None,
    )
    page.on("pageerror", lambda e: page.console_errors.append(str(e)))
    page.on("request", lambda r: page.requests.append(r.url))
    # a request to anywhere else is refused, so a leak shows as an error too
    local = urlsplit(site_url).netloc
    page.route(
        "**/*",
        lambda route: (
            route.continue_()
            if urlsplit(route.request.url).netloc == local
            else route.abort()
        ),
    )
    yield page
    context.close()


def test_home_to_volume_to_document_to_statement_by_clicking(page, site_url):
    page.goto(site_url)
    assert page.locator("h1").count() == 1
    page.get_by_role("link", name="Alpha volume", exact=True).first.click()
    assert page.url == site_url + "volumes/alpha/"
    assert page.locator("h1").inner_text() == "Alpha volume"
    page.get_by_role("link", name="Router note", exact=True).first.click()
    assert page.url == site_url + "volumes/alpha/router-note/"
    breadcrumb = page.get_by_role("navigation", name="Breadcrumb")
    breadcrumb.get_by_role("link", name="Alpha volume").click()
    assert page.url == site_url + "volumes/alpha/"
    page.get_by_role("link", name="Vendor reply", exact=True).first.click()
    assert page.url == site_url + "statements/vendor-reply/"
    assert "Vendor Inc." in page.locator("main").inner_text()
    assert page.console_errors == []


def test_no_request_leaves_the_local_server(page, site_url):
    for path in ["", "volumes/alpha/", "volumes/alpha/router-note/", "organizations/"]:
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
    host = urlsplit(site_url).netloc
    assert page.requests
    assert all(urlsplit(url).netloc == host for url in page.requests)
    assert page.console_errors == []


def test_stylesheet_loads_under_the_content_security_policy(page, site_url):
    page.goto(site_url + "volumes/alpha/router-note/")
    # the theme's stylesheet applied: the skip link is moved off-screen
    skip = page.get_by_role("link", name="Skip to content")
    box = skip.bounding_box()
    assert box is None or box["y"] < 0 or box["x"] < 0 or box["height"] <= 1
    assert page.console_errors == []


def test_skip_link_is_first_and_focus_is_visible(browser, site_url):
    # scripts on here: the computed style is read with JavaScript
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_url)
    page.keyboard.press("Tab")
    focused = page.locator(":focus")
    assert focused.inner_text() == "Skip to content"
    assert focused.evaluate("el => getComputedStyle(el).outlineStyle") != "none"
    context.close()


def test_reader_can_print_a_document(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "volumes/alpha/router-note/")
    page.emulate_media(media="print")
    assert not page.get_by_role("link", name="Skip to content").is_visible()
    assert page.locator("main h1").is_visible()
    assert len(page.pdf()) > 1000
    context.close()
