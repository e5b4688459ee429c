"""Staging folder, lock, recovery, modification times and the atomic swap."""

from __future__ import annotations

import contextlib
import fcntl
import gc
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from release import staging
from release.staging import (
    Layout,
    ReleaseError,
    acquire_lock,
    check_replaceable,
    create_staging,
    exchange,
    is_foreign,
    links_beside_file_times,
    preserve_mtimes,
    publish,
    recover,
)

from tests.sitebuild import ROOT

OLD_NS = 1_600_000_000_000_000_000


def tree(root: Path, files: dict[str, str], mtime_ns: int | None = None) -> Path:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        if mtime_ns is not None:
            os.utime(path, ns=(mtime_ns, mtime_ns))
    return root


def contents(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): p.read_text()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_staging_and_lock_are_hidden_siblings_of_output(tmp_path):
    layout = Layout.for_output(tmp_path / "out")
    created = create_staging(layout)
    assert created.parent == tmp_path
    assert created.name.startswith(".out.staging-")
    assert layout.lock == tmp_path / ".out.lock"
    assert create_staging(layout) != created


def test_staging_gets_the_served_folders_permissions(tmp_path):
    (tmp_path / "out").mkdir(mode=0o750)
    (tmp_path / "out").chmod(0o750)
    created = create_staging(Layout.for_output(tmp_path / "out"))
    assert created.stat().st_mode & 0o777 == 0o750


def test_a_symlinked_output_is_replaced_where_it_points(tmp_path):
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    assert Layout.for_output(tmp_path / "link").output == tmp_path / "real"


def test_exchange_swaps_two_folders_in_one_step(tmp_path):
    a = tree(tmp_path / "a", {"which": "a"})
    b = tree(tmp_path / "b", {"which": "b"})
    assert exchange(a, b) is True
    assert (a / "which").read_text() == "b"
    assert (b / "which").read_text() == "a"


def test_publish_swaps_staging_in_and_removes_the_old_tree(tmp_path):
    layout = Layout.for_output(tmp_path / "out")
    tree(layout.output, {"index.html": "old", "gone.html": "old"})
    new = tree(create_staging(layout), {"index.html": "new"})
    publish(layout, new)
    assert contents(layout.output) == {"index.html": "new"}
    assert not new.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_publish_renames_staging_when_there_is_no_output_yet(tmp_path):
    layout = Layout.for_output(tmp_path / "out")
    new = tree(create_staging(layout), {"index.html": "new"})
    publish(layout, new)
    assert contents(layout.output) == {"index.html": "new"}


def test_publish_falls_back_to_two_renames_without_renameat2(tmp_path, monkeypatch):
    monkeypatch.setattr(staging, "exchange", lambda a, b: False)
    layout = Layout.for_output(tmp_path / "out")
    tree(layout.output, {"index.html": "old"})
    new = tree(create_staging(layout), {"index.html": "new"})
    publish(layout, new)
    assert contents(layout.output) == {"index.html": "new"}
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_recover_removes_stagings_of_killed_builds(tmp_path):
    layout = Layout.for_output(tmp_path / "out")
    tree(layout.output, {"index.html": "served"})
    tree(create_staging(layout), {"index.html": "half"})
    (tmp_path / "unrelated").mkdir()
    recover(layout)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "unrelated"]
    assert contents(layout.output) == {"index.html": "served"}


def test_recover_restores_output_retired_by_a_killed_fallback_swap(tmp_path):
    layout = Layout.for_output(tmp_path / "out")
    tree(layout.new_retired(), {"index.html": "served"})
    recover(layout)
    assert contents(layout.output) == {"index.html": "served"}
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_a_second_build_is_refused_while_the_first_holds_the_lock(tmp_path):
    layout = Layout.for_output(tmp_path / "out")
    first = acquire_lock(layout)
    with pytest.raises(ReleaseError, match="another build is writing"):
        acquire_lock(layout)
    first.close()
    acquire_lock(layout).close()


