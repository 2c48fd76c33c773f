"""Worker processes forked from this one: they start at once and share what it has loaded.

The one way the build forks (checking files, the history's chunks, the page writers).
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import pickle
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:   # not on Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    # Forking a process that runs other threads (`mkdocs serve`) may copy a lock held by
    # one of them; a daemon process may have no children.
    return (hasattr(os, "fork") and threading.active_count() == 1
            and not multiprocessing.current_process().daemon)


def forked(tasks: Sequence[Callable[[], T]]) -> list[T | None]:
    """Each task run in a process of its own, forked from this one, all at once; each task's
    result (pickled back through a pipe), or None where its process could not start or failed:
    the caller does that task itself.

    Plain fork and a pipe each, no pool: a pool's threads may fail to start under a memory
    limit after its processes have, and leave them waiting for work that never comes.
    Callers check `can_fork()` first."""
    started = [begin(task) for task in tasks]
    return [job.result() for job in started]


@contextmanager
def frozen() -> Iterator[None]:
    """What is alive now is left out of the cyclic collector's walks until the block ends.

    Reference counting still frees what is let go; only cycles made garbage inside the block
    wait for its end. Nested blocks keep the outer one's objects frozen until it ends."""
    outer = gc.get_freeze_count() > 0
    gc.freeze()
    try:
        yield
    finally:
        if not outer:
            gc.unfreeze()


@contextmanager
def collector_off() -> Iterator[None]:
    """For a run of stages that make long-lived data by the million and no cycles (the build's,
    from loading to the page list): the cyclic collector stays off until the block ends, and
    what was alive when it began stays frozen.

    Left on, it walked everything each stage had made so far again and again: a full pass
    whenever new objects grew by a quarter, 12 of the regions' 18 CPU s at 10,000 companies.
    A cycle let go inside the block waits for the collector's first pass after it; a fork
    begun inside (`begin`) freezes what is alive then, and runs with the collector off too."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        with frozen():
            yield
    finally:
        if was_enabled:
            gc.enable()


class Started:
    """A task running in a forked process (`begin`), its result collected when it is needed."""

    def __init__(self, pid: int | None, reader: int | None) -> None:
        self._pid, self._reader = pid, reader

    def result(self) -> Any:
        """The task's result, waited for; None when its process could not start or failed. Once."""
        pid, reader, self._pid, self._reader = self._pid, self._reader, None, None
        return _collect(pid, reader)

    def cancel(self) -> None:
        """Stop the task, if it still runs, and reap its process."""
        if self._pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self._pid, signal.SIGKILL)
        self.result()


def begin(task: Callable[[], T]) -> Started:
    """`task` started now in a forked process, beside this one's work; `Started.result()` waits for
    it. Callers check `can_fork()` first, and do the task themselves when the result is None."""
    with frozen():   # the worker's collector leaves inherited objects alone: their pages stay shared
        return Started(*_start(task))


def _start(task: Callable[[], Any]) -> tuple[int | None, int | None]:
    try:
        reader, writer = os.pipe()
        pid = os.fork()
    except OSError:
        return None, None
    if pid == 0:   # the worker: its result, sent back whole, then gone without running any exit handler
        os.close(reader)
        code = 1
        try:
            with os.fdopen(writer, "wb") as out:
                pickle.dump(task(), out, protocol=pickle.HIGHEST_PROTOCOL)
            code = 0
        finally:
            os._exit(code)
    os.close(writer)
    return pid, reader


def _collect(pid: int | None, reader: int | None) -> Any:
    if pid is None or reader is None:
        return None
    with os.fdopen(reader, "rb") as found:
        raw = found.read()
    _, status = os.waitpid(pid, 0)
    if status != 0 or not raw:
        return None
    return pickle.loads(raw)
