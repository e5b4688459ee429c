"""Diffs between two versions: readable, escaped, and faithful to both texts."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from versions.diff import Piece, Row, compare, render

WORDS = st.text(alphabet="ab <&>\"'", min_size=1, max_size=12)
PARAGRAPHS = st.lists(WORDS.filter(str.strip), max_size=6)


def side(rows, keep: str) -> list[str]:
    return [
        "".join(p.text for p in row.pieces if p.change in ("same", keep))
        for row in rows
        if any(p.change in ("same", keep) for p in row.pieces)
    ]


def test_a_changed_word_is_shown_as_one_word_struck_and_one_inserted():
    comparison = compare(["Title", "The old claim."], ["Title", "The new claim."])
    assert comparison.rows[-1] == Row(
        "changed",
        (
            Piece("same", "The "),
            Piece("removed", "old"),
            Piece("added", "new"),
            Piece("same", " claim."),
        ),
    )
    assert (comparison.added_words, comparison.removed_words) == (1, 1)


def test_unrelated_paragraphs_are_removed_and_added_whole():
    rows = compare(["completely different"], ["nothing alike here"]).rows
    assert [row.change for row in rows] == ["removed", "added"]


def test_unchanged_paragraphs_far_from_a_change_are_folded():
    old = ["t", "a", "b", "c", "d", "old"]
    new = ["t", "a", "b", "c", "d", "new"]
    rows = compare(old, new, context=1).rows
    assert [(row.change, row.folded) for row in rows] == [
        ("folded", 4),
        ("same", 0),
        ("removed", 0),
        ("added", 0),
    ]


def test_rendered_diff_escapes_every_text():
    html = render(compare(["<b>x</b> &"], ["<script>y</script> &"]))
    assert "<script>" not in html and "<b>" not in html
    assert str(html) == (
        '<ol class="diff">\n'
        '<li class="diff-changed"><span class="visually-hidden">Changed paragraph: '
        "</span>&lt;<del>b</del><ins>script</ins>&gt;<del>x</del><ins>y</ins>&lt;/"
        "<del>b</del><ins>script</ins>&gt; &amp;</li>\n</ol>"
    )


def test_identical_texts_say_so():
    assert str(render(compare(["a", "b"], ["a", "b"]))) == (
        '<p class="diff-none">The text did not change.</p>'
    )


@given(PARAGRAPHS, PARAGRAPHS)
def test_each_side_of_the_diff_is_exactly_that_version(old, new):
    comparison = compare(old, new, context=len(old) + len(new))
    assert comparison.unchanged == (old == new)
    if comparison.unchanged:
        return
    rows = comparison.rows
    assert side(rows, "removed") == old
    assert side(rows, "added") == new
