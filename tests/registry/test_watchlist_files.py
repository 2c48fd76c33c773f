"""Watchlist files are read as disclosures are: regular files only, never through a link, their
size known before a byte is read; and what a list's rows get wrong is bounded."""

from __future__ import annotations

import os
import tracemalloc
from pathlib import Path

from generator.problems import MAX_PER_FILE, TOO_MANY
from generator.registry.watchlists import MAX_BYTES, load_watchlist, load_watchlists

LISTED = "name,aliases\nExample Listed Co,\n"


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "watchlists"
    folder.mkdir()
    return folder


def test_a_linked_csv_is_refused_and_not_read(tmp_path: Path) -> None:
    outside = tmp_path / "outside.csv"
    outside.write_text(LISTED, encoding="utf-8")
    folder = _folder(tmp_path)
    (folder / "linked.csv").symlink_to(outside)
    (folder / "linked.yaml").symlink_to(outside)
    lists, problems = load_watchlists(folder)
    assert lists == []
    assert [(Path(p.file).name, p.line, p.code) for p in problems] == [
        ("linked.csv", 1, "not-a-file"), ("linked.yaml", 1, "not-a-file")]
    assert "symbolic link" in problems[0].message


def test_a_csv_over_the_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    big = _folder(tmp_path) / "big.csv"
    with open(big, "wb") as f:   # sparse: no disk is used, but reading it would fill memory
        f.truncate(MAX_BYTES + 10_000_000)
    tracemalloc.start()
    try:
        watchlist, problems = load_watchlist(big)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert watchlist is None
    assert [(p.code, p.line) for p in problems] == [("file-too-large", 1)]
    assert peak < 1_000_000   # it read 50 MB, the limit, before it said so


def test_a_fifo_or_folder_named_like_a_list_is_a_problem_not_a_wait(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    os.mkfifo(folder / "pipe.csv")
    (folder / "folder.csv").mkdir()
    (folder / "good.csv").write_text(LISTED, encoding="utf-8")
    lists, problems = load_watchlists(folder)
    assert [w.id for w in lists] == ["good"]
    assert [(Path(p.file).name, p.code) for p in problems] == [("folder.csv", "not-a-file"), ("pipe.csv", "not-a-file")]


def test_a_linked_watchlists_folder_is_refused(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (real / "good.csv").write_text(LISTED, encoding="utf-8")
    (tmp_path / "watchlists").symlink_to(real)
    lists, problems = load_watchlists(tmp_path / "watchlists")
    assert lists == []
    assert [p.code for p in problems] == ["not-a-file"]


def test_rows_without_a_name_are_counted_past_the_limit(tmp_path: Path) -> None:
    path = _folder(tmp_path) / "nameless.csv"
    path.write_text("name,aliases\n" + ",x\n" * (3 * MAX_PER_FILE), encoding="utf-8")
    _, problems = load_watchlist(path)
    assert len(problems) == MAX_PER_FILE + 1
    assert (problems[-1].code, problems[-1].line) == (TOO_MANY, MAX_PER_FILE + 2)
    assert problems[-1].message.startswith(f"{2 * MAX_PER_FILE:,} more problems")
