"""Freeze an entry's current text as its next version file, before editing it.

    python tools/revise.py content/volumes/vault-1/index.md    (make revise FILE=…)

Copies `x.md` byte for byte to `x.vN.md`, where N is its current Version (1
when the header has none), then sets `Version: N+1` in `x.md` and leaves an
empty `Version-Note:` there: the build refuses to publish version N+1 until
the editor says what changed. Nothing else in `x.md` changes; the editor
edits the text and sets Date to the moment the new version is published.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plugins"))

from content_model.errors import ContentError  # noqa: E402
from markdown_reader.header import Field, decode_source, split_header  # noqa: E402

VERSION_FILE = re.compile(r"\.v[0-9]+\.md$")
WHOLE_NUMBER = re.compile(r"^[1-9][0-9]*$")


class ReviseError(Exception):
    """Why the file cannot be revised; nothing was written."""


def set_field(lines: list[str], fields: dict[str, Field], key: str, value: str) -> None:
    """Replace a header field (with its continuation lines) or add it at the end."""
    line = f"{key}: {value}".rstrip() if value else f"{key}:"
    found = fields.get(key.lower())
    if found is None:
        end = next((i for i, text in enumerate(lines) if not text.strip()), len(lines))
        lines.insert(end, line)
        return
    start = found.line - 1
    stop = start + 1
    while stop < len(lines) and lines[stop][:1] in (" ", "\t") and lines[stop].strip():
        stop += 1
    lines[start:stop] = [line]


def revise(path: Path) -> tuple[Path, int]:
    """Freeze `path` as its next version file; return that file and the new number."""
    if path.suffix != ".md" or not path.is_file():
        raise ReviseError(f"{path}: not a Markdown file")
    if VERSION_FILE.search(path.name):
        raise ReviseError(
            f"{path} is a kept version; revise the current file beside it instead"
        )
    data = path.read_bytes()
    newline = "\r\n" if b"\r\n" in data else "\n"
    try:
        header = split_header(decode_source(data, str(path)), str(path))
    except ContentError as error:
        raise ReviseError(str(error)) from None
    version = header.fields.get("version")
    if version is not None and not WHOLE_NUMBER.match(version.value):
        raise ReviseError(
            f'{path}:{version.line}: Version "{version.value}" is not a whole number'
        )
    number = int(version.value) if version is not None else 1
    frozen = path.with_name(f"{path.name.removesuffix('.md')}.v{number}.md")
    try:
        with frozen.open("xb") as handle:
            handle.write(data)
    except FileExistsError:
        raise ReviseError(
            f"{frozen} already exists, so version {number} is already kept; if "
            f"{path.name} was revised since, raise its Version header first"
        ) from None
    lines = decode_source(data, str(path)).split("\n")
    set_field(lines, header.fields, "Version", str(number + 1))
    fields = split_header("\n".join(lines), str(path)).fields
    set_field(lines, fields, "Version-Note", "")
    path.write_bytes(newline.join(lines).encode("utf-8"))
    return frozen, number + 1


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        sys.stderr.write("usage: make revise FILE=content/volumes/<volume>/<file>.md\n")
        return 2
    path = Path(argv[0])
    try:
        frozen, number = revise(path)
    except ReviseError as error:
        sys.stderr.write(f"revise: {error}; nothing was changed\n")
        return 1
    sys.stdout.write(
        f"Kept version {number - 1} as {frozen}.\n"
        f"{path} is now Version {number}. Next:\n"
        "  1. edit its text;\n"
        "  2. say what changed on its Version-Note: line (the build refuses an "
        "empty one);\n"
        f"  3. set its Date: to the moment version {number} is published.\n"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
