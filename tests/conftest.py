"""Session fixtures shared by the build and browser tests."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from tests.sitebuild import SITES, Build, previous_release, run_pelican

# Every build a test runs (each in its own process) renders the pages the
# render memo reuses as well, and fails if the bytes differ (plugins/render_memo).
os.environ["DOSSIER_RENDER_MEMO_VERIFY"] = "1"

# one Playwright per test process: a second sync_playwright() in the same
# process fails inside the first one's asyncio loop
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture
def output(tmp_path: Path) -> Path:
    """An output folder that already holds a release, so a test can show
    that a failed build leaves it untouched."""
    return previous_release(tmp_path / "out")


@pytest.fixture(scope="session")
def basic_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The basic fixture site, built once for the whole session."""
    build = run_pelican(SITES / "basic", tmp_path_factory.mktemp("basic") / "out")
    assert build.returncode == 0, build.log
    return build


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), "install Debian's chromium: make system-packages"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()
