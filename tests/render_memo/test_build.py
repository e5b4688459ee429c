"""The render memo in real builds: after an edit, the pages that read nothing
that changed come from the last release, and the site is byte for byte the
one a build without the memo makes. (Every build of the suite also renders
each reused page and compares: DOSSIER_RENDER_MEMO_VERIFY, tests/conftest.py.)
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest

from tests.sitebuild import ROOT, SITES, Build, copy_site, run_pelican

sys.path.insert(0, str(ROOT / "plugins"))
from release.writer import RELEASE_FILES  # noqa: E402

COUNTS = re.compile(
    r"render_memo: (\d+) pages written from the last release, (\d+) rendered"
)
DOCUMENT = "content/volumes/leak/memo.md"


def counts(build: Build) -> tuple[int, int]:
    assert build.returncode == 0, build.log
    found = COUNTS.search(" ".join(build.log.split()))
    assert found, build.log
    return int(found[1]), int(found[2])


def pages(folder: Path) -> dict[str, bytes]:
    """Every file but the release's own (their serial and time differ)."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in folder.rglob("*")
        if p.is_file() and p.relative_to(folder).as_posix() not in RELEASE_FILES
    }


def inodes(folder: Path) -> dict[str, int]:
    return {
        p.relative_to(folder).as_posix(): p.stat().st_ino
        for p in folder.rglob("*")
        if p.is_file()
    }


def edit(site: Path, relpath: str = DOCUMENT) -> None:
    source = site / relpath
    source.write_text(source.read_text() + "\nAn editor's correction.\n")


@pytest.mark.parametrize(
    ("fixture", "document", "page"),
    [
        ("versions", DOCUMENT, "volumes/leak/memo/index.html"),
        # attachments, linked with {static} from the volume's page
        (
            "basic",
            "content/volumes/alpha/router-note.md",
            "volumes/alpha/router-note/index.html",
        ),
    ],
)
def test_after_an_edit_the_site_is_the_one_a_build_without_the_memo_makes(
    tmp_path, fixture, document, page
):
    site = copy_site(SITES / fixture, tmp_path / "site")
    out = tmp_path / "out"
    reused, rendered = counts(run_pelican(site, out, verbose=True))
    assert reused == 0 and rendered > 5
    before = inodes(out)
    edit(site, document)
    reused, rendered_again = counts(run_pelican(site, out, verbose=True))
    # the document, its version page, and pages listing it with their summary
    assert 0 < rendered_again < rendered // 2
    assert reused + rendered_again == rendered
    assert "An editor's correction." in (out / page).read_text()
    # each reused page is the served file itself, linked into the release
    # (render_memo/writer.py); the edited one is a new file
    after = inodes(out)
    assert len([name for name in after if after[name] == before.get(name)]) == reused
    assert after[page] != before[page]
    shutil.rmtree(site / ".cache")
    cold = run_pelican(site, tmp_path / "cold", "RENDER_MEMO=false", verbose=True)
    assert cold.returncode == 0, cold.log
    assert "render_memo:" not in cold.log
    assert pages(out) == pages(tmp_path / "cold")


def test_a_changed_template_renders_every_page(tmp_path):
    site = copy_site(SITES / "versions", tmp_path / "site")
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    out = tmp_path / "out"
    _, rendered = counts(run_pelican(site, out, f'THEME="{theme}"', verbose=True))
    # compiled templates are kept, each under its source's checksum
    compiled = site / ".cache" / "templates"
    kept = {p.name: p.read_bytes() for p in compiled.iterdir()}
    assert len(kept) >= 5
    base = theme / "templates" / "base.html"
    base.write_text(base.read_text().replace("</body>", "<!-- new footer --></body>"))
    assert counts(run_pelican(site, out, f'THEME="{theme}"', verbose=True)) == (
        0,
        rendered,
    )
    assert "<!-- new footer -->" in (out / "volumes/leak/memo/index.html").read_text()
    changed = {p.name for p in compiled.iterdir() if kept.get(p.name) != p.read_bytes()}
    assert changed  # base.html compiled again


def test_a_served_page_changed_on_disk_is_rendered_again(tmp_path):
    site = copy_site(SITES / "versions", tmp_path / "site")
    out = tmp_path / "out"
    counts(run_pelican(site, out, verbose=True))
    about = out / "about" / "index.html"
    original = about.read_bytes()
    about.write_bytes(original.replace(b"</body>", b"<script>tampered</script></body>"))
    edit(site)
    reused, _ = counts(run_pelican(site, out, verbose=True))
    assert reused > 0
    assert about.read_bytes() == original


def test_turned_off_it_keeps_nothing(tmp_path):
    site = copy_site(SITES / "basic", tmp_path / "site")
    build = run_pelican(site, tmp_path / "out", "RENDER_MEMO=false", verbose=True)
    assert build.returncode == 0, build.log
    assert "render_memo:" not in build.log
    assert not list((site / ".cache").glob("render*.memo"))
    assert (site / ".cache" / "guard.memo").exists()


def test_a_build_into_another_folder_keeps_the_public_site_s_records(tmp_path):
    # a vendor's preview (make preview) builds into a folder of its own
    site = copy_site(SITES / "versions", tmp_path / "site")
    out = tmp_path / "out"
    _, rendered = counts(run_pelican(site, out, verbose=True))
    preview = run_pelican(site, tmp_path / "preview", verbose=True)
    assert counts(preview) == (0, rendered)
    assert len(list((site / ".cache").glob("render-*.memo"))) == 2
    edit(site)
    reused, rendered_again = counts(run_pelican(site, out, verbose=True))
    assert reused > 0 and reused + rendered_again == rendered
