"""The engine's command runs whole, its exit handlers run, and its status is the process's."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.sitebuild import ROOT

COMMAND = """
import atexit, sys, tempfile
kept = tempfile.TemporaryDirectory(dir=sys.argv[1])
atexit.register(print, "exit handlers ran")
print("ran with", sys.argv[1:], "as", __name__)
status = sys.argv[2]
raise SystemExit(None if status == "none" else int(status) if status.isdigit() else status)
"""


def run(tmp_path: Path, status: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / "fakeengine.py").write_text(COMMAND, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(tmp_path), str(ROOT)]))
    return subprocess.run([sys.executable, "-m", "generator.site.engine", "fakeengine", str(tmp_path), status],
                          capture_output=True, text=True, env=env, timeout=60, check=False)


@pytest.mark.parametrize(("status", "code"), [("none", 0), ("0", 0), ("3", 3), ("it broke", 1)])
def test_the_command_s_status_is_the_process_s_and_its_exit_handlers_run(tmp_path: Path, status: str,
                                                                         code: int) -> None:
    done = run(tmp_path, status)
    assert done.returncode == code, done.stderr
    assert done.stdout == f"ran with ['{tmp_path}', '{status}'] as __main__\nexit handlers ran\n"
    left = [p.name for p in tmp_path.iterdir() if p.name != "__pycache__"]   # written where bytecode is
    assert left == ["fakeengine.py"]                                        # its temporary folder removed
    assert done.stderr == ("it broke\n" if status == "it broke" else "")


def test_an_error_of_the_command_is_one_line_and_its_exit_handlers_run(tmp_path: Path) -> None:
    """A disk that fills up mid-build made MkDocs raise OSError, shown as a 40-line traceback."""
    (tmp_path / "failing.py").write_text("import atexit\natexit.register(print, 'exit handlers ran')\n"
                                         "raise OSError(28, 'No space left on device', 'site/x.html')\n",
                                         encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(tmp_path), str(ROOT)]))
    done = subprocess.run([sys.executable, "-m", "generator.site.engine", "failing"], capture_output=True,
                          text=True, env=env, timeout=60, check=False)
    assert done.returncode == 1
    assert done.stderr == "not built: OSError: [Errno 28] No space left on device: 'site/x.html'\n"
    assert done.stdout == "exit handlers ran\n"
