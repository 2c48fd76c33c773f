"""`disclose validate` holds one file's problems at a time, not every file's: 2,000 files of 1,000 problems
each (a file lists at most 1,000) held 2 million problems, 1.3 GB, before the first line was printed."""

from __future__ import annotations

import json
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

from click.testing import CliRunner

from generator.check.spool import Spool
from generator.check.validation import validate_paths
from generator.cli import main
from generator.problems import MAX_LISTED, Problem, as_json, as_text, by_file, shown
from tests.history_story import disclosure


def _files(folder: Path, count: int, entries: int) -> Path:
    folder.mkdir()
    for i in range(count):
        text = disclosure(f"co-{i}") + "suppliers:\n" + "".join(f"  - {j}\n" for j in range(entries))
        (folder / f"co-{i}.yaml").write_text(text, encoding="utf-8")
    (folder / "co-x.yaml").write_text("", encoding="utf-8")
    return folder


def test_a_spool_gives_back_each_files_problems_in_order(tmp_path: Path) -> None:
    folder = _files(tmp_path / "d", 4, 30)
    whole = validate_paths([folder], workers=1)
    with Spool() as spool:
        light = validate_paths([folder], workers=1, spool=spool)
        assert light.problems == () and all(d.data is None for d in light.documents)
        assert len(light.documents) == len(whole.documents) == 5
        assert list(spool.files()) == by_file(whole.problems)
        assert (spool.errors, spool.warnings) == (sum(p.is_error for p in whole.problems),
                                                 sum(not p.is_error for p in whole.problems))


def test_validate_writes_every_problem_as_before(tmp_path: Path, monkeypatch) -> None:
    _files(tmp_path / "d", 3, 20)
    monkeypatch.chdir(tmp_path)
    whole = sorted(validate_paths([Path("d")], workers=1).problems)
    run = CliRunner().invoke(main, ["validate", "d", "--format", "json"])
    assert run.exit_code == 1 and run.output == as_json(whole) + "\n"
    assert len(json.loads(run.output)) == len(whole) > 60
    run = CliRunner().invoke(main, ["validate", "d"])
    assert run.output.startswith(as_text(whole) + "\n") and f"{len(whole)} error(s)" in run.output


def test_what_text_shows_is_chosen_holding_only_what_it_lists() -> None:
    def files() -> Iterator[list[Problem]]:
        for i in range(40_000):
            yield [Problem(f"d/c{i:06d}.yaml", line, 1, "error", "x", f"mistake {i} on {line}") for line in (2, 3)]

    tracemalloc.start()
    try:
        listed = shown(files())
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(listed) == MAX_LISTED + 1 and "70,000 more problems in 35,000 file(s)" in listed[-1].message
    assert peak < 15_000_000, peak   # the 80,000 problems held were 30 MB
