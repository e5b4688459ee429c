"""The guard: no redacted original, and no policy match, in any output file.

It runs after the site is written and before it counts as built, and does
not trust the rendering: every file is read back and searched for every
redacted original (in plain, HTML-entity, URL-encoded and JSON-escaped
forms, any case, with tags, soft hyphens and zero-width characters taken
out) and for anything the policy withholds that is not on the allow-list.
readings.py says what is read in a file, and in which forms.

Short originals would match innocently everywhere (see config.py), so the
guard looks only for originals of GUARD_MIN_LENGTH characters or more, as
whole words; for a redacted block, for each of its lines of
GUARD_MIN_BLOCK_LINE characters or more.

Searching every form of every file with the exact regexes took most of a
build, so the search is arranged to do each piece of work once (`Guard`),
behind a cheap screen (screen.py), and finds exactly what it did.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property, reduce
from operator import itemgetter, or_
from pathlib import Path

from .marks import Redaction
from .policy import Policy, trie_pattern
from .readings import SPACE, TAG, Readings, forms, normalize, texts_of, undecodable
from .screen import Screen

# Where a file's text is cut into pieces: before each tag that starts a line.
# Any of the places before a `<` would do (see Guard); these keep the pieces
# few, and a line that recurs from page to page whole.
CUT = "\n<"
# Pieces already searched are kept while they hold fewer characters than
# this, and then forgotten, to bound the memory of a large site's build.
MEMO_CHARS = 1 << 24
# Texts with the tags taken out recur only in neighbouring files (a document
# and its version page): the last few are kept.
RECENT = 8
SPACES = re.compile(" {2,}")

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
                text = normalize(piece).strip()
                if len(text) >= min_length and not policy.is_allowed(piece):
                    self.sources.setdefault(text, redaction)

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
    checked for it, the built-in patterns cannot, and the decodings and
    normalize() change nothing across one. So a piece's finds are the same
    wherever it stands, and a text's finds are those of its pieces plus
    those of the whole text with the tags taken out, which is searched
    whole, once per different one.

    All that is new in a file is screened at once, joined by `<` (the
    screen sees nothing across it either); where the screen finds
    something, each form is searched on its own, exactly.

    A site's own patterns (REDACTION_PATTERNS) are not known to keep to
    that, so they are left out of the search of the pieces and run on the
    text's readings whole, put together from the pieces' readings; where one
    matches, the text is searched again, whole and exactly.
    """

    def __init__(self, needles: Needles, policy: Policy) -> None:
        self.needles, self.policy = needles, policy
        names = [" ".join(name.lower().split()) for name in policy.name_list]
        screens = [part for part in policy.screen_parts if part is not None]
        self.screen = Screen(needles.sources, names, screens)
        self.own = [
            pattern
            for (_, pattern), screen in zip(
                policy.patterns, policy.screen_parts, strict=True
            )
            if screen is None
        ]
        self.piece_policy = policy.built_in_only() if self.own else policy
        self.cut = not any("<" in text for text in (*needles.sources, *names))
        self.recent: dict[str, Found] = {}  # tag-stripped texts, the last few
        self._forget()

    def _forget(self) -> None:
        self.memo_chars = 0
        self.found: dict[str, Found] = {}  # each piece searched: its finds
        # and what it adds to its text with the tags taken out: its forms
        # (unescaped, and decoded where that differs), normalized, from
        # just before it, the `<` of CUT included
        self.stripped: dict[str, str] = {}
        self.stripped_decoded: dict[str, str] = {}
        self.heads: dict[str, tuple[str, str]] = {}  # the same, as a first piece
        # for `own` only: the readings, normalized, with CUT's space (padded),
        # and which of them differ from the text (a bit for each)
        self.readings: dict[str, Readings] = {}
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
        new = {}
        for part in todo:
            readings = self._readings(part)
            new[part] = set(readings)
            self.stripped[part] = after_cut(readings.unescaped)
            if readings.decoded != readings.unescaped:
                self.stripped_decoded[part] = after_cut(readings.decoded)
            if part == parts[0]:
                self.heads[part] = (
                    without_tags(readings.unescaped),
                    without_tags(readings.decoded),
                )
            if self.own:
                self.readings[part] = readings
                self.padded[part] = tuple(r + (r[-1:] != " ") * " " for r in readings)
                self.varied[part] = sum(
                    1 << kind for kind, r in enumerate(readings) if r != readings[0]
                )
        wholes = self._wholes(parts)
        fresh = wholes.difference(self.recent)
        screened = [form for forms_ in new.values() for form in forms_]
        clean = not self.screen.may_match("<".join([*screened, *fresh]))
        for part, forms_ in new.items():
            self.found[part] = NOTHING if clean else self._search(forms_)
        for whole in fresh:
            self.recent[whole] = NOTHING if clean else self._search([whole])
        found = frozenset().union(
            *map(self.found.__getitem__, parts), *map(self.recent.__getitem__, wholes)
        )
        if self.own and self._own_patterns_match(parts, wholes):
            found = self._search_whole(text)
        while len(self.recent) > RECENT:
            del self.recent[next(iter(self.recent))]
        self.memo_chars += sum(map(len, new))
        if self.memo_chars > MEMO_CHARS:
            self._forget()
        return found

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

    def _wholes(self, parts: list[str]) -> set[str]:
        """The text with the tags taken out: unescaped, and decoded.

        Made of what each piece adds to it, unless a tag runs on past the
        end of a piece (a `<` is left in what it adds): then as a whole.
        """
        head = self.heads.get(parts[0])
        if head is None:
            readings = self._readings(parts[0])
            head = self.heads[parts[0]] = (
                without_tags(readings.unescaped),
                without_tags(readings.decoded),
            )
        rest = parts[1:]
        unescaped = [head[0], *map(self.stripped.__getitem__, rest)]
        wholes = {joined(unescaped)}
        if head[1] != head[0] or not self.stripped_decoded.keys().isdisjoint(rest):
            wholes.add(
                joined([head[1], *map(self.stripped_decoded.get, rest, unescaped[1:])])
            )
        if any("<" in whole for whole in wholes):
            readings = [self._readings(part) for part in parts]
            wholes = {
                without_tags(" <".join(r.unescaped for r in readings)),
                without_tags(" <".join(r.decoded for r in readings)),
            }
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
        for kind in range(len(Readings._fields)):
            if kind == 0 or varied & (1 << kind):
                texts.add("<".join([*map(itemgetter(kind), padded), last[kind]]))
        return any(pattern.search(text) for pattern in self.own for text in texts)

    def _search_whole(self, text: str) -> Found:
        """The exact search of every reading of a text, with the whole policy."""
        readings = forms(text)
        stripped = {TAG.sub("", readings.unescaped), TAG.sub("", readings.decoded)}
        forms_ = {normalize(reading) for reading in (*readings, *stripped)}
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


