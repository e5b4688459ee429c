"""Which header fields each kind of entry needs, and what their values mean.

Pure functions over plain values, so every rule is a unit test; the reader
calls them with the header it parsed and reports every problem with its line.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol
from urllib.parse import urlsplit

from .dates import TimestampError, parse_timestamp
from .errors import ContentError
from .kinds import SLUG, EntryPlace


class HeaderField(Protocol):
    name: str
    value: str
    line: int


REQUIRED = {
    "volume": ("title", "date"),
    "document": ("title", "date"),
    "statement": ("title", "date", "organization"),
    "page": ("title", "date"),
}
ONLY_ON = {
    "organization": {"statement"},
    "responds-to": {"statement"},
    "source": {"statement"},
}


@dataclass(frozen=True)
class Validated:
    date: datetime
    tags: list[str]


def validate(
    place: EntryPlace, fields: Mapping[str, HeaderField], path: str
) -> tuple[Validated | None, list[ContentError]]:
    """Check the header of one entry; return the parsed values and the errors."""
    errors = []
    for name in REQUIRED[place.kind]:
        if not (name in fields and fields[name].value):
            errors.append(
                ContentError(
                    path,
                    fields[name].line if name in fields else 1,
                    f"{place.kind} needs a non-empty {name.title()}: header line",
                )
            )
    for name, kinds in ONLY_ON.items():
        if name in fields and place.kind not in kinds:
            errors.append(
                ContentError(
                    path,
                    fields[name].line,
                    f"{name.title()} is only allowed on "
                    f"{' and '.join(sorted(kinds))}s, not on a {place.kind}",
                )
            )
    date = None
    if "date" in fields and fields["date"].value:
        try:
            date = parse_timestamp(fields["date"].value, require_zone=False)
        except TimestampError as error:
            errors.append(ContentError(path, fields["date"].line, f"Date {error}"))
    for name in ("responds-to", "slug"):
        if name in fields and not SLUG.match(fields[name].value):
            errors.append(
                ContentError(
                    path,
                    fields[name].line,
                    f'{name.title()} "{fields[name].value}" is not a slug; use '
                    "lowercase letters, digits and hyphens",
                )
            )
    if "slug" in fields and place.kind == "volume":
        errors.append(
            ContentError(
                path,
                fields["slug"].line,
                "a volume's slug is its folder name; rename the folder instead",
            )
        )
    if "source" in fields and not is_web_url(fields["source"].value):
        errors.append(
            ContentError(
                path,
                fields["source"].line,
                f'Source "{fields["source"].value}" must be an http:// or '
                "https:// address",
            )
        )
    tags = (
        [t.strip() for t in fields["tags"].value.split(",")] if "tags" in fields else []
    )
    if any(not tag for tag in tags):
        errors.append(
            ContentError(
                path, fields["tags"].line, "Tags has an empty tag; check commas"
            )
        )
    if errors or date is None:
        return None, errors
    return Validated(date=date, tags=tags), []


def is_web_url(value: str) -> bool:
    parts = urlsplit(value.strip())
    return parts.scheme in ("http", "https") and bool(parts.netloc)
