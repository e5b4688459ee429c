"""The guard: no redacted original, and no policy match, in any output file.

It runs after the site is written and before it counts as built, and does
not trust the rendering: every file is read back and searched for every
redacted original (in plain, HTML-entity, URL-encoded and JSON-escaped
forms, any case, with tags and comments taken out or read as a space, and
as the text looks: invisible characters out, fullwidth letters and
decomposed accents as NFKC writes them) and for anything the policy
withholds that is not on the allow-list. readings.py says what is read in
a file, and in which forms.

Short originals would match innocently everywhere (see config.py), so the
guard looks only for originals of GUARD_MIN_LENGTH characters or more, as
whole words; for a redacted block, for each of its lines of
GUARD_MIN_BLOCK_LINE characters or more.

Searching every form of every file with the exact regexes took most of a
build, so the search is arranged to do each piece of work once (`Guard`),
behind a cheap screen (screen.py), and finds exactly what it did.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator, Set
from dataclasses import dataclass
from functools import cached_property, reduce
from operator import itemgetter, or_
from pathlib import Path
from typing import Protocol

from content_model.files import files_under
from markdown_reader.memo import DigestMemo, digest_of

from .marks import Redaction
from .policy import Policy, trie_pattern
from .readings import (
    MARK,
    SPACE,
    TAG,
    Readings,
    fold,
    forms,
    normalize,
    texts_of,
    undecodable,
    unfolded,
)
from .screen import Screen
from .wholes import (
    Added,
    added,
    changed,
    folded_windows,
    joined,
    spaced,
    without_tags,
)

# Where a file's text is cut into pieces: before each tag that starts a line.
# Any of the places before a `<` would do (see Guard); these keep the pieces
# few, and a line that recurs from page to page whole.
CUT = "\n<"
# Pieces already searched are kept while they hold fewer characters than
# this, and then forgotten, to bound the memory of a large site's build.
# The guard's helper holds them while the build holds every entry: 4 M
# characters took it from 198 MB to 148 MB at 10,000 documents, and the
# pieces worth keeping (the theme's, on every page) come back at once.
MEMO_CHARS = 1 << 22
# Texts with the tags taken out recur only in neighbouring files (a document
# and its version page): the last few are kept.
RECENT = 8
Found = frozenset[tuple[str, str]]  # (what, source) of each leak in a text
NOTHING: Found = frozenset()


class LeakError(Exception):
    """The output holds redacted text; nothing may be published."""

    exitcode = 3

    def __init__(self, hits: list[Hit]) -> None:
        self.hits = hits
        lines = "\n".join(f"  {hit}" for hit in hits)
        super().__init__(
            f"redaction guard: {len(hits)} leak(s) in the output; the build is "
            f"not published:\n{lines}"
        )


@dataclass(frozen=True)
class Hit:
    """One leak: which output file, what kind, and which source entry."""

    output: str
    what: str
    source: str

    def __str__(self) -> str:
        return f"{self.output}: {self.what} (from {self.source})"


class Needles:
    """Every original worth looking for, as a few trie regexes (one per kind
    of word boundary), and which redaction each one came from."""

    def __init__(
        self,
        found: Iterable[Redaction],
        policy: Policy,
        min_length: int,
        min_block_line: int,
    ) -> None:
        self.sources: dict[str, Redaction] = {}
        for redaction in found:
            pieces = (
                [
                    line
                    for line in redaction.original.splitlines()
                    if len(normalize(line).strip()) >= min_block_line
                ]
                if redaction.block
                else [redaction.original]
            )
            for piece in pieces:
                if policy.is_allowed(piece):
                    continue
                text = normalize(piece)
                for form in (text.strip(), fold(text).strip()):
                    if len(form) >= min_length:
                        self.sources.setdefault(form, redaction)

    @cached_property
    def patterns(self) -> list[re.Pattern[str]]:
        """Compiled when first needed: on a clean site, the screen never is."""
        groups: dict[tuple[bool, bool], list[str]] = {}
        for text in self.sources:
            edges = (bool(re.match(r"\w", text)), bool(re.search(r"\w$", text)))
            groups.setdefault(edges, []).append(text)
        patterns = []
        for (word_start, word_end), texts in sorted(groups.items()):
            body = trie_pattern(texts)
            before = r"(?<!\w)" if word_start else ""
            after = r"(?!\w)" if word_end else ""
            patterns.append(re.compile(f"{before}(?:{body}){after}"))
        return patterns

    def search(self, form: str) -> Iterator[Redaction]:
        for pattern in self.patterns:
            for match in pattern.finditer(form):
                yield self.sources[SPACE.sub(" ", match.group())]


class Guard:
    """One build's search of the output.

    Pages share most of their text (headers and menus, a document under two
    addresses, its summary in the feeds), so each text is cut into pieces
    (at CUT) and a piece already searched is not searched again. Nothing
    searched for can hold a `<` or see past one: the needles and names are
    checked for it, the built-in patterns cannot, and the decodings,
    normalize() and fold() change nothing across one. So a piece's finds
    are the same wherever it stands, and a text's finds are those of its
    pieces (each form, and each folded) plus those of its wholes: the text
    with the tags taken out (R), with each tag read as a space (S), and
    both folded.

    R is made for every text from what each piece adds to it, with MARK
    where a tag stood between two characters (T; R is T without the marks,
    S is T with a space for each). S and the folded wholes are made and
    searched only where they could hold something R does not: where the
    screen finds anything in the text (a hit that touches no mark is in R),
    where a mark is followed by what follows a space in a phrase
    (Screen.junctions), or where the screen finds something near a piece
    that folding changes (within Screen.reach of it). Elsewhere they are
    known to hold nothing.

    All that is new in a file is screened at once, joined by `<` (the
    screen sees nothing across it either); where the screen finds
    something, each form is searched on its own, exactly.

    A site's own patterns (REDACTION_PATTERNS) are not known to keep to
    that, so they are left out of the search of the pieces and run on the
    text's readings whole, put together from the pieces' readings, and on
    every whole; where one matches, the text is searched again, whole and
    exactly.
    """

    def __init__(
        self, needles: Needles, policy: Policy, screen_memo: DigestMemo | None = None
    ) -> None:
        self.needles, self.policy = needles, policy
        names = [" ".join(name.lower().split()) for name in policy.name_forms]
        screens = [part for part in policy.screen_parts if part is not None]
        self.screen = Screen(needles.sources, names, screens, screen_memo)
        self.own = [
            pattern
            for (_, pattern), screen in zip(
                policy.patterns, policy.screen_parts, strict=True
            )
            if screen is None
        ]
        self.piece_policy = policy.built_in_only() if self.own else policy
        self.cut = not any("<" in text for text in (*needles.sources, *names))
        # wholes searched, the last few: their finds, and whether the
        # screen found anything in them
        self.recent: dict[str, tuple[Found, bool]] = {}
        self._forget()

    def _forget(self) -> None:
        self.memo_chars = 0
        self.found: dict[str, Found] = {}  # each piece searched: its finds
        # and what it adds to its text's T, as a later and as a first piece
        self.added: dict[str, Added] = {}
        self.heads: dict[str, Added] = {}
        # for `own` only: the readings, normalized, then folded, with CUT's
        # space (padded), and which of them differ from the text (a bit each)
        self.readings: dict[str, tuple[str, ...]] = {}
        self.padded: dict[str, tuple[str, ...]] = {}
        self.varied: dict[str, int] = {}

    def scan(self, data: bytes) -> list[tuple[str, str]]:
        """(what, source) for every leak in one file's bytes."""
        found: set[tuple[str, str]] = set()
        for text in texts_of(data):
            found |= self._scan_text(text)
        return sorted(found)

    def _scan_text(self, text: str) -> Found:
        parts = text.split(CUT) if self.cut else [text]
        todo = list(set(parts).difference(self.found))
        new: dict[str, set[str]] = {}
        screened: list[str] = []  # the new pieces' forms, and folds near changes
        for part in todo:
            new[part] = self._take(part, part == parts[0], screened)
        head = self.heads.get(parts[0])
        if head is None:
            head = self.heads[parts[0]] = added(self._readings(parts[0]), True, False)
        rows = [head, *map(self.added.__getitem__, parts[1:])]
        marked = {joined(list(map(itemgetter(0), rows)))}
        if any(row.decoded is not row.unescaped for row in rows):
            marked.add(joined(list(map(itemgetter(1), rows))))
        # a site's own pattern, a tag that runs past a piece, or a MARK in
        # the text itself: every whole is made from the readings, and searched
        exact = (
            self.own
            or any(row.unknown for row in rows)
            or any("<" in text for text in marked)
        )
        windows: list[str] = []
        if exact:
            wholes = self._exact_wholes(parts)
        else:
            wholes = {text.replace(MARK, "") for text in marked}
            if any(map(self.screen.junctions.search, marked)):
                wholes.update(map(spaced, marked))
            windows = folded_windows(rows, self.screen.reach)
        fresh = wholes.difference(self.recent)
        clean = not self.screen.may_match("<".join([*screened, *fresh, *windows]))
        for part, forms_ in new.items():
            self.found[part] = NOTHING if clean else self._search(forms_)
        for whole in fresh:
            self.recent[whole] = (
                (NOTHING, False) if clean else (self._search([whole]), True)
            )
        later: set[str] = set()
        if not exact and not (
            clean and not any(self.recent[whole][1] for whole in wholes)
        ):  # the rest of the wholes, made from R and S
            later = {*wholes, *map(spaced, marked)}
            later.update([fold(whole) for whole in later])
            later.difference_update(wholes)
        found = frozenset().union(
            *map(self.found.__getitem__, parts),
            *(self.recent[whole][0] for whole in wholes),
            self._search(later) if later else NOTHING,
        )
        if self.own and self._own_patterns_match(parts, wholes):
            found = self._search_whole(text)
        while len(self.recent) > RECENT:
            del self.recent[next(iter(self.recent))]
        self.memo_chars += sum(map(len, new))
        if self.memo_chars > MEMO_CHARS:
            self._forget()
        return found

    def _take(self, part: str, first: bool, screened: list[str]) -> set[str]:
        """A new piece: its forms (each folded too) for the search, what it
        adds to its text's T, and what the screen must read of it."""
        readings = self._readings(part)
        distinct = set(readings)
        stable = all(map(unfolded, distinct))
        folds = {r: r if stable else fold(r) for r in distinct}
        screened += distinct
        reach = self.screen.reach
        for reading, folded in folds.items():
            if folded is not reading:  # the rest of it is in the reading
                folded, start, end = changed(reading, folded)
                screened.append(folded[max(0, start - reach) : end + reach])
        self.added[part] = added(readings, False, stable)
        if first:
            self.heads[part] = added(readings, True, stable)
        if self.own:
            every = (*readings, *map(folds.__getitem__, readings))
            self.readings[part] = every
            self.padded[part] = tuple(r + (r[-1:] != " ") * " " for r in every)
            self.varied[part] = sum(
                1 << kind for kind, r in enumerate(every) if r != every[0]
            )
        return {*distinct, *folds.values()}

    def _readings(self, part: str) -> Readings:
        """The part's readings, each normalized once."""
        if undecodable(part):  # most parts: every reading is the part
            return Readings(*[normalize(part)] * len(Readings._fields))
        readings = forms(part)
        normalized: dict[str, str] = {}
        for reading in readings:
            if reading not in normalized:
                normalized[reading] = normalize(reading)
        return Readings(*map(normalized.__getitem__, readings))

    def _exact_wholes(self, parts: list[str]) -> set[str]:
        """Every whole of the text (R and S, unescaped and decoded, as is
        and folded), made from its readings whole."""
        readings = [self._readings(part) for part in parts]
        texts = {
            " <".join(r.unescaped for r in readings),
            " <".join(r.decoded for r in readings),
        }
        wholes = {without_tags(text, sep) for text in texts for sep in ("", " ")}
        wholes.update([fold(whole) for whole in wholes])
        return wholes

    def _own_patterns_match(self, parts: list[str], wholes: set[str]) -> bool:
        """Whether a site's own pattern matches in any reading of the text.

        Each reading of the text, normalized, is put together from those of
        its pieces: CUT's newline is one space with any before it.
        """
        padded = list(map(self.padded.__getitem__, parts[:-1]))
        last = self.readings[parts[-1]]
        varied = reduce(or_, map(self.varied.__getitem__, parts), 0)
        texts = set(wholes)
        for kind in range(len(last)):
            if kind == 0 or varied & (1 << kind):
                texts.add("<".join([*map(itemgetter(kind), padded), last[kind]]))
        return any(pattern.search(text) for pattern in self.own for text in texts)

    def _search_whole(self, text: str) -> Found:
        """The exact search of every reading of a text, with the whole policy."""
        readings = forms(text)
        stripped = {
            TAG.sub(sep, reading)
            for reading in (readings.unescaped, readings.decoded)
            for sep in ("", " ")
        }
        forms_ = {normalize(reading) for reading in (*readings, *stripped)}
        forms_.update([fold(form) for form in forms_])
        return self._search(forms_, self.policy)

    def _search(self, forms_: Iterable[str], policy: Policy | None = None) -> Found:
        """The exact search of each normalized form the screen cannot clear;
        with `policy`, the whole of it, every form meets the policy."""
        found = set()
        for form in forms_:
            words, patterns = self.screen.which(form)
            if words:
                for r in self.needles.search(form):
                    found.add(
                        (
                            f"redacted text ({r.kind}, reason {r.reason or 'none'}, "
                            f"{r.placement})",
                            f"{r.path}:{r.line}",
                        )
                    )
            if words or patterns or policy is not None:
                for match in (policy or self.piece_policy).withheld(form):
                    found.add((f"text the policy withholds ({match.reason})", ""))
        return frozenset(found)


