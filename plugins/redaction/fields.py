"""Redaction of header values shown to readers, and of names in file names.

Title, Organization, Version-Note and Withdrawn-Reason are plain text on the
page, in `<title>` and in feeds, so they get the plain-text mark. A tag with
any redaction in it becomes the mark as a whole: half a tag would still
name its tag page. Source is a URL, where no mark can stand. The Summary is
Markdown and is redacted as tokens; its header value only gets the
plain-text mark so that no plugin reading it later finds the original.

A name also reaches readers through URLs: a file or folder name, the Slug
header, a tag's slug, an attachment's file name. There `-`, `_` and `.`
stand between words where text has spaces, so the names are looked for
with those read as spaces too (and, as everywhere, as the text looks:
fullwidth letters and separators, invisible characters); a path or Slug
that spells one stops the build, and a tag that spells one becomes the
mark.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import PurePosixPath
from typing import Protocol

from content_model.errors import ContentError

from .policy import NAME_REASON, Policy
from .readings import visible
from .scope import Cut, Scope

TEXT_FIELDS = ("title", "organization", "version-note", "withdrawn-reason")
URL_FIELDS = ("source",)
# Word separators in URLs and file names. Two readings: every one of them
# as a space, and all but `-` (a name such as Anne-Marie keeps its own).
URL_SEPARATORS = (re.compile(r"[-_.]"), re.compile(r"[_.]"))
PATH_HELP = (
    "contains a name from the names file (reading -, _ and . as spaces), "
    "and would be published in the URL"
)


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
    if "slug" in fields and spells_name(scope.policy, fields["slug"].value):
        raise scope.error(
            fields["slug"].line,
            f"the Slug header {PATH_HELP}; choose a slug without it",
        )


def _tag(scope: Scope, tag: str, line: int) -> str:
    segments = scope.split(tag, line, "tags")
    cuts = [s for s in segments if isinstance(s, Cut)]
    if cuts:
        return scope.marks.text(cuts[0].reason)
    if spells_name(scope.policy, tag):
        # its slug (tags/osgood-canarywell/) would name the person
        scope.record(line, NAME_REASON, "policy", "tags", tag)
        return scope.marks.text(NAME_REASON)
    return tag


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


def spells_name(policy: Policy, text: str) -> bool:
    """True if a listed name is in `text` read as a URL or file name, also
    as it looks (a fullwidth `－` is a `-`)."""
    return any(
        match.reason == NAME_REASON
        for reading in dict.fromkeys((text, visible(text)))
        for separators in URL_SEPARATORS
        for match in policy.withheld(separators.sub(" ", reading))
    )


def refuse_names_in_path(scope: Scope, path: str) -> None:
    """A name in a file or folder name would be published in the URL."""
    if path_spells_name(scope.policy, path):
        raise scope.error(
            1, f"a folder or file name in this path {PATH_HELP}; rename it"
        )


def path_spells_name(policy: Policy, path: str) -> bool:
    """Any folder or file name of a path below the content folder (its first
    part, which is never published) that spells a listed name."""
    parts = PurePosixPath(path).parts[1:]
    return any(spells_name(policy, part) for part in parts)


def named_file_errors(policy: Policy, paths: Iterable[str]) -> list[ContentError]:
    """An error for each static file (`content/volumes/v/files/x.png`) whose
    path spells a listed name; the message never repeats the name."""
    return [
        ContentError(
            path,
            1,
            f"a folder or file name in this path {PATH_HELP}; rename the file "
            "(and the links to it)",
        )
        for path in paths
        if path_spells_name(policy, path)
    ]