def after_cut(piece: str) -> str:
    """without_tags("<" + piece), faster: the tag that CUT cut ends at the
    piece's first `>`, and most pieces hold no other tag, nor a run of
    spaces once it is out."""
    _, closed, rest = piece.partition(">")
    if not closed:
        return without_tags("<" + piece)
    if "<" in rest:
        rest = TAG.sub("", rest)
    return SPACES.sub(" ", rest) if "  " in rest else rest


def without_tags(text: str) -> str:
    """normalize(TAG.sub("", text)) for a normalized text, without the work
    of normalizing it again: only the runs of spaces are left to join.

    normalize() changes no `<` or `>`, so it takes out the same tags before
    as after; and the newline of each CUT is a space once normalized.
    """
    return SPACES.sub(" ", TAG.sub("", text))


def scan_file(data: bytes, needles: Needles, policy: Policy) -> list[tuple[str, str]]:
    """(what, source) for every leak in one file's bytes."""
    return Guard(needles, policy).scan(data)


def scan_output(
    output: Path,
    found: list[Redaction],
    policy: Policy,
    sources: dict[str, str],
    min_length: int,
    min_block_line: int,
) -> list[Hit]:
    """Every leak in the output folder; `sources` maps output paths to entries."""
    guard = Guard(Needles(found, policy, min_length, min_block_line), policy)
    hits = []
    for path in sorted(p for p in output.rglob("*") if p.is_file()):
        relative = path.relative_to(output).as_posix()
        for what, source in guard.scan(path.read_bytes()):
            origin = source or sources.get(
                relative, "a page built from several entries"
            )
            hits.append(Hit(relative, what, origin))
    return hits
