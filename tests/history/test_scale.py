"""History at scale: worker processes and the working tree's files change nothing but the time."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from generator.check.validation import validate_paths
from generator.history import parsed, workers
from generator.history.gitlog import locate
from generator.history.timeline import _lineages, read_history
from tests.history_story import DHAKA, KASHGAR, Repo, disclosure, tell_story


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The scripted story, and a dozen more companies with a few versions each."""
    root = tmp_path_factory.mktemp("many")
    repo, _ = tell_story(root)
    for n in range(12):
        repo.write(f"firm-{n}.yaml", disclosure(f"firm-{n}", name=f"Firm {n} Ltd"))
    repo.commit("Add twelve firms")
    for n in range(0, 12, 2):
        repo.write(f"firm-{n}.yaml", disclosure(f"firm-{n}", name=f"Firm {n} Ltd", suppliers="suppliers:\n" + DHAKA))
    repo.commit("Suppliers for the even firms")
    repo.write("firm-3.yaml", disclosure("firm-3", name="Firm 3 Ltd", audit="finished"))
    repo.commit("A broken status")
    (root / "disclosures" / "firm-5.yaml").unlink()
    repo.commit("Withdraw firm 5")
    return root / "disclosures"


@pytest.fixture
def chunked(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any amount of work is enough for workers, and every company a chunk of its own."""
    if workers.cores() < 2:
        pytest.skip("one core: the history is built here")
    monkeypatch.setattr(workers, "PARALLEL_BYTES", 0)
    monkeypatch.setattr(workers, "CHUNK_BYTES", 1)


def test_workers_build_the_same_history_as_one_process(many: Path, chunked: None) -> None:
    parsed._MEMO.clear()
    forked = read_history(many)
    parsed._MEMO.clear()
    with pytest.MonkeyPatch.context() as m:
        m.setattr(workers, "PARALLEL_BYTES", 10**12)
        alone = read_history(many)
    assert forked == alone
    assert forked.timeline("firm-3").versions[-1].state == "unreadable"
    assert forked.timeline("firm-5").withdrawn and forked.timeline("firm-5").last is not None


_WHERE = """
import os, sys
from pathlib import Path
from generator.history import parsed, workers
from generator.history.gitlog import locate
from generator.history.timeline import _lineages
workers.PARALLEL_BYTES, workers.CHUNK_BYTES = 0, 1
top, rel, head = locate(Path(sys.argv[1]))
store = parsed.VersionStore(top, None)
lineages = _lineages(store.commits(rel, head), rel)
pids = {pid for pid, _ in workers.in_chunks(lineages, store, lambda chunk, s: [(os.getpid(), None) for _ in chunk])}
print(len(lineages), len(pids), os.getpid() in pids)
"""


def test_chunks_run_in_other_processes(many: Path, chunked: None) -> None:
    # In a new interpreter: threads left by other tests (servers, browsers) rightly keep this one from forking.
    done = subprocess.run([sys.executable, "-c", _WHERE, str(many)], capture_output=True, text=True, check=True,
                          cwd=Path(__file__).resolve().parents[2], timeout=300)
    assert done.stdout.split() == ["14", "2", "False"]


def test_the_working_tree_seeds_what_git_holds_unchanged(many: Path, tmp_path: Path) -> None:
    current = validate_paths([many]).valid_documents()
    parsed._MEMO.clear()
    plain = read_history(many)
    parsed._MEMO.clear()
    cache = tmp_path / "cache"
    seeded = read_history(many, cache, current)
    assert seeded == plain
    # Written: the last readable versions the working tree does not hold (the two withdrawn
    # companies', and firm-3's before its broken one); the others are in the working tree.
    [data] = cache.rglob("data.sqlite")
    with sqlite3.connect(data) as db:
        assert db.execute("SELECT count(*) FROM data").fetchone() == (3,)
    db.close()
    # The seeded data is what the timeline shows: proof that it is used, not read again.
    doctored = [type(d)(d.path, {**d.data, "seeded": True}, None) for d in current]
    parsed._MEMO.clear()
    assert read_history(many, None, doctored).timeline("firm-1").last["seeded"] is True


def test_a_file_changed_since_the_last_commit_seeds_nothing(tmp_path: Path) -> None:
    repo = Repo(tmp_path)
    repo.write("acme.yaml", disclosure("acme"))
    repo.commit("Add")
    repo.write("acme.yaml", disclosure("acme", name="Acme Not Yet Committed Ltd"))
    current = validate_paths([tmp_path / "disclosures"]).valid_documents()
    parsed._MEMO.clear()
    timeline = read_history(tmp_path / "disclosures", None, current).timeline("acme")
    assert timeline is not None and timeline.last["company"]["name"] == "Acme Example Ltd"


def test_a_new_commit_after_a_seeded_build_is_compared_with_the_version_before(tmp_path: Path) -> None:
    repo, cache = Repo(tmp_path), tmp_path / ".cache"
    folder = tmp_path / "disclosures"
    repo.write("acme.yaml", disclosure("acme", suppliers="suppliers:\n" + KASHGAR))
    repo.commit("Add")
    parsed._MEMO.clear()
    read_history(folder, cache, validate_paths([folder]).valid_documents())
    repo.write("acme.yaml", disclosure("acme", suppliers="suppliers:\n" + KASHGAR + DHAKA))
    repo.commit("Add Dhaka")
    parsed._MEMO.clear()   # a new build: the version before is neither in memory nor on disk
    warm = read_history(folder, cache, validate_paths([folder]).valid_documents())
    parsed._MEMO.clear()
    assert warm == read_history(folder)
    events = warm.timeline("acme").versions[-1].events
    assert [e.text() for e in events] == ["Supplier Dhaka Knit Ltd (dhaka-knit) added"]


def test_a_worker_that_stops_leaves_its_chunks_to_the_build(many: Path, chunked: None) -> None:
    top, rel, head = locate(many)
    parsed._MEMO.clear()
    store = parsed.VersionStore(top, None)
    lineages = _lineages(store.commits(rel, head), rel)
    build = os.getpid()

    def only_here(chunk: list[object], store: parsed.VersionStore) -> list[tuple[object, None]]:
        if os.getpid() != build:
            os._exit(9)   # as if killed: no result, no traceback
        return [(lineage, None) for lineage in chunk]

    assert [lineage for lineage, _ in workers.in_chunks(lineages, store, only_here)] == lineages
