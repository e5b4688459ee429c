"""A readable comparison of two versions' text, paragraph by paragraph.

difflib finds the paragraphs that changed; inside a changed paragraph it
compares words, so a one-word correction shows as one word struck and one
inserted instead of two whole paragraphs. Long runs of unchanged paragraphs
fold into a count. The HTML is built with markupsafe only: every piece of
text is escaped, and the only markup is ours.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from markupsafe import Markup, escape

WORD = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)
# Below this share of common words, two paragraphs are shown as unrelated.
MIN_SIMILARITY = 0.4


@dataclass(frozen=True)
class Piece:
    """A run of text within a paragraph: `same`, `added` or `removed`."""

    change: str
    text: str


@dataclass(frozen=True)
class Row:
    """One paragraph of the comparison.

    `change` is `same`, `added`, `removed` or `changed` (pieces of both), or
    `folded`, standing for `folded` unchanged paragraphs not shown.
    """

    change: str
    pieces: tuple[Piece, ...] = ()
    folded: int = 0


@dataclass(frozen=True)
class Comparison:
    rows: tuple[Row, ...]
    added_words: int
    removed_words: int

    @property
    def unchanged(self) -> bool:
        return all(row.change in ("same", "folded") for row in self.rows)


def compare(old: list[str], new: list[str], context: int = 1) -> Comparison:
    """Compare two lists of paragraphs; keep `context` unchanged ones around changes."""
    rows: list[Row] = []
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            rows += [Row("same", (Piece("same", text),)) for text in old[i1:i2]]
            continue
        removed, added = old[i1:i2], new[j1:j2]
        paired = min(len(removed), len(added))
        for a, b in zip(removed, added, strict=False):
            rows += changed_rows(a, b)
        rows += [Row("removed", (Piece("removed", text),)) for text in removed[paired:]]
        rows += [Row("added", (Piece("added", text),)) for text in added[paired:]]
    return Comparison(
        rows=fold(rows, context),
        added_words=count_words(rows, "added"),
        removed_words=count_words(rows, "removed"),
    )


def changed_rows(old: str, new: str) -> list[Row]:
    """A paragraph that changed, compared word by word.

    When little of it stayed, a word-by-word view is noise: show the old
    paragraph removed and the new one added instead.
    """
    a, b = WORD.findall(old), WORD.findall(new)
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.ratio() < MIN_SIMILARITY:
        return [
            Row("removed", (Piece("removed", old),)),
            Row("added", (Piece("added", new),)),
        ]
    pieces: list[Piece] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pieces.append(Piece("same", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(Piece("removed", "".join(a[i1:i2])))
        if j2 > j1:
            pieces.append(Piece("added", "".join(b[j1:j2])))
    return [Row("changed", tuple(pieces))]


def fold(rows: list[Row], context: int) -> tuple[Row, ...]:
    """Replace unchanged paragraphs far from any change by one `folded` row."""
    near = [False] * len(rows)
    for index, row in enumerate(rows):
        if row.change != "same":
            for other in range(
                max(index - context, 0), min(index + context + 1, len(rows))
            ):
                near[other] = True
    folded: list[Row] = []
    hidden = 0
    for row, keep in zip(rows, near, strict=True):
        if keep:
            if hidden:
                folded.append(Row("folded", folded=hidden))
                hidden = 0
            folded.append(row)
        else:
            hidden += 1
    if hidden:
        folded.append(Row("folded", folded=hidden))
    return tuple(folded)


def count_words(rows: list[Row], change: str) -> int:
    return sum(
        len(piece.text.split())
        for row in rows
        for piece in row.pieces
        if piece.change == change
    )


# What each kind of piece becomes: <ins> and <del> carry the meaning for
# screen readers and for readers without CSS.
PIECE_TAG = {"added": "ins", "removed": "del"}
ROW_LABEL = {
    "added": "Added paragraph",
    "removed": "Removed paragraph",
    "changed": "Changed paragraph",
}


def render_piece(piece: Piece) -> Markup:
    tag = PIECE_TAG.get(piece.change)
    if tag is None:
        return escape(piece.text)
    return Markup("<{0}>{1}</{0}>").format(Markup(tag), piece.text)


def render_row(row: Row) -> Markup:
    """One `<li>` of the comparison list."""
    if row.change == "folded":
        noun = "paragraph" if row.folded == 1 else "paragraphs"
        return Markup('<li class="diff-folded">… {} unchanged {} …</li>').format(
            row.folded, noun
        )
    body = Markup("").join(render_piece(piece) for piece in row.pieces)
    label = ROW_LABEL.get(row.change)
    if label is None:
        return Markup('<li class="diff-same">{}</li>').format(body)
    return Markup(
        '<li class="diff-{0}"><span class="visually-hidden">{1}: </span>{2}</li>'
    ).format(Markup(row.change), label, body)


def render(comparison: Comparison) -> Markup:
    """The whole comparison as an ordered list of paragraphs."""
    if comparison.unchanged:
        return Markup('<p class="diff-none">The text did not change.</p>')
    items = Markup("\n").join(render_row(row) for row in comparison.rows)
    return Markup('<ol class="diff">\n{}\n</ol>').format(items)
