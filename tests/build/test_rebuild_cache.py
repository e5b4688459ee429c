"""Rebuilds with the reader cache: the same bytes, only edited files read, and
every guard as strict as in a cold build.

A file read again would have its cache entry written again (a new file
renamed into place), so an entry with the same inode and modification time
after a build is one the build served from the cache.
"""

from __future__ import annotations

import json
import pickle
import subprocess
from pathlib import Path

from tests.redaction.support import plugin_settings
from tests.sitebuild import ROOT, SITES, Build, copy_site, run_pelican

MEMO = "content/volumes/leak/memo.md"


def entries(site: Path) -> dict[str, tuple[int, int]]:
    """Every cache entry, with what changes when it is written again."""
    found = {}
    for entry in (site / ".cache").glob("reader-*/*.pickle"):
        stat = entry.stat()
        found[f"{entry.parent.name}/{entry.name}"] = (stat.st_ino, stat.st_mtime_ns)
    return found


def key_folders(site: Path) -> set[str]:
    return {p.name for p in (site / ".cache").glob("reader-*")}


def files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in folder.rglob("*")
        if p.is_file()
    }


def built(site: Path, output: Path, *settings: str) -> Build:
    build = run_pelican(site, output, *settings)
    assert build.returncode == 0, build.log
    return build


def test_a_rebuild_without_change_reads_nothing_and_writes_the_same_bytes(tmp_path):
    site = copy_site(SITES / "basic", tmp_path / "site")
    built(site, tmp_path / "cold")
    cold = entries(site)
    assert len(cold) == len(list((site / "content").rglob("*.md")))
    built(site, tmp_path / "warm")
    assert entries(site) == cold
    assert files(tmp_path / "warm") == files(tmp_path / "cold")


def test_a_rebuild_takes_the_reading_from_the_cache(tmp_path):
    site = copy_site(SITES / "basic", tmp_path / "site")
    built(site, tmp_path / "out")
    for entry in (site / ".cache").glob("reader-*/*.pickle"):
        content, metadata = pickle.loads(entry.read_bytes())
        if metadata["source_relpath"] == "pages/about.md":
            reading = ("<p>Served from the cache.</p>\n", metadata)
            entry.write_bytes(pickle.dumps(reading))
    # another output folder: into the same one, nothing changed would be written
    build = built(site, tmp_path / "other")
    assert "<p>Served from the cache.</p>" in build.read("about/index.html")


def test_editing_one_file_reads_only_that_file(tmp_path):
    site = copy_site(SITES / "basic", tmp_path / "site")
    built(site, tmp_path / "out")
    before = entries(site)
    note = site / "content/volumes/alpha/router-note.md"
    note.write_text(note.read_text() + "\nAn editor's correction.\n")
    build = built(site, tmp_path / "out")
    after = entries(site)
    page = build.read("volumes/alpha/router-note/index.html")
    assert "An editor's correction." in page
    # the edited file's old entry is gone, its new one added, the rest untouched
    assert (len(set(before) - set(after)), len(set(after) - set(before))) == (1, 1)
    kept = set(before) & set(after)
    assert len(kept) == len(before) - 1
    assert {k: after[k] for k in kept} == {k: before[k] for k in kept}


def test_a_changed_setting_starts_a_new_cache_and_the_embargo_clock_does_not(
    tmp_path,
):
    site = copy_site(SITES / "basic", tmp_path / "site")
    built(site, tmp_path / "out")
    cold = entries(site)
    built(site, tmp_path / "out", 'EMBARGO_NOW="2030-01-01T00:00:00Z"')
    assert entries(site) == cold
    built(site, tmp_path / "out", "REDACTION_ALLOW=[]")
    assert len(key_folders(site)) == 2
    assert len(entries(site)) == 2 * len(cold)


