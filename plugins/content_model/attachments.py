"""Which files may be published as attachments of a volume.

Everything under `volumes/` that is not an entry is copied as is, so a
`.MD` or `.markdown` file would be published as raw source (redaction and
embargo never read it), and an HTML or SVG file would run its scripts on
the site's own host. Only known document, image and archive types in a
volume's `files/` folder are published.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from .errors import ContentError

ATTACHMENT_TYPES = frozenset(
    {
        ".pdf", ".txt", ".csv", ".json",
        ".png", ".jpg", ".jpeg", ".gif", ".webp",
        ".zip", ".gz", ".tar", ".7z",
        ".odt", ".ods", ".odp", ".docx", ".xlsx", ".pptx",
        ".mp3", ".ogg", ".wav", ".mp4", ".webm",
    }
)  # fmt: skip


def attachment_errors(relpaths: list[str]) -> list[ContentError]:
    """Errors for content-relative static paths that must not be published."""
    errors = []
    for relpath in relpaths:
        path = PurePosixPath(relpath)
        shown = f"content/{relpath}"
        if len(path.parts) < 4 or path.parts[2] != "files":
            errors.append(
                ContentError(
                    shown,
                    1,
                    "only entries (lowercase .md) and attachments in "
                    "volumes/<volume>/files/ may sit in a volume folder; "
                    "rename or move this file",
                )
            )
        elif path.suffix.lower() not in ATTACHMENT_TYPES:
            allowed = " ".join(sorted(ATTACHMENT_TYPES))
            errors.append(
                ContentError(
                    shown,
                    1,
                    f'attachments of type "{path.suffix or "(none)"}" are not '
                    f"published (scripts in HTML or SVG would run on the site); "
                    f"allowed: {allowed}",
                )
            )
    return errors
