"""Which files may be published as attachments of a volume.

Everything under `volumes/` that is not an entry is copied as is, so a
`.MD` or `.markdown` file would be published as raw source (redaction and
embargo never read it), and an HTML or SVG file would run its scripts on
the site's own host. Only known document, image and archive types in a
volume's `files/` folder are published.

The output guards (the redaction guard, the embargo scan) search bytes for
text, so they can vouch only for UTF-8 text. Every other attachment, and a
text file in another encoding, is published only if an editor vouched for
its exact bytes in ATTACHMENTS_VOUCHED (path -> SHA-256): never fail open on
a file nothing could read. See docs/editors.md, Attachments.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from collections.abc import Mapping
from pathlib import Path, PurePosixPath
from typing import Any

from .errors import ContentError, ContentErrors, raise_collected
from .state import build_state

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


# Text attachments the guards read as they are: the redaction guard decodes
# a file as UTF-8 when it holds no NUL byte and is valid UTF-8
# (redaction/readings.py `texts_of`), and the embargo scan searches the raw
# bytes for the UTF-8 forms of its markers (embargo/leaks.py).
TEXT_TYPES = frozenset({".txt", ".csv", ".json"})
# Why the guards cannot read each other type: searching bytes for text
# cannot see inside them, and their metadata is not text to search for.
OPAQUE = {
    **dict.fromkeys(
        (".pdf",),
        "a PDF keeps its text in compressed streams, hex strings and font "
        "encodings that the output guards cannot read, and its metadata "
        "(author, software, edit history) beside it",
    ),
    **dict.fromkeys(
        (".png", ".jpg", ".jpeg", ".gif", ".webp"),
        "an image shows its text as pixels and carries metadata (EXIF, XMP: "
        "author, camera serial, GPS position) that the output guards cannot read",
    ),
    **dict.fromkeys(
        (".zip", ".gz", ".tar", ".7z"),
        "an archive keeps its files compressed, where the output guards cannot "
        "read them",
    ),
    **dict.fromkeys(
        (".odt", ".ods", ".odp", ".docx", ".xlsx", ".pptx"),
        "an office document is a zip archive of compressed XML (with its "
        "metadata, comments and tracked changes) that the output guards cannot read",
    ),
    **dict.fromkeys(
        (".mp3", ".ogg", ".wav", ".mp4", ".webm"),
        "audio and video hold speech, pictures and metadata tags that the output "
        "guards cannot read",
    ),
}
SETTING = "ATTACHMENTS_VOUCHED"
SHA256_HEX = re.compile(r"[0-9a-f]{64}")
STATE = "attachments"


def text_problem(data: bytes) -> str | None:
    """Why the guards cannot read a text attachment as text, or None."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "it is UTF-16 or UTF-32 text (it starts with a byte order mark)"
    if b"\x00" in data:
        return "it holds NUL bytes (UTF-16 or UTF-32 text, or not text at all)"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        return f"it is not UTF-8 text (byte {error.start} is not valid UTF-8)"
    if not unicodedata.is_normalized("NFC", text):
        # a name written with combining accents is not the name the guard
        # searches for, and normalize() in redaction/readings.py does not
        # compose them
        return "its accented letters are decomposed (Unicode NFD, not NFC)"
    return None


def sha256_of(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def read_vouched(settings: Mapping[str, Any]) -> dict[str, str]:
    """ATTACHMENTS_VOUCHED: content-relative path -> SHA-256 of the vouched bytes."""
    value = settings.get(SETTING) or {}
    if not isinstance(value, Mapping):
        raise ContentErrors(
            [
                ContentError(
                    "pelicanconf.py",
                    1,
                    f"{SETTING} must be a dict of content-relative attachment "
                    'paths to SHA-256 hex digests, such as {"volumes/v/files/a.pdf": '
                    f'"<64 hex digits>"}}; found a {type(value).__name__}',
                )
            ]
        )
    errors = [
        ContentError(
            "pelicanconf.py",
            1,
            f"{SETTING}[{path!r}] must be the file's SHA-256 as 64 hex digits "
            f"(sha256sum prints it); found {digest!r}",
        )
        for path, digest in value.items()
        if not isinstance(digest, str) or not SHA256_HEX.fullmatch(digest.lower())
    ]
    raise_collected(errors)
    return {str(path): digest.lower() for path, digest in value.items()}


def unreadable_errors(
    files: Mapping[str, Path], vouched: Mapping[str, str]
) -> list[ContentError]:
    """Errors for attachments the output guards cannot read and no editor
    vouched for with their current bytes. `files` maps content-relative
    paths to source files; missing files and unknown types are left to the
    other checks."""
    errors = []
    for relpath, path in sorted(files.items()):
        suffix = PurePosixPath(relpath).suffix.lower()
        if suffix not in ATTACHMENT_TYPES or not path.is_file():
            continue
        if suffix in TEXT_TYPES:
            problem = text_problem(path.read_bytes())
            if problem is None:
                continue
            why = (
                f"{problem}, so the output guards cannot search it: save it as "
                "UTF-8 (NFC) text (for example with `iconv -t UTF-8`), or, to "
                "publish these bytes, check all of it"
            )
        else:
            reason = OPAQUE.get(suffix, "the output guards cannot read it")
            why = (
                f"{reason}; it is published only once an editor vouches for it: "
                "check its text and metadata"
            )
        digest = sha256_of(path)
        if vouched.get(relpath) == digest:
            continue
        if relpath in vouched:
            message = (
                f"changed since an editor vouched for it ({SETTING} has SHA-256 "
                f"{vouched[relpath]}, the file now {digest}); check it again "
                f"(docs/editors.md, Attachments) and put the new SHA-256 in {SETTING}"
            )
        else:
            message = (
                f"{why} (docs/editors.md, Attachments), then add "
                f'"{relpath}": "{digest}" to {SETTING} in pelicanconf.py'
            )
        errors.append(ContentError(f"content/{relpath}", 1, message))
    return errors


def check_readable(generator: Any) -> None:
    """At `static_generator_finalized`, before embargo drops held volumes'
    files (so those are checked before their embargo lifts): find what the
    guards cannot read. The errors wait in the build state for `build_model`,
    which reports them with the other content errors, after the redaction
    plugin's check of file names has had its say."""
    content = generator.settings["PATH"]
    files = {
        os.path.relpath(static.source_path, content).replace(os.sep, "/"): Path(
            static.source_path
        )
        for static in generator.staticfiles
    }
    attachments = {p: f for p, f in files.items() if p.startswith("volumes/")}
    build_state(generator.settings).data[STATE] = unreadable_errors(
        attachments, read_vouched(generator.settings)
    )


def unreadable_found(settings: dict[str, Any]) -> list[ContentError]:
    """What `check_readable` found; fails closed if it never ran."""
    try:
        return build_state(settings).data[STATE]
    except KeyError:
        raise RuntimeError(
            "content_model: attachments were not checked at "
            "static_generator_finalized; nothing may be published"
        ) from None
