"""The bulk writer: files made in forked workers, on every core, the same as in one process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from generator.history import workers

ROOT = Path(__file__).resolve().parents[2]

# In a new interpreter: threads left by other tests (servers, browsers) rightly keep this
# process from forking, and the writer would then write everything itself.
_WRITE = """
import json, os, sys
from functools import partial
from pathlib import Path
from generator.site import writer
from generator.site.pages import Asset
from generator.site.writer import Job, write

PARENT = os.getpid()

def text(i):
    return f"file {i}\\n"

def pid(i):
    return f"{i} {os.getpid()}\\n"

def dies_in_a_worker(i):
    if os.getpid() != PARENT:
        os._exit(3)   # a worker stopped part way, as by a memory limit or a signal
    return text(i)

make, site = {"text": text, "pid": pid, "dies": dies_in_a_worker}[sys.argv[1]], Path(sys.argv[2])
if sys.argv[3:] == ["alone"]:
    writer.cores = lambda: 1
count = writer.INLINE * 2   # enough to be worth forking
written = write(Job(site, {}, "v"), [Asset(f"files/{i}.txt", partial(make, i), True) for i in range(count)])
print(json.dumps({"made": written.made, "count": count, "parent": PARENT}))
"""


def _write(make: str, site: Path, *how: str) -> dict[str, int]:
    done = subprocess.run([sys.executable, "-c", _WRITE, make, str(site), *how], capture_output=True, text=True,
                          check=True, cwd=ROOT, timeout=300)
    return json.loads(done.stdout)


def _files(site: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in (site / "files").iterdir()}


@pytest.fixture
def two_cores() -> None:
    if workers.cores() < 2:
        pytest.skip("one core: the build process writes everything")


def test_workers_write_what_one_process_writes(tmp_path: Path, two_cores: None) -> None:
    forked = _write("text", tmp_path / "forked")
    alone = _write("text", tmp_path / "alone", "alone")
    assert forked["made"] == alone["made"] == forked["count"]
    assert _files(tmp_path / "forked") == _files(tmp_path / "alone")
    assert len(_files(tmp_path / "alone")) == forked["count"]


def test_every_core_writes_and_the_build_process_only_hands_out(tmp_path: Path, two_cores: None) -> None:
    done = _write("pid", tmp_path)
    pids = {text.split()[1] for text in _files(tmp_path).values()}
    assert str(done["parent"]) not in pids
    assert len(pids) == min(workers.cores(), done["count"])


def test_a_share_whose_worker_dies_is_written_here(tmp_path: Path, two_cores: None) -> None:
    done = _write("dies", tmp_path)
    assert done["made"] == done["count"]
    assert _files(tmp_path) == {f"{i}.txt": f"file {i}\n" for i in range(done["count"])}
