"""The data tables' files made in a forked process beside the build: the same bytes as made in the
build's own process, and a process that fails or is stopped loses nothing."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from functools import partial
from pathlib import Path

import pytest

from generator.load.forks import begin
from generator.pipeline import _digests, load_registry
from generator.site.pages import Asset
from generator.site.table_files import TableFiles, write_tables
from tests.forking import rerun_where_forking_is_allowed
from tests.sitebuild import FIXTURES


def test_in_a_process_that_can_fork() -> None:
    rerun_where_forking_is_allowed(__file__)


@pytest.fixture(scope="module")
def loaded():
    registry, result = load_registry(FIXTURES)
    return registry, _digests(result)


def _bytes(assets: list[Asset]) -> dict[str, bytes]:
    return {a.path: a.data() for a in assets}


def _here(loaded, pieces: Path | None) -> dict[str, bytes]:
    registry, digests = loaded
    return _bytes(TableFiles.start(registry, None, digests, pieces, background=False).assets())


def test_tables_made_in_a_forked_process_are_the_tables_made_here(loaded, tmp_path, forking):
    registry, digests = loaded
    made = TableFiles.start(registry, None, digests, tmp_path / "pieces")
    assert made.job is not None
    forked = _bytes(made.assets())
    assert any(tmp_path.joinpath("pieces").iterdir())   # the forked process kept the pieces
    assert forked == _here(loaded, tmp_path / "pieces") == _here(loaded, None)
    assert len(forked) == 23 and all(forked.values())


def _fails_elsewhere(parent: int, spool: Path) -> bool:
    if os.getpid() != parent:
        spool.joinpath("partners.csv").write_text("half a file")
        with sqlite3.connect(spool / "disclosures.sqlite") as half:
            half.execute("CREATE TABLE companies (id)")
        raise RuntimeError("the forked process fails part way")
    raise AssertionError("made here through the fallback, not through this")


def test_a_forked_process_that_fails_leaves_the_tables_to_this_one(loaded, forking):
    registry, digests = loaded
    folder = tempfile.TemporaryDirectory()
    spool = Path(folder.name)
    made = TableFiles(partial(write_tables, registry, None, digests, None), folder,
                      begin(partial(_fails_elsewhere, os.getpid(), spool)))
    assert _bytes(made.assets()) == _here(loaded, None)   # half a file in the first folder is never read


def test_a_stopped_process_is_reaped_and_its_tables_made_here(loaded, forking):
    registry, digests = loaded
    made = TableFiles.start(registry, None, digests, None)
    job = made.job
    made.cancel()
    assert made.job is None and job is not None and job.result() is None
    assert _bytes(made.assets()) == _here(loaded, None)
