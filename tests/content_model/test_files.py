"""files_under: the files a whole-site check reads, as rglob would give them."""

from __future__ import annotations

from pathlib import Path

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
