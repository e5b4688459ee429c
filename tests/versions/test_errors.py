"""A broken version sequence stops the build with file:line and leaves output/."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.sitebuild import SITES, copy_site, run_pelican, snapshot
from tools.revise import revise

LEAK = "content/volumes/leak"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A private copy of the versions site that a test may break."""
    return copy_site(SITES / "versions", tmp_path / "site")


def build(site: Path, output: Path):
    """Build into `output`; the release plugin refuses a folder it did not write."""
    return run_pelican(site, output)


def assert_fails(site: Path, output: Path, expected: str) -> None:
    before = snapshot(output)
    done = build(site, output)
    assert done.returncode != 0
    assert expected in done.log
    assert snapshot(output) == before


def test_a_missing_version_stops_the_build(site, output):
    (site / LEAK / "memo.v2.md").unlink()
    assert_fails(
        site,
        output,
        f"{LEAK}/memo.md:4: Version: 3, but version 2 is missing; restore "
        "memo.v2.md beside this file, or lower Version",
    )


def test_a_duplicate_version_stops_the_build(site, output):
    shutil.copy(site / LEAK / "memo.v2.md", site / LEAK / "memo.v02.md")
    assert_fails(
        site,
        output,
        f"{LEAK}/memo.md:1: memo.v02.md and memo.v2.md are all version 2; keep one "
        "file per version",
    )


def test_a_version_file_without_its_entry_stops_the_build(site, output):
    (site / LEAK / "ghost.v1.md").write_text("Title: Ghost\nDate: 2021-03-01\n\nb\n")
    assert_fails(
        site,
        output,
        f"{LEAK}/ghost.v1.md:1: version file of volumes/leak/ghost.md, which does "
        "not exist; restore the current file or rename this one",
    )


def test_withdrawing_without_a_reason_stops_the_build(site, output):
    memo = site / LEAK / "memo.v1.md"
    memo.write_text(
        memo.read_text().replace(
            "Withdrawn-Reason: It named a source by mistake.\n", ""
        )
    )
    assert_fails(
        site,
        output,
        f"{LEAK}/memo.v1.md:5: a withdrawn version needs a Withdrawn-Reason:",
    )


def test_a_document_cannot_take_a_version_address(site, output):
    (site / LEAK / "v1.md").write_text("Title: V1\nDate: 2021-03-01\n\nb\n")
    assert_fails(
        site,
        output,
        f"{LEAK}/v1.md:1: the address volumes/leak/v1/ is used by a version page",
    )


def test_revise_then_build_asks_for_a_note_then_publishes_the_new_version(
    site, output, tmp_path
):
    memo = site / LEAK / "memo.md"
    kept_text = memo.read_text()
    revise(memo)
    assert_fails(site, output, f"{LEAK}/memo.md:5: Version 4 needs a Version-Note:")
    memo.write_text(
        memo.read_text()
        .replace("Version-Note:", "Version-Note: Dated the answer.")
        .replace("within a week", "on 9 March")
        .replace("Date: 2021-03-04T12:00:00Z", "Date: 2021-03-10T12:00:00Z")
    )
    output = tmp_path / "published"
    done = build(site, output)
    assert done.returncode == 0, done.log
    assert (site / LEAK / "memo.v3.md").read_text() == kept_text
    assert (
        "answered within a week"
        in (output / "volumes/leak/memo/v3/index.html").read_text()
    )
    assert (
        "answered on 9 March"
        in (output / "volumes/leak/memo/v4/index.html").read_text()
    )
    diff = (output / "volumes/leak/memo/v4/diff/index.html").read_text()
    assert "answered <del>within</del><ins>on</ins> <del>a</del><ins>9</ins> " in diff
