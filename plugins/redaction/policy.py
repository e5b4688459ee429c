"""The redaction policy: what is withheld wherever it occurs, without markup.

E-mail addresses, IPv4 and IPv6 addresses are always looked for; sites add
their own patterns and a file of names (whole words, any case, any run of
whitespace between the words, so a name wrapped across two source lines is
still found). An allow-list keeps public text visible: a vendor's security
address, the documentation address ranges. Everything is compiled once per
build; names become one trie-shaped regex, so a long list costs about as much
as a short one.

Text is also read as it looks (readings.visible): a name in fullwidth
letters, with decomposed accents, a zero-width space or a bidi mark inside,
or a no-break space between its words, is the name. What matches only in
that reading is mapped back to the stretch of the text it was made from,
whole characters, and withheld there; names are listed in that form and in
their case-folded one too.

Each built-in pattern, and the names, also get a screen: a cheaper regex,
led by a literal such as `@` that `re` scans for quickly, which matches
wherever the pattern could. A pattern whose screen is not found in a text
is not run on it; the result is the same, found faster.
"""

from __future__ import annotations

import copy
import ipaddress
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from .readings import visible, visible_map

EMAIL = (
    r"(?<![\w.%+-])[A-Za-z0-9._%+-]+@"
    r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}(?![\w-])"
)
# Dotted quads, not part of a longer dotted number (a version such as
# 1.2.3.4.5); octets are checked in `_is_ip`.
IPV4 = r"(?<![\w.])(?:[0-9]{1,3}\.){3}[0-9]{1,3}(?!\w|\.[0-9])"
# Hex groups and colons (at least two), optionally ending in a dotted quad;
# `_is_ip` keeps only what `ipaddress` accepts, so clock times such as
# 14:00:00 and C++'s `std::vector` stay text.
IPV6 = (
    r"(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}"
    r"(?:(?:[0-9]{1,3}\.){3}[0-9]{1,3}|[0-9A-Fa-f]{1,4})?(?:%[\w.-]+)?(?![\w:])"
)
BUILT_IN = (("email", EMAIL), ("ip", IPV4), ("ip", IPV6))
# Screens, as (anchor, rest): a pattern matches only where its anchor is
# followed by `rest`. An address has an @ between a character of its local
# part and one of its domain; a dotted quad holds ".b.c.d"; what `ipaddress`
# accepts as IPv6 holds "::" or has six colons or more. Like the patterns,
# they are matched in any case.
SCREENS = {
    EMAIL: ("@", r"(?<=[A-Za-z0-9._%+-]@)[A-Za-z0-9]"),
    IPV4: (".", r"[0-9]{1,3}\.[0-9]{1,3}\.[0-9]"),
    IPV6: (":", r"(?::|(?:[0-9A-Fa-f]{0,4}:){5})"),
}
NAME_REASON = "name"


@dataclass(frozen=True)
class Match:
    """One stretch of text the policy withholds (or, if `allowed`, keeps)."""

    start: int
    end: int
    reason: str
    text: str
    allowed: bool = False


class Policy:
    """Compiled patterns, names and allow-list; `find` is the one operation."""

    def __init__(
        self,
        patterns: Sequence[tuple[str, str]] = (),
        names: Iterable[str] = (),
        allow: Iterable[str] = (),
    ) -> None:
        self.patterns_text = (*BUILT_IN, *patterns)
        self.patterns = [
            (reason, re.compile(pattern, re.IGNORECASE))
            for reason, pattern in self.patterns_text
        ]
        # the site's own patterns have no screen: they are always run
        self.screen_parts = [SCREENS.get(pattern) for _, pattern in self.patterns_text]
        self.screens = [
            None
            if part is None
            else re.compile(re.escape(part[0]) + part[1], re.IGNORECASE)
            for part in self.screen_parts
        ]
        self.name_list = tuple(names)
        self.name_forms = name_forms(self.name_list)
        self.names = names_regex(self.name_forms)
        self.names_screen = names_screen(self.name_forms)
        self.allowed_text: set[str] = set()
        self.allowed_networks: list[ipaddress.IPv4Network | ipaddress.IPv6Network] = []
        for entry in allow:
            try:
                self.allowed_networks.append(ipaddress.ip_network(entry, strict=False))
            except ValueError:
                self.allowed_text.add(normalize(entry))
                self.allowed_text.add(normalize(visible(entry)))

    def identity(self) -> str:
        """What the policy was built from, as a text the same in every
        process: a memo of its verdicts is valid only for the same one."""
        networks = sorted(str(network) for network in self.allowed_networks)
        return repr(
            (self.patterns_text, self.name_list, sorted(self.allowed_text), networks)
        )

    def find(self, text: str) -> list[Match]:
        """Non-overlapping matches, leftmost first, the longest at each start,
        in the text as written and as it looks (see the module docstring).

        Allowed matches are returned too (with `allowed=True`) because they
        shield their text: a name inside an allowed address stays visible.
        Withheld matches that overlap are joined, so no part of either shows.
        """
        found = self._find(text)
        reading = visible(text)
        if reading is not text and (also := self._find(reading)):
            mapped, starts, ends = visible_map(text)
            if mapped != reading:
                also = self._find(mapped)
            for match in also:
                start, end = starts[match.start], ends[match.end - 1]
                found.append(replace(match, start=start, end=end, text=text[start:end]))
        found.sort(key=lambda m: (m.start, -(m.end - m.start)))
        chosen: list[Match] = []
        for match in found:
            if not chosen or match.start >= chosen[-1].end:
                chosen.append(match)
            elif match.end > chosen[-1].end and not (
                match.allowed or chosen[-1].allowed
            ):
                start = chosen[-1].start
                chosen[-1] = replace(
                    chosen[-1], end=match.end, text=text[start : match.end]
                )
        return chosen

    def _find(self, text: str) -> list[Match]:
        """Every match in this reading of a text, overlapping, none empty."""
        found: list[Match] = []
        for (reason, pattern), screen in zip(self.patterns, self.screens, strict=True):
            if screen is not None and screen.search(text) is None:
                continue
            for hit in pattern.finditer(text):
                if reason == "ip" and not _is_ip(hit.group()):
                    continue
                found.append(self._match(hit, reason))
        if self.names is not None and (
            self.names_screen is None or self.names_screen.search(text)
        ):
            found.extend(self._match(h, NAME_REASON) for h in self.names.finditer(text))
        return [match for match in found if match.end > match.start]

    def withheld(self, text: str) -> list[Match]:
        """Only the matches that must be redacted."""
        return [m for m in self.find(text) if not m.allowed]

    def built_in_only(self) -> Policy:
        """The same policy without the site's own patterns (see guard.Guard)."""
        other = copy.copy(self)
        count = len(BUILT_IN)
        other.patterns_text = self.patterns_text[:count]
        other.patterns = self.patterns[:count]
        other.screen_parts = self.screen_parts[:count]
        other.screens = self.screens[:count]
        return other

    def is_allowed(self, text: str) -> bool:
        """True for text on the allow-list (an exact entry or an allowed address)."""
        if normalize(text) in self.allowed_text:
            return True
        text = visible(text)
        if normalize(text) in self.allowed_text:
            return True
        address = _ip(text)
        return address is not None and any(
            address.version == net.version and address in net
            for net in self.allowed_networks
        )

    def _match(self, hit: re.Match[str], reason: str) -> Match:
        text = hit.group()
        return Match(hit.start(), hit.end(), reason, text, self.is_allowed(text))


