"""files_under: the files a whole-site check reads, as rglob would give them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from content_model.files import files_under


def test_every_file_sorted_by_its_relative_path_as_rglob_finds_them(tmp_path):
    root = tmp_path / "site"
    for relative in ("a/x.html", "a-b/y.html", "index.html", "a/deep/z.txt"):
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(relative)
    (root / "same.html").symlink_to(root / "index.html")
    (root / "again").symlink_to(root / "a")  # not entered
    (root / "gone.html").symlink_to(root / "missing.html")  # not a file
    (root / "empty").mkdir()
    found = files_under(root)
    assert [relative for relative, _ in found] == [
        "a-b/y.html",
        "a/deep/z.txt",
        "a/x.html",
        "index.html",
        "same.html",
    ]
    expected = {
        p.relative_to(root).as_posix(): str(p) for p in root.rglob("*") if p.is_file()
    }
    assert dict(found) == expected
    assert Path(dict(found)["same.html"]).read_text() == "index.html"


def test_no_folder_is_no_file_and_an_unreadable_folder_is_an_error(
    tmp_path, monkeypatch
):
    assert files_under(tmp_path / "missing") == []
    locked = tmp_path / "site" / "locked"
    locked.mkdir(parents=True)
    (locked / "page.html").write_text("x")
    real_scandir = os.scandir

    def scandir(path):
        # the suite runs as root, which reads every folder: refuse as the
        # kernel would refuse another user
        if os.fspath(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    with pytest.raises(PermissionError):
        files_under(tmp_path / "site")
