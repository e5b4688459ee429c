"""One piece of work done in a forked process while this one goes on.

The release reads the whole staged site several times on one core (link
check, file times) while the machine's other core waits. Work that only
reads the staged files and returns plain data can run in a process forked
for it, and its result is taken when it is needed. Whatever goes wrong in
that process (it fails, dies or cannot start), the work is done again here,
so the result, or the error, is the one this process would have had.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
from collections.abc import Callable
from multiprocessing.process import BaseProcess
from typing import Any, Generic, TypeVar

logger = logging.getLogger(__name__)

T = TypeVar("T")
FORK = multiprocessing.get_context("fork")


def start_forked(target: Callable[..., None], *args: Any) -> BaseProcess:
    """A daemon process forked to run `target(*args)`. What exists now stays
    where it is in the child (`gc.freeze`): its collector would otherwise
    write to every page the two processes share, and each would be copied."""
    process = FORK.Process(target=target, args=args, daemon=True)
    gc.freeze()
    try:
        process.start()
    finally:
        gc.unfreeze()
    return process


def _run(work: Callable[[], Any], answer: Any) -> None:
    try:
        answer.send((True, work()))
    except BaseException as error:  # noqa: BLE001 (the parent does it again)
        answer.send((False, repr(error)))
    finally:
        answer.close()


class Aside(Generic[T]):
    """`work()` in a forked process, or here at once when `parallel` is
    False (one core); `result()` waits for it."""

    def __init__(self, work: Callable[[], T], parallel: bool = True) -> None:
        self.work = work
        self.process: Any = None
        if not parallel:
            self.done = work()
            return
        self.answer, send = FORK.Pipe(duplex=False)
        try:
            self.process = start_forked(_run, work, send)
        except OSError as error:
            logger.info("content_model: working in this process (%s)", error)
            self.done = work()
        finally:
            send.close()

    def result(self) -> T:
        """The work's result; its error is raised here, by doing it here."""
        if self.process is None:
            return self.done
        try:
            ok, value = self.answer.recv()
        except (EOFError, OSError) as error:
            ok, value = False, repr(error)
        finally:
            self.answer.close()
            self.process.join()
            self.process = None
        if ok:
            self.done = value
        else:
            logger.info("content_model: work aside failed (%s); doing it here", value)
            self.done = self.work()
        return self.done
