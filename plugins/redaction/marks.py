"""What a redaction leaves behind: one fixed mark, and a record for the audit.

The mark is the same for every redaction with the same reason, whatever was
removed, so it carries nothing of the original: not its length, its first
letter or its case. HTML is built only through markupsafe.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from markupsafe import Markup

UNSTATED = "redacted"  # what a mark says when the editor gave no reason
UNSTATED_COUNT = "no reason given"  # the same, in a document's count


@dataclass(frozen=True)
class Redaction:
    """One redaction, for the guard and the editors' audit (never published)."""

    path: str  # content/… as in error messages
    line: int
    reason: str | None  # a key of REDACTION_REASONS, or None
    kind: str  # "markup" or "policy"
    placement: str  # body, heading, code, link, image, title, tags, …
    original: str
    block: bool = False


@dataclass(frozen=True)
class Marks:
    """Builds marks from the declared reasons (id -> label shown to readers)."""

    reasons: dict[str, str]

    def label(self, reason: str | None) -> str:
        return self.reasons.get(reason, reason) if reason else UNSTATED

    def accessible(self, reason: str | None) -> str:
        return f"redacted: {self.label(reason)}" if reason else UNSTATED

    def html(self, reason: str | None, block: bool = False) -> Markup:
        """The inline (span) or block (div) mark."""
        name = "div" if block else "span"
        css = "redaction redaction-block" if block else "redaction"
        label = self.accessible(reason)
        return Markup(
            '<{name} class="{css}" role="img" aria-label="{label}" title="{label}">'
            '<span class="redaction-reason">{reason}</span></{name}>'
        ).format(name=name, css=css, label=label, reason=self.label(reason))

    def text(self, reason: str | None) -> str:
        """The mark where only plain text can go: titles, alt text, attributes."""
        return f"[{self.accessible(reason)}]"


@dataclass(frozen=True)
class Summary:
    """What a document says about its redactions: "3 redactions: 2 name, 1 ip"."""

    total: int
    by_reason: tuple[tuple[str, int], ...]

    def __str__(self) -> str:
        noun = "redaction" if self.total == 1 else "redactions"
        parts = ", ".join(f"{count} {label}" for label, count in self.by_reason)
        return f"{self.total} {noun}: {parts}" if parts else f"{self.total} {noun}"


def summarize(found: list[Redaction], marks: Marks) -> Summary:
    """Count by reason, most frequent first, then by label."""
    counts = Counter(
        marks.label(r.reason) if r.reason else UNSTATED_COUNT for r in found
    )
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return Summary(len(found), tuple(ordered))
