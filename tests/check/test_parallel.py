"""Files checked on every core: the same data, problems and order as on one core, whichever
worker ends first; what the build makes of each file is made in the build process as results
arrive; a worker that dies leaves what it did not send back to the build process."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import time
from pathlib import Path

import pytest

from benchmarks.synthetic import write_corpus
from generator.check.cache import CheckCache
from generator.check.parallel import BATCH, PER_WORKER, each_checked
from generator.check.validation import validate_paths
from generator.model import Disclosure, entity_rows
from tests.cache_entries import entries, rewrite
from tests.forking import rerun_where_forking_is_allowed

ROOT = Path(__file__).parents[2]
CASES = Path(__file__).parents[1] / "cases"
TODAY = dt.date(2025, 7, 1)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Valid and invalid files, and files disclosing a company another file discloses too:
    enough of them for several workers."""
    target = tmp_path_factory.mktemp("parallel") / "disclosures"
    synthetic = write_corpus(target, companies=3 * PER_WORKER, entities=8, seed=5)
    cases = [case for kind in ("valid", "invalid") for case in sorted((CASES / kind).glob("*.yaml"))]
    for case in cases:
        shutil.copy(case, target / case.name)
    for file in [*cases, *synthetic[::20]]:   # the same company again, in a file of its own
        shutil.copy(file, target / f"{file.stem}.yml")
    return target


def test_in_a_process_that_can_fork() -> None:
    rerun_where_forking_is_allowed(__file__)


def test_every_core_gives_what_one_core_gives(folder: Path, forking: None) -> None:
    alone = validate_paths([folder], TODAY, workers=1)
    assert validate_paths([folder], TODAY, workers=2) == alone
    assert validate_paths([folder], TODAY, workers=3) == alone
    codes = {p.code for p in alone.problems}
    assert {"duplicate-company", "yaml-syntax", "unknown-field", "too-deep", "unsupported-tag"} <= codes
    assert any(not p.is_error for p in alone.problems)
    assert [d.path for d in alone.documents] == [str(f) for f in sorted(folder.glob("*.y*ml"))]
    assert len(alone.valid_documents()) >= 3 * PER_WORKER


def test_a_duplicate_is_located_the_same_from_a_worker(folder: Path, forking: None) -> None:
    """A claim made in a worker keeps its place: the duplicate's line is the line of its id."""
    found = [p for p in validate_paths([folder], TODAY, workers=2).problems if p.code == "duplicate-company"]
    assert len(found) >= 10 and all(p.line > 1 for p in found)
    assert found == [p for p in validate_paths([folder], TODAY, workers=1).problems if p.code == "duplicate-company"]


def test_every_core_and_the_cache_agree(folder: Path, tmp_path: Path, forking: None) -> None:
    alone = validate_paths([folder], TODAY, cache_dir=tmp_path / "alone", workers=1)
    cache = tmp_path / "cache"
    assert validate_paths([folder], TODAY, cache_dir=cache, workers=2) == alone
    kept = entries(cache)
    # The workers' entries stay after the prune: the same entries as one core keeps, in a pack per worker.
    assert kept == entries(tmp_path / "alone")
    assert len(kept) > 100 and len(list(cache.iterdir())) == 2
    assert validate_paths([folder], TODAY, cache_dir=cache, workers=2) == alone
    assert entries(cache) == kept


def test_the_files_are_checked_in_other_processes(forking: None) -> None:
    items = list(range(4 * PER_WORKER))
    pids = {pid for _, pid in each_checked(items, lambda i: (i, os.getpid()), None, workers=2)}
    assert len(pids) == 2 and os.getpid() not in pids
    assert each_checked(items, lambda i: (i, os.getpid()), None, workers=1) == [(i, os.getpid()) for i in items]
    few = list(range(PER_WORKER))   # too few to fork for
    assert {pid for _, pid in each_checked(few, lambda i: (i, os.getpid()), None, workers=2)} == {os.getpid()}


def test_a_share_whose_worker_dies_is_checked_here(forking: None) -> None:
    parent = os.getpid()

    def check(i: int) -> tuple[int, int]:
        if i == 7 and os.getpid() != parent:
            os._exit(3)   # the worker holding item 7 dies part way
        return i * i, os.getpid()

    items = list(range(4 * PER_WORKER))
    done = each_checked(items, check, None, workers=2)
    assert [square for square, _ in done] == [i * i for i in items]
    here = {i for i, (_, pid) in enumerate(done) if pid == parent}
    assert 7 in here and len(here) == len(items) // 2   # the dead worker's whole share, and only it


