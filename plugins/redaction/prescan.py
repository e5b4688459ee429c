"""The guard's search of the pages, done while the rest are still written.

Writing the pages keeps one core busy and leaves the other idle, and the
guard used to search every staged file on one core once writing was done.
A helper process reads each page as soon as Pelican has written it and
searches it with the same guard on the idle core. It answers with the
digests of the bytes it found clean, nothing else.

It is forked at the start of the build, while this process is small (a
process forked later shares every page of the grown one, and each page
either of them then writes to is copied), and waits. When every entry is
read, it is given the build's redactions and makes its guard from them:
the screen's compiling, too, leaves the building process.

The guard at `finalized` still reads and hashes every staged file, and
searches every one whose digest the helper did not clear: a page written
again after the helper read it, one the helper failed to read. A digest
names bytes, not a path, so a cleared digest is a fact about the very
bytes the guard reads. The helper answers under the guard memo's key (the
texts searched for and the policy); under another key its answer is not
used. It can only save time: if it fails, dies or is not started, every
file is searched as before.
"""

from __future__ import annotations

import logging
import os
import weakref
from collections.abc import Callable, Iterable
from contextlib import suppress
from typing import Any

from content_model.aside import FORK, start_forked
from markdown_reader.memo import DigestMemo, digest_of

from .guard import Guard
from .marks import Redaction

logger = logging.getLogger(__name__)

REPORT = ("report",)  # send what is cleared so far
STOP = None
BATCH = 16  # paths sent at once: one message per page cost the writer time

Start = Callable[[list[Redaction]], tuple[Guard, DigestMemo]]


def serve(start: Start, messages: Any, answer: Any) -> None:
    """The helper's loop. It waits for the build's redactions, makes its
    guard from them, then searches each file of each batch of paths, unless
    the guard memo of an earlier build cleared its bytes already. At each
    REPORT it sends (memo key, every digest cleared so far), or the error
    that stopped it."""
    try:
        first = messages.get()
        if first is STOP:
            return
        guard, memo = start(first[1])
        cleared: set[str] = set()
        while (message := messages.get()) is not STOP:
            if message == REPORT:
                answer.send((memo.key, cleared))
                continue
            for path in message[1]:
                try:
                    with open(path, "rb") as handle:
                        data = handle.read()
                except OSError:  # gone or replaced: the guard reads what is there
                    continue
                digest = digest_of(data)
                if digest in cleared or digest in memo.known:
                    continue
                if not guard.scan(data):
                    cleared.add(digest)
    except BaseException as error:  # noqa: BLE001 (the guard searches everything)
        answer.send(error)
    finally:
        answer.close()


def _stop(messages: Any) -> None:
    with suppress(OSError, ValueError):  # the queue is closed already
        messages.put(STOP)
        messages.close()


class Prescan:
    """One build's helper, forked while the build process is still small:
    `begin` gives it the redactions once every entry is read; Pelican's
    `content_written` and `feed_written` go to `written`; `cleared` asks
    what it found clean."""

    def __init__(self, start: Start) -> None:
        # a feeder thread writes to the pipe: the writer never waits for it
        self.messages = FORK.Queue()
        self.answer, send = FORK.Pipe(duplex=False)
        self.sent: set[str] = set()
        self.batch: list[str] = []
        self.failed = False
        try:
            self.process = start_forked(serve, start, self.messages, send)
        finally:
            send.close()
        # a build that stops before its guard still stops its helper
        self.stop = weakref.finalize(self, _stop, self.messages)

    def written(self, path: str, **_: Any) -> None:
        """One more file to search, as Pelican names it when written."""
        self.sent.add(os.path.abspath(path))
        self.batch.append(path)
        if len(self.batch) >= BATCH:
            self.flush()

    def begin(self, found: list[Redaction]) -> None:
        """Every entry is read: the helper makes its guard from `found`."""
        self.messages.put(("found", found))

    def flush(self) -> None:
        if self.batch:
            self.messages.put(("paths", self.batch))
            self.batch = []

    def cleared(self, key: str, paths: Iterable[str] = ()) -> set[str]:
        """The digests the helper found clean, once it has also read `paths`
        (those not sent yet), under the guard memo's `key`; none if it
        searched under another key or failed."""
        if self.failed:
            return set()
        for path in paths:
            if os.path.abspath(path) not in self.sent:
                self.written(path)
        self.flush()
        self.messages.put(REPORT)
        try:
            found = self.answer.recv()
        except (EOFError, OSError) as error:
            found = error
        if isinstance(found, tuple) and found[0] == key:
            return set(found[1])
        self.failed = True
        self.close()
        if isinstance(found, tuple):
            found = "it searched for other texts"
        logger.warning("redaction: the guard's helper is not used (%s)", found)
        return set()

    def close(self) -> None:
        """Stop the helper and wait for it."""
        self.stop()
        self.messages.join_thread()
        self.process.join()
        self.answer.close()
