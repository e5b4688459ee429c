"""Find internal links in built HTML that point at nothing.

Pelican only warns about an unresolved `{filename}` link and writes it out
literally, so a link check over the output is the only reliable proof that
readers can follow every link, fragment identifiers included.

The pages are our own output (templates plus sanitized HTML, every attribute
quoted), so tags are found with one regular expression rather than a full
HTML parser: the check runs over every page of every build.
"""

from __future__ import annotations

import html
import posixpath
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from content_model.files import files_under
from markdown_reader.memo import DigestMemo, digest_of

LINK_ATTRIBUTES = {("a", "href"), ("link", "href"), ("img", "src")}
# a start tag, with quoted values allowed to contain ">"
START_TAG = re.compile(
    r"""<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*/?>"""
)
ATTRIBUTE = re.compile(
    r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?"""
)
COMMENT = re.compile(r"<!--.*?-->", re.S)


@dataclass(frozen=True, order=True)
class BrokenLink:
    page: str  # output-relative path of the page with the link
    url: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: {self.url} ({self.reason})"


@dataclass
class Page:
    urls: list[str]
    ids: set[str]

    def to_memo(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Plain data, so a memo never depends on this class."""
        return tuple(self.urls), tuple(sorted(self.ids))

    @classmethod
    def from_memo(cls, stored: Any) -> Page | None:
        """The page a memo stored, or None for anything else."""
        if (
            isinstance(stored, tuple)
            and len(stored) == 2
            and all(isinstance(part, tuple) for part in stored)
            and all(isinstance(text, str) for part in stored for text in part)
        ):
            return cls(list(stored[0]), set(stored[1]))
        return None


def parse_page(text: str) -> Page:
    """The link targets and element ids of one HTML page."""
    page = Page([], set())
    for match in START_TAG.finditer(COMMENT.sub("", text)):
        tag = match[1].lower()
        for attribute in ATTRIBUTE.finditer(match[2]):
            name = attribute[1].lower()
            raw = attribute[2] if attribute[2] is not None else attribute[3]
            value = raw if raw is not None else attribute[4]
            if value is None:
                continue
            # interned: most links and ids recur on page after page, and
            # the link check's memo keeps every page's
            value = sys.intern(html.unescape(value))
            if name == "id":
                page.ids.add(value)
            elif (tag, name) in LINK_ATTRIBUTES:
                page.urls.append(value)
    return page


def broken_links(root: Path, memo: DigestMemo | None = None) -> list[BrokenLink]:
    """Every internal link under `root` whose target file or fragment is missing.

    A page is parsed once per bytes: `memo` holds what earlier builds found
    in pages with the same bytes. Whether each link resolves is decided
    anew, against this build's files."""
    root = root.resolve()
    files = {relative for relative, _ in files_under(root)}
    memo = memo if memo is not None else DigestMemo(None, "")
    pages: dict[str, Page] = {}

    def page_at(relpath: str) -> Page:
        if relpath not in pages:
            data = (root / relpath).read_bytes()
            digest = digest_of(data)
            page = Page.from_memo(memo.get(digest))
            if page is None:
                page = parse_page(data.decode("utf-8", errors="replace"))
                memo.put(digest, page.to_memo())
            pages[relpath] = page
        return pages[relpath]

    # once a URL, not once a link: 578,576 links of 10,000 documents hold
    # some 61,000 URLs (the menu, the feeds, footnotes)
    split = lru_cache(maxsize=None)(_split)
    broken = []
    for relpath in sorted(f for f in files if f.endswith(".html")):
        bases = _bases(posixpath.dirname(relpath))  # once a page, not once a link
        for url in page_at(relpath).urls:
            if reason := _check(files, page_at, relpath, bases, split(url)):
                broken.append(BrokenLink(relpath, url, reason))
    memo.save()
    return broken


# what a link says wherever it stands: None for an external link, else
# (why it is broken on any page, or None; how many folders its path goes
# up and where it then leads, "" for nowhere (a path that is empty or only
# "./" or "../" parts); its fragment unquoted; the fragment as written)
Split = tuple[str | None, int, str, str, str] | None


def _split(url: str) -> Split:
    parts = urlsplit(url)
    if parts.scheme in ("http", "https", "mailto") or parts.netloc:
        return None  # external: not ours to check, and tests stay offline
    if parts.scheme:
        return f"scheme {parts.scheme}: is not allowed", 0, "", "", ""
    if "{" in url:
        return "unresolved Pelican placeholder", 0, "", "", ""
    if parts.path.startswith("/"):
        return "points outside the site", 0, "", "", ""  # breaks on mirrors
    path = unquote(parts.path)
    if not path:
        return None, -1, "", unquote(parts.fragment), parts.fragment
    # normpath of a relative path: its ".." parts first, then the rest
    ups, rest = 0, posixpath.normpath(path)
    while rest == ".." or rest.startswith("../"):
        ups, rest = ups + 1, rest[3:]
    return (
        None,
        ups,
        "" if rest == "." else rest,
        unquote(parts.fragment),
        parts.fragment,
    )


def _bases(folder: str) -> list[str]:
    """The folder a page is in, then each folder above it, up to the site's
    root (""): where a link that goes up k folders starts."""
    parts = folder.split("/") if folder else []
    return ["/".join(parts[: len(parts) - up]) for up in range(len(parts) + 1)]


def _check(
    files: set[str],
    page_at: Callable[[str], Page],
    relpath: str,
    bases: list[str],
    split: Split,
) -> str | None:
    """Why a link (`split`) of the page at `relpath` (whose folder and the
    folders above it are `bases`) is broken, or None."""
    if split is None:
        return None
    why, ups, rest, fragment, written = split
    if why is not None:
        return why
    target = relpath
    if ups >= 0:  # the link has a path: join it to the page's folder
        if ups >= len(bases):
            return "points outside the site"
        base = bases[ups]
        target = f"{base}/{rest}" if base and rest else base or rest
        if target not in files:
            target = f"{target}/index.html" if target else "index.html"
    if target not in files:
        return "no such file"
    if fragment and target.endswith(".html") and fragment not in page_at(target).ids:
        return f"no element with id {written!r}"
    return None
