"""Diffs and sizes come from the redacted text: no redacted original leaks."""

from __future__ import annotations

import json

import pytest

import pelicanconf
from tests.sitebuild import SITES, Build, copy_site, run_pelican

LEAK = "content/volumes/leak"
ORIGINALS = ("Jane Roe", "Richard Miles")
# the redaction plugin in its pipeline place, whether or not the site lists it
PLUGINS = [p for p in pelicanconf.PLUGINS if p != "redaction"]
PLUGINS.insert(PLUGINS.index("content_model") + 1, "redaction")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    copy = tmp_path_factory.mktemp("redacted") / "site"
    copy_site(SITES / "versions", copy)
    same = "A second paragraph that stays the same."
    for name in ("index.v1.md", "index.md"):
        path = copy / LEAK / name
        text = path.read_text().replace(
            same, "A second paragraph names [Jane Roe]{.redact}."
        )
        path.write_text(text)
    current = copy / LEAK / "index.md"
    current.write_text(
        current.read_text().replace(
            "about modems.", "about modems from [Richard Miles]{.redact reason=name}."
        )
    )
    plugins = json.dumps(PLUGINS)
    build = run_pelican(
        copy, copy / "out", f"PLUGINS={plugins}", f"DOSSIER_PLUGINS={plugins}"
    )
    assert build.returncode == 0, build.log
    return build


def test_the_diff_shows_redaction_marks_by_their_label(site):
    html = site.read("volumes/leak/v2/diff/index.html")
    assert '<li class="diff-same">A second paragraph names [redacted].</li>' in html
    assert (
        "claim about <del>routers</del><ins>modems from [redacted: personal name]"
        "</ins>." in html
    )


def test_no_redacted_original_is_in_any_file(site):
    for path in site.files():
        data = path.read_bytes()
        for original in ORIGINALS:
            assert original.encode() not in data, (path, original)