def test_a_name_added_to_the_names_file_is_withheld_in_unchanged_files(tmp_path):
    site = copy_site(SITES / "redaction", tmp_path / "site")
    about = site / "content/pages/about.md"
    about.write_text(about.read_text() + "\nKept by Quentin Zarbo.\n")
    build = built(site, tmp_path / "out")
    assert "<p>Kept by Quentin Zarbo.</p>" in build.read("about/index.html")
    names = site / "names.txt"
    names.write_text(names.read_text() + "Quentin Zarbo\n")
    build = built(site, tmp_path / "out")
    page = build.read("about/index.html")
    assert "Zarbo" not in page
    assert '<p>Kept by <span class="redaction"' in page
    assert len(key_folders(site)) == 2


def with_leaks(leaks: dict[str, str]) -> list[str]:
    """The leak_injector test plugin (tests/redaction) writes `leaks` into the
    staged site just before the guard reads it."""
    paths = [str(ROOT / "plugins"), str(SITES / "redaction" / "plugins")]
    return [
        *plugin_settings("leak_injector"),
        f"PLUGIN_PATHS={json.dumps(paths)}",
        f"REDACTION_TEST_LEAKS={json.dumps(leaks)}",
    ]


def two_failing_builds(site: Path, output: Path, settings: list[str]) -> str:
    """Build twice; both must fail, the second from the cache alone."""
    cold = run_pelican(site, output, *settings)
    assert cold.returncode != 0
    cached = entries(site)
    assert cached
    warm = run_pelican(site, output, *settings)
    assert warm.returncode != 0
    assert entries(site) == cached
    return " ".join(warm.log.split())


def test_a_leaked_original_of_a_cached_entry_still_fails_the_build(tmp_path):
    site = copy_site(SITES / "redaction", tmp_path / "site")
    leaks = {
        "leak/heading.html": "<p>Meeting with &#67;anaryHeading</p>",
        "search/index.json": json.dumps({"t": "Memo for CanaryTitle"}),
    }
    log = two_failing_builds(site, tmp_path / "out", with_leaks(leaks))
    assert "redaction guard: 2 leak(s) in the output" in log
    assert (
        "leak/heading.html: redacted text (markup, reason name, body heading) "
        f"(from {MEMO}:10)"
    ) in log
    assert (
        f"search/index.json: redacted text (markup, reason name, title) (from {MEMO}:1)"
    ) in log


def test_a_leaked_original_of_a_held_entry_still_fails_a_cached_build(tmp_path):
    site = copy_site(SITES / "redaction", tmp_path / "site")
    (site / "content/volumes/leak/held.md").write_text(
        "Title: Held memo\nDate: 2020-05-03T10:00:00Z\n"
        "Embargo: 2099-01-01T00:00:00Z\n\n"
        "Written by [CanaryHeldName]{.redact reason=name}.\n"
    )
    leaks = {"leak/held.html": "<p>by CanaryHeldName</p>"}
    log = two_failing_builds(site, tmp_path / "out", with_leaks(leaks))
    assert (
        "leak/held.html: redacted text (markup, reason name, body) "
        "(from content/volumes/leak/held.md:5)"
    ) in log


def test_a_file_with_an_error_is_never_cached_and_fails_every_build(tmp_path):
    site = copy_site(SITES / "basic", tmp_path / "site")
    note = site / "content/volumes/alpha/router-note.md"
    note.write_text(note.read_text().replace("Title:", "Titel:", 1))
    logs = []
    for _ in range(2):
        build = run_pelican(site, tmp_path / "out")
        assert build.returncode != 0
        logs.append(" ".join(build.log.split()))
    assert "content/volumes/alpha/router-note.md:1: " in logs[1]
    assert len(entries(site)) == len(list((site / "content").rglob("*.md"))) - 1


def test_make_clean_removes_the_reader_cache():
    done = subprocess.run(
        ["make", "-n", "clean"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert ".cache" in done.stdout.split()


def test_a_cache_inside_the_output_folder_stops_the_build(tmp_path):
    site = copy_site(SITES / "basic", tmp_path / "site")
    output = tmp_path / "out"
    build = run_pelican(site, output, 'READER_CACHE="../out/.cache"')
    assert build.returncode != 0
    assert (
        f"pelicanconf.py:1: READER_CACHE {output / '.cache'} is inside the output "
        f"folder {output}, where it would be published"
    ) in " ".join(build.log.split())
    assert not output.exists()
