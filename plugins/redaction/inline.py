"""Redaction of inline tokens: spans, text, code spans, links, images, raw HTML.

`redact_inline` returns new children for one inline token. Inside an image
(`as_text`), marks are plain text, because alt text cannot hold HTML.
Consecutive text and line breaks are scanned as one string, so a name
wrapped across two source lines is still found; the breaks are put back.
"""

from __future__ import annotations

import re

from markdown_it.token import Token
from markupsafe import Markup, escape

from .literal_html import redact_raw_html
from .policy import Match
from .scope import Cut, Scope, Segment

BREAKS = ("softbreak", "hardbreak")
URL_ATTRS = ("href", "src")
# the rest of a link markdown-it could not parse: ` wiki](https://…)`
LINK_TEXT_END = re.compile(r"[^\[\]]*\]\(")


def is_redact(token: Token) -> bool:
    return "redact" in str(token.attrGet("class") or "").split()


def mark_token(scope: Scope, reason: str | None, as_text: bool) -> Token:
    if as_text:
        token = Token("text", "", 0, content=scope.marks.text(reason))
    else:
        token = Token("html_inline", "", 0, content=str(scope.marks.html(reason)))
    token.meta = {"redaction": True}
    return token


def plain_text(tokens: list[Token]) -> str:
    """What a reader would have seen of these tokens, lines kept."""
    parts = []
    for token in tokens:
        if token.type in ("text", "code_inline"):
            parts.append(token.content)
        elif token.type in BREAKS:
            parts.append("\n")
        elif token.type == "image":
            parts.append(plain_text(token.children or []))
    return "".join(parts)


def closing(tokens: list[Token], start: int, close_type: str) -> int:
    """Index of the token closing `tokens[start]`, counting nested pairs."""
    depth = 0
    open_type = tokens[start].type
    for index in range(start, len(tokens)):
        if tokens[index].type == open_type:
            depth += 1
        elif tokens[index].type == close_type:
            depth -= 1
            if depth == 0:
                return index
    return len(tokens) - 1


def lines_in(tokens: list[Token]) -> int:
    return sum(1 for t in tokens if t.type in BREAKS) + sum(
        t.content.count("\n") for t in tokens if t.type == "code_inline"
    )


def segments_html(scope: Scope, segments: list[Segment]) -> Markup:
    return Markup("").join(
        escape(s) if isinstance(s, str) else scope.marks.html(s.reason)
        for s in segments
    )


def redact_attrs(scope: Scope, token: Token, line: int, placement: str) -> None:
    """Titles and other attribute values get plain-text marks; URLs are separate."""
    for name, value in list(token.attrs.items()):
        if name not in URL_ATTRS and name != "class" and isinstance(value, str):
            token.attrSet(name, scope.text(value, line, f"{placement} {name}"))


