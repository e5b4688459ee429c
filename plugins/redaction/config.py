"""The redaction settings, read once per build with their defaults and checked.

A mistake here (a pattern that does not compile, a names file that is not
there) must stop the build: running without part of the policy would
publish what it was meant to withhold.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .marks import Marks
from .policy import NAME_REASON, Policy, parse_names

# Labels for the policy's own reasons, unless REDACTION_REASONS relabels them.
BUILT_IN_REASONS = {
    "email": "e-mail address",
    "ip": "internal address",
    NAME_REASON: "personal name",
}
# The guard does not look for shorter originals: two or three letters occur
# innocently everywhere, and cannot identify anyone (see docs/redaction.md).
GUARD_MIN_LENGTH = 4
# Lines of a redacted block are looked for only from this length: a block's
# short lines ("}", "- yes") are too common to prove a leak.
GUARD_MIN_BLOCK_LINE = 12


class RedactionConfigError(Exception):
    """A redaction setting is wrong; the message names it and says how to fix it."""


@dataclass(frozen=True)
class RedactionSettings:
    reasons: dict[str, str]
    patterns: tuple[tuple[str, str], ...] = ()
    names_file: Path | None = None
    allow: tuple[str, ...] = ()
    report: Path | None = None
    guard_min_length: int = GUARD_MIN_LENGTH
    guard_min_block_line: int = GUARD_MIN_BLOCK_LINE

    @classmethod
    def read(cls, settings: Mapping[str, Any]) -> RedactionSettings:
        reasons = {**BUILT_IN_REASONS, **dict(settings.get("REDACTION_REASONS") or {})}
        for key, label in reasons.items():
            if not isinstance(key, str) or not re.fullmatch(r"[\w-]+", key):
                raise RedactionConfigError(
                    f"REDACTION_REASONS: {key!r} is not a reason id; use letters, "
                    "digits, - and _ (the id editors write as reason=id)"
                )
            if not isinstance(label, str) or not label.strip():
                raise RedactionConfigError(
                    f"REDACTION_REASONS: reason {key!r} needs a label shown to readers"
                )
        patterns = []
        for item in settings.get("REDACTION_PATTERNS") or ():
            if not (isinstance(item, (tuple, list)) and len(item) == 2):
                raise RedactionConfigError(
                    "REDACTION_PATTERNS: expected (reason, regex) pairs, "
                    f"found {item!r}"
                )
            reason, pattern = str(item[0]), str(item[1])
            if reason not in reasons:
                raise RedactionConfigError(
                    f"REDACTION_PATTERNS: reason {reason!r} of {pattern!r} is not "
                    "declared in REDACTION_REASONS"
                )
            try:
                compiled = re.compile(pattern)
            except re.error as error:
                raise RedactionConfigError(
                    f"REDACTION_PATTERNS: {pattern!r} is not a regular expression "
                    f"({error})"
                ) from None
            if compiled.fullmatch(""):
                raise RedactionConfigError(
                    f"REDACTION_PATTERNS: {pattern!r} matches empty text"
                )
            patterns.append((reason, pattern))
        names_file = settings.get("REDACTION_NAMES_FILE")
        report = settings.get("REDACTION_REPORT")
        return cls(
            reasons=reasons,
            patterns=tuple(patterns),
            names_file=Path(names_file) if names_file else None,
            allow=tuple(str(a) for a in settings.get("REDACTION_ALLOW") or ()),
            report=Path(report) if report else None,
        )

    def names(self) -> list[str]:
        if self.names_file is None:
            return []
        try:
            text = self.names_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise RedactionConfigError(
                f"REDACTION_NAMES_FILE: cannot read {self.names_file} ({error}); "
                "fix the path or remove the setting"
            ) from None
        return parse_names(text)

    def policy(self) -> Policy:
        return Policy(self.patterns, self.names(), self.allow)

    def marks(self) -> Marks:
        return Marks(self.reasons)
