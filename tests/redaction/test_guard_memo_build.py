"""The guard's memo in real builds: a rebuild reads only pages whose bytes
changed, and nothing it remembers outlives a change to what it searches for.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from markdown_reader.memo import digest_of
from release.writer import RELEASE_FILES

from tests.redaction.test_guard_build import MEMO, with_injector
from tests.sitebuild import run_pelican, snapshot

PASSED = re.compile(
    r"no leak \((\d+) files passed before, unchanged; "
    r"(\d+) searched while pages were written\)"
)


def passed(log: str) -> tuple[int, int]:
    """(files that passed in an earlier build, files the helper cleared)."""
    found = PASSED.search(" ".join(log.split()))
    assert found, log
    return int(found[1]), int(found[2])


def passed_before(log: str) -> int:
    return passed(log)[0]


def assert_edit_reuses_passes(site, output) -> None:
    """Edit one document and rebuild: the guard takes most pages' earlier
    passes (the edited page, the pages listing it and the release files
    changed)."""
    files = sum(1 for p in output.rglob("*") if p.is_file())
    memo = site / MEMO
    memo.write_text(memo.read_text() + "\nAn editor's correction.\n")
    again = run_pelican(site, output, verbose=True)
    assert again.returncode == 0, again.log
    assert 0 < passed_before(again.log) < files - 3


def test_a_rebuild_after_an_edit_reads_only_the_changed_pages(site, output):
    first = run_pelican(site, output, verbose=True)
    assert first.returncode == 0, first.log
    assert passed_before(first.log) == 0
    assert (site / ".cache" / "guard.memo").is_file()
    assert_edit_reuses_passes(site, output)


def staged(output: Path) -> list[str]:
    """The digest of each file the guard reads: all but the release's own."""
    return [
        digest_of(path.read_bytes())
        for path in output.rglob("*")
        if path.is_file() and path.name not in RELEASE_FILES
    ]


def test_the_helper_searches_each_file_no_earlier_build_passed(site, output):
    """The guard's helper (prescan.py) reads every file the guard will; it
    searches those no earlier build passed, and a build told to use one
    process has none."""
    cold = run_pelican(site, output, "READER_PROCESSES=2", verbose=True)
    assert cold.returncode == 0, cold.log
    files = staged(output)
    assert len(set(files)) == len(files)  # so a digest counts one file
    assert passed(cold.log) == (0, len(files))
    (site / MEMO).write_text((site / MEMO).read_text() + "\nA correction.\n")
    edited = run_pelican(site, output, "READER_PROCESSES=2", verbose=True)
    assert edited.returncode == 0, edited.log
    before, cleared = passed(edited.log)
    assert before > 0
    assert cleared > 0
    assert before + cleared == len(staged(output))
    shutil.rmtree(site / ".cache")
    (site / MEMO).write_text((site / MEMO).read_text() + "\nAnother one.\n")
    single = run_pelican(site, output, "READER_PROCESSES=1", verbose=True)
    assert single.returncode == 0, single.log
    assert passed(single.log) == (0, 0)


def test_a_rebuild_with_no_change_keeps_what_the_guard_passed(site, output):
    """A no-change build writes no page, so its guard checks none; the
    passes must outlive it for the next build after an edit."""
    assert run_pelican(site, output).returncode == 0
    unchanged = run_pelican(site, output, verbose=True)
    assert unchanged.returncode == 0, unchanged.log
    assert "nothing changed since the release" in " ".join(unchanged.log.split())
    assert_edit_reuses_passes(site, output)


def test_a_name_added_to_the_list_is_found_in_pages_that_passed(site, output):
    page = {"extra/page.html": "<p>Signed: Ulla Vantrop</p>"}
    leaks = f"REDACTION_TEST_LEAKS={json.dumps(page)}"
    first = run_pelican(site, output, *with_injector(leaks))
    assert first.returncode == 0, first.log
    assert "Ulla Vantrop" in (output / "extra/page.html").read_text()
    names = site / "names.txt"
    names.write_text(names.read_text() + "Ulla Vantrop\n")
    before = snapshot(output)
    again = run_pelican(site, output, *with_injector(leaks))
    assert again.returncode != 0
    assert "extra/page.html: text the policy withholds (name)" in " ".join(
        again.log.split()
    )
    assert snapshot(output) == before


@pytest.mark.parametrize(
    "changed",
    [
        'REDACTION_PATTERNS=[["source", "\\\\bproject\\\\s+nightjar\\\\b"]]',
        'REDACTION_ALLOW=["security@acme.example"]',
    ],
)
def test_a_changed_policy_has_every_page_searched_again(site, output, changed):
    memo = site / MEMO

    def edited_build(*settings: str) -> int:
        memo.write_text(memo.read_text() + "\nAn editor's correction.\n")
        build = run_pelican(site, output, *settings, verbose=True)
        assert build.returncode == 0, build.log
        return passed_before(build.log)

    assert edited_build() == 0
    assert edited_build() > 0  # the memo is in use
    assert edited_build(changed) == 0
