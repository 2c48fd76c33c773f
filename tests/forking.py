"""Tests of the build's forks, wherever the suite runs them.

A thread another test left running (a preview server) rightly keeps the build from forking,
and whether one runs is known only when a test starts, not when the file is collected. A test
that needs forking takes the `forking` fixture (tests/conftest.py) and skips in such a process; the file's
`test_in_a_process_that_can_fork` (`rerun_where_forking_is_allowed`) then runs it again in a
new interpreter, so no suite leaves those tests unrun.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from generator.load.forks import can_fork

ROOT = Path(__file__).parents[1]


def rerun_where_forking_is_allowed(test_file: str) -> None:
    """The body of a file's `test_in_a_process_that_can_fork`: every other test there ran, forking."""
    if can_fork():
        pytest.skip("this process forks: the tests ran in it")
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", test_file],
                          capture_output=True, text=True, timeout=900, cwd=ROOT)
    assert done.returncode == 0, done.stdout[-3000:]
    assert "1 skipped" in done.stdout   # only that test: the others ran, forking
