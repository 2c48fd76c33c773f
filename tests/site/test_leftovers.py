"""A killed build's folders (a fresh site beside site/, scratch in the temporary folder) are removed by
the next build, and a running build's never."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from generator.site import publish
from generator.site.indexer import Indexer
from generator.site.leftovers import claim, tag
from tests.site.test_removal import gone


def _ended_tag() -> str:
    """The tag of a process that has ended."""
    done = subprocess.Popen([sys.executable, "-c", "pass"])
    done.wait()
    return tag(done.pid)


def _left(parent: Path, name: str) -> Path:
    folder = parent / name
    (folder / "assets").mkdir(parents=True)
    (folder / "assets" / "big.bin").write_bytes(b"x" * 1000)
    return folder


def test_a_build_removes_the_fresh_site_a_killed_build_left_but_not_a_running_ones(tmp_path: Path) -> None:
    killed = _left(tmp_path, ".site-new-" + _ended_tag() + "abc")
    running = _left(tmp_path, ".site-new-" + tag() + "def")              # this process: still running
    elsewhere = _left(tmp_path, ".site-new-otherhost-p1-s1-ghi")         # another host's: cannot be looked up
    untagged = _left(tmp_path, ".site-new-xyz")
    publish.build(tmp_path / "missing.yml", tmp_path / "site", tmp_path / "disclosures")   # fails: no config
    assert gone(killed)
    assert running.is_dir() and elsewhere.is_dir() and untagged.is_dir()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site-new-" + tag()) and p != running]


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


def test_the_search_index_scratch_of_a_killed_build_is_removed(scratch: Path) -> None:
    killed = _left(scratch, "disclose-search-" + _ended_tag() + "abc")
    running = _left(scratch, "disclose-search-" + tag() + "def")
    index = Indexer()
    try:
        assert index.scratch.name.startswith("disclose-search-" + tag())
    finally:
        index.close()
    assert gone(killed) and running.is_dir()


def test_a_link_is_never_swept(scratch: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    kept = tmp_path_factory.mktemp("kept")
    (kept / "mine.txt").write_text("mine", encoding="utf-8")
    link = scratch / ("disclose-data-" + _ended_tag() + "lnk")
    link.symlink_to(kept)
    assert claim("disclose-data-") == "disclose-data-" + tag()
    assert (kept / "mine.txt").read_text(encoding="utf-8") == "mine" and link.is_symlink()
