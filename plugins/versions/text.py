"""The readable text of a version: what the diff compares and the size counts.

Computed from the entry's rendered HTML, which the reader has already
redacted and sanitized, so neither a diff nor a size can ever reveal a
redacted original: the source file is never read here.

That HTML is bleach's output, so tags are found with one regular
expression instead of Python's `html.parser`, which took about a tenth of
a cold build's reading (every document's size is measured when it is
read). It reads a tag, comment or text as `html.parser` does; tests
compare the two on the sanitizer's fixtures and on generated markup.
"""

from __future__ import annotations

import re
from html import unescape

from linkcheck.core import ATTRIBUTE  # one attribute grammar for our own HTML

# Elements that start a new paragraph of text; anything else is inline.
BLOCKS = frozenset(
    {
        *("p", "div", "section", "article", "blockquote", "pre", "hr", "br"),
        *("ul", "ol", "li", "dl", "dt", "dd", "details", "summary"),
        *("table", "thead", "tbody", "tfoot", "tr", "caption"),
        *("figure", "figcaption", "h1", "h2", "h3", "h4", "h5", "h6"),
    }
)
CELLS = frozenset({"td", "th"})
# elements without an end tag
VOID = frozenset({"br", "hr", "img", "wbr", "source", "track", "col", "area"})
SPACE = re.compile(r"\s+")


# A start or end tag (quoted values may hold ">"), a comment, text, or a
# "<" that opens nothing, which html.parser also reads as text.
TOKEN = re.compile(
    r"""<(/?)([a-zA-Z][^\s/>]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|<!--.*?-->|[^<]+|<""",
    re.DOTALL,
)
# the only attributes read here; a tag without them is not split further
WANTED = re.compile(r"aria-label|alt", re.IGNORECASE)


def attributes(text: str) -> dict[str, str | None]:
    """A tag's attributes as html.parser gives them: names lowercased,
    values unescaped, the last of a repeated name kept."""
    found: dict[str, str | None] = {}
    for match in ATTRIBUTE.finditer(text):
        value = next((v for v in match.groups()[1:] if v is not None), None)
        found[match[1].lower()] = None if value is None else unescape(value)
    return found


class _Blocks:
    """Collects paragraphs from tag and text events, in document order."""

    def __init__(self) -> None:
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.pre = 0
        # depth inside an element with role="img" (a redaction mark): its
        # accessible name is its aria-label, and its children are decoration
        self.labelled = 0

    def flush(self) -> None:
        raw = "".join(self.current)
        self.current = []
        if self.pre:
            # preformatted text keeps its lines, each one a block of its own
            self.blocks.extend(
                line.rstrip() for line in raw.split("\n") if line.strip()
            )
            return
        text = SPACE.sub(" ", raw).strip()
        if text:
            self.blocks.append(text)

    def feed(self, html: str) -> None:
        text: list[str] = []  # runs of text between two tags, decoded together
        for match in TOKEN.finditer(html):
            name = match[2]
            if name is None:
                if match[0][:4] != "<!--":
                    text.append(match[0])
                continue
            if text:
                self.handle_data(unescape("".join(text)))
                text = []
            tag, rest = name.lower(), match[3]
            if match[1]:
                self.handle_endtag(tag)
                continue
            found = attributes(rest) if WANTED.search(rest) else {}
            if rest.rstrip().endswith("/"):
                self.handle_startendtag(tag, found)
            else:
                self.handle_starttag(tag, found)
        if text:
            self.handle_data(unescape("".join(text)))

    def handle_starttag(self, tag: str, found: dict[str, str | None]) -> None:
        if self.labelled:
            if tag not in VOID:
                self.labelled += 1
            return
        if found.get("role") == "img" and found.get("aria-label"):
            self.current.append(f"[{found['aria-label']}]")
            self.labelled = 1
            return
        if tag in BLOCKS:
            self.flush()
        if tag == "pre":
            self.pre += 1
        elif tag in CELLS and "".join(self.current).strip():
            self.current.append(" | ")
        elif tag == "img" and found.get("alt"):
            self.current.append(f" [{found['alt']}] ")

    def handle_startendtag(self, tag: str, found: dict[str, str | None]) -> None:
        if not self.labelled:
            self.handle_starttag(tag, found)
            self.labelled = 0  # a self-closed element has no children

    def handle_endtag(self, tag: str) -> None:
        if self.labelled:
            self.labelled -= 1
            return
        if tag in BLOCKS:
            self.flush()
        if tag == "pre":
            self.pre = max(self.pre - 1, 0)

    def handle_data(self, data: str) -> None:
        if not self.labelled:
            self.current.append(data)


def text_blocks(html: str) -> list[str]:
    """The paragraphs of text a reader sees in `html`, whitespace collapsed."""
    parser = _Blocks()
    parser.feed(html)
    parser.flush()
    return parser.blocks


def version_text(title: str, html: str) -> list[str]:
    """A version as comparable paragraphs: its title, then its body."""
    return [SPACE.sub(" ", title).strip(), *text_blocks(html)]


def text_size(blocks: list[str]) -> int:
    """Size in bytes (UTF-8) of the text, paragraphs separated by blank lines."""
    return len("\n\n".join(blocks).encode("utf-8"))
