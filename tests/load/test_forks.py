"""The build's forks: a task begun in a forked process gives its result when it ends, None when it
fails or is stopped; a streaming task's values arrive while it runs, and what a dying one sent is
kept; the collector's view of what is alive stays frozen through nested blocks and a fork inside one."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import time
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.load.forks import begin, can_fork, collector_off, forked, frozen, streamed
from tests.forking import rerun_where_forking_is_allowed


def test_in_a_process_that_can_fork() -> None:
    rerun_where_forking_is_allowed(__file__)


def _pid_and(value: int) -> tuple[int, int]:
    return os.getpid(), value * 2


def _fail() -> None:
    raise RuntimeError("a task that fails")


def _forever() -> None:
    while True:
        time.sleep(1)


def test_a_begun_task_runs_in_another_process_and_sends_its_result_back(forking: None) -> None:
    job = begin(lambda: _pid_and(21))
    pid, value = job.result()
    assert value == 42 and pid != os.getpid()
    assert job.result() is None   # collected once


def test_a_failing_task_gives_none(forking: None) -> None:
    assert begin(_fail).result() is None


def test_a_stopped_task_is_reaped(forking: None) -> None:
    job = begin(_forever)
    pid = job._pid
    job.cancel()
    assert pid is not None
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)   # reaped already: no zombie left


def test_a_nested_block_leaves_the_outer_ones_objects_frozen() -> None:
    kept = [object() for _ in range(100)]
    # Counted, not compared with the count at the start: on Python 3.12 a frozen object that is let go
    # leaves the count (a forked task's scratch objects, frozen by the inner block, are).
    with frozen():
        assert gc.get_freeze_count() >= len(kept)
        with frozen():
            pass
        assert gc.get_freeze_count() >= len(kept)   # the inner block's end did not thaw them
        if can_fork():
            assert forked([lambda: 1]) == [1]
            assert gc.get_freeze_count() >= len(kept)
            assert begin(lambda: 2).result() == 2
            assert gc.get_freeze_count() >= len(kept)   # nor did a task begun inside it
    assert gc.get_freeze_count() == 0


def test_a_block_thaws_what_it_froze_though_objects_were_frozen_before_it() -> None:
    """Python 3.12 starts with objects of its own frozen (375 of them, in 3.12.1): the blocks took those for an
    outer block's and never thawed, so all that was alive at a build's start stayed out of the collector's
    walks for good (in `disclose serve`, every rebuild's), and 7 tests failed on 3.12."""
    gc.freeze()   # as Python 3.12 starts
    try:
        with frozen():
            kept = [object() for _ in range(100)]
            with frozen():
                assert gc.get_freeze_count() >= len(kept)
            assert gc.get_freeze_count() >= len(kept)   # the inner block's end did not thaw them
        assert gc.get_freeze_count() == 0
    finally:
        gc.unfreeze()


def test_what_is_let_go_inside_a_block_is_still_freed() -> None:
    class Cell:
        pass

    cells = [Cell() for _ in range(1000)]
    refs = [weakref.ref(c) for c in cells]
    with frozen():
        assert gc.get_freeze_count() >= len(cells)
        del cells   # frozen, yet reference counting frees them
        assert all(r() is None for r in refs)


def _waits_for(flag: Path) -> Iterator[str]:
    for _ in range(6000):   # a bound, not a timing: the other task makes the flag at once
        if flag.exists():
            break
        time.sleep(0.01)
    yield "first"
    yield "second"


def test_streamed_values_arrive_as_sent_whichever_task_ends_first(tmp_path: Path, forking: None) -> None:
    """The second task's values reach this process while the first still runs: the first goes on only once
    they have arrived here. (The flag was made by the second task once it had sent them; on a busy machine this
    process could then read the first task's pipe before the second's.)"""
    flag = tmp_path / "flag"
    arrived: list[tuple[int, str]] = []

    def arrive(i: int, value: str) -> None:
        arrived.append((i, value))
        if (i, value) == (1, "b"):
            flag.touch()

    ended = streamed([lambda: _waits_for(flag), lambda: iter("ab")], arrive)
    assert ended == [True, True]
    assert arrived == [(1, "a"), (1, "b"), (0, "first"), (0, "second")]


def _dies_after_two() -> Iterator[int]:
    yield 1
    yield 2
    os._exit(3)


def test_what_a_dying_task_sent_is_kept(forking: None) -> None:
    arrived: list[tuple[int, object]] = []
    ended = streamed([_dies_after_two, lambda: iter(range(3)), _fail], lambda i, v: arrived.append((i, v)))
    assert ended == [False, True, False]
    assert [v for i, v in arrived if i == 0] == [1, 2]
    assert [v for i, v in arrived if i == 1] == [0, 1, 2]
    assert not [v for i, v in arrived if i == 2]


def _pid_then_forever() -> Iterator[int]:
    yield os.getpid()
    _forever()


def test_a_failure_here_stops_and_reaps_every_task(forking: None) -> None:
    pids: list[int] = []

    def each(_: int, pid: int) -> None:
        pids.append(pid)
        if len(pids) == 2:
            raise RuntimeError("the build process fails while the tasks run")

    with pytest.raises(RuntimeError):
        streamed([_pid_then_forever, _pid_then_forever], each)
    assert len(pids) == 2
    for pid in pids:
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)   # stopped and reaped: nothing left running


def test_the_collector_is_off_in_the_block_and_back_as_it_was_after() -> None:
    assert gc.isenabled()   # Python 3.12 starts with objects frozen: the count is not 0 before a first block
    kept = [object() for _ in range(100)]
    with collector_off():
        assert not gc.isenabled()
        assert gc.get_freeze_count() >= len(kept)   # alive when it began: frozen
    assert gc.isenabled() and gc.get_freeze_count() == 0
    gc.disable()
    try:
        with collector_off():
            pass
        assert not gc.isenabled()   # a caller's own pause outlasts the block
    finally:
        gc.enable()


def test_a_cycle_let_go_in_the_block_is_freed_by_the_first_pass_after_it() -> None:
    class Node:
        pass

    with collector_off():
        node = Node()
        node.self = node   # type: ignore[attr-defined]
        ref = weakref.ref(node)
        del node
        churn = [[] for _ in range(100_000)]   # enough new objects for many passes, had it been on
        assert ref() is not None
    del churn
    gc.collect()
    assert ref() is None


def test_a_task_begun_in_the_block_runs_and_leaves_it_as_it_was(forking: None) -> None:
    with collector_off():
        made = [object() for _ in range(100)]
        assert begin(lambda: len(made)).result() == 100
        assert not gc.isenabled() and gc.get_freeze_count() >= len(made)   # what the fork froze stays frozen
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_the_build_runs_no_thread_of_its_own_before_it_forks() -> None:
    """numpy's BLAS started two threads at import and pyarrow's allocator one, unseen by `threading`: every
    fork of a build copied a process with other threads, which Python 3.12 warns may deadlock the child."""
    if not Path("/proc/self/task").is_dir():
        pytest.skip("threads are counted in /proc, which Linux has")
    env = {k: v for k, v in os.environ.items() if not k.endswith(("_NUM_THREADS", "MALLOC_CONF"))}
    code = "import os, generator.pipeline; print(len(os.listdir('/proc/self/task')))"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "1"
