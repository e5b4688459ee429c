"""In a real browser, marks of short and long originals are the same size."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page

from tests.sitebuild import SITES, run_pelican

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def memo(tmp_path_factory: pytest.TempPathFactory, browser) -> Iterator[Page]:
    build = run_pelican(SITES / "redaction", tmp_path_factory.mktemp("marks") / "out")
    assert build.returncode == 0, build.log
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto((build.output / "volumes/leak/memo/index.html").as_uri())
    yield page
    context.close()


def test_marks_have_one_size_whatever_they_replaced(memo):
    # "CanaryBody" and "CanaryEmph Smith & CanaryAmp", in the same paragraph
    first, second = memo.locator(".entry-content > p").first.locator(".redaction").all()
    one, other = first.bounding_box(), second.bounding_box()
    assert one is not None and other is not None
    assert (one["width"], one["height"]) == (other["width"], other["height"])
    assert one["width"] > 50  # a box, not a collapsed span


def test_a_mark_shows_its_reason_and_has_an_accessible_name(memo):
    mark = memo.locator(".entry-content > p").first.locator(".redaction").first
    assert mark.inner_text().strip().lower() == "personal name"
    assert mark.get_attribute("aria-label") == "redacted: personal name"
    reason = mark.locator(".redaction-reason")
    box, inner = mark.bounding_box(), reason.bounding_box()
    assert box is not None and inner is not None
    assert inner["width"] <= box["width"]  # the label fits: it is not clipped
