"""The guard's wholes: a text with its tags taken out, put together from
its pieces (see guard.Guard).

Each piece adds to its text's T: the piece with tags taken out and MARK
where one stood between two characters. R, the text with the tags taken
out, is T without the marks; S, with each tag read as a space (so
`John<br>Smith` reads as two words), is T with a space for each. Where
folding changes a piece, its R and S folded are kept too, with the stretch
that changed, for the windows the screen reads (`folded_windows`).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .readings import MARK, MARK_SPACE, TAG, Readings, fold

SPACES = re.compile(" {2,}")


class Added(NamedTuple):
    """What a piece adds to its text's T, from its unescaped and from its
    decoded reading (the same object where they are the same); where
    folding changes any of it, its R and S folded (from each reading in
    turn), each with the stretch that folding changed, else None; whether
    it holds MARK itself (then T cannot tell where tags were)."""

    unescaped: str
    decoded: str
    folded: tuple[tuple[str, int, int], ...] | None
    unknown: bool


def added(readings: Readings, head: bool, stable: bool) -> Added:
    """What a piece (a first one if `head`) adds to its text's T; `stable`
    if folding is known to change nothing in it."""
    texts = {}
    for reading in (readings.unescaped, readings.decoded):
        if reading not in texts:
            if MARK in reading:
                texts[reading] = without_tags(reading) if head else after_cut(reading)
            else:
                texts[reading] = mark_tags(reading, head)
    unescaped, decoded = texts[readings.unescaped], texts[readings.decoded]
    unknown = MARK in readings.unescaped or MARK in readings.decoded
    folded = None
    if not (stable or unescaped.isascii() and decoded.isascii()):
        made = [
            made(marked)
            for marked in (unescaped, decoded)
            for made in (_removed, spaced)
        ]
        folds = list(map(fold, made[:2]))
        folds += folds if decoded is unescaped else map(fold, made[2:])
        if any(f is not m for f, m in zip(folds, made, strict=True)):
            folded = tuple(map(changed, made, folds))
    return Added(unescaped, decoded, folded, unknown)


def changed(before: str, after: str) -> tuple[str, int, int]:
    """`after`, and its stretch outside what it shares with `before` at
    either end (found by halving: slices compare at C speed)."""
    most = min(len(before), len(after))
    low, high = 0, most
    while low < high:
        middle = (low + high + 1) // 2
        if before[:middle] == after[:middle]:
            low = middle
        else:
            high = middle - 1
    start = low
    low, high = 0, most - start
    while low < high:
        middle = (low + high + 1) // 2
        if before[len(before) - middle :] == after[len(after) - middle :]:
            low = middle
        else:
            high = middle - 1
    return after, start, len(after) - low


def mark_tags(text: str, head: bool) -> str:
    """A piece's part of R, with MARK where a tag stood between two
    characters: without_tags("<" + text) with marks, or without_tags(text)
    for the first piece, whose start is no tag cut by CUT. Marks next to a
    space, or at either end (next to CUT's space), are left out."""
    if not head:
        _, closed, rest = text.partition(">")
        if closed and not text.startswith("!--"):
            if "<" not in rest:  # most pieces: only the tag CUT cut
                return SPACES.sub(" ", rest) if "  " in rest else rest
            text = rest
        else:
            text = "<" + text
    marked = TAG.sub(MARK, text)
    if " " + MARK in marked or MARK + " " in marked or "  " in marked:
        marked = MARK_SPACE.sub(" ", marked)
    return marked.strip(MARK)


def spaced(marked: str) -> str:
    """S from T: each mark a space."""
    if MARK not in marked:
        return marked
    return SPACES.sub(" ", marked.replace(MARK, " "))


def folded_windows(rows: list[Added], reach: int) -> list[str]:
    """R and S folded, around each stretch that folding changes, with
    `reach` characters of the text on each side: where the screen must look
    for what only the folded wholes could hold."""
    changed = [index for index, row in enumerate(rows) if row.folded]
    windows: list[str] = []
    if not changed:
        return windows
    variants = [0]
    if any(row.decoded is not row.unescaped for row in rows):
        variants.append(1)
    for variant in variants:
        for kind in (0, 1):
            for index in changed:
                whole, start, end = rows[index].folded[2 * variant + kind]
                pieces = [whole[max(0, start - reach) : end + reach]]
                before, room = index, reach - start
                while before > 0 and room > 0:
                    before -= 1
                    more = _folded(rows[before], variant, kind)
                    pieces.insert(0, more[max(0, len(more) - room) :])
                    room -= len(more) + 1
                after, room = index + 1, reach - (len(whole) - end)
                while after < len(rows) and room > 0:
                    more = _folded(rows[after], variant, kind)
                    pieces.append(more[:room])
                    room -= len(more) + 1
                    after += 1
                windows.append(joined(pieces))
    return windows


def _folded(row: Added, variant: int, kind: int) -> str:
    """The piece's R (kind 0) or S (kind 1), folded, from a reading."""
    if row.folded is not None:
        return row.folded[2 * variant + kind][0]
    return (_removed, spaced)[kind](row[variant])


def _removed(marked: str) -> str:
    return marked.replace(MARK, "")


def joined(pieces: list[str]) -> str:
    """without_tags(" ".join(pieces)) for pieces each without tags already.

    Most pieces of a page are a tag and a little text, or nothing at all
    once the tag is out; joining what is left is cheaper than a regex that
    takes out as many runs of spaces as there are pieces.
    """
    core = " ".join(filter(None, map(str.strip, pieces)))
    first, last = pieces[0], pieces[-1]
    if not core:
        return " " if len(pieces) > 1 or first else ""
    before = " " if first[:1] == " " or not first.strip() else ""
    after = " " if last[-1:] == " " or not last.strip() else ""
    return before + core + after


def after_cut(piece: str, sep: str = "") -> str:
    """without_tags("<" + piece, sep), faster: the tag that CUT cut ends at
    the piece's first `>` (unless it is a comment), and most pieces hold no
    other tag, nor a run of spaces once it is out."""
    _, closed, rest = piece.partition(">")
    if not closed or piece.startswith("!--"):
        return without_tags("<" + piece, sep)
    if "<" in rest:
        rest = TAG.sub(sep, rest)
    rest = sep + rest
    return SPACES.sub(" ", rest) if "  " in rest else rest


def without_tags(text: str, sep: str = "") -> str:
    """normalize(TAG.sub(sep, text)) for a normalized text, without the work
    of normalizing it again: only the runs of spaces are left to join.

    normalize() changes no `<` or `>`, so it takes out the same tags before
    as after; and the newline of each CUT is a space once normalized.
    """
    return SPACES.sub(" ", TAG.sub(sep, text))