def scan_file(data: bytes, needles: Needles, policy: Policy) -> list[tuple[str, str]]:
    """(what, source) for every leak in one file's bytes."""
    return Guard(needles, policy).scan(data)


def memo_key(
    found: Iterable[Redaction], policy: Policy, min_length: int, min_block_line: int
) -> str:
    """Everything a file's verdict depends on but its bytes and the code:
    what the needles are made of (each original, whole or as a block's
    lines, and the lengths that pick them) and the policy. Where an
    original came from (file, line, reason) only names a hit, and a memo
    keeps no hits. Made without the needles, which the guard's helper
    makes instead of this process."""
    originals = sorted({(r.original, r.block) for r in found})
    text = repr((originals, min_length, min_block_line, policy.identity()))
    return hashlib.sha256(text.encode()).hexdigest()


class Searcher(Protocol):
    """What `scan_output` needs of a guard: a `Guard`, or a `LazyGuard`."""

    def scan(self, data: bytes) -> list[tuple[str, str]]: ...


class LazyGuard:
    """A guard made when a file first needs searching: where every file was
    cleared already, its screen is never compiled in this process."""

    def __init__(self, make: Callable[[], Guard]) -> None:
        self.make = make

    @cached_property
    def guard(self) -> Guard:
        return self.make()

    def scan(self, data: bytes) -> list[tuple[str, str]]:
        return self.guard.scan(data)


def scan_output(
    output: Path,
    guard: Searcher,
    sources: dict[str, str],
    memo: DigestMemo | None = None,
    cleared: Set[str] = frozenset(),
) -> list[Hit]:
    """Every leak in the output folder; `sources` maps output paths to entries.

    A file whose bytes passed under the same `memo` key in an earlier build,
    or whose digest is `cleared` (this guard searched those bytes while the
    site was written, prescan.py), passes again unread; every other file is
    searched, and the ones that pass are remembered for the next build."""
    memo = memo if memo is not None else DigestMemo(None, "")
    hits = []
    for relative, path in files_under(output):
        with open(path, "rb") as handle:
            data = handle.read()
        digest = digest_of(data)
        if memo.get(digest):
            continue
        if digest in cleared:
            memo.put(digest, True)
            continue
        leaks = guard.scan(data)
        if not leaks:
            memo.put(digest, True)
        for what, source in leaks:
            origin = source or sources.get(
                relative, "a page built from several entries"
            )
            hits.append(Hit(relative, what, origin))
    memo.save()
    return hits
