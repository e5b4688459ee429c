"""The release files go through the redaction guard and the embargo scan."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from content_model.state import STATE_KEY, BuildState
from embargo.leaks import Leak, Marker
from redaction.guard import Guard, Hit, Needles
from redaction.marks import Redaction
from redaction.policy import Policy
from release import guard_release_files
from release.guards import SOURCE, embargo_leaks, redaction_hits, release_files
from release.manifest import Entry
from release.staging import ReleaseError
from release.writer import RELEASE_FILES, write_release

ORIGINAL = Redaction("content/v/memo.md", 3, "name", "markup", "title", "Zed Quorum")
HELD = [
    Marker("Sealed Plans", "title of content/volumes/sealed/index.md"),
    Marker("volumes/sealed/", "address of content/volumes/sealed/index.md"),
]
POLICY = Policy(names=["Marta Quill"], allow=[])


def entry(url: str, title: str) -> Entry:
    return Entry(url, title, "volume", 1, "2021-06-01T12:00:00Z")


def written(tmp_path: Path, keys, *entries) -> dict[str, bytes]:
    """Every release file, as write_release writes them into a staged site."""
    staging = tmp_path / "staging"
    (staging / "volumes/open").mkdir(parents=True)
    (staging / "volumes/open/index.html").write_text("<p>open</p>\n")
    write_release(
        staging,
        tmp_path / "served",
        "Site",
        entries,
        "2021-06-01T12:00:00Z",
        keys.key,
        keys.public,
    )
    files = release_files(staging, RELEASE_FILES)
    assert sorted(files) == sorted(RELEASE_FILES)
    return files


def hits(files: dict[str, bytes]) -> list[Hit]:
    return redaction_hits(files, Guard(Needles([ORIGINAL], POLICY, 4, 12), POLICY))


def test_clean_release_files_pass_both_guards(tmp_path, keys):
    files = written(tmp_path, keys, entry("volumes/open/", "Open volume"))
    assert hits(files) == []
    assert embargo_leaks(files, HELD) == []


def test_a_redacted_original_in_release_json_is_found(tmp_path, keys):
    files = written(tmp_path, keys, entry("volumes/open/", "Memo for ZED Quorum"))
    assert hits(files) == [
        Hit(
            "release.json",
            "redacted text (markup, reason name, title)",
            "content/v/memo.md:3",
        )
    ]


def test_a_withheld_name_in_the_trace_is_found(tmp_path, keys):
    files = written(tmp_path, keys)
    files["trace"] += b"Site: marta  quill\n"
    assert hits(files) == [Hit("trace", "text the policy withholds (name)", SOURCE)]


def test_a_held_title_or_address_in_release_files_is_found(tmp_path, keys):
    files = written(
        tmp_path,
        keys,
        entry("volumes/open/", "Sealed Plans"),
        entry("volumes/sealed/", "Other"),
    )
    title, address = HELD
    assert embargo_leaks(files, HELD) == [
        Leak("release.json", address.what, address.text),
        Leak("release.json", title.what, title.text),
    ]


def test_a_held_output_path_in_the_sums_is_found(tmp_path, keys):
    staging_page = "volumes/sealed/index.html"
    files = written(tmp_path, keys)
    files["SHA256SUMS"] += f"{'0' * 64}  {staging_page}\n".encode()
    marker = Marker(staging_page, "output path of content/volumes/sealed/index.md")
    assert embargo_leaks(files, [marker]) == [
        Leak("SHA256SUMS", marker.what, marker.text)
    ]


def test_no_markers_find_nothing(tmp_path, keys):
    assert embargo_leaks(written(tmp_path, keys), []) == []


@pytest.mark.parametrize(
    ("plugins", "state", "missing"),
    [
        (["redaction", "embargo"], {}, "the redaction and embargo guard did not run"),
        (["embargo"], {"redaction": None}, "the embargo guard did not run"),
    ],
)
def test_a_listed_guard_that_did_not_run_refuses_the_release(
    tmp_path, plugins, state, missing
):
    settings = {"PLUGINS": plugins, STATE_KEY: BuildState(dict(state))}
    with pytest.raises(ReleaseError, match=missing):
        guard_release_files(settings, tmp_path)


def test_a_guard_the_build_does_not_list_is_not_run(tmp_path):
    settings = {"PLUGINS": ["release"], STATE_KEY: BuildState()}
    guard_release_files(settings, tmp_path)


def test_release_files_never_write_through_a_file_output_shares(tmp_path, keys):
    # a page at a release file's name may be a hard link to the served file
    # (render_memo/writer.py): writing in place would change output/ now
    served = tmp_path / "served"  # the files, not a release: no serial read
    served.mkdir()
    staging = tmp_path / "staging"
    staging.mkdir()
    for name in RELEASE_FILES:
        (served / name).write_text("served\n")
        os.link(served / name, staging / name)
    write_release(
        staging,
        tmp_path / "none",
        "Site",
        [],
        "2021-06-01T12:00:00Z",
        keys.key,
        keys.public,
    )
    assert {name: (served / name).read_text() for name in RELEASE_FILES} == {
        name: "served\n" for name in RELEASE_FILES
    }
    assert all((staging / name).read_text() != "served\n" for name in RELEASE_FILES)
