"""What the guard reads in a file: its texts, and the forms of a text.

Binary files are read as bytes (latin-1), plus what can be read inside them
without a full parser: the compressed streams of PDFs and the compressed
text chunks of PNGs. Text inside a PDF that is drawn glyph by glyph, or in
an image's pixels, cannot be found this way: redact attachments before
adding them.

A text is searched in every form a reader, browser or script could decode
it into (`forms`), with tags taken out (`TAG`), and always normalized
(`normalize`): soft hyphens and zero-width characters out, whitespace as
one space, any case.
"""

from __future__ import annotations

import html
import re
import zlib
from collections.abc import Iterator
from typing import NamedTuple
from urllib.parse import unquote_plus

INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")
SPACE = re.compile(r"\s+")
TAG = re.compile(r"<[^>]*>")
JS_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})|\\x([0-9a-fA-F]{2})")
PDF_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.S)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def normalize(text: str) -> str:
    """Invisible characters out, any run of whitespace as one space, any case.

    The same as `SPACE.sub(" ", INVISIBLE.sub("", text)).casefold()`, faster:
    `str.split` and `\\s` agree on what whitespace is, and ASCII text has no
    invisible characters and folds its case as lower() does.
    """
    if text.isascii():
        return _collapse(text).lower()
    return _collapse(INVISIBLE.sub("", text)).casefold()


def _collapse(text: str) -> str:
    core = " ".join(text.split())
    if not core:
        return " " if text else ""
    if text[0].isspace():
        core = " " + core
    if text[-1].isspace():
        core += " "
    return core


class Readings(NamedTuple):
    """A text and what a reader, browser or script could decode it into."""

    text: str
    unescaped: str  # HTML entities undone
    unquoted: str  # URL escapes undone
    unjs: str  # JavaScript escapes undone
    decoded: str  # all of these, over and over (nested, as in &amp;#66;)


def forms(text: str) -> Readings:
    """The text's readings, but for tag-stripping (see TAG).

    Decoding runs at most three rounds. Each step skips texts without its
    escape character, and returns such a text itself.
    """
    unescaped = html.unescape(text)
    unquoted = _unquote(text)
    unjs = _unjs(text)
    decoded = text
    if unescaped is not text or unquoted is not text or unjs is not text:
        again = _unjs(_unquote(unescaped))  # the first round
        for _ in range(3):
            if again == decoded:
                break
            decoded = again
            again = _unjs(_unquote(html.unescape(decoded)))
    return Readings(text, unescaped, unquoted, unjs, decoded)


def undecodable(text: str) -> bool:
    """True for a text that no decoding changes: all its readings are it."""
    return "&" not in text and "%" not in text and "+" not in text and "\\" not in text


def _unquote(text: str) -> str:
    return unquote_plus(text) if "%" in text or "+" in text else text


def _unjs(text: str) -> str:
    return JS_ESCAPE.sub(_js_char, text) if "\\" in text else text


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
