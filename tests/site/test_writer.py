"""The bulk writer: files made in forked workers, on every core, the same as in one process."""

from __future__ import annotations

import os
from functools import partial
from pathlib import Path

import pytest

from generator.history import workers
from generator.site import writer
from generator.site.pages import Asset
from generator.site.writer import Job, write

COUNT = writer.INLINE * 2  # enough to be worth forking
PARENT = os.getpid()


def _text(i: int) -> str:
    return f"file {i}\n"


def _pid(i: int) -> str:
    return f"{i} {os.getpid()}\n"


def _dies_in_a_worker(i: int) -> str:
    if os.getpid() != PARENT:
        os._exit(3)   # a worker stopped part way, as by a memory limit or a signal
    return _text(i)


def _assets(make: object) -> list[Asset]:
    return [Asset(f"files/{i}.txt", partial(make, i), True) for i in range(COUNT)]  # type: ignore[arg-type]


def _files(site: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in (site / "files").iterdir()}


@pytest.fixture
def forking() -> None:
    if workers.cores() < 2 or not workers.can_fork():
        pytest.skip("needs two cores and a process that may fork")


def test_workers_write_what_one_process_writes(tmp_path: Path, forking: None,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    forked = write(Job(tmp_path / "forked", {}, "v"), _assets(_text))
    monkeypatch.setattr(writer, "cores", lambda: 1)
    alone = write(Job(tmp_path / "alone", {}, "v"), _assets(_text))
    assert forked.made == alone.made == COUNT
    assert _files(tmp_path / "forked") == _files(tmp_path / "alone")
    assert len(_files(tmp_path / "alone")) == COUNT


def test_every_core_writes_and_the_build_process_only_hands_out(tmp_path: Path, forking: None) -> None:
    write(Job(tmp_path, {}, "v"), _assets(_pid))
    pids = {text.split()[1] for text in _files(tmp_path).values()}
    assert str(PARENT) not in pids
    assert len(pids) == min(workers.cores(), COUNT)


def test_a_share_whose_worker_dies_is_written_here(tmp_path: Path, forking: None) -> None:
    written = write(Job(tmp_path, {}, "v"), _assets(_dies_in_a_worker))
    assert written.made == COUNT
    assert _files(tmp_path) == {f"{i}.txt": _text(i) for i in range(COUNT)}
