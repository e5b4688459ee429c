"""Redaction of a parsed document's block tokens, footnotes and header fields.

`redact_tokens` is the whole transformation for one token stream (the body,
or the summary): every `::: redact` block becomes one block mark, every
inline token goes through `InlineRedactor`, code and raw HTML blocks get the
literal-text rule of scope.py. Footnotes are moved to the end of the stream
by markdown-it, out of the block that contained them, so they are decided
first: a footnote defined inside a redacted block, or whose every reference
was redacted, is redacted whole (its back-link would point at nothing).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from markdown_it.token import Token
from markupsafe import Markup

from .inline import (
    InlineRedactor,
    closing,
    is_redact,
    plain_text,
    redact_attrs,
    segments_html,
)
from .literal_html import redact_raw_html
from .scope import MARKUP_HELP, Scope

CONTAINER_INFO = re.compile(
    r"""^\s*redact(?:\s+reason=(?:"(?P<quoted>[^"]*)"|(?P<bare>[^\s"]+)))?\s*$"""
)
OPEN, CLOSE = "container_redact_open", "container_redact_close"
NOT_REDACTED = "\x00not redacted"  # not a reason id: those are \w and -


@dataclass
class Footnotes:
    """Which footnotes are redacted whole, and why."""

    whole: dict[int, str | None] = field(default_factory=dict)  # id -> reason
    orphaned: set[int] = field(default_factory=set)  # every reference redacted
    first_line: dict[int, int] = field(default_factory=dict)


def redact_tokens(
    scope: Scope, tokens: list[Token], source_lines: list[str] | None, placement: str
) -> list[Token]:
    """The redacted token stream; records every redaction in `scope.found`."""
    footnotes = plan_footnotes(scope, tokens)
    out: list[Token] = []
    line = 1
    index = 0
    while index < len(tokens):
        token = tokens[index]
        line = token.map[0] + 1 if token.map else line
        if token.type == "footnote_block_open":
            placement = f"{placement} footnote"
        if token.type == OPEN:
            end = closing(tokens, index, CLOSE)
            out.append(
                block(scope, token, tokens[index + 1 : end], source_lines, placement)
            )
            index = end + 1
        elif token.type == "footnote_open" and token.meta.get("id") in footnotes.whole:
            end = closing(tokens, index, "footnote_close")
            out += whole_footnote(scope, tokens[index : end + 1], footnotes)
            index = end + 1
        else:
            out.append(one_block(scope, token, line, where(tokens, index, placement)))
            index += 1
    return out


def one_block(scope: Scope, token: Token, line: int, placement: str) -> Token:
    if token.type == "inline":
        token.children = InlineRedactor(scope, placement).redact(
            token.children or [], line
        )
        token.content = plain_text(token.children)
        return token
    if token.type in ("fence", "code_block"):
        return code(scope, token, line)
    if token.type == "html_block":
        token.content = redact_raw_html(scope, token.content, line, placement)
        return token
    if token.attrs:
        redact_attrs(scope, token, line, placement)
    return token


def where(tokens: list[Token], index: int, placement: str) -> str:
    """The audit's name for where an inline token sits."""
    previous = tokens[index - 1].type if index else ""
    if previous == "heading_open":
        return f"{placement} heading"
    if previous in ("th_open", "td_open"):
        return f"{placement} table"
    return placement


def container_reason(scope: Scope, token: Token, line: int) -> str | None:
    info = CONTAINER_INFO.match(token.info)
    if info is None:
        raise scope.error(
            line, f"malformed redaction block ':::{token.info}'; {MARKUP_HELP}"
        )
    value = info["quoted"] if info["quoted"] is not None else info["bare"]
    return scope.reason(value, line)


def block(
    scope: Scope,
    token: Token,
    inner: list[Token],
    source_lines: list[str] | None,
    placement: str,
) -> Token:
    """A `::: redact` block as one block mark."""
    assert token.map is not None
    line = token.map[0] + 1
    reason = container_reason(scope, token, line)
    if source_lines is not None:
        refuse_unclosed(scope, token, inner, source_lines)
    original = block_text(inner)
    if not original.strip():
        raise scope.error(
            line,
            "empty redaction block; put the text to withhold between "
            "::: redact and :::, or remove both lines",
        )
    scope.record(line, reason, "markup", f"{placement} block", original, block=True)
    return block_mark(scope, reason, token.map)


def block_mark(scope: Scope, reason: str | None, lines: list[int] | None) -> Token:
    mark = Token(
        "html_block", "", 0, content=f"{scope.marks.html(reason, block=True)}\n"
    )
    mark.block = True
    mark.map = lines
    mark.meta = {"redaction": True}
    return mark


def refuse_unclosed(
    scope: Scope, token: Token, inner: list[Token], source_lines: list[str]
) -> None:
    """Every `::: redact` in the block, nested ones too, must have its `:::`."""
    assert token.map is not None
    outer_end = token.map[1]
    for candidate in [token, *(t for t in inner if t.type == OPEN)]:
        assert candidate.map is not None
        # a nested block closed by markdown-it ends on its parent's closing line
        nested_unclosed = candidate is not token and candidate.map[1] >= outer_end
        if nested_unclosed or not is_closed(candidate, source_lines):
            raise scope.error(
                candidate.map[0] + 1,
                "redaction block ::: redact is never closed; add a line with ::: "
                "where the withheld text ends",
            )


