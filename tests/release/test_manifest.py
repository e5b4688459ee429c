"""release.json, SHA256SUMS and the trace: formats and the serial rule."""

from __future__ import annotations

import json
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from release.manifest import (
    Entry,
    ManifestError,
    PreviousRelease,
    Release,
    content_digest,
    digests,
    format_sums,
    next_release,
    parse_sums,
    read_previous,
    release_moment,
    trace_text,
)

ENTRY = Entry("volumes/leak/", "Leak volume", "volume", 2, "2021-06-01T12:00:00Z")


def make_tree(root: Path, files: dict[str, str]) -> Path:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def test_sums_are_sorted_and_sha256sum_can_check_them(tmp_path):
    root = make_tree(
        tmp_path, {"index.html": "home\n", "b/index.html": "b\n", "a b.txt": "x\n"}
    )
    sums = format_sums(digests(root))
    assert [line.split("  ")[1] for line in sums.decode().splitlines()] == [
        "a b.txt",
        "b/index.html",
        "index.html",
    ]
    (root / "SHA256SUMS").write_bytes(sums)
    done = subprocess.run(
        ["sha256sum", "-c", "--strict", "SHA256SUMS"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_sums_leave_out_themselves_and_the_signature(tmp_path):
    root = make_tree(
        tmp_path,
        {"index.html": "x", "SHA256SUMS": "old", "SHA256SUMS.minisig": "sig"},
    )
    assert list(digests(root)) == ["index.html"]


def test_sums_follow_linked_files_but_not_linked_folders(tmp_path):
    root = make_tree(tmp_path / "site", {"a/x.html": "x", "index.html": "i"})
    (root / "same.html").symlink_to(root / "index.html")
    (root / "again").symlink_to(root / "a")
    (root / "gone.html").symlink_to(root / "missing.html")
    sums = digests(root)
    assert list(sums) == ["a/x.html", "index.html", "same.html"]
    assert sums["same.html"] == sums["index.html"]


def test_parse_sums_reads_what_format_sums_writes():
    sums = {"index.html": "a" * 64, "feeds/all.atom.xml": "b" * 64}
    assert parse_sums(format_sums(sums)) == sums


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        (f"{'a' * 64}  ../etc/passwd", "unsafe path"),
        (f"{'a' * 64}  /etc/passwd", "unsafe path"),
        (f"{'a' * 64}  ./index.html", "unsafe path"),
        (f"{'a' * 63}  index.html", "expected '<sha256>  <path>'"),
        (f"{'A' * 64}  index.html", "expected '<sha256>  <path>'"),
        ("index.html", "expected '<sha256>  <path>'"),
    ],
)
def test_parse_sums_refuses_paths_outside_the_copy_and_bad_lines(line, problem):
    with pytest.raises(ManifestError, match=problem):
        parse_sums(line.encode() + b"\n")


def test_parse_sums_refuses_a_path_listed_twice():
    line = f"{'a' * 64}  index.html\n".encode()
    with pytest.raises(ManifestError, match="listed twice"):
        parse_sums(line + line)


def test_content_digest_ignores_the_release_files():
    content = {"index.html": "a" * 64}
    release_files = {"release.json": "b" * 64, "trace": "c" * 64}
    assert content_digest(content) == content_digest({**content, **release_files})
    assert content_digest(content) != content_digest({"index.html": "d" * 64})


def test_first_release_is_serial_one_at_the_source_moment():
    release = next_release(None, "c1", "2021-06-02T08:30:00Z", "Site", [ENTRY])
    assert (release.serial, release.time) == (1, "2021-06-02T08:30:00Z")


def test_unchanged_content_keeps_serial_and_time():
    previous = PreviousRelease(7, "2021-06-01T00:00:00Z", "c1")
    release = next_release(previous, "c1", "2030-01-01T00:00:00Z", "Site", [])
    assert (release.serial, release.time) == (7, "2021-06-01T00:00:00Z")


def test_changed_content_is_the_next_serial_at_the_new_moment():
    previous = PreviousRelease(7, "2021-06-01T00:00:00Z", "c1")
    release = next_release(previous, "c2", "2021-06-03T00:00:00Z", "Site", [])
    assert (release.serial, release.time) == (8, "2021-06-03T00:00:00Z")


def test_release_json_lists_entries_sorted_by_url():
    other = Entry("about/", "About", "page", 1, "2021-01-01T00:00:00Z")
    release = Release(3, "2021-06-02T08:30:00Z", "c" * 64, "Site", (ENTRY, other))
    assert json.loads(release.to_json()) == {
        "format": 1,
        "site": "Site",
        "serial": 3,
        "time": "2021-06-02T08:30:00Z",
        "content_sha256": "c" * 64,
        "entries": [
            {
                "url": "about/",
                "title": "About",
                "kind": "page",
                "version": 1,
                "date": "2021-01-01T00:00:00Z",
                "versions": [],
            },
            {
                "url": "volumes/leak/",
                "title": "Leak volume",
                "kind": "volume",
                "version": 2,
                "date": "2021-06-01T12:00:00Z",
                "versions": [],
            },
        ],
    }


def test_trace_names_serial_and_time_like_debian():
    release = Release(3, "2021-06-02T08:30:00Z", "c" * 64, "Site", ())
    assert trace_text(release).decode() == (
        "2021-06-02T08:30:00Z\n"
        "Site: Site\n"
        "Serial: 3\n"
        "Date: 2021-06-02T08:30:00Z\n"
        f"Content-SHA256: {'c' * 64}\n"
    )


def test_release_moment_is_the_latest_entry_date():
    dates = [
        datetime(2021, 6, 1, 12, tzinfo=UTC),
        datetime(2021, 6, 2, 8, 30, tzinfo=UTC),
    ]
    assert release_moment(dates, None) == "2021-06-02T08:30:00Z"


def test_source_date_epoch_wins_over_entry_dates():
    dates = [datetime(2021, 6, 1, 12, tzinfo=UTC)]
    assert release_moment(dates, "1600000000") == "2020-09-13T12:26:40Z"


def test_a_site_without_dates_is_released_at_the_epoch():
    assert release_moment([], None) == "1970-01-01T00:00:00Z"


def test_a_bad_source_date_epoch_is_an_error():
    with pytest.raises(ManifestError, match="SOURCE_DATE_EPOCH='yesterday'"):
        release_moment([], "yesterday")


def test_previous_release_is_read_from_the_served_folder(tmp_path):
    assert read_previous(tmp_path) is None
    (tmp_path / "release.json").write_text(
        '{"serial": 4, "time": "2021-06-02T08:30:00Z", "content_sha256": "c1"}'
    )
    assert read_previous(tmp_path) == PreviousRelease(4, "2021-06-02T08:30:00Z", "c1")


def test_an_unreadable_previous_release_stops_the_build(tmp_path):
    (tmp_path / "release.json").write_text('{"serial": "four"}')
    with pytest.raises(ManifestError, match="the next serial depends on it"):
        read_previous(tmp_path)
