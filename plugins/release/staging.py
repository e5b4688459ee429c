"""Build into a sibling staging folder, then swap it with output/ in one step.

Readers and mirrors must never see a half-written site: Pelican writes file
by file into its output folder, and a failed, killed or concurrent build
would leave a mix. So every build writes into `.<name>.staging-<random>`
beside the output folder (same file system, so the swap is a rename; a
sibling, so an rsync of output/ never sees it), and only a build that
passed every guard replaces output/ with one `renameat2(RENAME_EXCHANGE)`.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import gc
import os
import secrets
import shutil
import stat
import weakref
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import IO

STAGING_INFIX = ".staging-"
RETIRED_INFIX = ".retired-"
KEPT_INFIX = ".kept-"
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


class ReleaseError(Exception):
    """The release stage refuses to replace output/; output/ stays as it was."""


@dataclass(frozen=True)
class Layout:
    """Where one build writes: the served folder and its hidden siblings."""

    output: Path

    @classmethod
    def for_output(cls, output: str | os.PathLike[str]) -> Layout:
        # a symlinked output/ is swapped where it points, never replaced
        return cls(Path(os.path.realpath(output)))

    @property
    def lock(self) -> Path:
        return self.output.with_name(f".{self.output.name}.lock")

    def new_staging(self) -> Path:
        return self.output.with_name(
            f".{self.output.name}{STAGING_INFIX}{secrets.token_hex(6)}"
        )

    def new_retired(self) -> Path:
        return self.output.with_name(
            f".{self.output.name}{RETIRED_INFIX}{secrets.token_hex(6)}"
        )

    def leftovers(self, infix: str) -> list[Path]:
        prefix = f".{self.output.name}{infix}"
        parent = self.output.parent
        if not parent.is_dir():
            return []
        return sorted(p for p in parent.iterdir() if p.name.startswith(prefix))


# The locks this process holds. A forked child (the reader's read-ahead
# workers) inherits their file descriptors, and an flock lock lasts while
# any descriptor of it is open: after `kill -9` of the build, its workers
# would keep the next build out until they exit. The child closes its
# copies, which leaves the parent's lock in place.
_HELD: weakref.WeakSet[IO[bytes]] = weakref.WeakSet()


def _close_inherited_locks() -> None:
    for handle in list(_HELD):
        with suppress(OSError):
            handle.close()
    _HELD.clear()


os.register_at_fork(after_in_child=_close_inherited_locks)


def acquire_lock(layout: Layout) -> IO[bytes]:
    """Hold `.<name>.lock` for the whole build; a second build is refused.

    flock locks die with the process, so a build killed with -9 never leaves
    a lock behind. The file itself stays: deleting a lock file races.
    """
    layout.output.parent.mkdir(parents=True, exist_ok=True)
    handle = open(layout.lock, "ab")  # noqa: SIM115 (held until the swap)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            # A failed build of this same process (autoreload after a settings
            # change makes a new Pelican) may still hold the lock: its handle
            # is garbage, kept alive by the reference cycles of the exception
            # that ended it. Collect it, then try once more.
            gc.collect()
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        raise ReleaseError(
            f"another build is writing {layout.output} (it holds {layout.lock}); "
            "wait for it to finish, then build again"
        ) from None
    _HELD.add(handle)
    return handle


def recover(layout: Layout) -> None:
    """Undo what a killed build left: restore a retired output/, drop stagings.

    Only called with the lock held, so nothing found here belongs to a live
    build. A retired tree exists only if the two-rename fallback was killed
    between its renames; then output/ is missing and the retired tree is it.
    """
    for retired in layout.leftovers(RETIRED_INFIX):
        if not layout.output.exists():
            retired.rename(layout.output)
        else:
            shutil.rmtree(retired)
    for staging in layout.leftovers(STAGING_INFIX):
        shutil.rmtree(staging)


def check_replaceable(layout: Layout, protected: list[Path]) -> None:
    """Refuse an output folder whose replacement would destroy the sources.

    The swap replaces the whole folder, so `-o .` would replace the project.
    """
    output = layout.output
    for path in protected:
        real = Path(os.path.realpath(path))
        if real == output or real.is_relative_to(output):
            raise ReleaseError(
                f"output folder {output} contains {real}; a release replaces the "
                "whole output folder, so choose a folder of its own (-o output)"
            )
    if output.exists() and not output.is_dir():
        raise ReleaseError(f"output {output} exists and is not a folder")


def is_foreign(layout: Layout, marker: str) -> bool:
    """Does output/ hold files that no release build wrote (no `marker`)?

    Such a folder (an old plain Pelican build, or `-o /srv/www` with other
    things in it) is kept beside output/ instead of deleted by the swap.
    """
    output = layout.output
    return output.is_dir() and any(output.iterdir()) and not (output / marker).exists()


def create_staging(layout: Layout) -> Path:
    """A fresh, empty staging folder with the served folder's permissions."""
    staging = layout.new_staging()
    staging.mkdir()
    if layout.output.is_dir():
        staging.chmod(layout.output.stat().st_mode & 0o7777)
    return staging


