"""The site's one HTML allow-list, behind `clean_html`.

Every body and summary passes through here after Markdown rendering, so this
file is the whole answer to "what markup can content put on a page?". bleach
is no longer maintained upstream; keeping all of it here, with the allow-list
as plain data, makes it one file to audit and one file to replace.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape
from typing import Any

from bleach.html5lib_shim import Filter
from bleach.sanitizer import (
    INVISIBLE_CHARACTERS_RE,
    INVISIBLE_REPLACEMENT_CHAR,
    Cleaner,
)

from .roundtrip import CELLS, fix_serialization, settle

ALLOWED_TAGS = frozenset().union(
    {"p", "br", "hr", "blockquote", "pre", "div", "section", "figure", "figcaption"},
    {"h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd"},
    {"table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td"},
    {"a", "img", "span", "em", "strong", "b", "i", "del", "s", "sup", "sub"},
    {"code", "kbd", "samp", "var", "abbr", "mark", "small", "q", "cite"},
    {"details", "summary"},
)
# On every allowed tag: anchors (footnotes, heading ids), theme hooks, tooltips,
# and the language and direction of quoted material.
GLOBAL_ATTRIBUTES = frozenset({"id", "class", "title", "lang", "dir"})
ALLOWED_ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "rel"}),
    "img": frozenset({"src", "alt", "width", "height"}),
    "td": frozenset({"colspan", "rowspan"}),
    "th": frozenset({"colspan", "rowspan", "scope"}),
    "ol": frozenset({"start"}),
    "span": frozenset({"role", "aria-label"}),  # redaction marks
    "div": frozenset({"role", "aria-label"}),
    "details": frozenset({"open"}),
}
# Relative URLs are allowed too: bleach lets a URL without a scheme through
# whenever "http" is allowed.
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
# Dropped with everything inside them, not just unwrapped: their text is code.
DROPPED_WITH_CONTENT = frozenset({"script", "style"})
EXTERNAL_REL = "noopener noreferrer"

# Pelican's INTRASITE_LINK_REGEX prefix (`{filename}`, `|static|`, any name).
PLACEHOLDER = re.compile(r"[{|](?P<what>.*?)[|}](?P<rest>.*)", re.DOTALL)
# A scheme, or two slashes of either kind (browsers read `\` as `/`): a host.
SCHEME_OR_HOST = re.compile(r"(?:[a-z][a-z0-9+.-]*:|[/\\]{2})")
REMOTE = re.compile(r"(?:https?:|[/\\]{2})")
# What browsers and bleach ignore inside a URL: whitespace, controls, backtick.
IGNORED_IN_URL = re.compile(r"[`\x00-\x20\x7f-\xa0\s]+|[^\x00-\x7f]")
TAG_TOKENS = frozenset({"StartTag", "EndTag", "EmptyTag"})
# Elements whose nesting ContentRules counts.
KINDS = {
    **dict.fromkeys(DROPPED_WITH_CONTENT, "dropped"),
    **dict.fromkeys(CELLS, "cell"),
    "a": "a",
}


def normalize_url(value: str) -> str:
    """The URL as a browser would read its scheme: entities decoded, lowercase."""
    return IGNORED_IN_URL.sub("", unescape(value)).lower()


def is_remote(url: str) -> bool:
    """True for http(s) URLs and protocol-relative `//host` ones."""
    return REMOTE.match(normalize_url(url)) is not None


# what an intrasite link never needs and Pelican may write back unescaped
UNSAFE_IN_PLACEHOLDER = re.compile(r"""[&"'<>`\s\\]""")


