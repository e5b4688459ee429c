"""The guard: no redacted original, and no policy match, in any output file.

It runs after the site is written and before it counts as built, and does
not trust the rendering: every file is read back and searched for every
redacted original (in plain, HTML-entity, URL-encoded and JSON-escaped
forms, any case, with tags, soft hyphens and zero-width characters taken
out) and for anything the policy withholds that is not on the allow-list.

Binary files are searched as bytes, plus what can be read inside them
without a full parser: the compressed streams of PDFs and the compressed
text chunks of PNGs. Text inside a PDF that is drawn glyph by glyph, or in
an image's pixels, cannot be found this way: redact attachments before
adding them.

Short originals would match innocently everywhere (see config.py), so the
guard looks only for originals of GUARD_MIN_LENGTH characters or more, as
whole words; for a redacted block, for each of its lines of
GUARD_MIN_BLOCK_LINE characters or more.
"""

from __future__ import annotations

import html
import re
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote_plus

from .marks import Redaction
from .policy import Policy, trie_pattern

INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")
SPACE = re.compile(r"\s+")
TAG = re.compile(r"<[^>]*>")
JS_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})|\\x([0-9a-fA-F]{2})")
PDF_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.S)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class LeakError(Exception):
    """The output holds redacted text; nothing may be published."""

    exitcode = 3

    def __init__(self, hits: list[Hit]) -> None:
        self.hits = hits
        lines = "\n".join(f"  {hit}" for hit in hits)
        super().__init__(
            f"redaction guard: {len(hits)} leak(s) in the output; the build is "
            f"not published:\n{lines}"
        )


@dataclass(frozen=True)
class Hit:
    """One leak: which output file, what kind, and which source entry."""

    output: str
    what: str
    source: str

    def __str__(self) -> str:
        return f"{self.output}: {self.what} (from {self.source})"


def normalize(text: str) -> str:
    return SPACE.sub(" ", INVISIBLE.sub("", text)).casefold()


def readings(text: str) -> list[str]:
    """The forms a reader, browser or script could decode the text into."""
    decoded = text
    for _ in range(3):  # nested encodings such as &amp;#66; or %2542
        again = JS_ESCAPE.sub(_js_char, unquote_plus(html.unescape(decoded)))
        if again == decoded:
            break
        decoded = again
    forms = {
        text,
        html.unescape(text),
        unquote_plus(text),
        JS_ESCAPE.sub(_js_char, text),
        decoded,
        TAG.sub("", html.unescape(text)),
        TAG.sub("", decoded),
    }
    return sorted({normalize(form) for form in forms})


def _js_char(match: re.Match[str]) -> str:
    return chr(int(match[1] or match[2], 16))


def texts_of(data: bytes) -> Iterator[str]:
    """The text of a file, and any text that can be read inside a binary one."""
    if b"\x00" not in data:
        try:
            yield data.decode("utf-8")
            return
        except UnicodeDecodeError:
            pass
    yield data.decode("latin-1")
    for stream in _inner_streams(data):
        yield stream.decode("latin-1")


def _inner_streams(data: bytes) -> Iterator[bytes]:
    if data.startswith(b"%PDF"):
        for stream in PDF_STREAM.finditer(data):
            inflated = _inflate(stream[1])
            if inflated is not None:
                yield inflated
    elif data.startswith(PNG_SIGNATURE):
        position = len(PNG_SIGNATURE)
        while position + 8 <= len(data):
            length = int.from_bytes(data[position : position + 4], "big")
            kind = data[position + 4 : position + 8]
            body = data[position + 8 : position + 8 + length]
            if kind in (b"zTXt", b"iTXt"):
                start = body.find(b"\x00")
                for offset in range(start + 1, min(start + 6, len(body))):
                    inflated = _inflate(body[offset:])
                    if inflated is not None:
                        yield inflated
                        break
            position += 12 + length


def _inflate(data: bytes) -> bytes | None:
    try:
        return zlib.decompress(data)
    except zlib.error:
        return None


class Needles:
    """Every original worth looking for, as a few trie regexes (one per kind
    of word boundary), and which redaction each one came from."""

    def __init__(
        self,
        found: Iterable[Redaction],
        policy: Policy,
        min_length: int,
        min_block_line: int,
    ) -> None:
        self.sources: dict[str, Redaction] = {}
        for redaction in found:
            pieces = (
                [
                    line
                    for line in redaction.original.splitlines()
                    if len(normalize(line).strip()) >= min_block_line
                ]
                if redaction.block
                else [redaction.original]
            )
            for piece in pieces:
                text = normalize(piece).strip()
                if len(text) >= min_length and not policy.is_allowed(piece):
                    self.sources.setdefault(text, redaction)
        groups: dict[tuple[bool, bool], list[str]] = {}
        for text in self.sources:
            edges = (bool(re.match(r"\w", text)), bool(re.search(r"\w$", text)))
            groups.setdefault(edges, []).append(text)
        self.patterns = []
        for (word_start, word_end), texts in sorted(groups.items()):
            body = trie_pattern(texts)
            before = r"(?<!\w)" if word_start else ""
            after = r"(?!\w)" if word_end else ""
            self.patterns.append(re.compile(f"{before}(?:{body}){after}"))

    def search(self, form: str) -> Iterator[Redaction]:
        for pattern in self.patterns:
            for match in pattern.finditer(form):
                yield self.sources[SPACE.sub(" ", match.group())]


def scan_file(data: bytes, needles: Needles, policy: Policy) -> list[tuple[str, str]]:
    """(what, source) for every leak in one file's bytes."""
    hits: set[tuple[str, str]] = set()
    for text in texts_of(data):
        for form in readings(text):
            for r in needles.search(form):
                hits.add(
                    (
                        f"redacted text ({r.kind}, reason {r.reason or 'none'}, "
                        f"{r.placement})",
                        f"{r.path}:{r.line}",
                    )
                )
            for match in policy.withheld(form):
                hits.add((f"text the policy withholds ({match.reason})", ""))
    return sorted(hits)


def scan_output(
    output: Path,
    found: list[Redaction],
    policy: Policy,
    sources: dict[str, str],
    min_length: int,
    min_block_line: int,
) -> list[Hit]:
    """Every leak in the output folder; `sources` maps output paths to entries."""
    wanted = Needles(found, policy, min_length, min_block_line)
    hits = []
    for path in sorted(p for p in output.rglob("*") if p.is_file()):
        relative = path.relative_to(output).as_posix()
        for what, source in scan_file(path.read_bytes(), wanted, policy):
            origin = source or sources.get(
                relative, "a page built from several entries"
            )
            hits.append(Hit(relative, what, origin))
    return hits
