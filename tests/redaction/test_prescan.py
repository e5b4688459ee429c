"""The guard's helper process: it clears only bytes it searched and found
clean, under the guard memo's key, and its failure clears nothing."""

from __future__ import annotations

import gc
import logging
import os
from pathlib import Path

import pytest
from markdown_reader.memo import DigestMemo, digest_of
from pelican.log import LimitFilter
from redaction.guard import Guard, LazyGuard, Needles, memo_key, scan_output
from redaction.marks import Redaction
from redaction.prescan import Prescan

from tests.redaction.test_guard import ORIGINAL, POLICY, CountingGuard

NEEDLES = Needles([ORIGINAL], POLICY, 4, 12)
KEY = memo_key([ORIGINAL], POLICY, 4, 12)
CLEAN = b"<p>nothing to see</p>"
LEAK = b"<p>Zed Quorum &amp; Co</p>"


def start(known: dict[str, bool] | None = None):
    def made(found: list[Redaction]) -> tuple[Guard, DigestMemo]:
        key = memo_key(found, POLICY, 4, 12)
        guard = Guard(Needles(found, POLICY, 4, 12), POLICY)
        return guard, DigestMemo(None, key, dict(known or {}))

    return made


@pytest.fixture(autouse=True)
def every_warning() -> None:
    """Pelican's logger drops a message it has already shown once."""
    LimitFilter._raised_messages.clear()


@pytest.fixture
def helper():
    made: list[Prescan] = []

    def make(started=None, found=(ORIGINAL,)) -> Prescan:
        made.append(Prescan(started or start()))
        made[-1].begin(list(found))
        return made[-1]

    yield make
    for prescan in made:
        prescan.close()


def write(path: Path, data: bytes) -> str:
    path.write_bytes(data)
    return str(path)


def test_it_clears_what_it_found_clean_and_never_a_leak(tmp_path, helper):
    prescan = helper()
    prescan.written(write(tmp_path / "clean.html", CLEAN))
    prescan.written(write(tmp_path / "leak.html", LEAK))
    prescan.written(str(tmp_path / "gone.html"))  # never written: skipped
    assert prescan.cleared(KEY) == {digest_of(CLEAN)}


def test_it_searches_for_the_redactions_it_is_given(tmp_path, helper):
    """Given none, the leak passes its search; its key then differs from
    the guard's, so the answer is not used."""
    prescan = helper(found=())
    prescan.written(write(tmp_path / "leak.html", LEAK))
    assert prescan.cleared(KEY) == set()
    again = helper(found=())
    again.written(write(tmp_path / "leak.html", LEAK))
    empty = memo_key([], POLICY, 4, 12)
    assert again.cleared(empty) == {digest_of(LEAK)}


def test_a_build_that_stops_before_writing_stops_its_helper():
    prescan = Prescan(start())
    process = prescan.process
    del prescan
    gc.collect()
    process.join(10)
    assert process.exitcode == 0


def test_files_it_was_not_sent_are_read_when_asked(tmp_path, helper):
    prescan = helper()
    other = write(tmp_path / "style.css", b"body { color: black }")
    assert prescan.cleared(KEY) == set()
    assert prescan.cleared(KEY, [other]) == {digest_of(b"body { color: black }")}


def test_it_skips_what_an_earlier_build_passed(tmp_path, helper):
    prescan = helper(start({digest_of(CLEAN): True}))
    prescan.written(write(tmp_path / "clean.html", CLEAN))
    assert prescan.cleared(KEY) == set()


def test_a_page_rewritten_after_it_was_read_is_searched_again(tmp_path, helper):
    prescan = helper()
    page = write(tmp_path / "page.html", CLEAN)
    prescan.written(page)
    cleared = prescan.cleared(KEY)
    Path(page).write_bytes(LEAK)
    guard = CountingGuard(NEEDLES, POLICY)
    hits = scan_output(tmp_path, guard, {}, None, cleared)
    assert [h.output for h in hits] == ["page.html"]
    assert guard.scanned == 1


def test_cleared_files_are_not_searched_and_need_no_guard(tmp_path, helper):
    prescan = helper()
    prescan.written(write(tmp_path / "a.html", CLEAN))
    cleared = prescan.cleared(KEY)
    made: list[Guard] = []
    lazy = LazyGuard(lambda: made.append(Guard(NEEDLES, POLICY)) or made[-1])
    memo = DigestMemo(None, KEY)
    assert scan_output(tmp_path, lazy, {}, memo, cleared) == []
    assert made == []
    assert memo.kept == {digest_of(CLEAN): True}  # the next build skips it too


def test_an_answer_under_another_key_is_not_used(tmp_path, helper, caplog):
    prescan = helper()
    prescan.written(write(tmp_path / "clean.html", CLEAN))
    with caplog.at_level(logging.WARNING):
        assert prescan.cleared("another key") == set()
    assert "searched for other texts" in caplog.text
    assert prescan.cleared(KEY) == set()  # and it is not asked again


def failing(found):
    raise RuntimeError("no screen")


def dying(found):
    os._exit(3)


@pytest.mark.parametrize("started", [failing, dying])
def test_a_helper_that_fails_or_dies_clears_nothing(tmp_path, helper, caplog, started):
    prescan = helper(started)
    prescan.written(write(tmp_path / "clean.html", CLEAN))
    with caplog.at_level(logging.WARNING):
        assert prescan.cleared(KEY) == set()
    assert "the guard's helper is not used" in caplog.text
    assert prescan.cleared(KEY) == set()
