"""Find internal links in built HTML that point at nothing.

Pelican only warns about an unresolved `{filename}` link and writes it out
literally, so a link check over the output is the only reliable proof that
readers can follow every link, fragment identifiers included.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

LINK_ATTRIBUTES = {("a", "href"), ("link", "href"), ("img", "src")}


@dataclass(frozen=True, order=True)
class BrokenLink:
    page: str  # output-relative path of the page with the link
    url: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: {self.url} ({self.reason})"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id":
                self.ids.add(value)
            elif (tag, name) in LINK_ATTRIBUTES:
                self.urls.append(value)


@cache
def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    return parser


def broken_links(root: Path) -> list[BrokenLink]:
    """Every internal link under `root` whose target file or fragment is missing."""
    _parse.cache_clear()
    root = root.resolve()
    broken = []
    for page in sorted(root.rglob("*.html")):
        for url in _parse(page).urls:
            if reason := _check(root, page, url):
                broken.append(
                    BrokenLink(page.relative_to(root).as_posix(), url, reason)
                )
    return broken


def _check(root: Path, page: Path, url: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme in ("http", "https", "mailto") or parts.netloc:
        return None  # external: not ours to check, and tests stay offline
    if parts.scheme:
        return f"scheme {parts.scheme}: is not allowed"
    if "{" in url:
        return "unresolved Pelican placeholder"
    target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
    if not target.is_relative_to(root):
        return "points outside the site"
    if target.is_dir():
        target = target / "index.html"
    if not target.is_file():
        return "no such file"
    fragment = unquote(parts.fragment)
    if fragment and target.suffix == ".html" and fragment not in _parse(target).ids:
        return f"no element with id {parts.fragment!r}"
    return None
