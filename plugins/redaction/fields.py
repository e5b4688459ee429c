"""Redaction of header values shown to readers, and of names in file names.

Title, Organization, Version-Note and Withdrawn-Reason are plain text on the
page, in `<title>` and in feeds, so they get the plain-text mark. A tag with
any redaction in it becomes the mark as a whole: half a tag would still
name its tag page. Source is a URL, where no mark can stand. The Summary is
Markdown and is redacted as tokens; its header value only gets the
plain-text mark so that no plugin reading it later finds the original.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import PurePosixPath
from typing import Protocol

from .scope import Cut, Scope

TEXT_FIELDS = ("title", "organization", "version-note", "withdrawn-reason")
URL_FIELDS = ("source",)


class HeaderField(Protocol):
    name: str
    value: str
    line: int


def redact_fields(scope: Scope, fields: Mapping[str, HeaderField]) -> None:
    """Change header values in place; records every redaction."""
    for name in TEXT_FIELDS:
        if name in fields:
            found = fields[name]
            found.value = scope.text(found.value, found.line, name)
    if "tags" in fields:
        found = fields["tags"]
        found.value = ", ".join(
            _tag(scope, tag.strip(), found.line) for tag in found.value.split(",")
        )
    if "summary" in fields:
        found = fields["summary"]
        # not recorded: the summary's tokens are, and a mark is counted once
        quiet = Scope(scope.path, scope.policy, scope.marks)
        found.value = quiet.text(found.value, found.line, "summary")
    for name in URL_FIELDS:
        if name in fields:
            _url(scope, fields[name])


def _tag(scope: Scope, tag: str, line: int) -> str:
    segments = scope.split(tag, line, "tags")
    cuts = [s for s in segments if isinstance(s, Cut)]
    return scope.marks.text(cuts[0].reason) if cuts else tag


def _url(scope: Scope, found: HeaderField) -> None:
    scope.refuse_in_url(found.value, found.line, f"the {found.name.title()} header")
    hits = scope.policy.withheld(found.value)
    if hits:
        raise scope.error(
            found.line,
            f"{found.name.title()} matches the redaction policy ({hits[0].reason}); "
            "a published address must be public: remove it, or add it to "
            "REDACTION_ALLOW if it is",
        )


def refuse_names_in_path(scope: Scope, path: str) -> None:
    """A name in a file or folder name would be published in the URL."""
    parts = PurePosixPath(path).with_suffix("").parts[1:]
    for part in parts:
        words = part.replace("-", " ").replace("_", " ")
        if any(m.reason == "name" for m in scope.policy.withheld(words)):
            raise scope.error(
                1,
                f'the name "{part}" in the file path contains a name from the '
                "names file, and would be published in the URL; rename it",
            )
