"""The linking writer: a reused page becomes a hard link to the served file,
and nothing ever writes through that link into output/."""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace

import pytest
from content_model.state import STATE_KEY, BuildState
from pelican.settings import DEFAULT_CONFIG
from pelican.utils import sanitised_join
from pelican.writers import FileOverwriteFailedError
from render_memo import RenderMemoSettings, RenderRun
from render_memo.writer import Discard, LinkingWriter, StaticPaths


def served_and_staging(tmp_path: Path) -> tuple[Path, Path]:
    served, staging = tmp_path / "output", tmp_path / "staging"
    (served / "a").mkdir(parents=True)
    (served / "a" / "index.html").write_text("<p>served</p>")
    (staging / "a").mkdir(parents=True)
    return served, staging


def checked(served: Path) -> tuple[str, tuple[int, int]]:
    """A served page as the memo names it after reading its bytes: its
    path and the file it read (the target of a link, as `open` follows it)."""
    try:
        status = os.stat(served)
    except FileNotFoundError:
        return str(served), (0, 0)
    return str(served), (status.st_dev, status.st_ino)


def writer(staging: Path, links: dict[str, str]) -> LinkingWriter:
    pending = {staged: checked(Path(served)) for staged, served in links.items()}
    settings = dict(DEFAULT_CONFIG)
    settings[STATE_KEY] = BuildState({"render_memo": SimpleNamespace(links=pending)})
    return LinkingWriter(str(staging), settings=settings)


def write(w: LinkingWriter, path: str, text: str, override: bool = False) -> object:
    with w._open_w(path, "utf-8", override=override) as handle:
        handle.write(text)
    return handle


@pytest.mark.parametrize("override", [False, True])
def test_a_reused_page_is_the_served_file_linked(tmp_path, override):
    served, staging = served_and_staging(tmp_path)
    staged = sanitised_join(str(staging), "a/index.html")
    w = writer(staging, {staged: str(served / "a" / "index.html")})
    assert isinstance(write(w, staged, "<p>served</p>", override), Discard)
    assert os.path.samefile(staged, served / "a" / "index.html")
    # Pelican's own bookkeeping of a first write
    assert staged in w._written_files
    assert (staged in w._overridden_files) is override


def test_an_override_after_a_link_never_writes_into_output(tmp_path):
    served, staging = served_and_staging(tmp_path)
    staged = sanitised_join(str(staging), "a/index.html")
    w = writer(staging, {staged: str(served / "a" / "index.html")})
    write(w, staged, "<p>served</p>")
    write(w, staged, "<p>another entry claims this page</p>", override=True)
    assert (served / "a" / "index.html").read_text() == "<p>served</p>"
    assert Path(staged).read_text() == "<p>another entry claims this page</p>"
    assert not os.path.samefile(staged, served / "a" / "index.html")


def test_a_second_write_is_refused_as_pelican_refuses_it(tmp_path):
    served, staging = served_and_staging(tmp_path)
    staged = sanitised_join(str(staging), "a/index.html")
    w = writer(staging, {staged: str(served / "a" / "index.html")})
    write(w, staged, "<p>served</p>")
    with pytest.raises(FileOverwriteFailedError):
        write(w, staged, "<p>again</p>")
    assert (served / "a" / "index.html").read_text() == "<p>served</p>"


def test_an_overridden_page_is_kept_and_the_later_write_skipped(tmp_path):
    served, staging = served_and_staging(tmp_path)
    staged = sanitised_join(str(staging), "a/index.html")
    w = writer(staging, {staged: str(served / "a" / "index.html")})
    write(w, staged, "<p>served</p>", override=True)
    write(w, staged, "<p>skipped</p>")  # Pelican writes it to os.devnull
    assert os.path.samefile(staged, served / "a" / "index.html")
    assert (served / "a" / "index.html").read_text() == "<p>served</p>"


def test_a_page_that_cannot_be_linked_is_written(tmp_path):
    served, staging = served_and_staging(tmp_path)
    (served / "b.html").symlink_to(served / "a" / "index.html")
    linked_file = sanitised_join(str(staging), "b.html")
    missing = sanitised_join(str(staging), "c.html")
    w = writer(
        staging,
        {linked_file: str(served / "b.html"), missing: str(served / "c.html")},
    )
    for path in (linked_file, missing):
        assert not isinstance(write(w, path, "<p>written</p>"), Discard)
        assert Path(path).read_text() == "<p>written</p>"
        assert not Path(path).is_symlink()
    assert (served / "a" / "index.html").read_text() == "<p>served</p>"


def test_a_page_replaced_after_its_bytes_were_checked_is_written(tmp_path):
    served, staging = served_and_staging(tmp_path)
    staged = sanitised_join(str(staging), "a/index.html")
    w = writer(staging, {staged: str(served / "a" / "index.html")})
    # between the check and the link, another file takes the served name
    replacement = tmp_path / "replacement.html"
    replacement.write_text("<p>not what was checked</p>")
    os.replace(replacement, served / "a" / "index.html")
    assert not isinstance(write(w, staged, "<p>served</p>"), Discard)
    assert Path(staged).read_text() == "<p>served</p>"
    assert not os.path.samefile(staged, served / "a" / "index.html")


def test_static_files_and_the_theme_folder_are_never_linked(tmp_path):
    staging = str(tmp_path / "staging")
    context = {"staticfiles": [SimpleNamespace(save_as="volumes/a/scan.html")]}
    paths = StaticPaths.of({"THEME_STATIC_DIR": "theme"}, context, staging)
    assert sanitised_join(staging, "volumes/a/scan.html") in paths
    assert sanitised_join(staging, "theme/css/page.html") in paths
    assert sanitised_join(staging, "volumes/a/index.html") not in paths
    assert sanitised_join(staging, "themes.html") not in paths


def test_the_memo_offers_no_link_where_a_static_file_goes(tmp_path):
    staging = str(tmp_path / "staging")
    run = RenderRun(RenderMemoSettings(), tmp_path / "output")
    run.staging = staging
    context = {"staticfiles": [SimpleNamespace(save_as="volumes/a/scan.html")]}
    run.unlinkable = StaticPaths.of({"THEME_STATIC_DIR": "theme"}, context, staging)
    for page in ("volumes/a/scan.html", "theme/x.html", "volumes/a/index.html"):
        run.offer_link(page, (1, 2))
    assert run.links == {
        sanitised_join(staging, "volumes/a/index.html"): (
            str(tmp_path / "output" / "volumes/a/index.html"),
            (1, 2),
        )
    }
