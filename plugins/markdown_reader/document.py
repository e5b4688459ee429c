"""The parsed form of a source file that plugins may transform before rendering.

Redaction must see text before it becomes HTML, and metadata before Pelican
uses it; so the reader parses into this record, sends `markdown_parsed`, and
renders only afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from blinker import signal
from markdown_it.token import Token

from .header import Field

# Sent with `document=ParsedDocument` after parsing and before rendering.
# A receiver may change tokens and fields in place, or raise ContentError.
markdown_parsed = signal("dossier_markdown_parsed")
# Sent with `document=ParsedDocument` and `html=` the sanitized body, for
# plugins that derive data from what readers will see; a receiver adds it to
# `document.extra_metadata`, so it is computed once and kept in the cache.
markdown_rendered = signal("dossier_markdown_rendered")


@dataclass
class ParsedDocument:
    path: str  # content-relative, for messages
    fields: dict[str, Field]
    tokens: list[Token]
    env: dict[str, Any]
    summary_tokens: list[Token] | None
    summary_env: dict[str, Any]
    settings: dict[str, Any]
    # the decoded source, one string a line, for plugins that must tell
    # apart token streams markdown-it renders alike (an unclosed container)
    source_lines: list[str] = field(default_factory=list)
    # what plugins want published with the entry, such as redaction counts
    extra_metadata: dict[str, Any] = field(default_factory=dict)

    def value(self, name: str, default: str | None = None) -> str | None:
        found = self.fields.get(name)
        return found.value if found else default

    def line(self, name: str, default: int = 1) -> int:
        found = self.fields.get(name)
        return found.line if found else default
