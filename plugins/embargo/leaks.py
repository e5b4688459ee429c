"""The last line of defence: search every written byte for held entries.

Filtering happens before any listing exists, but a theme, another plugin or
Pelican itself could still name a held entry somewhere. So after writing,
every file of the output is searched for what would identify a held entry
(its title, address, volume slug, source file name, attachment names) in
the forms templates, feeds and URLs write it, and a hit fails the build
before the release stage would swap the output in.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import quote
from xml.sax.saxutils import escape as xml_escape

from content_model.files import files_under
from markupsafe import escape

from .core import EntryInfo

WORDISH = re.compile(r"[A-Za-z0-9_-]")
# Past this many screens (see `screens`), one regex scans faster than they do.
MAX_SCREENS = 8


@dataclass(frozen=True)
class Marker:
    text: str
    what: str  # "title of content/volumes/x/index.md", for the message


@dataclass(frozen=True, order=True)
class Leak:
    file: str  # output-relative
    what: str
    text: str

    def __str__(self) -> str:
        return f"{self.file}: contains the {self.what} ({self.text!r})"


class EmbargoLeakError(Exception):
    """The written output names a held entry; the site must not be released."""

    exitcode = 2

    def __init__(self, leaks: list[Leak]) -> None:
        shown = "\n".join(f"  {leak}" for leak in leaks[:50])
        more = f"\n  … and {len(leaks) - 50} more" if len(leaks) > 50 else ""
        super().__init__(
            f"embargo: the output names {len(leaks)} held thing(s); this build "
            f"must not be published:\n{shown}{more}\nIf these files are left over "
            "from an earlier build, delete the output folder and build again."
        )


def entry_markers(entry: EntryInfo, save_as: str = "") -> list[Marker]:
    """What identifies a held entry in a page, a feed or a link to it."""
    markers = []
    if entry.title.strip():
        markers.append(Marker(entry.title.strip(), f"title of {entry.display}"))
    if entry.url:
        markers.append(Marker(entry.url, f"address of {entry.display}"))
    source = PurePosixPath(entry.path)
    name = (
        source.name if source.stem != "index" else f"{source.parent.name}/{source.name}"
    )
    markers.append(Marker(name, f"source file name of {entry.display}"))
    if entry.kind == "volume" and entry.version_of is None:
        markers.append(Marker(entry.slug, f"slug of the volume {entry.display}"))
    if save_as:
        markers.append(Marker(save_as, f"output path of {entry.display}"))
    return markers


def file_markers(relpath: str, url: str) -> list[Marker]:
    """What identifies a held attachment or other static file."""
    what = f"name of the held file content/{relpath}"
    markers = [Marker(PurePosixPath(relpath).name, what)]
    if url:
        markers.append(Marker(url, f"address of the held file content/{relpath}"))
    return markers


def without_collisions(
    markers: Iterable[Marker], visible: Iterable[str]
) -> list[Marker]:
    """Drop markers that a published entry legitimately carries too.

    A held page titled "Press" and a public one titled "Press" cannot be told
    apart in the output; the held one is still checked by its address,
    source name and output path. The published texts are searched as one,
    one line each (no marker spans a line), and a plain substring test
    spares the bounded search for most markers: a site of 10,000 entries
    has some 60,000 such texts.
    """
    published = "\n".join(v for v in visible if v)
    kept = []
    for marker in markers:
        if marker.text in published:
            pattern = bounded(re.escape(marker.text), marker.text)
            if re.search(pattern, published):
                continue
        kept.append(marker)
    return kept


def bounded(pattern: str, text: str) -> str:
    """Match `text` only where it is not part of a longer name or word."""
    if text and WORDISH.match(text[0]):
        pattern = rf"(?<![A-Za-z0-9_-]){pattern}"
    if text and WORDISH.match(text[-1]):
        pattern = rf"{pattern}(?![A-Za-z0-9_-])"
    return pattern


def encodings(text: str) -> set[str]:
    """The forms a value takes in HTML, XML, JSON and URLs."""
    return {
        text,
        str(escape(text)),
        html.escape(text, quote=True),
        xml_escape(text),
        quote(text, safe="/"),
        json.dumps(text)[1:-1],
        json.dumps(text, ensure_ascii=False)[1:-1],
    }


def compile_markers(
    markers: Iterable[Marker],
) -> tuple[re.Pattern[bytes], dict[bytes, Marker]]:
    by_form: dict[bytes, Marker] = {}
    for marker in markers:
        for form in encodings(marker.text):
            by_form.setdefault(form.encode("utf-8"), marker)
    # longest first, so a title is reported rather than a slug inside it
    forms = sorted(by_form, key=len, reverse=True)
    alternatives = [
        bounded(re.escape(form.decode("utf-8")), form.decode("utf-8")).encode("utf-8")
        for form in forms
    ]
    return re.compile(b"|".join(alternatives) or b"(?!)"), by_form


def screens(forms: Iterable[bytes]) -> list[re.Pattern[bytes]]:
    """Regexes of which one is found in every text where a form occurs.

    The marker pattern checks what comes before and after each form, so
    `re` must try it at every byte of every file. These only look for the
    forms, grouped by their first byte: each group's shared beginning is a
    literal that `re` scans for fast, and a file that none of them is found
    in needs no more. With many groups, one regex over them all does.
    """
    groups: dict[bytes, list[bytes]] = {}
    for form in forms:
        groups.setdefault(form[:1], []).append(form)
    if b"" in groups:  # an empty form is found everywhere
        return [re.compile(b"")]
    alternations = [
        b"|".join(re.escape(form) for form in sorted(group, key=len, reverse=True))
        for _, group in sorted(groups.items())
    ]
    if len(alternations) > MAX_SCREENS:
        return [re.compile(b"|".join(alternations))]
    return [re.compile(alternation) for alternation in alternations]


@dataclass(frozen=True)
class Scanner:
    """The markers, compiled once for every file of a build."""

    pattern: re.Pattern[bytes]
    by_form: dict[bytes, Marker]
    screened: list[re.Pattern[bytes]]

    @classmethod
    def compile(cls, markers: Iterable[Marker]) -> Scanner:
        pattern, by_form = compile_markers(markers)
        return cls(pattern, by_form, screens(by_form) if by_form else [])

    def scan(self, name: str, data: bytes) -> set[Leak]:
        """The markers found in one file's bytes."""
        hits = (screen.search(data) for screen in self.screened)
        found = [hit.start() for hit in hits if hit]
        if not found:
            return set()
        # no match starts before the first form found (its lookbehind still
        # sees the byte before it)
        leaks = set()
        for match in self.pattern.finditer(data, min(found)):
            marker = self.by_form[match.group(0)]
            leaks.add(Leak(name, marker.what, marker.text))
        return leaks


def scan_output(root: Path, markers: Iterable[Marker]) -> list[Leak]:
    """Every file under `root` that contains any marker, in any of its forms."""
    scanner = Scanner.compile(markers)
    if not scanner.by_form:
        return []
    leaks: set[Leak] = set()
    for relative, path in files_under(root):
        with open(path, "rb") as handle:
            leaks |= scanner.scan(relative, handle.read())
    return sorted(leaks)


def written_files(root: Path, save_as: Iterable[tuple[str, str]]) -> list[Leak]:
    """Held entries' own output files (path, what) that exist under `root`."""
    return sorted(
        Leak(path, f"output file of {what}", path)
        for path, what in save_as
        if path and (root / path).is_file()
    )