def test_the_order_holds_when_the_second_worker_ends_first(tmp_path: Path, forking: None) -> None:
    parent, flag = os.getpid(), tmp_path / "flag"
    items = list(range(4 * PER_WORKER))   # dealt out: even items to the first worker, odd to the second

    def check(i: int) -> int:
        if os.getpid() != parent and i == 0:   # the first worker waits until the second's items all arrived here
            for _ in range(6000):   # a bound, not a timing
                if flag.exists():
                    break
                time.sleep(0.01)
        return i * i

    arrived: list[tuple[int, int]] = []

    def then(square: int) -> int:
        arrived.append((square, os.getpid()))
        # Made here, not by the second worker once it had checked them: on a busy machine this process
        # could then find both workers' batches ready and read the first's before the second's.
        if square == items[-1] ** 2:
            flag.touch()
        return -square

    assert each_checked(items, check, None, workers=2, then=then) == [-i * i for i in items]
    assert {pid for _, pid in arrived} == {parent}   # made here, as each batch arrived
    assert [square for square, _ in arrived][:len(items) // 2] == [i * i for i in items[1::2]]


def test_what_a_dying_worker_sent_is_kept(forking: None) -> None:
    parent = os.getpid()
    items = list(range(2 * (BATCH + PER_WORKER)))
    dies_at = items[0::2][BATCH + 10]   # in the first worker's second batch

    def check(i: int) -> tuple[int, int]:
        if i == dies_at and os.getpid() != parent:
            os._exit(3)
        return i * i, os.getpid()

    done = each_checked(items, check, None, workers=2)
    assert [square for square, _ in done] == [i * i for i in items]
    here = {i for i, (_, pid) in enumerate(done) if pid == parent}
    assert here == set(items[0::2][BATCH:])   # only what it had not sent: its first batch came back


def test_what_is_made_of_each_valid_file(folder: Path, forking: None) -> None:
    def company(data: dict[str, object]) -> tuple[object, int]:
        return data["company"]["id"], os.getpid()  # type: ignore[index]

    made = validate_paths([folder], TODAY, workers=2, make=company)
    alone = validate_paths([folder], TODAY, workers=1, make=company)
    assert made == alone and made.made == alone.made   # made here in both, so the same ids and process
    ids = [d.data["company"]["id"] for d in made.valid_documents()]
    assert [m[0] for m in made.valid_made()] == [m[0] for m in alone.valid_made()] == ids
    assert {m[1] for m in made.valid_made()} == {os.getpid()}
    assert len(made.made) == len(made.documents) > len(ids)   # files with errors: nothing made
    assert validate_paths([folder], TODAY, workers=2).made == ()


def test_a_file_that_ends_every_process_checking_it_fails_alone(forking: None) -> None:
    """Checked again in a process of its own, and when that dies too, `failed` is its outcome:
    the build process never checks it, and the rest of the dead worker's share is checked here."""
    parent = os.getpid()
    items = list(range(4 * PER_WORKER))

    def check(i: int) -> tuple[int, int]:
        if i == 7 and os.getpid() != parent:
            os._exit(3)
        return i * i, os.getpid()

    done = each_checked(items, check, None, workers=2, failed=lambda i: (-i, parent))
    assert done[7] == (-7, parent)
    assert [square for i, (square, _) in enumerate(done) if i != 7] == [i * i for i in items if i != 7]


def test_a_file_checked_again_alone_keeps_its_outcome(tmp_path: Path, forking: None) -> None:
    """A worker that died once (stopped from outside, say) fails no file: the one it was checking
    is checked again in a process of its own, which gives its outcome."""
    parent, died = os.getpid(), tmp_path / "died"
    items = list(range(4 * PER_WORKER))

    def check(i: int) -> tuple[int, int]:
        if i == 7 and not died.exists():
            died.touch()
            os._exit(3)
        return i * i, os.getpid()

    done = each_checked(items, check, None, workers=2, failed=lambda i: (-i, parent))
    assert [square for square, _ in done] == [i * i for i in items]
    assert done[7][1] not in (parent, done[6][1], done[8][1])   # neither here nor in a first worker


@pytest.fixture
def reads_noted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each process that reads an entry of the check cache notes its id in a file (workers too)."""
    noted, read = tmp_path / "readers", CheckCache.get

    def get(self: CheckCache, digest: str, shown: str) -> object:
        with open(noted, "a", encoding="utf-8") as out:
            out.write(f"{os.getpid()}\n")
        return read(self, digest, shown)

    monkeypatch.setattr(CheckCache, "get", get)
    return noted


def test_a_rebuild_reads_the_known_files_on_the_workers(folder: Path, tmp_path: Path, reads_noted: Path,
                                                        forking: None) -> None:
    """The cache's entries are read and decoded on every core; the build process makes the same
    disclosures of them as of a cold check."""
    cache = tmp_path / "cache"
    cold = validate_paths([folder], TODAY, cache_dir=cache, workers=2, make=Disclosure.of)
    reads_noted.unlink()
    rebuilt = validate_paths([folder], TODAY, cache_dir=cache, workers=2, make=Disclosure.of)
    assert rebuilt == cold and rebuilt.made == cold.made
    assert rebuilt.made == validate_paths([folder], TODAY, workers=1, make=Disclosure.of).made
    readers = reads_noted.read_text(encoding="utf-8").split()
    assert len(readers) == len(list(folder.glob("*.y*ml")))
    assert len(set(readers)) == 2 and str(os.getpid()) not in readers
    prepared = validate_paths([folder], TODAY, cache_dir=cache, workers=2, make=Disclosure.of, prepare=entity_rows)
    assert prepared == cold and prepared.made == cold.made


def test_a_changed_file_and_a_broken_entry_are_checked_again_on_the_workers(folder: Path, tmp_path: Path,
                                                                         forking: None) -> None:
    project = tmp_path / "disclosures"
    shutil.copytree(folder, project)
    cache = tmp_path / "cache"
    validate_paths([project], TODAY, cache_dir=cache, workers=2, make=Disclosure.of)
    changed, other = sorted(project.glob("synthetic-*.yaml"))[3:5]
    text = changed.read_text(encoding="utf-8")
    changed.write_text(text.replace("\n  name: ", "\n  name: Renamed ", 1), encoding="utf-8")
    digest = hashlib.sha256(other.read_bytes()).hexdigest().encode()
    rewrite(cache, lambda blob: blob[:-10] if digest in blob else blob)   # the other's entry cut short
    rebuilt = validate_paths([project], TODAY, cache_dir=cache, workers=2, make=Disclosure.of)
    cold = validate_paths([project], TODAY, workers=2, make=Disclosure.of)
    assert rebuilt == cold and rebuilt.made == cold.made
    by_path = {d.path: m for d, m in zip(rebuilt.valid_documents(), rebuilt.valid_made(), strict=True)}
    assert by_path[str(changed)].name.startswith("Renamed ") and str(other) in by_path
    assert digest.decode() in {d.digest for d in rebuilt.documents}


def test_what_the_workers_read_from_the_cache_holds_its_short_strings_once(folder: Path, tmp_path: Path,
                                                                           forking: None) -> None:
    """As the fast path holds them, once per batch sent back: a registry of 10,000 decoded files
    held each key, country and city 10,000 times over."""
    cache = tmp_path / "cache"
    validate_paths([folder], TODAY, cache_dir=cache, workers=2)
    docs = validate_paths([folder], TODAY, cache_dir=cache, workers=2).documents
    # The first worker's first batch: every other file from the first on.
    first, other = [d for d in docs[:2 * BATCH:2] if Path(d.path).name.startswith("synthetic-")][:2]
    assert first.data["schema_version"] is other.data["schema_version"]
    assert next(iter(first.data["company"])) is next(iter(other.data["company"]))
    assert first.data["company"]["id"] != other.data["company"]["id"]


def test_what_is_prepared_of_each_valid_file_is_prepared_on_the_workers(folder: Path, forking: None) -> None:
    def company(data: dict[str, object]) -> tuple[object, int]:
        return data["company"]["id"], os.getpid()  # type: ignore[index]

    def make(data: dict[str, object], prepared: tuple[object, int]) -> tuple[object, int, int]:
        assert prepared[0] == data["company"]["id"]  # type: ignore[index]
        return *prepared, os.getpid()

    made = validate_paths([folder], TODAY, workers=2, make=make, prepare=company).valid_made()
    assert len(made) >= 3 * PER_WORKER and {pid for _, _, pid in made} == {os.getpid()}
    assert len({pid for _, pid, _ in made}) == 2 and os.getpid() not in {pid for _, pid, _ in made}
    alone = validate_paths([folder], TODAY, workers=1, make=make, prepare=company)
    assert [m[0] for m in alone.valid_made()] == [m[0] for m in made]
