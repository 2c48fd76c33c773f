"""Worker processes forked from this one: they start at once and share what it has loaded.

The one way the build forks (checking files, the history's chunks, the page writers).
"""

from __future__ import annotations

import contextlib
import fcntl
import gc
import multiprocessing
import os
import pickle
import selectors
import signal
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from typing import IO, Any, TypeVar

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


_BLOCKS = [0]   # `frozen` blocks open in this process (a forked one starts with its parent's)


@contextmanager
def frozen() -> Iterator[None]:
    """What is alive now is left out of the cyclic collector's walks until the block ends.

    Reference counting still frees what is let go; only cycles made garbage inside the block
    wait for its end. Nested blocks keep the outer one's objects frozen until it ends. The blocks
    are counted here, not told by `gc.get_freeze_count()`: Python 3.12 starts with objects of its
    own frozen, and read so, no block ever thawed what it froze."""
    _BLOCKS[0] += 1
    gc.freeze()
    try:
        yield
    finally:
        _BLOCKS[0] -= 1
        if not _BLOCKS[0]:
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
    return _fork(partial(_send, task))


def _send(task: Callable[[], Any], out: IO[bytes]) -> None:
    pickle.dump(task(), out, protocol=pickle.HIGHEST_PROTOCOL)


def _fork(send: Callable[[IO[bytes]], None]) -> tuple[int | None, int | None]:
    """A forked process that writes to a pipe with `send`; its id and the pipe's reading end."""
    try:
        reader, writer = os.pipe()
        pid = os.fork()
    except OSError:
        return None, None
    if pid == 0:   # the worker: what it sends, then gone without running any exit handler
        os.close(reader)
        code = 1
        try:
            with os.fdopen(writer, "wb") as out:
                send(out)
            code = 0
        finally:
            os._exit(code)
    os.close(writer)
    with contextlib.suppress(AttributeError, OSError):   # Linux only; a pipe may stay at its size
        # A worker's value (a batch of checked files) fits whole: it need not wait for this
        # process to be done with the other workers' before it goes on with its next.
        fcntl.fcntl(reader, fcntl.F_SETPIPE_SZ, PIPE_BYTES)
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


# A value a streaming task sends back: its pickle's length, then its pickle. Length 0 ends the
# stream: the task ran to its end.
_LENGTH = 8
_END = bytes(_LENGTH)
PIPE_BYTES = 2**20   # Linux's limit for a user's pipe unless raised


def streamed(tasks: Sequence[Callable[[], Iterable[Any]]], each: Callable[[int, Any], None]) -> list[bool]:
    """Each task run in a process of its own, forked from this one, all at once. Every value a
    task yields is sent back as soon as it is made, and `each(task's index, value)` is called
    with it here while the tasks still run: a task's values in the order it yields them, the
    tasks' in whatever order they arrive. Whether each task ran to its end: where one did not
    (its process could not start, failed or died), the values it sent have been given to
    `each`, and the caller does the rest. Callers check `can_fork()` first."""
    with frozen():
        started = [_fork(partial(_send_each, task)) for task in tasks]
    ended = [False] * len(tasks)
    open_ends = {reader: (i, bytearray()) for i, (_, reader) in enumerate(started) if reader is not None}
    try:
        with selectors.DefaultSelector() as waiting:
            for reader in open_ends:
                waiting.register(reader, selectors.EVENT_READ)
            while open_ends:
                for key, _ in waiting.select():
                    i, pending = open_ends[key.fd]
                    chunk = os.read(key.fd, 2**20)
                    pending += chunk
                    ended[i] = _each_whole(pending, partial(each, i))
                    if not chunk:   # the process closed its end: it ended, or died
                        waiting.unregister(key.fd)
                        os.close(key.fd)
                        del open_ends[key.fd]
    finally:   # also when `each` fails: no process is left running, none unreaped
        for reader in open_ends:
            os.close(reader)
        for i, (pid, _) in enumerate(started):
            if pid is not None:
                if open_ends:
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(pid, signal.SIGKILL)
                ended[i] = os.waitpid(pid, 0)[1] == 0 and ended[i]
    return ended


def _each_whole(pending: bytearray, each: Callable[[Any], None]) -> bool:
    """Each whole value in `pending` given to `each` and taken out; whether the stream's end came."""
    start = 0
    try:
        while len(pending) - start >= _LENGTH:
            length = int.from_bytes(pending[start:start + _LENGTH], "little")
            if not length:
                return True
            if len(pending) - start - _LENGTH < length:
                break
            start += _LENGTH
            with memoryview(pending)[start:start + length] as blob:
                value = pickle.loads(blob)
            start += length
            each(value)
    finally:
        del pending[:start]
    return False


def _send_each(task: Callable[[], Iterable[Any]], out: IO[bytes]) -> None:
    """In the worker: each value as it is made, behind its length; then the end."""
    for value in task():
        blob = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        out.write(len(blob).to_bytes(_LENGTH, "little"))
        out.write(blob)
        out.flush()
    out.write(_END)
