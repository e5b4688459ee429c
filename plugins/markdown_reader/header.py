"""Pelican-style header: `Key: value` lines up to the first blank line.

Written by hand rather than borrowed: the fallback parsers we looked at treat
any `Word: text` line of the body as metadata. Here the header ends at the
first blank line, keys are case-insensitive, an indented line continues the
previous value, and anything else is an error with its line number, because a
misspelt `Embargo` key must stop the build instead of publishing early.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from content_model.errors import ContentError

KEY_LINE = re.compile(r"^(?P<key>[A-Za-z][A-Za-z0-9_-]*)[ \t]*:[ \t]*(?P<value>.*)$")

# Every key of the editor-facing contract (DESIGN.md), lowercased.
KNOWN_KEYS = frozenset(
    {
        "title",
        "date",
        "summary",
        "tags",
        "slug",
        "embargo",
        "embargo-audience",
        "version",
        "version-note",
        "status",
        "withdrawn-reason",
        "organization",
        "responds-to",
        "source",
    }
)
# Markdown keeps line breaks meaningful; other values are joined with spaces.
MULTILINE_KEYS = frozenset({"summary"})


@dataclass
class Field:
    """One header value and the line it starts on, for error messages."""

    name: str
    value: str
    line: int


@dataclass
class Header:
    fields: dict[str, Field]
    body: str
    body_line: int  # 1-based line number of the first body line


def split_header(text: str, path: str) -> Header:
    """Split a source text into header fields and the Markdown body."""
    lines = text.split("\n")
    fields: dict[str, Field] = {}
    current: Field | None = None
    for index, line in enumerate(lines):
        number = index + 1
        if not line.strip():
            return Header(fields, "\n".join(lines[index + 1 :]), number + 1)
        if line[0] in " \t":
            if current is None:
                raise ContentError(
                    path, number, "indented line before the first header key"
                )
            joiner = "\n" if current.name in MULTILINE_KEYS else " "
            current.value = f"{current.value}{joiner}{line.strip()}".strip()
            continue
        match = KEY_LINE.match(line)
        if not match:
            raise ContentError(
                path,
                number,
                f'expected a header line such as "Title: …" or a blank line '
                f"ending the header, found {line[:40]!r}",
            )
        name = match["key"].lower()
        if name not in KNOWN_KEYS:
            known = ", ".join(sorted(k.title() for k in KNOWN_KEYS))
            raise ContentError(
                path,
                number,
                f'unknown header key "{match["key"]}"; known keys: {known}',
            )
        if name in fields:
            raise ContentError(
                path,
                number,
                f'header key "{match["key"]}" given twice (first on line '
                f"{fields[name].line}); keep one",
            )
        current = fields[name] = Field(name, match["value"].strip(), number)
    return Header(fields, "", len(lines) + 1)


def decode_source(data: bytes, path: str) -> str:
    """Decode UTF-8 strictly, naming the line of the first bad byte."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ContentError(
            path,
            line,
            f"invalid UTF-8 (byte 0x{data[error.start]:02x}); save the file as UTF-8",
        ) from None
    text = text.removeprefix("\ufeff")
    return text.replace("\r\n", "\n").replace("\r", "\n")
