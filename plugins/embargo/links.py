"""Which source files an entry's HTML links to through Pelican's placeholders.

`{filename}x.md`, `{static}files/a.pdf` and `{attach}…` name source files;
Pelican resolves them only while writing, and a link to an entry that is not
published stays in the page as the literal source path. So the embargo
plugin reads them first, the way Pelican will, to hold back the linking
entry too.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Sequence
from html import unescape
from urllib.parse import unquote, urlparse

SOURCE_LINKS = frozenset({"filename", "static", "attach"})


def link_regex(intrasite_link_regex: str) -> re.Pattern[str]:
    """The pattern of `Content._get_intrasite_link_regex` in Pelican 4.12.

    Rebuilt here so the core needs no Pelican object; a unit test checks it
    still equals Pelican's.
    """
    regex = rf"""
        (?P<markup><[^\>]+  # match tag with all url-value attributes
            (?:href|src|poster|data|cite|formaction|action|content)\s*=\s*)

        (?P<quote>["\'])      # require value to be quoted
        (?P<path>{intrasite_link_regex}(?P<value>.*?))  # the url value
        (?P=quote)"""
    return re.compile(regex, re.X)


def link_targets(html: str, pattern: re.Pattern[str], relative_dir: str) -> set[str]:
    """Content-relative paths that `{filename}`/`{static}`/`{attach}` links name.

    Each link gives every reading Pelican would try (as written, unquoted,
    HTML-unescaped), so a match on any of them counts.
    """
    found: set[str] = set()
    for match in pattern.finditer(html or ""):
        if match["what"] not in SOURCE_LINKS:
            continue
        value = match["value"]
        for path in {
            urlparse(value).path,
            unquote(urlparse(value).path),
            urlparse(unescape(value)).path,
            urlparse(value).path.replace("%20", " "),
        }:
            if path:
                found.add(resolve(path, relative_dir))
    return found


def resolve(path: str, relative_dir: str) -> str:
    """A link path as Pelican reads it: from the content root if it starts with
    `/`, otherwise from the linking file's folder."""
    if path.startswith("/"):
        return posixpath.normpath(path[1:])
    return posixpath.normpath(posixpath.join(relative_dir, path))


def all_targets(
    htmls: Iterable[str], pattern: re.Pattern[str], relative_dir: str
) -> frozenset[str]:
    found: set[str] = set()
    for html in htmls:
        found |= link_targets(html, pattern, relative_dir)
    return frozenset(found)


class LinkTargets:
    """`all_targets` of each entry's bodies, searched once a build.

    The plugin reads an entry's links when the entry is read and checks them
    again once every generator is done (`check_links`): the bodies are the
    same strings then, unless a plugin replaced them, and only then are they
    searched again. Kept by the entry object, with the very strings searched
    (compared by identity: equal, as strings never change)."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self._found: dict[int, tuple[tuple[str, ...], str, frozenset[str]]] = {}

    def of(
        self, entry: object, htmls: Sequence[str], relative_dir: str
    ) -> frozenset[str]:
        known = self._found.get(id(entry))
        if (
            known is not None
            and known[1] == relative_dir
            and len(known[0]) == len(htmls)
            and all(old is new for old, new in zip(known[0], htmls, strict=True))
        ):
            return known[2]
        targets = all_targets(htmls, self.pattern, relative_dir)
        self._found[id(entry)] = (tuple(htmls), relative_dir, targets)
        return targets