class InlineRedactor:
    """Walks one inline token's children; see the module docstring."""

    def __init__(self, scope: Scope, placement: str) -> None:
        self.scope = scope
        self.placement = placement

    def redact(
        self, children: list[Token], line: int, as_text: bool = False
    ) -> list[Token]:
        out: list[Token] = []
        index = 0
        while index < len(children):
            token = children[index]
            if token.meta and token.meta.get("redaction"):
                out.append(token)  # a mark from an earlier pass
                index += 1
            elif token.type == "text" or token.type in BREAKS:
                end = index
                while end < len(children) and (
                    children[end].type == "text" or children[end].type in BREAKS
                ):
                    end += 1
                out += self.text_run(children[index:end], line, as_text)
                line += lines_in(children[index:end])
                index = end
            elif token.type == "span_open" and is_redact(token):
                end = closing(children, index, "span_close")
                self.refuse_link_text(children, end, line)
                out.append(self.span(token, children[index + 1 : end], line, as_text))
                line += lines_in(children[index : end + 1])
                index = end + 1
            elif token.type == "link_open":
                end = closing(children, index, "link_close")
                out += self.link(children[index : end + 1], line, as_text)
                line += lines_in(children[index : end + 1])
                index = end + 1
            else:
                out.append(self.single(token, line, as_text))
                line += lines_in([token])
                index += 1
        return out

    def span(self, token: Token, inner: list[Token], line: int, as_text: bool) -> Token:
        scope = self.scope
        reason = scope.reason(token.attrGet("reason"), line)
        original = plain_text(inner)
        if not original.strip() and not any(t.type == "image" for t in inner):
            raise scope.error(
                line,
                "empty redaction []{.redact}; put the text to "
                "withhold between the brackets, or remove the markup",
            )
        scope.record(line, reason, "markup", self.placement, original)
        return mark_token(scope, reason, as_text)

    def text_run(self, run: list[Token], line: int, as_text: bool) -> list[Token]:
        """Policy over text and breaks joined; breaks outside a match are kept."""
        scope = self.scope
        joined = "".join("\n" if t.type in BREAKS else t.content for t in run)
        scope.refuse_leftover(joined, line)
        matches = scope.policy.withheld(joined)
        if not matches:
            return run
        for match in matches:
            at = line + joined[: match.start].count("\n")
            scope.record(at, match.reason, "policy", self.placement, match.text)
        out: list[Token] = []
        start = 0
        for token in run:
            end = start + (1 if token.type in BREAKS else len(token.content))
            out += self._cut(token, start, end, joined, matches, as_text)
            start = end
        return out

    def _cut(
        self,
        token: Token,
        start: int,
        end: int,
        joined: str,
        matches: list[Match],
        as_text: bool,
    ) -> list[Token]:
        """One token of a text run, with the withheld parts replaced by marks."""
        out: list[Token] = []
        cursor = start
        for match in matches:
            if match.end <= start or match.start >= end:
                continue
            if match.start > cursor and token.type not in BREAKS:
                out.append(Token("text", "", 0, content=joined[cursor : match.start]))
            if match.start >= start:
                out.append(mark_token(self.scope, match.reason, as_text))
            cursor = max(cursor, min(match.end, end))
        if cursor < end:
            if token.type in BREAKS:
                out.append(token)
            else:
                out.append(Token("text", "", 0, content=joined[cursor:end]))
        return out

    def single(self, token: Token, line: int, as_text: bool) -> Token:
        scope = self.scope
        if token.type == "code_inline":
            if is_redact(token):
                reason = scope.reason(token.attrGet("reason"), line)
                scope.record(
                    line, reason, "markup", f"{self.placement} code", token.content
                )
                return mark_token(scope, reason, as_text)
            segments = scope.split(token.content, line, f"{self.placement} code")
            if all(isinstance(s, str) for s in segments):
                return token
            if as_text:
                return Token("text", "", 0, content=self.as_plain(segments))
            html = Markup("<code>{}</code>").format(segments_html(scope, segments))
            return Token("html_inline", "", 0, content=str(html))
        if token.type == "html_inline":
            token.content = redact_raw_html(scope, token.content, line, self.placement)
            return token
        if token.type == "image":
            return self.image(token, line, as_text)
        if token.attrs:
            redact_attrs(scope, token, line, self.placement)
        return token

    def as_plain(self, segments: list[Segment]) -> str:
        return "".join(
            s if isinstance(s, str) else self.scope.marks.text(s.reason)
            for s in segments
        )

    def image(self, token: Token, line: int, as_text: bool) -> Token:
        scope = self.scope
        src = str(token.attrGet("src") or "")
        scope.refuse_in_url(src, line, "image source")
        alt = plain_text(token.children or [])
        if is_redact(token):
            reason = scope.reason(token.attrGet("reason"), line)
            scope.record(line, reason, "markup", f"{self.placement} image", alt or src)
            return mark_token(scope, reason, as_text)
        hits = scope.policy.withheld(src)
        if hits:
            for hit in hits:
                scope.record(
                    line, hit.reason, "policy", f"{self.placement} image", hit.text
                )
            return mark_token(scope, hits[0].reason, as_text)
        inner = InlineRedactor(scope, f"{self.placement} image alt")
        token.children = inner.redact(token.children or [], line, as_text=True)
        token.content = plain_text(token.children)
        redact_attrs(scope, token, line, f"{self.placement} image")
        return token

    def link(self, tokens: list[Token], line: int, as_text: bool) -> list[Token]:
        """A link's text is redacted like any text; a withheld target drops the link."""
        scope = self.scope
        opening, inner, close = tokens[0], tokens[1:-1], tokens[-1]
        href = str(opening.attrGet("href") or "")
        scope.refuse_in_url(href, line, "link target")
        if opening.markup == "autolink":
            hits = scope.policy.withheld(href) or scope.policy.withheld(
                plain_text(inner)
            )
            if hits:
                scope.record(
                    line,
                    hits[0].reason,
                    "policy",
                    f"{self.placement} link",
                    plain_text(inner),
                )
                return [mark_token(scope, hits[0].reason, as_text)]
        text = InlineRedactor(scope, f"{self.placement} link text").redact(
            inner, line, as_text
        )
        dropped: Cut | None = None
        if is_redact(opening):
            dropped = Cut(scope.reason(opening.attrGet("reason"), line), href)
            scope.record(
                line, dropped.reason, "markup", f"{self.placement} link target", href
            )
        else:
            hits = scope.policy.withheld(href)
            for hit in hits:
                scope.record(
                    line,
                    hit.reason,
                    "policy",
                    f"{self.placement} link target",
                    hit.text,
                )
            if hits:
                dropped = Cut(hits[0].reason, href)
        if dropped is not None:
            space = Token("text", "", 0, content=" ")
            return [*text, space, mark_token(scope, dropped.reason, as_text)]
        redact_attrs(scope, opening, line, f"{self.placement} link")
        return [opening, *text, close]

    def refuse_link_text(self, children: list[Token], end: int, line: int) -> None:
        """`[see [x]{.redact}](url)` is not a link to markdown-it: say why."""
        following = children[end + 1] if end + 1 < len(children) else None
        if (
            following is not None
            and following.type == "text"
            and LINK_TEXT_END.match(following.content)
        ):
            raise self.scope.error(
                line,
                "a redaction inside link text breaks the link; redact the whole "
                "link with [[text](url)]{.redact}, or only its target with "
                "[text](url){.redact}",
            )
