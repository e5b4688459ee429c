"""What the history needs, found once: version files per folder, sizes at read time."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

from markdown_reader.document import markdown_rendered
from markdown_reader.reader import DossierMarkdownReader
from pelican.settings import DEFAULT_CONFIG
from versions import measure_text
from versions.annotate import measured_size, source_of
from versions.entries import VersionFiles
from versions.text import text_size, version_text

HTML = "<p>First paragraph.</p>\n<p>Second &amp; last.</p>"


def entry(**attrs) -> SimpleNamespace:
    defaults = {"title": "Memo", "date": datetime(2021, 3, 1, tzinfo=UTC)}
    return SimpleNamespace(_content=HTML, **{**defaults, **attrs})


def test_version_files_are_found_beside_their_entry(tmp_path: Path):
    volume = tmp_path / "volumes" / "leak"
    volume.mkdir(parents=True)
    for name in ("memo.md", "memo.v1.md", "memo.v2.md", "a.b.v1.md", "memov1.md"):
        (volume / name).write_text("")
    files = VersionFiles(tmp_path)
    assert files.beside("volumes/leak/memo.md") == {
        1: ["memo.v1.md"],
        2: ["memo.v2.md"],
    }
    assert files.beside("volumes/leak/a.b.md") == {1: ["a.b.v1.md"]}
    assert files.beside("volumes/leak/other.md") == {}
    assert files.beside("volumes/missing/memo.md") == {}


def test_each_folder_is_listed_once(tmp_path: Path, monkeypatch):
    (tmp_path / "v").mkdir()
    (tmp_path / "v" / "x.v1.md").write_text("")
    listed = []
    files = VersionFiles(tmp_path)
    real = files._list
    monkeypatch.setattr(files, "_list", lambda f: listed.append(f) or real(f))
    for _ in range(3):
        assert files.beside("v/x.md") == {1: ["x.v1.md"]}
    assert len(listed) == 1


def test_a_single_version_uses_the_size_measured_at_read_time():
    source = source_of(1, entry(version_size=1234), current=True, compared=False)
    assert source.text is None  # never compared, so never parsed
    assert source.text_size() == 1234


def test_without_a_measured_size_the_size_is_measured_now():
    source = source_of(1, entry(), current=True, compared=False)
    assert source.text_size() == text_size(version_text("Memo", HTML))


def test_compared_versions_keep_their_text_for_the_diff():
    source = source_of(2, entry(version_size=1), current=True, compared=True)
    assert source.text == tuple(version_text("Memo", HTML))
    assert source.text_size() == text_size(version_text("Memo", HTML))


def test_a_withdrawn_version_has_neither_text_nor_size():
    withdrawn = entry(version_status="withdrawn", version_size=99)
    source = source_of(1, withdrawn, current=False, compared=False)
    assert (source.text, source.text_size()) == (None, None)


def test_the_reader_stores_the_size_of_the_sanitized_redacted_text(tmp_path: Path):
    content = tmp_path / "content"
    path = content / "volumes" / "leak" / "memo.md"
    path.parent.mkdir(parents=True)
    path.write_text(
        "Title: Memo & notes\nDate: 2021-03-01T10:00:00Z\n\n"
        "Hello <script>alert(1)</script>world.\n\n- one\n- two\n"
    )
    reader = DossierMarkdownReader({**DEFAULT_CONFIG, "PATH": str(content)})
    with markdown_rendered.connected_to(measure_text):
        html, metadata = reader.read(str(path))
    assert "script" not in html
    assert metadata["version_size"] == measured_size("Memo & notes", html)
    assert metadata["version_size"] == len(
        b"Memo & notes\n\nHello world.\n\none\n\ntwo"
    )
