"""The guard finds an original in any encoding, and policy matches, in any file."""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest
from markdown_reader.memo import DigestMemo
from redaction.guard import Guard, Needles, memo_key, scan_file, scan_output
from redaction.marks import Redaction
from redaction.policy import Policy

from tests.redaction.support import ALLOW, mark

ORIGINAL = Redaction("content/v/doc.md", 7, "name", "markup", "body", "Zed Quorum & Co")
BLOCK = Redaction(
    "content/v/doc.md",
    9,
    "source",
    "markup",
    "body block",
    "The courier left at dawn.\n}\nok",
    block=True,
)
SHORT = Redaction("content/v/doc.md", 3, None, "markup", "body", "Al")
POLICY = Policy(names=["Marta Quill"], allow=ALLOW)


def scan(data: bytes, found=(ORIGINAL, BLOCK, SHORT)):
    return scan_file(data, Needles(found, POLICY, 4, 12), POLICY)


def entities(text: str, form: str) -> str:
    return "".join(form % ord(c) for c in text)


@pytest.mark.parametrize(
    "leak",
    [
        "Zed Quorum &amp; Co",
        "ZED QUORUM &AMP; CO",
        "Zed\n  Quorum &amp;\tCo",
        entities("Zed Quorum & Co", "&#%d;"),
        entities("Zed Quorum & Co", "&#x%x;"),
        "Zed%20Quorum%20%26%20Co",
        "Zed+Quorum+%26+Co",
        "Zed <em>Quorum</em> &amp; Co",
        "Zed\\u0020Quorum \\u0026 Co",
        "Z&shy;ed Quorum &amp; Co",
        "Zed%2520Quorum%2520%2526%2520Co",
    ],
)
def test_an_original_is_found_in_every_encoding(leak):
    hits = scan(f"<p>{leak}</p>".encode())
    assert hits == [("redacted text (markup, reason name, body)", "content/v/doc.md:7")]


def test_a_line_of_a_redacted_block_is_found():
    hits = scan(b"<p>the courier   left at dawn.</p>")
    assert hits == [
        ("redacted text (markup, reason source, body block)", "content/v/doc.md:9")
    ]


def test_short_originals_and_short_block_lines_are_not_looked_for():
    assert scan(b"<p>Al said ok.</p>}") == []


def test_originals_are_whole_words():
    assert scan(b"<p>Zed Quorum & Cohen</p>") == []


def test_policy_matches_are_found_and_allowed_ones_are_not():
    hits = scan(
        b"<a href='mailto:x%40internal.example'>Marta&nbsp;Quill</a> 10.0.0.1 "
        b"security@acme.example 192.0.2.1"
    )
    assert hits == [
        ("text the policy withholds (email)", ""),
        ("text the policy withholds (ip)", ""),
        ("text the policy withholds (name)", ""),
    ]


def test_a_name_split_by_formatting_is_found_with_the_tags_taken_out():
    assert scan(b"<p><strong>Marta</strong> Quill</p>") == [
        ("text the policy withholds (name)", "")
    ]


def test_allow_listed_originals_are_not_looked_for():
    allowed = Redaction(
        "content/a.md", 1, "email", "markup", "body", "security@acme.example"
    )
    assert scan(b"<p>security@acme.example</p>", found=[allowed]) == []


def test_the_marks_themselves_are_clean():
    assert scan(mark("name").encode() + mark("source", block=True).encode()) == []


def test_text_inside_a_compressed_pdf_stream_is_found():
    stream = zlib.compress(b"BT (Zed Quorum & Co) Tj ET")
    pdf = b"%PDF-1.4\n5 0 obj << /Filter /FlateDecode >>\nstream\n" + stream
    pdf += b"\nendstream\nendobj\n%%EOF\n"
    assert len(scan(pdf)) == 1


def test_text_inside_a_compressed_png_chunk_is_found():
    def chunk(kind: bytes, body: bytes) -> bytes:
        return len(body).to_bytes(4, "big") + kind + body + b"\0\0\0\0"

    text = b"Comment\x00\x00" + zlib.compress(b"by Marta Quill")
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", b"\0" * 13) + chunk(b"zTXt", text)
    assert scan(png) == [("text the policy withholds (name)", "")]


def test_scan_output_names_the_file_and_the_entry(tmp_path: Path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text("<p>Marta Quill</p>")
    (tmp_path / "index.html").write_text("<p>zed quorum &amp; co</p>")
    (tmp_path / "clean.html").write_text("<p>nothing</p>")
    guard = Guard(Needles([ORIGINAL], POLICY, 4, 12), POLICY)
    hits = scan_output(tmp_path, guard, {"a/index.html": "content/a.md"})
    assert [str(h) for h in hits] == [
        "a/index.html: text the policy withholds (name) (from content/a.md)",
        "index.html: redacted text (markup, reason name, body) "
        "(from content/v/doc.md:7)",
    ]


class CountingGuard(Guard):
    """A guard that counts the files it reads."""

    scanned = 0

    def scan(self, data: bytes) -> list[tuple[str, str]]:
        self.scanned += 1
        return super().scan(data)


def test_files_that_passed_are_not_read_again_and_leaks_always_are(tmp_path):
    (tmp_path / "clean.html").write_text("<p>nothing</p>")
    (tmp_path / "leak.html").write_text("<p>Zed Quorum &amp; Co</p>")
    memo_path = tmp_path.parent / f"{tmp_path.name}-guard.memo"
    first = CountingGuard(Needles([ORIGINAL], POLICY, 4, 12), POLICY)
    key = memo_key([ORIGINAL], POLICY, 4, 12)
    hits = scan_output(tmp_path, first, {}, DigestMemo.load(memo_path, key))
    assert [h.output for h in hits] == ["leak.html"]
    again = CountingGuard(Needles([ORIGINAL], POLICY, 4, 12), POLICY)
    memo = DigestMemo.load(memo_path, key)
    hits = scan_output(tmp_path, again, {}, memo)
    assert [h.output for h in hits] == ["leak.html"]
    assert (again.scanned, memo.reused) == (1, 1)
    # a changed file is read again, whatever its name
    (tmp_path / "clean.html").write_text("<p>Marta Quill</p>")
    third = CountingGuard(Needles([ORIGINAL], POLICY, 4, 12), POLICY)
    hits = scan_output(tmp_path, third, {}, DigestMemo.load(memo_path, key))
    assert [h.output for h in hits] == ["clean.html", "leak.html"]
    assert third.scanned == 2


def test_the_memo_key_follows_what_is_searched_for_and_the_policy():
    def key(found, policy):
        return memo_key(found, policy, 4, 12)

    base = key([ORIGINAL], POLICY)
    assert key([ORIGINAL], POLICY) == base
    # where an original was found does not change what is searched for
    moved = Redaction(
        "content/v/other.md", 99, None, "markup", "title", ORIGINAL.original
    )
    assert key([moved], POLICY) == base
    assert key([ORIGINAL, BLOCK], POLICY) != base
    assert memo_key([ORIGINAL], POLICY, 5, 12) != base
    assert memo_key([ORIGINAL, BLOCK], POLICY, 4, 20) != key([ORIGINAL, BLOCK], POLICY)
    assert key([ORIGINAL], Policy(names=["Marta Quill", "Ulla Vantrop"])) != base
    assert key([ORIGINAL], Policy(names=["Marta Quill"], allow=[])) != base
    assert (
        key(
            [ORIGINAL],
            Policy(patterns=[("x", r"\bzz\d+")], names=["Marta Quill"], allow=ALLOW),
        )
        != base
    )
