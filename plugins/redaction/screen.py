"""The guard's screen: a fast "nothing here" for almost everything it reads.

The guard's exact search (the needles' regexes and the policy) costs tens of
nanoseconds per character: a regex that starts with a lookbehind, or with
any of many letters, lets `re` skip nothing. The screen answers a weaker
question, "could anything be here?", with a few regexes that each start
with one literal character (the anchor), which `re` scans for about as fast
as `str.find`. Only a text the screen cannot clear is searched exactly, so
the guard finds exactly what the exact search alone would.

Each phrase (a needle, or a name of the policy) is anchored on its rarest
character among ANCHORS that has text after it: a phrase occurs only where
its anchor followed by the rest of the phrase (or its first TAIL characters)
occurs. Phrases with no such character (single words) go into one regex
that `re` cannot skip through, built only when there are any. The policy's
patterns bring their own screens (policy.SCREENS), merged by anchor. The
screen runs on normalized text (readings.normalize): one space for any run
of whitespace, so a space in a phrase is matched as itself.

Two more answers serve the guard's wholes (see guard.Guard): `reach`, the
most characters one match of the screen spans, and `junctions`, a regex
found wherever a phrase could hold a readings.MARK where it has a space: a
mark followed by the first JUNCTION_TAIL characters after a space of a
phrase, with a mark or a space for each space in them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from markdown_reader.memo import DigestMemo, digest_of

from .readings import MARK

# Anchor characters, rarest first in the text of a typical built site. A space
# is frequent, but every phrase of two words or more holds one.
ANCHORS = "@#$^*|~`\\{}[]!?;_+%=:,'()/\".- "
# Enough of the text after an anchor to rule out all but real matches; more
# would only make the screen's regexes longer to compile.
TAIL = 48
# What follows a mark, in `junctions`: enough to be rare after a tag.
JUNCTION_TAIL = 8
# The most characters a match of a policy pattern's screen spans, with the
# character its lookbehind reads (policy.SCREENS; a test holds them to it).
PATTERN_REACH = 32


def anchor(phrase: str) -> tuple[str, str] | None:
    """(anchor, the text after it) for the phrase, or None if it has none."""
    best: tuple[int, int] | None = None
    for index, char in enumerate(phrase):
        rank = ANCHORS.find(char)
        if rank < 0 or (best is not None and rank >= best[0]):
            continue
        if phrase[index + 1 :].strip():  # the tail is what makes it selective
            best = (rank, index)
    if best is None:
        return None
    index = best[1]
    return phrase[index], phrase[index + 1 : index + 1 + TAIL]


@dataclass(frozen=True)
class Plan:
    """A screen's regexes as text, before `re` compiles them: what the
    phrases cost to arrange, which a memo keeps for the next build (the
    same inputs give the same plan)."""

    phrases: dict[str, list[str]]  # anchor -> regexes after it
    unanchored: list[str]
    screens: dict[str, list[str]]
    reach: int
    junctions: str

    def to_memo(self) -> tuple[Any, ...]:
        """Plain data, so a memo never depends on this class."""
        return (self.phrases, self.unanchored, self.screens, self.reach, self.junctions)

    @classmethod
    def from_memo(cls, stored: Any) -> Plan | None:
        """The plan a memo stored, or None for anything else."""

        def texts(value: Any) -> bool:
            return isinstance(value, list) and all(isinstance(t, str) for t in value)

        def groups(value: Any) -> bool:
            return isinstance(value, dict) and all(
                isinstance(char, str) and texts(bodies)
                for char, bodies in value.items()
            )

        if not (isinstance(stored, tuple) and len(stored) == 5):
            return None
        phrases, unanchored, screens, reach, junctions = stored
        if (
            groups(phrases)
            and texts(unanchored)
            and groups(screens)
            and type(reach) is int
            and isinstance(junctions, str)
        ):
            return cls(phrases, unanchored, screens, reach, junctions)
        return None


def plan(
    exact: Iterable[str],
    any_case: Iterable[str] = (),
    screens: Iterable[tuple[str, str]] = (),
) -> Plan:
    """The screen's regexes for the phrases and the policy's screens."""
    phrases: dict[str, list[str]] = {}
    unanchored: list[str] = []
    reach = PATTERN_REACH
    junctions = []
    for any_case_too, group in ((False, exact), (True, any_case)):
        tails: dict[str, list[str]] = {}
        words = []
        after_spaces = set()
        for phrase in group:
            found = anchor(phrase)
            if found is None:
                words.append(phrase)
                reach = max(reach, len(phrase) + 1)
            else:
                tails.setdefault(found[0], []).append(found[1])
                reach = max(reach, len(found[1]) + 2)
            after_spaces.update(
                phrase[index + 1 : index + 1 + JUNCTION_TAIL].replace(" ", MARK)
                for index, char in enumerate(phrase)
                if char == " " and phrase[index + 1 :]
            )
        if after_spaces:
            junctions.append(literal_trie(after_spaces, any_case_too))
        for char, tails_ in tails.items():
            body = literal_trie(tails_, any_case_too)
            phrases.setdefault(char, []).append(body)
        if words:
            unanchored.append(literal_trie(words, any_case_too))
    own: dict[str, list[str]] = {}
    for char, rest in screens:
        own.setdefault(char, []).append(f"(?i:{rest})")
    # a space after a mark may be a mark too
    body = "|".join(junctions).replace(MARK, f"[ {MARK}]") or "(?!)"
    return Plan(phrases, unanchored, own, reach, f"{MARK}(?:{body})")


class Screen:
    """Regexes of which one is found in any text where something could match.

    `exact` phrases are matched as they are (the needles, normalized);
    `any_case` ones as `re.IGNORECASE` matches them (the policy's names);
    `screens` are (anchor, regex) pairs, matched in any case too. With a
    `memo`, the plan is taken from an earlier build with the same inputs
    (the memo's key names the code), and only compiled.
    """

    def __init__(
        self,
        exact: Iterable[str],
        any_case: Iterable[str] = (),
        screens: Iterable[tuple[str, str]] = (),
        memo: DigestMemo | None = None,
    ) -> None:
        # sorted: the needles come from sets, whose order changes from one
        # run of Python to the next; a screen does not depend on it
        inputs = (sorted(set(exact)), sorted(set(any_case)), sorted(set(screens)))
        digest = digest_of(repr(inputs).encode())
        kept = Plan.from_memo(memo.get(digest)) if memo is not None else None
        self.plan = kept if kept is not None else plan(*inputs)
        if memo is not None:
            memo.put(digest, self.plan.to_memo())
        # the two merged by anchor: fewer passes over a text
        merged = {char: list(bodies) for char, bodies in self.phrases.items()}
        for char, bodies in self.screens.items():
            merged.setdefault(char, []).extend(bodies)
        self.patterns = _compile(merged, self.unanchored)
        self.junctions = re.compile(self.plan.junctions)

    @property
    def phrases(self) -> dict[str, list[str]]:
        return self.plan.phrases

    @property
    def unanchored(self) -> list[str]:
        return self.plan.unanchored

    @property
    def screens(self) -> dict[str, list[str]]:
        return self.plan.screens

    @property
    def reach(self) -> int:
        return self.plan.reach

    def may_match(self, text: str) -> bool:
        """False only where no phrase and no pattern can match."""
        return any(pattern.search(text) for pattern in self.patterns)

    def which(self, text: str) -> tuple[bool, bool]:
        """(a phrase may match, a pattern may match), each False only if not."""
        return (
            any(pattern.search(text) for pattern in self._phrase_patterns),
            any(pattern.search(text) for pattern in self._screen_patterns),
        )

    @cached_property
    def _phrase_patterns(self) -> list[re.Pattern[str]]:
        return _compile(self.phrases, self.unanchored)

    @cached_property
    def _screen_patterns(self) -> list[re.Pattern[str]]:
        return _compile(self.screens, [])


def _compile(
    groups: dict[str, list[str]], unanchored: list[str]
) -> list[re.Pattern[str]]:
    patterns = [
        re.compile(f"{re.escape(char)}(?:{'|'.join(bodies)})")
        for char, bodies in sorted(groups.items())
    ]
    if unanchored:
        patterns.append(re.compile("|".join(unanchored)))
    return patterns


def literal_trie(phrases: Iterable[str], any_case: bool = False) -> str:
    """A regex for any of the phrases, character for character, as a trie.

    Unlike policy.trie_pattern it keeps spaces where they are (a tail may
    start with one). With `any_case`, it matches as `re.IGNORECASE` does,
    but each branch opens with a plain character class, which `re` tests
    before it enters the branch: an ASCII letter is equal, in any case, to
    itself in upper or lower case and to no other ASCII character.
    """
    trie: dict[str, dict] = {}
    for phrase in phrases:
        node = trie
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}
    if not any_case:
        return _branches(trie)
    branches = []
    for char in sorted(c for c in trie if c):
        rest = _branches(trie[char])
        if char.isascii() and char.isalpha():
            first = f"[{char.lower()}{char.upper()}\\x80-\\U0010ffff]"
        else:
            first = f"(?i:{re.escape(char)})"
        branches.append(f"{first}(?i:{rest})" if rest else first)
    body = "|".join(branches)
    return f"(?:(?:{body})?)" if "" in trie else f"(?:{body})"


def _branches(node: dict[str, dict]) -> str:
    branches = [re.escape(c) + _branches(node[c]) for c in sorted(node) if c]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    # a phrase that ends here is the shorter choice
    return f"(?:{body})?" if "" in node else body
