"""Held versions follow the embargo rules: nothing of them is published."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.sitebuild import SITES, Build, copy_site, run_pelican

LEAK = "content/volumes/leak"
HELD_UNTIL = "2099-01-01T00:00:00Z"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """The versions site plus a held entry with a version file, and memo's
    version 2 held on its own."""
    copy = tmp_path / "site"
    copy_site(SITES / "versions", copy)
    leak = copy / LEAK
    (leak / "secret.md").write_text(
        f"Title: Sealed plan\nDate: 2021-03-02T00:00:00Z\nEmbargo: {HELD_UNTIL}\n"
        "Version: 2\nVersion-Note: Second take.\n\nThe sealed plan, second take.\n"
    )
    (leak / "secret.v1.md").write_text(
        "Title: Sealed plan draft\nDate: 2021-03-01T00:00:00Z\n\n"
        "The sealed plan, first take.\n"
    )
    memo = leak / "memo.v2.md"
    memo.write_text(
        memo.read_text().replace("Version: 2\n", f"Version: 2\nEmbargo: {HELD_UNTIL}\n")
    )
    return copy


def build_at(site: Path, output: Path, now: str) -> Build:
    done = run_pelican(site, output, f'EMBARGO_NOW="{now}"')
    assert done.returncode == 0, done.log
    return done


def published(build: Build) -> set[str]:
    return {p.relative_to(build.output).as_posix() for p in build.files()}


def test_versions_of_a_held_entry_are_held_with_it(site, tmp_path):
    build = build_at(site, tmp_path / "out", "2030-01-01T00:00:00Z")
    assert not [p for p in published(build) if "secret" in p]
    for path in build.files():
        assert b"Sealed plan" not in path.read_bytes(), path


def test_a_held_version_leaves_no_trace_in_the_history(site, tmp_path):
    build = build_at(site, tmp_path / "out", "2030-01-01T00:00:00Z")
    memo = {p for p in published(build) if p.startswith("volumes/leak/memo/")}
    assert memo == {
        "volumes/leak/memo/index.html",
        "volumes/leak/memo/v1/index.html",
        "volumes/leak/memo/v3/index.html",
    }
    history = build.read("volumes/leak/memo/index.html")
    assert 'href="../../../volumes/leak/memo/v2/"' not in history
    assert "Republished without the source" not in history


def test_a_version_is_published_with_its_diff_once_its_embargo_lifts(site, tmp_path):
    build = build_at(site, tmp_path / "out", "2100-01-01T00:00:00Z")
    assert {
        "volumes/leak/memo/v2/index.html",
        "volumes/leak/memo/v3/diff/index.html",
        "volumes/leak/secret/v1/index.html",
        "volumes/leak/secret/v2/diff/index.html",
    } <= published(build)
