"""Render Markdown the way the reader does, with the redaction in between.

The reader's own steps, without a file or a Pelican build: parse, send the
document through `redact_document`, refuse leftover markup, add heading
ids, render, sanitize.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from markdown_reader.document import ParsedDocument
from markdown_reader.header import Field
from markdown_reader.markdown import add_heading_ids, build_markdown
from markdown_reader.reader import refuse_unhandled_redaction
from redaction import redact_document
from redaction.config import RedactionSettings
from redaction.marks import Marks, Redaction
from redaction.policy import Policy
from redaction.scope import Scope
from sanitize import clean_html

import pelicanconf

REASONS = {
    "name": "personal name",
    "email": "e-mail address",
    "ip": "internal address",
    "source": "source protection",
}
NAMES = ["Marta Quill", "Osric Fenn"]
ALLOW = ["security@acme.example", "192.0.2.0/24", "2001:db8::/32"]
PATH = "content/volumes/v/doc.md"
MD = build_markdown()


def marks() -> Marks:
    return RedactionSettings.read({"REDACTION_REASONS": REASONS}).marks()


def policy(names: list[str] | None = None) -> Policy:
    return Policy(names=NAMES if names is None else names, allow=ALLOW)


def scope(names: list[str] | None = None) -> Scope:
    return Scope(PATH, policy(names), marks())


def mark(reason: str | None = None, block: bool = False) -> str:
    """The exact HTML of a mark, as the sanitizer leaves it."""
    return clean_html(str(marks().html(reason, block=block)))


def text_mark(reason: str | None = None) -> str:
    return marks().text(reason)


@dataclass
class Rendered:
    html: str
    found: list[Redaction]
    document: ParsedDocument
    summary: str | None = None
    fields: dict[str, Field] = field(default_factory=dict)


def render(
    body: str,
    *,
    names: list[str] | None = None,
    fields: dict[str, str] | None = None,
    path: str = PATH,
) -> Rendered:
    """Render a body (its first line is line 1 of the file) and header fields."""
    header = {
        name: Field(name, value, number)
        for number, (name, value) in enumerate((fields or {}).items(), start=1)
    }
    offset = len(header) + 1 if header else 0
    env: dict = {}
    tokens = MD.parse(body, env)
    for token in tokens:
        if token.map:
            token.map = [token.map[0] + offset, token.map[1] + offset]
    summary_tokens, summary_env = None, {}
    if "summary" in header:
        summary_tokens = MD.parse(header["summary"].value, summary_env)
        line = header["summary"].line - 1
        for token in summary_tokens:
            if token.map:
                token.map = [token.map[0] + line, token.map[1] + line]
    document = ParsedDocument(
        path, header, tokens, env, summary_tokens, summary_env, {}
    )
    source = [f"{k}: {v}" for k, v in (fields or {}).items()]
    source = [*source, ""] if source else []
    the_scope = Scope(path, policy(names), marks())
    redact_document(document, the_scope, [*source, *body.split("\n")])
    refuse_unhandled_redaction(document)
    add_heading_ids(document.tokens)
    html = clean_html(MD.renderer.render(document.tokens, MD.options, env))
    summary = None
    if document.summary_tokens is not None:
        summary = clean_html(
            MD.renderer.render(document.summary_tokens, MD.options, summary_env)
        )
    return Rendered(html, the_scope.found, document, summary, header)


def plugin_settings(*before_redaction: str, redaction: bool = True) -> list[str]:
    """PLUGINS and DOSSIER_PLUGINS for a build, as `-e` pairs: the project's
    pipeline, with test plugins just before redaction, or without it."""
    base = [p for p in pelicanconf.PLUGINS if p != "redaction"]
    at = base.index("content_model") + 1
    middle = [*before_redaction, "redaction"] if redaction else list(before_redaction)
    required = [p for p in pelicanconf.DOSSIER_PLUGINS if p != "redaction"]
    if redaction:
        required.insert(required.index("content_model") + 1, "redaction")
    return [
        f"PLUGINS={json.dumps([*base[:at], *middle, *base[at:]])}",
        f"DOSSIER_PLUGINS={json.dumps(required)}",
    ]
