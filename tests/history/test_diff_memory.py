"""`disclose diff` reads and compares one change at a time: what it holds does not grow with
the size of every file a pull request adds (400 files of 5 MB took 2 GB when every blob was held)."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

from generator.history.revisions import diff_revisions
from tests.history_story import Repo, disclosure

FILES = 40
SIZE = 250_000


def _pull_request(tmp_path: Path) -> Path:
    repo = Repo(tmp_path / "repo")
    repo.write("acme.yaml", disclosure("acme"))
    repo.commit("Base")
    repo.write("acme.yaml", disclosure("acme", name="Acme Renamed Ltd"))
    repo.write("gone.yaml", "")   # a version that is read as empty
    for i in range(FILES):   # compressible: a few KB in git, SIZE bytes each when read
        repo.write(f"c{i:03d}.yaml", f"# {i}\n# " + "x" * SIZE + "\n")
    repo.commit("Many large files")
    return repo.root


def test_diff_holds_one_change_at_a_time(tmp_path: Path) -> None:
    top = _pull_request(tmp_path)
    tracemalloc.start()
    try:
        diffs = diff_revisions(top / "disclosures", "HEAD~1", "HEAD")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(diffs) == FILES + 2
    assert peak < 6 * SIZE   # every blob held at once is FILES * SIZE, 10 MB
    renamed = next(d for d in diffs if d.path.endswith("acme.yaml"))
    assert renamed.name == "Acme Renamed Ltd" and [e.kind for e in renamed.events] == ["field-changed"]
    rows = {Path(d.path).name: d.problem for d in diffs}
    assert rows["c000.yaml"].endswith("[empty-file]") and rows["gone.yaml"].endswith("[empty-file]")