def placeholder_is_safe(value: str) -> bool:
    """Refuse `{what}` links whose rest has a scheme or host.

    bleach sees `{tag}javascript:x` as a harmless relative URL, but Pelican
    rewrites placeholders *after* sanitizing and keeps the scheme of the rest:
    `{tag}javascript:x?%0aalert(1)` becomes
    `javascript:https://site/tag/x.html?%0aalert(1)`, and an unknown
    `{alert(1)}javascript:x` becomes `javascript:{alert(1)}javascript:x`;
    `{filename}//host/t.png` becomes a remote image. A real intrasite link
    has a path after the placeholder, never a scheme or host.

    Nor any character HTML gives meaning to: when a path is not found,
    Pelican retries with entities decoded and writes the decoded fragment
    back unescaped, so `#&quot; onmouseover=…` would leave the attribute.
    """
    found = PLACEHOLDER.match(value)
    if found is None:
        return True
    if UNSAFE_IN_PLACEHOLDER.search(found["rest"]):
        return False
    return SCHEME_OR_HOST.match(normalize_url(found["rest"])) is None


def allow_attribute(tag: str, name: str, value: str) -> bool:
    """bleach's attribute hook: the allow-list, plus the placeholder check."""
    if name not in GLOBAL_ATTRIBUTES and name not in ALLOWED_ATTRIBUTES.get(tag, ()):
        return False
    return name not in ("href", "src") or placeholder_is_safe(value)


def remote_image(token: dict[str, Any], inside_link: bool) -> list[dict[str, Any]]:
    """A remote image as a link to it, so the page never fetches from its host.

    Inside a link (a linked badge) only the text remains: an `<a>` in an `<a>`
    would be re-parsed differently and break idempotence.
    """
    attrs = token["data"]
    alt = unescape(attrs.get((None, "alt"), "")).strip()
    label = f"Image: {alt}" if alt else "Image"
    text = {
        "type": "Characters",
        "data": INVISIBLE_CHARACTERS_RE.sub(INVISIBLE_REPLACEMENT_CHAR, label),
    }
    if inside_link:
        return [text]
    link = {(None, "href"): attrs[(None, "src")]}
    if (None, "title") in attrs:
        link[(None, "title")] = attrs[(None, "title")]
    link |= {(None, "class"): "remote-image", (None, "rel"): EXTERNAL_REL}
    namespace = token.get("namespace")
    return [
        {"type": "StartTag", "name": "a", "namespace": namespace, "data": link},
        text,
        {"type": "EndTag", "name": "a", "namespace": namespace},
    ]


def rewrite(token: dict[str, Any], inside_link: bool) -> list[dict[str, Any]]:
    """Mark external links and replace remote images; other tokens pass."""
    kind, name = token["type"], token.get("name")
    if kind == "StartTag" and name == "a":
        if is_remote(token["data"].get((None, "href"), "")):
            token["data"][(None, "rel")] = EXTERNAL_REL
    elif name == "img" and is_remote(token["data"].get((None, "src"), "")):
        return remote_image(token, inside_link)
    return [token]


class ContentRules(Filter):
    """Runs after bleach's sanitizer over its token stream.

    Drops script and style with their text (the parser is told about them so
    that their content is read as raw text, as a browser would), then applies
    `rewrite` and `fix_serialization`. A tag outside the allow-list is
    dropped here a second time.
    """

    def __iter__(self) -> Iterator[dict[str, Any]]:
        depth = {"a": 0, "cell": 0, "dropped": 0}  # open elements of each kind
        previous: dict[str, Any] | None = None
        for token in Filter.__iter__(self):
            kind, name = token["type"], token.get("name")
            key = KINDS.get(name) if kind in TAG_TOKENS else None
            if key:
                depth[key] += {"StartTag": 1, "EndTag": -1}.get(kind, 0)
            if key == "dropped" or depth["dropped"]:
                continue
            if kind in TAG_TOKENS and name not in ALLOWED_TAGS:
                continue
            for out in rewrite(token, inside_link=depth["a"] > 0):
                fix_serialization(out, previous, in_cell=depth["cell"] > 0)
                previous = out
                yield out


# Not thread-safe (the parser keeps state): Pelican reads files one at a time.
# Its configuration never changes, so nothing carries over between builds.
CLEANER = Cleaner(
    tags=ALLOWED_TAGS | DROPPED_WITH_CONTENT,  # ContentRules drops the latter
    attributes=allow_attribute,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
    filters=[ContentRules],
)


def clean_html(html: str) -> str:
    """Sanitize rendered content HTML with the site's one allow-list."""
    return settle(CLEANER.clean(html), CLEANER.clean)
