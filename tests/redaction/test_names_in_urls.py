"""A listed name never reaches a URL: file names, the Slug header, tag slugs.

In URLs and file names `-`, `_` and `.` stand where text has spaces, so the
names are looked for with those read as spaces. A path or Slug that spells
a name stops the build (without repeating the name); a tag that spells one
becomes the mark, like a tag with a redaction in it.
"""

from __future__ import annotations

import pytest
from content_model.errors import ContentError
from redaction.fields import named_file_errors, spells_name
from redaction.policy import Policy

from tests.redaction.support import policy, render, text_mark

SPELLED = [
    "marta-quill",
    "Marta_Quill",
    "marta.quill",
    "MARTA-QUILL-statement",
    "memo-for_Marta.Quill",
    "osric-fenn-cv.png",
]
NOT_SPELLED = ["marta", "quill-pens", "martaquill-x", "memo-2017.pdf"]


@pytest.mark.parametrize("text", SPELLED)
def test_a_name_spelled_with_separators_is_found(text):
    assert spells_name(policy(), text)


@pytest.mark.parametrize("text", NOT_SPELLED)
def test_other_words_are_not_a_name(text):
    assert not spells_name(policy(), text)


def test_a_hyphenated_name_is_found_with_its_own_hyphen():
    hyphenated = Policy(names=["Anne-Marie Dupont"])
    assert spells_name(hyphenated, "Anne-Marie_Dupont.pdf")
    assert spells_name(hyphenated, "anne-marie.dupont")


def test_an_allow_listed_name_may_stand_in_a_url():
    public = Policy(names=["Marta Quill"], allow=["Marta Quill"])
    assert not spells_name(public, "marta-quill")


@pytest.mark.parametrize(
    "slug", ["osric-fenn", "Osric_Fenn", "statement-by.osric.fenn"]
)
def test_a_name_in_the_slug_stops_the_build(slug):
    with pytest.raises(ContentError) as caught:
        render("x\n", fields={"title": "T", "slug": slug})
    assert caught.value.line == 2
    assert caught.value.message == (
        "the Slug header contains a name from the names file (reading -, _ and "
        ". as spaces), and would be published in the URL; choose a slug "
        "without it"
    )


def test_a_slug_without_a_name_is_kept():
    rendered = render("x\n", fields={"title": "T", "slug": "osric-statement"})
    assert rendered.fields["slug"].value == "osric-statement"


@pytest.mark.parametrize(
    "path",
    [
        "content/volumes/v/marta-quill-memo.md",
        "content/volumes/v/Marta_Quill.md",
        "content/volumes/marta.quill/index.md",
    ],
)
def test_a_name_in_the_file_or_folder_name_stops_the_build(path):
    with pytest.raises(ContentError) as caught:
        render("x\n", path=path)
    assert (caught.value.path, caught.value.line) == (path, 1)
    assert "would be published in the URL; rename it" in caught.value.message
    assert "marta" not in caught.value.message.lower()


def test_a_tag_that_spells_a_name_becomes_the_mark():
    rendered = render("x\n", fields={"title": "T", "tags": "leak, marta-quill"})
    assert rendered.fields["tags"].value == f"leak, {text_mark('name')}"
    assert [
        (r.line, r.reason, r.kind, r.placement, r.original) for r in rendered.found
    ] == [(2, "name", "policy", "tags", "marta-quill")]


def test_named_attachments_are_errors_at_line_1():
    errors = named_file_errors(
        policy(),
        [
            "content/volumes/v/files/chart.png",
            "content/volumes/v/files/osric-fenn-cv.png",
            "content/volumes/v/files/Osric_Fenn.png",
            "content/volumes/marta-quill/files/a.pdf",
        ],
    )
    assert [(e.path, e.line) for e in errors] == [
        ("content/volumes/v/files/osric-fenn-cv.png", 1),
        ("content/volumes/v/files/Osric_Fenn.png", 1),
        ("content/volumes/marta-quill/files/a.pdf", 1),
    ]
    for error in errors:
        assert "fenn" not in error.message.lower()
        assert "quill" not in error.message.lower()
        assert "would be published in the URL; rename the file" in error.message


def test_only_what_is_published_is_checked_not_the_content_folder():
    word = Policy(names=["Content"])
    paths = ["content/volumes/v/files/a.pdf", "content/volumes/v/files/content.pdf"]
    assert [e.path for e in named_file_errors(word, paths)] == [paths[1]]
