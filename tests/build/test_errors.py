"""Bad input stops the build with file:line, a non-zero exit, and output/ as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.sitebuild import SITES, copy_site, run_pelican, snapshot


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A private copy of the basic site that a test may break."""
    return copy_site(SITES / "basic", tmp_path / "site")


@pytest.mark.parametrize(
    ("relpath", "text", "expected"),
    [
        (
            "content/volumes/alpha/zebra-memo.md",
            "Title: Zebra\nDate: 2020-05-01\nTitel: typo\n\nbody\n",
            'content/volumes/alpha/zebra-memo.md:3: unknown header key "Titel"',
        ),
        (
            "content/statements/vendor-reply.md",
            "Title: V\nDate: 2020-05-02\nOrganization: V\nResponds-To: nope\n\nb\n",
            'content/statements/vendor-reply.md:4: Responds-To "nope" names no volume',
        ),
        (
            "content/volumes/beta/orphan.md",
            "Title: O\nDate: 2020-05-02\n\nb\n",
            'content/volumes/beta/orphan.md:1: document of volume "beta"',
        ),
        (
            "content/pages/about.md",
            "Title: About\n\nno date\n",
            "content/pages/about.md:1: page needs a non-empty Date",
        ),
        (
            "content/volumes/alpha/secret.MD",
            "Title: S\nDate: 2020-05-02\nEmbargo: 2099-01-01T00:00:00Z\n\nb\n",
            "content/volumes/alpha/secret.MD:1: only entries (lowercase .md)",
        ),
        (
            "content/volumes/alpha/files/diagram.svg",
            "<svg><script>alert(1)</script></svg>",
            'content/volumes/alpha/files/diagram.svg:1: attachments of type ".svg"',
        ),
        (
            "content/statements/copy.md",
            "Title: C\nDate: 2020-05-02\nOrganization: O\nSlug: vendor-reply\n\nb\n",
            "content/statements/copy.md:4: same address /statements/vendor-reply/",
        ),
        (
            "content/volumes/alpha/zebra-memo.md",
            "Title: Z\nDate: 2020-05-02\n\n[gone]({static}files/missing.pdf)\n",
            "content/volumes/alpha/files/missing.pdf:1: a link names this file",
        ),
    ],
)
def test_content_error_fails_the_build_and_leaves_output(
    site, output, relpath, text, expected
):
    path = site / relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    before = snapshot(output)
    build = run_pelican(site, output)
    assert build.returncode != 0
    assert expected in build.log
    assert snapshot(output) == before


def test_a_plugin_that_fails_to_load_fails_the_build(site, output, tmp_path):
    broken = tmp_path / "broken" / "markdown_reader"
    broken.mkdir(parents=True)
    (broken / "__init__.py").write_text("raise ImportError('simulated breakage')\n")
    before = snapshot(output)
    build = run_pelican(site, output, f'PLUGIN_PATHS=["{broken.parent}"]')
    assert build.returncode != 0
    assert "plugin markdown_reader did not load" in build.log
    assert snapshot(output) == before


def test_a_plugin_left_out_of_plugins_fails_the_build(site, output):
    build = run_pelican(site, output, 'PLUGINS=["markdown_reader"]')
    assert build.returncode != 0
    assert "plugin content_model did not load" in build.log
