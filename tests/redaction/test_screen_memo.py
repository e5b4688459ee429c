"""The screen's plan kept for the next build: taken only for the very same
inputs, and a screen compiled from it is the one made afresh.

(In a real build, tests/redaction/test_guard_memo_build.py adds a name to
the list after a build and the guard must find it: an old plan taken for
the new list would clear the page.)
"""

from __future__ import annotations

import pytest
from markdown_reader.memo import DigestMemo
from redaction import screen as screen_module
from redaction.screen import Plan, Screen

EXACT = ["zed quorum & co", "ivan petrov", "kestrel", "x@internal.example"]
ANY_CASE = ["marta quill", "osric"]
SCREENS = [("@", r"[a-z]+\.example")]


def patterns(screen: Screen) -> tuple:
    return (
        [p.pattern for p in screen.patterns],
        screen.junctions.pattern,
        screen.reach,
    )


def kept_from(memo: DigestMemo) -> DigestMemo:
    """What the next build loads: the memo as this one saved it."""
    return DigestMemo(None, memo.key, dict(memo.kept))


def no_planning(*args, **kwargs):
    raise AssertionError("the plan was made again")


def test_a_screen_from_a_kept_plan_is_the_one_made_afresh(monkeypatch):
    memo = DigestMemo(None, "key")
    fresh = Screen(EXACT, ANY_CASE, SCREENS, memo)
    monkeypatch.setattr(screen_module, "plan", no_planning)
    again = kept_from(memo)
    kept = Screen(EXACT, ANY_CASE, SCREENS, again)
    assert again.reused == 1
    assert patterns(kept) == patterns(fresh)
    assert kept.may_match("signed, ivan petrov") and kept.may_match("OSRIC")
    assert not kept.may_match("nothing to see here")


def test_the_same_texts_in_another_order_take_the_kept_plan():
    """The needles come from sets: their order changes with every run."""
    memo = DigestMemo(None, "key")
    Screen(EXACT, ANY_CASE, SCREENS, memo)
    again = kept_from(memo)
    Screen(EXACT[::-1], [*ANY_CASE[::-1], ANY_CASE[0]], SCREENS, again)
    assert again.reused == 1


@pytest.mark.parametrize(
    "exact, any_case, screens",
    [
        ([*EXACT, "ulla vantrop"], ANY_CASE, SCREENS),  # a name added
        (EXACT, [*ANY_CASE, "ulla vantrop"], SCREENS),
        (EXACT, ANY_CASE, []),  # a pattern dropped
        (EXACT[1:], ANY_CASE, SCREENS),
    ],
)
def test_other_inputs_never_take_a_kept_plan(exact, any_case, screens):
    memo = DigestMemo(None, "key")
    Screen(EXACT, ANY_CASE, SCREENS, memo)
    again = kept_from(memo)
    screen = Screen(exact, any_case, screens, again)
    assert again.reused == 0
    assert patterns(screen) == patterns(Screen(exact, any_case, screens))


@pytest.mark.parametrize(
    "stored",
    [
        ("junk",),
        ({"@": "not a list"}, [], {}, 32, "x"),
        ({}, [], {}, "32", "x"),
        ({}, [1], {}, 32, "x"),
        ({}, [], {}, True, "x"),
    ],
)
def test_a_damaged_plan_is_made_again(stored):
    memo = DigestMemo(None, "key")
    Screen(EXACT, ANY_CASE, SCREENS, memo)
    damaged = DigestMemo(None, "key", dict.fromkeys(memo.kept, stored))
    assert Plan.from_memo(stored) is None
    screen = Screen(EXACT, ANY_CASE, SCREENS, damaged)
    assert patterns(screen) == patterns(Screen(EXACT, ANY_CASE, SCREENS))
    # and the next build gets the good plan
    assert Plan.from_memo(next(iter(damaged.kept.values()))) == screen.plan