def links_beside_file_times(processes: int, old: Path) -> bool:
    """Whether the link check runs in a process forked for it while this one
    carries the file times over from `old` (content_model/aside.py).

    Only when there are times to carry: with no earlier release (a cold
    build) this process would just wait, and a process forked from it once
    every page is built adds its copy-on-write pages to the build's peak
    memory (the 10,000-document benchmark's cold build: 589 MB in some
    runs, against about 470 MB without it; docs/performance.md).
    """
    return processes > 1 and old.is_dir()


def preserve_mtimes(old: Path, new: Path) -> int:
    """Give every unchanged file in `new` its modification time from `old`.

    rsync's default quick check compares size and modification time, so a
    rebuild that rewrote identical bytes with a new time would make every
    mirror copy everything again. Changed files keep their new time: giving
    them an old one could hide a same-size change from that quick check.
    A folder keeps its old time when it holds the same names as before.
    Returns the number of files whose time was carried over.
    """
    if not old.is_dir():
        return 0
    kept = 0
    # (new folder, old folder, names in the new one); os.walk and plain
    # paths, not pathlib: this visits every file of every release
    folders: list[tuple[str, str, set[str]]] = []
    for base, dirs, files in os.walk(new):
        relative = os.path.relpath(base, new)
        old_base = os.path.normpath(os.path.join(old, relative))
        # os.walk enters no linked folder of `new`; output/ itself may be a
        # link (a served path pointing at the real folder)
        if relative == "." or not os.path.islink(old_base):
            folders.append((base, old_base, {*dirs, *files}))
        for name in files:
            path, previous = os.path.join(base, name), os.path.join(old_base, name)
            # one lstat each: a link on either side never lends its time
            try:
                before, now = os.lstat(previous), os.lstat(path)
            except OSError:
                continue
            if not (stat.S_ISREG(before.st_mode) and stat.S_ISREG(now.st_mode)):
                continue
            if (before.st_ino, before.st_dev) == (now.st_ino, now.st_dev):
                kept += 1  # one file in both trees (a page linked, not written)
            elif before.st_size == now.st_size and _same_bytes(path, previous):
                os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
                kept += 1
    # deepest first: setting a folder's time never touches its parent's
    for folder, previous, names in sorted(
        folders, key=lambda f: f[0].count(os.sep), reverse=True
    ):
        if os.path.isdir(previous) and set(os.listdir(previous)) == names:
            _copy_time(previous, folder)
    return kept


def _same_bytes(a: str, b: str, chunk: int = 1 << 16) -> bool:
    with open(a, "rb") as fa, open(b, "rb") as fb:
        while True:
            block = fa.read(chunk)
            if block != fb.read(chunk):
                return False
            if not block:
                return True


def _copy_time(source: str, target: str) -> None:
    stat_ = os.stat(source)
    os.utime(target, ns=(stat_.st_atime_ns, stat_.st_mtime_ns))


def exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths with Linux renameat2(RENAME_EXCHANGE).

    Returns False where the call does not exist (not Linux, an old libc) or
    the file system does not support it; raises on any other failure.
    """
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    renameat2.argtypes = [
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_uint,
    ]
    renameat2.restype = ctypes.c_int
    result = renameat2(
        _AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE
    )
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False
    raise OSError(code, f"renameat2 {a} <-> {b}: {os.strerror(code)}")


def publish(layout: Layout, staging: Path, keep_old: bool = False) -> Path | None:
    """Make `staging` the served output/ in one step, then drop the old tree.

    With RENAME_EXCHANGE there is no moment without a complete output/. The
    fallback (two renames) has a moment where output/ is missing; a build
    killed exactly then leaves the old tree as `.<name>.retired-…`, which
    the next build puts back before it starts (see `recover`).

    With `keep_old` the old tree is renamed to `.<name>.kept-…` first (its
    path is returned): it is not ours, so no moment may exist in which it
    sits under a name that `recover` deletes.
    """
    output = layout.output
    if not output.exists():
        staging.rename(output)
        return None
    if keep_old:
        kept = output.with_name(f".{output.name}{KEPT_INFIX}{secrets.token_hex(6)}")
        output.rename(kept)
        staging.rename(output)
        return kept
    if exchange(staging, output):
        shutil.rmtree(staging)  # now holds the old tree
        return None
    retired = layout.new_retired()
    output.rename(retired)
    staging.rename(output)
    shutil.rmtree(retired)
    return None