def normalize(text: str) -> str:
    """Case and whitespace do not matter when comparing with the allow-list."""
    return " ".join(text.split()).casefold()


def _ip(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    candidate = text.split("%", 1)[0]
    if "." in candidate and ":" not in candidate:
        # leading zeros are still an address to a reader: 010.000.000.001
        octets = candidate.split(".")
        if len(octets) != 4 or not all(
            o.isascii() and o.isdigit() and int(o) <= 255 for o in octets
        ):
            return None
        candidate = ".".join(str(int(o)) for o in octets)
    try:
        return ipaddress.ip_address(candidate)
    except ValueError:
        return None


def _is_ip(text: str) -> bool:
    return (
        any(c.isdigit() or c.lower() in "abcdef" for c in text)
        and _ip(text) is not None
    )


def parse_names(text: str) -> list[str]:
    """A names file: one name a line; blank lines and `#` comments ignored."""
    names = []
    for line in text.splitlines():
        name = line.split("#", 1)[0].strip()
        if name:
            names.append(name)
    return names


def name_forms(names: Iterable[str]) -> tuple[str, ...]:
    """Each name as written, as it looks (readings.visible) and case-folded
    (ß as ss), once: the guard compares case-folded text."""
    forms: dict[str, None] = {}
    for name in names:
        for form in (name, visible(name)):
            forms.setdefault(form)
            forms.setdefault(form.casefold())
    return tuple(forms)


def names_regex(names: Iterable[str]) -> re.Pattern[str] | None:
    """One regex for every name: whole words, any case, any whitespace inside."""
    pattern = trie_pattern(name.lower() for name in names)
    if pattern is None:
        return None
    return re.compile(rf"(?<!\w)(?:{pattern})(?!\w)", re.IGNORECASE)


def names_screen(names: Iterable[str]) -> re.Pattern[str] | None:
    """A regex found wherever `names_regex` matches, led by whitespace.

    Every name of two words or more holds whitespace followed by its later
    words, and `\\s` is a cheap first character for `re` to scan for, where a
    name's first letter, in any case, is not. Single-word names get none.
    """
    words = [name.lower().split() for name in names]
    if not words or any(len(w) < 2 for w in words):
        return None
    pattern = trie_pattern(" ".join(w[1:]) for w in words)
    return re.compile(rf"\s(?:{pattern})", re.IGNORECASE)


def trie_pattern(phrases: Iterable[str]) -> str | None:
    """A regex for any of the phrases, as a trie: fast for thousands of them.

    Whitespace inside a phrase matches any run of whitespace.
    """
    words = {tuple(phrase.split()) for phrase in phrases if phrase.strip()}
    if not words:
        return None
    trie: dict[str, dict] = {}
    for phrase in words:
        node = trie
        for char in " ".join(phrase):
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_pattern(trie)


def _trie_pattern(node: dict[str, dict]) -> str:
    """A regex equivalent to the alternation of the trie's words, longest first."""
    branches = []
    ends_here = False
    for char in sorted(node):
        if char == "":
            ends_here = True
            continue
        piece = r"\s+" if char == " " else re.escape(char)
        child = node[char]
        rest = _trie_pattern(child) if child else ""
        branches.append(piece + rest)
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    # a word that ends here is the shorter choice, tried after the longer ones
    return f"(?:{body})?" if ends_here else body
