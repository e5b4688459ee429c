from __future__ import annotations

import pytest
from content_model.errors import ContentError
from markdown_reader.header import decode_source, split_header


def fields_of(text: str) -> dict[str, tuple[str, int]]:
    header = split_header(text, "x.md")
    return {name: (f.value, f.line) for name, f in header.fields.items()}


def test_header_ends_at_first_blank_line_and_body_keeps_key_like_lines():
    header = split_header("Title: T\nDate: 2017-03-07\n\nNote: body text\n", "x.md")
    assert {n: f.value for n, f in header.fields.items()} == {
        "title": "T",
        "date": "2017-03-07",
    }
    assert header.body == "Note: body text\n"
    assert header.body_line == 4


def test_keys_are_case_insensitive_and_values_trimmed():
    assert fields_of("TITLE:   Spaced  \nsummary:x\n\n") == {
        "title": ("Spaced", 1),
        "summary": ("x", 2),
    }


def test_indented_lines_continue_the_previous_value():
    text = "Title: A long\n  title here\nSummary: one\n    *two*\n\nbody"
    assert fields_of(text) == {
        "title": ("A long title here", 1),
        "summary": ("one\n*two*", 3),
    }


def test_duplicate_key_is_an_error_naming_both_lines():
    with pytest.raises(ContentError) as caught:
        split_header("Title: a\nDate: 2017-01-01\ntitle: b\n\n", "c/x.md")
    assert str(caught.value) == (
        'c/x.md:3: header key "title" given twice (first on line 1); keep one'
    )


def test_malformed_header_line_is_an_error_with_its_line():
    with pytest.raises(ContentError) as caught:
        split_header("Title: a\nthis is not a header\n\n", "x.md")
    assert caught.value.line == 2
    assert "expected a header line" in caught.value.message


def test_misspelt_key_stops_the_build():
    with pytest.raises(ContentError) as caught:
        split_header("Title: a\nEmbarg: 2099-01-01T00:00:00Z\n\n", "x.md")
    assert caught.value.line == 2
    assert 'unknown header key "Embarg"' in caught.value.message


def test_indented_first_line_is_an_error():
    with pytest.raises(ContentError) as caught:
        split_header("  Title: a\n\n", "x.md")
    assert caught.value.line == 1


def test_file_without_blank_line_is_all_header():
    header = split_header("Title: a", "x.md")
    assert header.fields["title"].value == "a"
    assert header.body == ""


def test_invalid_utf8_names_the_line():
    with pytest.raises(ContentError) as caught:
        decode_source(b"Title: a\n\nok\nbad \xff byte\n", "x.md")
    assert caught.value.line == 4
    assert "invalid UTF-8" in caught.value.message


def test_bom_and_crlf_are_normalised():
    assert decode_source(b"\xef\xbb\xbfTitle: a\r\n\r\nb\r", "x.md") == (
        "Title: a\n\nb\n"
    )
