"""Builds of a copy of the redaction fixture with a listed name in a URL.

"Osgood Canarywell" is in the fixture's names file. As a Slug, or as an
attachment's file name (any case, `-` or `_` between the words), it would
be published in the sitemap, the feeds, release.json and the volume page;
the build must stop with file:line and leave output/ as it was. As a tag it
becomes the mark.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.sitebuild import run_pelican, snapshot

VENDOR = "content/statements/vendor.md"
FILES = "content/volumes/leak/files"
HELP = "contains a name from the names file (reading -, _ and . as spaces)"


def add_header(path: Path, line: str) -> None:
    """Insert a header line after the first line (so it is line 2)."""
    first, rest = path.read_text().split("\n", 1)
    path.write_text(f"{first}\n{line}\n{rest}")


def name_as_slug(site: Path) -> str:
    add_header(site / VENDOR, "Slug: osgood-canarywell")
    return f"{VENDOR}:2: the Slug header {HELP}"


def name_as_file(file_name: str):
    def setup(site: Path) -> str:
        shutil.copy(site / FILES / "chart.png", site / FILES / file_name)
        return f"{FILES}/{file_name}:1: a folder or file name in this path {HELP}"

    return setup


@pytest.mark.parametrize(
    "setup",
    [
        pytest.param(name_as_slug, id="slug"),
        pytest.param(name_as_file("osgood-canarywell-cv.png"), id="hyphen-file"),
        pytest.param(name_as_file("Osgood_Canarywell.png"), id="underscore-file"),
    ],
)
def test_a_name_in_a_url_fails_the_build_and_leaves_output(site, output, setup):
    expected = setup(site)
    before = snapshot(output)
    build = run_pelican(site, output)
    assert build.returncode != 0
    log = " ".join(build.log.split())
    assert expected in log
    message = log.split(expected, 1)[1].split(" content/", 1)[0]
    assert "canarywell" not in message.lower()
    assert snapshot(output) == before


def test_a_tag_that_spells_a_name_is_published_as_the_mark(site, output):
    vendor = site / VENDOR
    vendor.write_text(
        vendor.read_text().replace(
            "Tags: vendor-statement", "Tags: vendor-statement, Osgood-Canarywell"
        )
    )
    build = run_pelican(site, output)
    assert build.returncode == 0, build.log
    files = [p for p in output.rglob("*") if p.is_file()]
    assert (output / "tags/redacted-personal-name/index.html").is_file()
    assert [p for p in files if "canarywell" in p.as_posix().lower()] == []
    assert [p for p in files if b"canarywell" in p.read_bytes().lower()] == []
