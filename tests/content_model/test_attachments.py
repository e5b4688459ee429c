from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from content_model.attachments import (
    ATTACHMENT_TYPES,
    OPAQUE,
    TEXT_TYPES,
    attachment_errors,
    read_vouched,
    text_problem,
    unreadable_errors,
)
from content_model.errors import ContentErrors
from redaction.readings import texts_of


def test_known_types_in_files_folder_are_published():
    assert attachment_errors(["volumes/v/files/a.pdf", "volumes/v/files/B.PNG"]) == []


def test_markdown_lookalikes_and_stray_files_are_refused():
    errors = attachment_errors(["volumes/v/notes.markdown", "volumes/v/x.MD"])
    assert [(e.path, e.line) for e in errors] == [
        ("content/volumes/v/notes.markdown", 1),
        ("content/volumes/v/x.MD", 1),
    ]
    assert all("only entries" in e.message for e in errors)


def test_active_content_types_are_refused():
    errors = attachment_errors(
        ["volumes/v/files/mail.html", "volumes/v/files/d.svg", "volumes/v/files/x"]
    )
    assert [e.message.split(" are ")[0] for e in errors] == [
        'attachments of type ".html"',
        'attachments of type ".svg"',
        'attachments of type "(none)"',
    ]


# What the output guards can read: UTF-8 text, and nothing else for sure.

PDF = b"%PDF-1.4\n1 0 obj << /Filter /FlateDecode >>\nstream\nx\x9c...\nendstream\n"
TEXTS = {
    "utf8.txt": "Notes by Zoë Quorum\n".encode(),
    "bom.csv": b"\xef\xbb\xbfname,role\r\nZed,clerk\r\n",
    "data.json": b'{"name": "Zed \\u0051uorum"}\n',
}


def write(folder: Path, files: dict[str, bytes]) -> dict[str, Path]:
    found = {}
    for name, data in files.items():
        path = folder / name
        path.write_bytes(data)
        found[f"volumes/v/files/{name}"] = path
    return found


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_every_attachment_type_is_text_or_opaque():
    assert TEXT_TYPES | set(OPAQUE) == ATTACHMENT_TYPES
    assert not TEXT_TYPES & set(OPAQUE)


def test_utf8_text_needs_no_vouching(tmp_path):
    assert unreadable_errors(write(tmp_path, TEXTS), {}) == []


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ("Zed Quorum".encode("utf-16"), "it starts with a byte order mark"),
        ("Zed Quorum".encode("utf-16-be"), "it holds NUL bytes"),
        ("Zed Quorum".encode("utf-16-le"), "it holds NUL bytes"),
        ("Zed Quorum".encode("utf-32"), "it starts with a byte order mark"),
        ("Zoë Quorum".encode("latin-1"), "byte 2 is not valid UTF-8"),
        ("Zoe\u0308 Quorum".encode(), "decomposed (Unicode NFD, not NFC)"),
    ],
)
def test_text_the_guards_cannot_read_is_refused(tmp_path, data, problem):
    files = write(tmp_path, {"notes.txt": data})
    [error] = unreadable_errors(files, {})
    assert (error.path, error.line) == ("content/volumes/v/files/notes.txt", 1)
    assert problem in error.message
    assert "save it as UTF-8 (NFC) text" in error.message
    assert f'add "volumes/v/files/notes.txt": "{digest(data)}"' in error.message
    assert text_problem(data) is not None


def test_refused_text_is_text_the_guards_cannot_see():
    for encoding in ("utf-16", "utf-16-le", "utf-16-be", "utf-32"):
        data = "Zed Quorum".encode(encoding)
        assert text_problem(data) is not None
        # the redaction guard reads it as latin-1, the embargo scan as UTF-8
        assert not any("Zed Quorum" in text for text in texts_of(data))
        assert b"Zed Quorum" not in data
    for data in TEXTS.values():
        assert text_problem(data) is None
        assert list(texts_of(data)) == [data.decode("utf-8")]


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("a.pdf", "a PDF keeps its text in compressed streams"),
        ("a.PNG", "carries metadata (EXIF, XMP: author, camera serial, GPS"),
        ("a.jpg", "carries metadata (EXIF"),
        ("a.zip", "an archive keeps its files compressed"),
        ("a.tar", "an archive keeps its files compressed"),
        ("a.docx", "an office document is a zip archive of compressed XML"),
        ("a.ods", "an office document is a zip archive of compressed XML"),
        ("a.mp4", "audio and video hold speech"),
    ],
)
def test_opaque_attachments_need_an_editor_to_vouch(tmp_path, name, why):
    files = write(tmp_path, {name: PDF})
    [error] = unreadable_errors(files, {})
    assert why in error.message
    assert error.message.endswith(
        f'add "volumes/v/files/{name}": "{digest(PDF)}" to ATTACHMENTS_VOUCHED '
        "in pelicanconf.py"
    )
    assert unreadable_errors(files, {f"volumes/v/files/{name}": digest(PDF)}) == []


def test_a_file_changed_after_vouching_is_refused_again(tmp_path):
    edited = PDF + b"%% edited\n"
    files = write(tmp_path, {"a.pdf": edited})
    [error] = unreadable_errors(files, {"volumes/v/files/a.pdf": digest(PDF)})
    assert error.message == (
        f"changed since an editor vouched for it (ATTACHMENTS_VOUCHED has SHA-256 "
        f"{digest(PDF)}, the file now {digest(edited)}); check it again "
        "(docs/editors.md, Attachments) and put the new SHA-256 in ATTACHMENTS_VOUCHED"
    )


def test_a_vouch_is_for_one_path(tmp_path):
    files = write(tmp_path, {"a.pdf": PDF, "b.pdf": PDF})
    errors = unreadable_errors(files, {"volumes/v/files/a.pdf": digest(PDF)})
    assert [e.path for e in errors] == ["content/volumes/v/files/b.pdf"]


def test_missing_files_and_unknown_types_are_left_to_the_other_checks(tmp_path):
    files = write(tmp_path, {"a.svg": b"<svg/>"})
    files["volumes/v/files/gone.pdf"] = tmp_path / "gone.pdf"
    assert unreadable_errors(files, {}) == []


def test_vouched_digests_are_read_in_any_case():
    upper = digest(PDF).upper()
    assert read_vouched({"ATTACHMENTS_VOUCHED": {"v/a.pdf": upper}}) == {
        "v/a.pdf": digest(PDF)
    }
    assert read_vouched({}) == {}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (["volumes/v/files/a.pdf"], "must be a dict of content-relative"),
        ({"volumes/v/files/a.pdf": "md5:abc"}, "must be the file's SHA-256"),
        ({"volumes/v/files/a.pdf": None}, "must be the file's SHA-256"),
    ],
)
def test_a_bad_vouch_setting_stops_the_build(value, expected):
    with pytest.raises(ContentErrors) as raised:
        read_vouched({"ATTACHMENTS_VOUCHED": value})
    [error] = raised.value.errors
    assert (error.path, error.line) == ("pelicanconf.py", 1)
    assert expected in error.message
