"""Work done in a forked process gives the result, or the error, that doing
it here would."""

from __future__ import annotations

import os

import pytest
from content_model.aside import Aside


def test_the_work_runs_in_another_process():
    assert Aside(os.getpid).result() != os.getpid()


def test_without_parallel_it_runs_here_at_once():
    calls = []
    aside = Aside(lambda: calls.append(os.getpid()) or "done", parallel=False)
    assert calls == [os.getpid()]
    assert aside.result() == "done"


def test_a_result_is_taken_once_and_kept():
    aside = Aside(lambda: ["a", "b"])
    assert aside.result() == ["a", "b"]
    assert aside.result() == ["a", "b"]


def test_an_error_aside_is_raised_here_by_doing_the_work_here(tmp_path):
    missing = tmp_path / "missing"
    aside = Aside(missing.read_bytes)
    with pytest.raises(FileNotFoundError):
        aside.result()


def test_a_process_that_dies_is_replaced_by_doing_the_work_here():
    parent = os.getpid()

    def work() -> str:
        if os.getpid() != parent:
            os._exit(9)
        return "done here"

    assert Aside(work).result() == "done here"


def test_a_result_that_cannot_be_sent_is_made_here():
    parent = os.getpid()
    # a lambda cannot be pickled: the child fails to send it
    assert Aside(lambda: lambda: parent).result()() == parent
