"""Reading on every core: files the reader cache lacks are read ahead in a pool.

Pelican reads one file at a time, and reading (markdown-it, redaction,
bleach) is most of a cold build. Just before a generator reads its first
file, the files whose reading is not in the cache are read by forked worker
processes, which only store their readings in the cache; Pelican's own read
of each file then finds it there. Forked workers hold the very settings,
plugins and signal receivers of the build, so a reading is the one the
build would have made. A file that fails in a worker is not stored: the
build reads it again and reports the error as always. The pool can make
reading faster; it cannot change what is read or let a file through.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .reader import DossierMarkdownReader

logger = logging.getLogger(__name__)

# Each worker's reader: a worker process does nothing else, and a reader
# (settings, build state, release lock) can be inherited but not pickled.
_worker_reader: DossierMarkdownReader | None = None


def _start_worker(reader: DossierMarkdownReader) -> None:
    global _worker_reader
    _worker_reader = reader


def _read_one(source_path: str) -> bool:
    assert _worker_reader is not None
    return _worker_reader.fill_cache(source_path)


def read_ahead(
    reader: DossierMarkdownReader, source_paths: list[str], processes: int
) -> int:
    """Read the files the cache lacks in `processes` workers; return how many
    were stored. Fewer than two such files are left to Pelican."""
    missing = reader.uncached(source_paths)
    if processes < 2 or len(missing) < 2:
        return 0
    workers = min(processes, len(missing))
    chunk = max(1, len(missing) // (workers * 8))
    try:
        with ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("fork"),
            initializer=_start_worker,
            initargs=(reader,),
        ) as pool:
            stored = sum(pool.map(_read_one, missing, chunksize=chunk))
    except (BrokenProcessPool, OSError) as error:
        # only speed is lost: Pelican reads every file the pool did not
        logger.warning("markdown_reader: reading ahead stopped (%s)", error)
        return 0
    logger.info(
        "markdown_reader: %d of %d files read ahead in %d processes",
        stored,
        len(missing),
        workers,
    )
    return stored


def default_processes() -> int:
    """One worker per core this process may run on."""
    return len(os.sched_getaffinity(0))
