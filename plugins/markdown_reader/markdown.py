"""One markdown-it-py configuration for the whole site.

CommonMark plus tables, strikethrough, footnotes and bracketed-span
attributes (`[text]{.redact}`), with a `::: redact` container. Heading ids
are assigned after other plugins have seen the tokens (see `add_heading_ids`)
so that an id is never derived from text that redaction later removes.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.attrs import attrs_plugin
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.footnote import footnote_plugin

# Pelican resolves these prefixes after reading; markdown-it would
# percent-encode the braces and break them.
PLACEHOLDERS = ("{filename}", "{attach}", "{static}", "{tag}", "{index}")


BACKREF = "\u21a9\ufe0e"  # ↩ and "show as text", what the footnote plugin writes


def ascii_backref(md: MarkdownIt) -> Callable[..., str]:
    """The footnote plugin's back-link, its arrow as character references.

    Python stores a string with any character beyond Latin-1 at two bytes a
    character (or four), so the one arrow of a footnote doubled the memory
    of an entry's whole body, which Pelican keeps until the end of the build
    (about 100 MB at 10,000 documents). Browsers show the same arrow.
    """
    render = md.renderer.rules["footnote_anchor"]  # bound to the renderer

    def rule(renderer: Any, *args: Any) -> str:
        return render(*args).replace(BACKREF, "&#8617;&#65038;")

    return rule


def build_markdown() -> MarkdownIt:
    """Create the parser; build it once per reader and reuse it."""
    md = MarkdownIt("commonmark", {"typographer": False})
    md.enable(["table", "strikethrough"])
    md.use(footnote_plugin)
    md.add_render_rule("footnote_anchor", ascii_backref(md))
    md.use(
        attrs_plugin,
        spans=True,
        after=("image", "code_inline", "link_close", "span_close"),
    )
    md.use(container_plugin, name="redact")
    default_normalize = md.normalizeLink

    def normalize_link(url: str) -> str:
        for prefix in PLACEHOLDERS:
            if url.startswith(prefix):
                return prefix + default_normalize(url[len(prefix) :])
        return default_normalize(url)

    md.normalizeLink = normalize_link  # type: ignore[method-assign]
    return md


def shift_lines(tokens: Iterable[Token], offset: int) -> None:
    """Make token line maps count from the top of the file, not the body."""
    for token in tokens:
        if token.map:
            token.map = [token.map[0] + offset, token.map[1] + offset]


def alignment_classes(tokens: Iterable[Token]) -> None:
    """Table alignment as a class: the sanitizer drops every style attribute."""
    for token in tokens:
        style = token.attrGet("style")
        if token.type in ("th_open", "td_open") and style:
            align = str(style).removeprefix("text-align:")
            token.attrs.pop("style")
            if align in ("left", "center", "right"):
                token.attrSet("class", f"align-{align}")


def slugify_heading(text: str) -> str:
    """GitHub-style ids: lowercase words joined by hyphens, ASCII only."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"[^\w\s-]", "", text.lower())
    return re.sub(r"[\s_-]+", "-", text).strip("-") or "section"


def inline_text(token: Token) -> str:
    """The visible text of an inline token, as a reader would select it."""
    visible = ("text", "code_inline", "image")  # an image's content is its alt
    return "".join(c.content for c in token.children or [] if c.type in visible)


# ids the theme itself uses on entry pages (skip-link target, volume sections)
THEME_IDS = frozenset(
    {"content", "volume-documents", "volume-statements", "volume-attachments"}
)


def add_heading_ids(tokens: list[Token]) -> None:
    """Give every heading a unique id so readers can cite a section.

    Headings also shift so the top-most one is h2: the page title is the only
    h1, and no level is skipped whether an editor starts at # or ##.
    """
    levels = [int(t.tag[1]) for t in tokens if t.type == "heading_open"]
    shift = 2 - min(levels) if levels else 0
    used: set[str] = set(THEME_IDS)
    for index, token in enumerate(tokens):
        if token.type not in ("heading_open", "heading_close"):
            continue
        token.tag = f"h{min(max(int(token.tag[1]) + shift, 2), 6)}"
        if token.type == "heading_close" or token.attrGet("id"):
            continue
        base = slugify_heading(inline_text(tokens[index + 1]))
        candidate, count = base, 0
        while candidate in used:
            count += 1
            candidate = f"{base}-{count}"
        used.add(candidate)
        token.attrSet("id", candidate)
