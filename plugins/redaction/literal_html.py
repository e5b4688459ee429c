"""Redaction inside raw HTML written in the Markdown source.

markdown-it passes raw HTML through untouched, so it is scanned here: text
between tags gets the HTML mark; inside a tag (an attribute value such as a
title) only the plain-text mark fits; inside a URL attribute nothing fits,
and the build stops.
"""

from __future__ import annotations

import re

from markupsafe import Markup

from .scope import Cut, Scope

TAG = re.compile(r"<!--.*?-->|<[^>]*>", re.S)
URL_ATTRIBUTES = frozenset(
    {
        "href",
        "src",
        "srcset",
        "action",
        "formaction",
        "poster",
        "cite",
        "data",
        "background",
    }
)
ATTRIBUTE_BEFORE = re.compile(r"([\w:-]+)\s*=\s*[\"']?[^\"'=]*$")


def redact_raw_html(scope: Scope, html: str, line: int, placement: str) -> str:
    """The raw HTML with every cut replaced by a mark that fits its place."""
    out: list[str] = []
    position = 0
    for tag in TAG.finditer(html):
        out.append(
            _text(
                scope,
                html[position : tag.start()],
                _line(html, position, line),
                placement,
            )
        )
        out.append(_tag(scope, tag.group(), _line(html, tag.start(), line), placement))
        position = tag.end()
    out.append(_text(scope, html[position:], _line(html, position, line), placement))
    return "".join(out)


def _line(html: str, position: int, line: int) -> int:
    return line + html[:position].count("\n")


def _text(scope: Scope, text: str, line: int, placement: str) -> str:
    if not text:
        return text
    pieces = scope.split(text, line, f"{placement} html")
    return "".join(
        # raw HTML text is already HTML: keep it as written, add only our marks
        p if isinstance(p, str) else str(scope.marks.html(p.reason))
        for p in pieces
    )


def _tag(scope: Scope, tag: str, line: int, placement: str) -> str:
    pieces = scope.split(tag, line, f"{placement} html attribute")
    out: list[str] = []
    for piece in pieces:
        if isinstance(piece, Cut):
            attribute = ATTRIBUTE_BEFORE.search("".join(out))
            if attribute and attribute[1].lower() in URL_ATTRIBUTES:
                raise scope.error(
                    line,
                    f"a redaction mark would render inside a URL (the {attribute[1]} "
                    "attribute of raw HTML); write the link in Markdown, or remove it",
                )
            out.append(str(Markup.escape(scope.marks.text(piece.reason))))
        else:
            out.append(piece)
    return "".join(out)
