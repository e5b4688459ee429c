"""The guard's memo in real builds: a rebuild reads only pages whose bytes
changed, and nothing it remembers outlives a change to what it searches for.
"""

from __future__ import annotations

import json
import re

import pytest

from tests.redaction.test_guard_build import MEMO, with_injector
from tests.sitebuild import run_pelican, snapshot

PASSED_BEFORE = re.compile(r"no leak \((\d+) files passed before, unchanged\)")


def passed_before(log: str) -> int:
    found = PASSED_BEFORE.search(" ".join(log.split()))
    assert found, log
    return int(found[1])


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