def is_closed(token: Token, source_lines: list[str]) -> bool:
    """markdown-it closes an unclosed container at the end of its parent.

    A closed one ends on a line of at least as many colons as it opened with.
    """
    assert token.map is not None
    last = token.map[1]
    if last >= len(source_lines):
        return False
    closing_line = source_lines[last].strip()
    return (
        bool(closing_line)
        and set(closing_line) == {":"}
        and len(closing_line) >= len(token.markup)
    )


def block_text(tokens: list[Token]) -> str:
    """The readable text of block tokens, one line per source line."""
    parts = []
    for token in tokens:
        if token.type == "inline":
            parts.append(plain_text(token.children or []))
        elif token.type in ("fence", "code_block", "html_block"):
            parts.append(token.content.rstrip("\n"))
    return "\n".join(parts)


def code(scope: Scope, token: Token, line: int) -> Token:
    """Code is literal text: the policy and literal markup apply line by line."""
    scope.refuse_leftover(token.info, line)
    if scope.policy.withheld(token.info):
        raise scope.error(
            line,
            "the language name of a code block matches the redaction policy; remove it",
        )
    first = line + 1 if token.type == "fence" else line
    segments = scope.split(token.content, first, "code block")
    if all(isinstance(s, str) for s in segments):
        return token
    language = token.info.strip().split(maxsplit=1)[0] if token.info.strip() else ""
    opening = (
        Markup('<pre><code class="language-{}">').format(language)
        if language
        else Markup("<pre><code>")
    )
    html = opening + segments_html(scope, segments) + Markup("</code></pre>\n")
    replaced = Token("html_block", "", 0, content=str(html))
    replaced.block = True
    replaced.map = token.map
    return replaced


def plan_footnotes(scope: Scope, tokens: list[Token]) -> Footnotes:
    """Find footnotes to redact whole, before any token is changed."""
    plan = Footnotes()
    ranges: list[tuple[int, int, str | None]] = []
    total: Counter[int] = Counter()
    removed: dict[int, list[str | None]] = {}  # reasons of redacted references
    line = 1
    depth: list[str | None] = []  # reasons of enclosing redact blocks
    for token in tokens:
        line = token.map[0] + 1 if token.map else line
        if token.type == OPEN:
            reason = container_reason(scope, token, line)
            assert token.map is not None
            ranges.append((token.map[0], token.map[1], reason))
            depth.append(reason)
        elif token.type == CLOSE:
            depth.pop()
        for child, span_reason in _children_with_span(token):
            if child.type != "footnote_ref":
                continue
            ident = child.meta["id"]
            total[ident] += 1
            plan.first_line.setdefault(ident, line)
            if depth:
                removed.setdefault(ident, []).append(depth[-1])
            elif span_reason != NOT_REDACTED:
                removed.setdefault(ident, []).append(span_reason)
    for ident, reasons in removed.items():
        if len(reasons) == total[ident]:
            plan.orphaned.add(ident)
            plan.whole[ident] = reasons[0]
    current: int | None = None
    for token in tokens:
        if token.type == "footnote_open":
            current = token.meta.get("id")
        elif token.type == "footnote_close":
            current = None
        elif current is not None and token.map:
            for start, end, reason in ranges:
                if start <= token.map[0] < end:
                    plan.whole.setdefault(current, reason)
    return plan


def _children_with_span(token: Token) -> list[tuple[Token, str | None]]:
    """Inline children, each with the reason of its outermost redact span,
    or NOT_REDACTED (None is a span without a reason)."""
    found: list[tuple[Token, str | None]] = []
    stack: list[str | None] = []
    for child in token.children or []:
        if child.type == "span_open":
            reason = child.attrGet("reason")
            stack.append(str(reason) if reason else None)
            if not is_redact(child):
                stack[-1] = NOT_REDACTED
        elif child.type == "span_close" and stack:
            stack.pop()
        redacting = [s for s in stack if s != NOT_REDACTED]
        found.append((child, redacting[0] if redacting else NOT_REDACTED))
    return found


def whole_footnote(scope: Scope, tokens: list[Token], plan: Footnotes) -> list[Token]:
    """A footnote as one block mark; its back-links go if its references went."""
    ident = tokens[0].meta["id"]
    reason = plan.whole[ident]
    line = next((t.map[0] + 1 for t in tokens if t.map), plan.first_line.get(ident, 1))
    body = [t for t in tokens[1:-1] if t.type != "footnote_anchor"]
    scope.record(line, reason, "markup", "footnote", block_text(body), block=True)
    out = [tokens[0], block_mark(scope, reason, None)]
    if ident not in plan.orphaned:
        out += [t for t in tokens if t.type == "footnote_anchor"]
    return [*out, tokens[-1]]
