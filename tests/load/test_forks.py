"""A task begun in a forked process: its result when it ends, None when it fails or is stopped."""

from __future__ import annotations

import os
import time

import pytest

from generator.load.forks import begin, can_fork

pytestmark = pytest.mark.skipif(not can_fork(), reason="this process runs other threads: it must not fork")


def _pid_and(value: int) -> tuple[int, int]:
    return os.getpid(), value * 2


def _fail() -> None:
    raise RuntimeError("a task that fails")


def _forever() -> None:
    while True:
        time.sleep(1)


def test_a_begun_task_runs_in_another_process_and_sends_its_result_back():
    job = begin(lambda: _pid_and(21))
    pid, value = job.result()
    assert value == 42 and pid != os.getpid()
    assert job.result() is None   # collected once


def test_a_failing_task_gives_none():
    assert begin(_fail).result() is None


def test_a_stopped_task_is_reaped():
    job = begin(_forever)
    pid = job._pid
    job.cancel()
    assert pid is not None
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)   # reaped already: no zombie left