def test_the_lock_is_an_flock_other_processes_see(tmp_path):
    layout = Layout.for_output(tmp_path / "out")
    held = acquire_lock(layout)
    with layout.lock.open("rb") as other, pytest.raises(BlockingIOError):
        fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)
    held.close()


FORKING_BUILD = """
import os, sys, time
from release.staging import Layout, acquire_lock
lock = acquire_lock(Layout.for_output(sys.argv[1]))
child = os.fork()
if child == 0:  # a read-ahead worker: it outlives the build it was forked by
    time.sleep(60)
    os._exit(0)
print(os.getpid(), child, flush=True)
time.sleep(60)
"""


def test_a_killed_build_s_forked_workers_do_not_hold_its_lock(tmp_path):
    layout = Layout.for_output(tmp_path / "out")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "plugins")}
    build = subprocess.Popen(
        [sys.executable, "-c", FORKING_BUILD, str(layout.output)],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    parent, child = map(int, build.stdout.readline().split())
    try:
        os.kill(parent, signal.SIGKILL)
        build.wait(timeout=10)
        os.kill(child, 0)  # the worker still runs
        acquire_lock(layout).close()
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(child, signal.SIGKILL)
        build.stdout.close()


def test_the_link_check_is_forked_only_beside_file_times_to_carry(tmp_path):
    served = tmp_path / "output"
    assert not links_beside_file_times(2, served)  # a cold build: nothing to carry
    served.mkdir()
    assert links_beside_file_times(2, served)
    assert not links_beside_file_times(1, served)  # one core: no other to use


def test_unchanged_files_keep_their_modification_time(tmp_path):
    old = tree(tmp_path / "old", {"same.html": "same", "edit.html": "v1"}, OLD_NS)
    new = tree(tmp_path / "new", {"same.html": "same", "edit.html": "v2"})
    new_edit_ns = (new / "edit.html").stat().st_mtime_ns
    assert preserve_mtimes(old, new) == 1
    assert (new / "same.html").stat().st_mtime_ns == OLD_NS
    assert (new / "edit.html").stat().st_mtime_ns == new_edit_ns


def test_a_same_size_change_keeps_its_new_time(tmp_path):
    old = tree(tmp_path / "old", {"page.html": "aaaa"}, OLD_NS)
    new = tree(tmp_path / "new", {"page.html": "bbbb"})
    preserve_mtimes(old, new)
    assert (new / "page.html").stat().st_mtime_ns != OLD_NS


def test_folders_with_the_same_names_keep_their_time(tmp_path):
    old = tree(tmp_path / "old", {"a/x.html": "x", "b/y.html": "y"}, OLD_NS)
    for folder in (old / "a", old / "b", old):
        os.utime(folder, ns=(OLD_NS, OLD_NS))
    new = tree(tmp_path / "new", {"a/x.html": "x", "b/y.html": "y", "b/z.html": "z"})
    preserve_mtimes(old, new)
    assert (new / "a").stat().st_mtime_ns == OLD_NS
    assert new.stat().st_mtime_ns == OLD_NS
    assert (new / "b").stat().st_mtime_ns != OLD_NS


def test_links_never_lend_their_time_but_a_linked_output_does(tmp_path):
    real = tree(tmp_path / "real", {"a/x.html": "x", "same.html": "s"}, OLD_NS)
    (real / "linked.html").symlink_to(real / "same.html")
    (real / "linked-folder").symlink_to(real / "a")
    for folder in (real / "a", real):
        os.utime(folder, ns=(OLD_NS, OLD_NS))
    served = tmp_path / "served"
    served.symlink_to(real)  # output/ as a link to the real folder
    new = tree(
        tmp_path / "new",
        {"a/x.html": "x", "same.html": "s", "linked.html": "s"},
    )
    (new / "linked-folder").mkdir()
    (new / "linked-folder" / "x.html").write_text("x")
    # a/x.html, same.html and linked-folder/x.html (through the old link)
    assert preserve_mtimes(served, new) == 3
    assert (new / "same.html").stat().st_mtime_ns == OLD_NS
    assert (new / "linked.html").stat().st_mtime_ns != OLD_NS
    assert (new / "linked-folder").stat().st_mtime_ns != OLD_NS
    assert (new / "a").stat().st_mtime_ns == OLD_NS
    assert new.stat().st_mtime_ns == OLD_NS


def test_a_file_linked_from_the_old_tree_is_unchanged_and_untouched(tmp_path):
    # the render memo links reused pages instead of writing them
    old = tree(tmp_path / "old", {"page.html": "same"}, OLD_NS)
    new = tree(tmp_path / "new", {"other.html": "x"})
    os.link(old / "page.html", new / "page.html")
    before = os.stat(new / "page.html")
    assert preserve_mtimes(old, new) == 1
    after = os.stat(new / "page.html")
    assert after.st_mtime_ns == OLD_NS
    assert after.st_ctime_ns == before.st_ctime_ns  # no utime on a shared file


def test_nothing_to_preserve_without_an_old_tree(tmp_path):
    new = tree(tmp_path / "new", {"index.html": "x"})
    assert preserve_mtimes(tmp_path / "missing", new) == 0


@pytest.mark.parametrize("inside", ["out", "out/content"])
def test_an_output_folder_holding_the_sources_is_refused(tmp_path, inside):
    (tmp_path / inside).mkdir(parents=True, exist_ok=True)
    with pytest.raises(ReleaseError, match="choose a folder of its own"):
        check_replaceable(Layout.for_output(tmp_path / "out"), [tmp_path / inside])


def test_an_output_file_is_refused(tmp_path):
    (tmp_path / "out").write_text("a file")
    with pytest.raises(ReleaseError, match="is not a folder"):
        check_replaceable(Layout.for_output(tmp_path / "out"), [])


def test_an_output_folder_beside_the_sources_may_be_replaced(tmp_path):
    (tmp_path / "out").mkdir()
    check_replaceable(Layout.for_output(tmp_path / "out"), [tmp_path / "content"])


@pytest.mark.parametrize(
    ("files", "foreign"),
    [
        ({"precious.txt": "keep"}, True),
        ({}, False),
        ({"release.json": "{}", "index.html": "x"}, False),
    ],
    ids=["foreign", "empty", "release"],
)
def test_an_output_folder_is_foreign_when_no_release_wrote_it(tmp_path, files, foreign):
    (tmp_path / "out").mkdir()
    tree(tmp_path / "out", files)
    assert is_foreign(Layout.for_output(tmp_path / "out"), "release.json") is foreign


def test_publish_can_keep_the_old_tree_beside_output(tmp_path):
    layout = Layout.for_output(tmp_path / "out")
    tree(layout.output, {"precious.txt": "keep"})
    new = tree(create_staging(layout), {"index.html": "new"})
    kept = publish(layout, new, keep_old=True)
    assert contents(layout.output) == {"index.html": "new"}
    assert kept is not None and kept.name.startswith(".out.kept-")
    assert contents(kept) == {"precious.txt": "keep"}
    recover(layout)  # a kept tree is not a leftover of a killed build
    assert kept.exists()


def test_exchange_reports_a_real_failure(tmp_path):
    (tmp_path / "a").mkdir()
    with pytest.raises(FileNotFoundError, match="renameat2"):
        exchange(tmp_path / "a", tmp_path / "missing")


# collecting the lost handle closes it, and Python warns about that
@pytest.mark.filterwarnings("ignore::ResourceWarning")
def test_a_lock_a_failed_build_left_in_garbage_is_taken_over(tmp_path):
    # under --autoreload the handle of a failed build lives on in the
    # reference cycles of its exception until the garbage collector runs
    layout = Layout.for_output(tmp_path / "out")
    gc.disable()
    try:
        cycle: dict[str, object] = {"lock": acquire_lock(layout)}
        cycle["self"] = cycle
        del cycle
        acquire_lock(layout).close()
    finally:
        gc.enable()
