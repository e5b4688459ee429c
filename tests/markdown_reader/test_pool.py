"""Reading ahead in a pool of processes: faster, and nothing else changes."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest
from markdown_reader.cache import CacheSettingError, CacheSettings
from markdown_reader.pool import read_ahead
from markdown_reader.reader import DossierMarkdownReader
from pelican.settings import DEFAULT_CONFIG

from tests.sitebuild import SITES, copy_site, previous_release, run_pelican, snapshot

NOTE = "content/volumes/alpha/router-note.md"


def files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in folder.rglob("*")
        if p.is_file()
    }


def test_reading_ahead_gives_the_same_site_byte_for_byte(tmp_path):
    alone_site = copy_site(SITES / "basic", tmp_path / "alone")
    pooled_site = copy_site(SITES / "basic", tmp_path / "pooled")
    alone = run_pelican(alone_site, tmp_path / "out-alone", "READER_PROCESSES=1")
    pooled = run_pelican(
        pooled_site, tmp_path / "out-pooled", "READER_PROCESSES=2", verbose=True
    )
    assert alone.returncode == pooled.returncode == 0, alone.log + pooled.log
    # the articles generator's files; the one page is not worth a pool
    articles = [
        p for p in (pooled_site / "content").rglob("*.md") if "pages" not in p.parts
    ]
    said = f"{len(articles)} of {len(articles)} files read ahead in 2 processes"
    assert said in " ".join(pooled.log.split())
    assert "read ahead" not in alone.log
    assert files(tmp_path / "out-pooled") == files(tmp_path / "out-alone")


def test_a_file_that_fails_in_a_worker_fails_the_build_with_its_line(tmp_path):
    site = copy_site(SITES / "basic", tmp_path / "site")
    note = site / NOTE
    lines = note.read_text().split("\n")
    lines.insert(1, "Colour: red")
    note.write_text("\n".join(lines))
    out = previous_release(tmp_path / "output")
    before = snapshot(out)
    build = run_pelican(site, out, "READER_PROCESSES=2", verbose=True)
    assert build.returncode != 0
    log = " ".join(build.log.split())
    assert f"{NOTE.removeprefix('content/')}:2" in log
    assert "Colour" in log
    assert "files read ahead in 2 processes" in log
    assert snapshot(out) == before


@pytest.fixture
def pages(tmp_path: Path) -> tuple[DossierMarkdownReader, list[str]]:
    """Three small pages and a reader with a cache, nothing read yet."""
    content = tmp_path / "content"
    for name in ("a", "b", "c"):
        path = content / "pages" / f"{name}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"Title: {name}\nDate: 2017-03-07T09:00:00Z\n\nText {name}.\n")
    settings = {**DEFAULT_CONFIG, "PATH": str(content), "READER_CACHE": ".cache"}
    paths = sorted(str(p) for p in content.rglob("*.md"))
    return DossierMarkdownReader(settings), paths


def test_a_broken_pool_loses_only_speed(pages, monkeypatch, caplog):
    reader, paths = pages
    # a worker that dies mid-file, as one killed by the kernel would
    monkeypatch.setattr(reader, "fill_cache", lambda path: os._exit(1))
    with caplog.at_level(logging.WARNING):
        assert read_ahead(reader, paths, processes=2) == 0
    assert "reading ahead stopped" in caplog.text
    monkeypatch.undo()
    assert reader.uncached(paths) == paths  # nothing half-written
    html, metadata = reader.read(paths[0])
    assert (html, metadata["title"]) == ("<p>Text a.</p>\n", "a")


def test_the_pool_fills_only_what_the_cache_lacks(pages):
    reader, paths = pages
    reader.read(paths[0])
    assert reader.uncached(paths) == paths[1:]
    assert read_ahead(reader, paths, processes=2) == 2
    assert reader.uncached(paths) == []
    # one file left: not worth a pool
    Path(paths[0]).write_text("Title: a\nDate: 2017-03-07\n\nNew.\n")
    assert read_ahead(reader, paths, processes=2) == 0


def test_without_a_cache_there_is_nothing_to_read_ahead_into(tmp_path):
    reader = DossierMarkdownReader({**DEFAULT_CONFIG, "PATH": str(tmp_path)})
    (tmp_path / "a.md").write_text("Title: a\n\nText.\n")
    (tmp_path / "b.md").write_text("Title: b\n\nText.\n")
    assert reader.uncached([str(tmp_path / "a.md"), str(tmp_path / "b.md")]) == []


@pytest.mark.parametrize("value", [0, -1, "2", True, 1.5])
def test_reader_processes_must_be_a_whole_number_of_at_least_one(value):
    with pytest.raises(CacheSettingError, match="READER_PROCESSES"):
        CacheSettings.read({"READER_PROCESSES": value, "PATH": "content"})


def test_reader_processes_defaults_to_one_per_core():
    found = CacheSettings.read({"READER_PROCESSES": None, "PATH": "content"})
    assert found.processes == len(os.sched_getaffinity(0))
    assert CacheSettings.read({"READER_PROCESSES": 3, "PATH": "c"}).processes == 3
