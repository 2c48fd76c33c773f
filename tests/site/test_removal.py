"""Folders a finished build no longer needs are removed by a process of their own, and only marked ones."""

from __future__ import annotations

import time
from pathlib import Path

from generator.site.removal import MARKER, discard, mark, remove_later, sweep


def gone(path: Path, timeout: float = 60) -> bool:
    deadline = time.monotonic() + timeout
    while path.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    return not path.exists()


def filled(folder: Path) -> Path:
    folder.mkdir()
    mark(folder)
    for n in range(50):
        page = folder / "site" / f"page-{n}" / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(f"page {n}", encoding="utf-8")
    return folder


def test_a_marked_folder_is_removed_whole_but_not_what_its_links_point_to(tmp_path: Path) -> None:
    kept = tmp_path / "elsewhere"
    kept.mkdir()
    (kept / "mine.txt").write_text("mine", encoding="utf-8")
    folder = filled(tmp_path / ".site-old-1")
    (folder / "site" / "link").symlink_to(kept)
    (folder / "file-link").symlink_to(kept / "mine.txt")
    remove_later(folder)
    assert gone(folder)
    assert (kept / "mine.txt").read_text(encoding="utf-8") == "mine"


def test_sweep_removes_what_a_cut_short_removal_left_and_nothing_unmarked(tmp_path: Path) -> None:
    left = filled(tmp_path / ".site-old-abc")
    (left / "site" / "page-0" / "index.html").unlink()          # partly removed already
    unmarked = tmp_path / ".site-old-theirs"
    unmarked.mkdir()
    (unmarked / "keep.txt").write_text("theirs", encoding="utf-8")
    other = filled(tmp_path / "other-marked")                  # marked, but not of the name swept
    pointer = tmp_path / ".site-old-link"
    pointer.symlink_to(other)                                  # a link is never followed
    sweep(tmp_path, ".site-old-")
    assert gone(left)
    time.sleep(0.5)
    assert (unmarked / "keep.txt").read_text(encoding="utf-8") == "theirs"
    assert (other / MARKER).is_file() and pointer.is_symlink()


def test_a_discarded_folder_leaves_its_place_at_once_and_goes_whole_with_nothing_beside_it(tmp_path: Path) -> None:
    """The preview's old site: removed on MkDocs' build thread, it held the next request for seconds."""
    site = tmp_path / "build-1"
    site.mkdir()
    (site / "index.html").write_text("old", encoding="utf-8")
    (tmp_path / "kept.txt").write_text("kept", encoding="utf-8")
    discard(site)
    assert not site.exists()
    assert gone(next(tmp_path.glob(".disclose-discarded-*"), tmp_path / "none"))
    assert [p.name for p in tmp_path.iterdir()] == ["kept.txt"]
