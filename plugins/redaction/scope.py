"""One document's redaction: its policy, its marks, what it found, its errors.

Also the rule for text that Markdown does not parse (code, raw HTML, header
values): `[text]{.redact}` is honoured there too, because an editor who
writes it means it, and treating it as literal text would publish exactly
what they meant to withhold. Any other brace group naming `.redact` is
malformed and stops the build.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import unquote

from content_model.errors import ContentError

from .marks import Marks, Redaction
from .policy import Policy

# `[text]{attributes}` in literal text; the attributes decide (see `_span`)
LITERAL_SPAN = re.compile(r"\[(?P<text>[^\[\]\n]*)\]\{(?P<attrs>[^{}\n]*)\}")
SPAN_ATTRS = re.compile(
    r"""^\s*\.redact(?:\s+reason=(?:"(?P<quoted>[^"]*)"|(?P<bare>[^\s"}]+)))?\s*$"""
)
REDACT_CLASS = re.compile(r"(?<![\w-])\.redact(?![\w-])")
# what is left of redaction markup that neither markdown-it nor LITERAL_SPAN took
LEFTOVER = re.compile(r"\{[^{}\n]*\.redact(?![\w-])|^[ \t]*:{3,}[ \t]*redact\b", re.M)
MARKUP_HELP = (
    "write [text]{.redact} or [text]{.redact reason=name} for a span, and "
    "::: redact (or ::: redact reason=name) … ::: for a block"
)


@dataclass(frozen=True)
class Cut:
    """A stretch of literal text to replace with a mark."""

    reason: str | None
    original: str


Segment = str | Cut


@dataclass
class Scope:
    """Everything one document's redaction needs; `found` is its audit trail."""

    path: str
    policy: Policy
    marks: Marks
    found: list[Redaction] = field(default_factory=list)

    def error(self, line: int, message: str) -> ContentError:
        return ContentError(self.path, line, message)

    def reason(self, value: str | None, line: int) -> str | None:
        """A markup reason, which must be declared in REDACTION_REASONS."""
        if value is None:
            return None
        if value not in self.marks.reasons:
            declared = ", ".join(sorted(self.marks.reasons)) or "none"
            raise self.error(
                line,
                f'unknown redaction reason "{value}"; declared reasons: {declared} '
                "(REDACTION_REASONS in pelicanconf.py); use one of them or "
                "declare it there",
            )
        return value

    def record(
        self,
        line: int,
        reason: str | None,
        kind: str,
        placement: str,
        original: str,
        block: bool = False,
    ) -> None:
        self.found.append(
            Redaction(self.path, line, reason, kind, placement, original, block)
        )

    def refuse_leftover(self, text: str, line: int) -> None:
        """Malformed markup left as text would publish what it meant to hide."""
        found = LEFTOVER.search(text)
        if found:
            at = line + text[: found.start()].count("\n")
            raise self.error(
                at,
                f"malformed redaction markup {found.group().strip()!r}; {MARKUP_HELP}",
            )

    def refuse_in_url(self, url: str, line: int, where: str) -> None:
        """A mark cannot render inside a URL: the target would stay readable."""
        decoded = unquote(url)
        if REDACT_CLASS.search(decoded) or LEFTOVER.search(decoded):
            raise self.error(
                line,
                f"a redaction mark would render inside a URL ({where}); a URL "
                "cannot hold a mark: redact the whole link with "
                "[[text](url)]{.redact}, or its target with [text](url){.redact}",
            )

    def split(self, text: str, line: int, placement: str) -> list[Segment]:
        """Literal text as pieces to keep and cuts to mark; records every cut."""
        segments: list[Segment] = []
        position = 0
        for span in LITERAL_SPAN.finditer(text):
            parsed = self._span(span, line + text[: span.start()].count("\n"))
            if parsed is None:
                continue
            before = text[position : span.start()]
            segments += self._policy(
                before, line + text[:position].count("\n"), placement
            )
            at = line + text[: span.start()].count("\n")
            self.record(at, parsed.reason, "markup", placement, parsed.original)
            segments.append(parsed)
            position = span.end()
        rest = text[position:]
        segments += self._policy(rest, line + text[:position].count("\n"), placement)
        return segments

    def text(self, value: str, line: int, placement: str) -> str:
        """Literal text with every cut replaced by the plain-text mark."""
        return "".join(
            s if isinstance(s, str) else self.marks.text(s.reason)
            for s in self.split(value, line, placement)
        )

    def _span(self, span: re.Match[str], line: int) -> Cut | None:
        attrs = span["attrs"]
        if not REDACT_CLASS.search(attrs):
            return None
        parsed = SPAN_ATTRS.match(attrs)
        if parsed is None:
            raise self.error(
                line, f"malformed redaction markup {'{' + attrs + '}'!r}; {MARKUP_HELP}"
            )
        if not span["text"].strip():
            raise self.error(line, f"empty redaction []{{{attrs}}}; {EMPTY_HELP}")
        value = parsed["quoted"] if parsed["quoted"] is not None else parsed["bare"]
        return Cut(self.reason(value, line), span["text"])

    def _policy(self, text: str, line: int, placement: str) -> list[Segment]:
        self.refuse_leftover(text, line)
        segments: list[Segment] = []
        position = 0
        for match in self.policy.withheld(text):
            segments.append(text[position : match.start])
            at = line + text[: match.start].count("\n")
            self.record(at, match.reason, "policy", placement, match.text)
            segments.append(Cut(match.reason, match.text))
            position = match.end
        segments.append(text[position:])
        return [s for s in segments if s != ""]


EMPTY_HELP = "put the text to withhold between the brackets, or remove the markup"
