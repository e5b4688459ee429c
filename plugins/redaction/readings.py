"""What the guard reads in a file: its texts, and the forms of a text.

Binary files are read as bytes (latin-1), plus what can be read inside them
without a full parser: the compressed streams of PDFs and the compressed
text chunks of PNGs. Text inside a PDF that is drawn glyph by glyph, or in
an image's pixels, cannot be found this way: redact attachments before
adding them.

A text is searched in every form a reader, browser or script could decode
it into (`forms`), with tags and comments taken out or read as a space
(`TAG`), and always normalized (`normalize`): soft hyphens and zero-width
characters out, whitespace as one space, any case. Each of these is also
searched as it looks (`fold`): every invisible character out, compatibility
forms (fullwidth letters, ligatures, decomposed accents) as NFKC writes
them. The policy reads a text that way too (`visible`, `visible_map`).
"""

from __future__ import annotations

import html
import re
import unicodedata
import zlib
from collections.abc import Iterator
from typing import NamedTuple
from urllib.parse import unquote_plus

INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")
# What a reader does not see: every format character (category Cf: soft
# hyphen, zero-width space and joiners, word joiner, bidi marks and
# overrides, byte order mark, tag characters; a test holds this to
# `unicodedata`), and the other default-ignorable ones (combining grapheme
# joiner, Hangul fillers, variation selectors).
IGNORABLE = re.compile(
    "[\u00ad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2"
    "\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0000-\U000e0fff]"
)
WIDE_SPACE = re.compile(r"[^\S\x00-\x7f]")  # whitespace beyond ASCII
# Runs of ASCII, taken out to look at the few other characters of a text:
# a regex over those few is cheaper than one over the whole text.
ASCII_RUNS = re.compile(r"[\x00-\x7f]+")
NON_ASCII_RUNS = re.compile(r"[^\x00-\x7f]+")
SPACE = re.compile(r"\s+")
# Where a tag stood between two characters, in the guard's wholes (see
# guard.Guard): a noncharacter, which no decoding, normalize() or fold()
# makes or changes. MARK_SPACE: a run of marks and spaces with a space in
# it (which reads as one space whether the marks are spaces or nothing).
MARK = "\ufdd0"
MARK_SPACE = re.compile("[ \ufdd0]*(?:\ufdd0 | \ufdd0|  )[ \ufdd0]*")
# A tag, or a comment (which may hold ">"; "<!-->" and "<!--->" end one
# at once, as in a browser). An unclosed comment is left as it is: the
# guard then reads the text whole (see guard.Guard).
TAG = re.compile(r"<!--(?:-?>|.*?--!?>)|<(?!!--)[^>]*>", re.S)
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


def fold(text: str) -> str:
    """A normalized text as it looks: the guard's Unicode reading.

    normalize(NFKC of the text without IGNORABLE characters), or the text
    itself (the same object) where that changes nothing, as for most: a
    name in fullwidth letters, with decomposed accents or a word joiner
    inside reads as the name.
    """
    if text.isascii():
        return text
    bare = text
    if IGNORABLE.search(ASCII_RUNS.sub("", text)):
        bare = IGNORABLE.sub("", text)
    bare = _nfkc(bare)
    return text if bare == text else normalize(bare)


def unfolded(text: str) -> bool:
    """True if fold() changes nothing in a normalized text, nor in any text
    made of it by taking out tags: it holds no character that folding
    changes, nor one that NFKC may join to the one before it."""
    if text.isascii():
        return True
    extra = ASCII_RUNS.sub("", text)
    return not any(map(joins, extra)) and fold(extra) == extra


def _nfkc(text: str) -> str:
    """NFKC, but never across a "<": "<" and U+0338 compose into "≮", and
    the guard cuts texts before a "<" (see guard.CUT)."""
    if "\u0338" in text and "<" in text:
        return "<".join(unicodedata.normalize("NFKC", p) for p in text.split("<"))
    return unicodedata.normalize("NFKC", text)


def visible(text: str) -> str:
    """The text as it looks, in its own case: IGNORABLE characters out, NFKC
    (fullwidth letters as ASCII, accents composed, ligatures apart), any
    whitespace as a plain space. The text itself if that changes nothing."""
    if text.isascii():
        return text
    bare = text
    if IGNORABLE.search(ASCII_RUNS.sub("", text)):
        bare = IGNORABLE.sub("", text)
    bare = WIDE_SPACE.sub(" ", unicodedata.normalize("NFKC", bare))
    return text if bare == text else bare


def visible_map(text: str) -> tuple[str, list[int], list[int]]:
    """`visible(text)`, made character by character, and for each of its
    characters the start and end in `text` of what it was made from.

    A character and the marks and invisible characters after it are read
    together, so a match in the reading maps back to whole characters of
    the text, never half of one. Only runs beyond ASCII are looked at.
    """
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    done = 0
    for run in NON_ASCII_RUNS.finditer(text):
        begin = max(done, run.start() - 1)  # the base of a leading mark
        out.append(text[done:begin])
        starts.extend(range(done, begin))
        ends.extend(range(done + 1, begin + 1))
        position = begin
        while position < run.end():
            after = position + 1
            while after < run.end() and joins(text[after]):
                after += 1
            piece = IGNORABLE.sub("", text[position:after])
            piece = WIDE_SPACE.sub(" ", unicodedata.normalize("NFKC", piece))
            out.append(piece)
            starts.extend([position] * len(piece))
            ends.extend([after] * len(piece))
            position = after
        done = run.end()
    out.append(text[done:])
    starts.extend(range(done, len(text)))
    ends.extend(range(done + 1, len(text) + 1))
    return "".join(out), starts, ends


def joins(char: str) -> bool:
    """True for a character NFKC may join to the one before it: a mark, an
    ignorable character, a Hangul vowel or final consonant."""
    return bool(
        unicodedata.combining(char)
        or unicodedata.category(char).startswith("M")
        or IGNORABLE.match(char)
        or "\u1160" <= char <= "\u11ff"
        or "\ud7b0" <= char <= "\ud7ff"
    )


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
