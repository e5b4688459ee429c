from __future__ import annotations

import pytest
from content_model.errors import ContentError
from content_model.kinds import classify


@pytest.mark.parametrize(
    ("path", "kind", "url"),
    [
        ("volumes/vault-1/index.md", "volume", "volumes/vault-1/"),
        (
            "volumes/vault-1/edg-overview.md",
            "document",
            "volumes/vault-1/edg-overview/",
        ),
        ("statements/acme.md", "statement", "statements/acme/"),
        ("pages/about.md", "page", "about/"),
    ],
)
def test_the_folder_decides_kind_and_url(path, kind, url):
    place = classify(path)
    assert (place.kind, place.url, place.save_as) == (kind, url, url + "index.html")


def test_version_files_point_at_their_current_file():
    place = classify("volumes/vault-1/index.v2.md")
    assert (place.kind, place.version_of, place.version_number) == (
        "volume",
        "volumes/vault-1/index.md",
        2,
    )


def test_slug_header_renames_a_document():
    assert classify("statements/a.md", "acme-reply").url == "statements/acme-reply/"


@pytest.mark.parametrize(
    "path",
    ["volumes/Vault 1/index.md", "notes/x.md", "volumes/v/sub/x.md", "pages/tags.md"],
)
def test_paths_outside_the_layout_are_errors(path):
    with pytest.raises(ContentError):
        classify(path)
