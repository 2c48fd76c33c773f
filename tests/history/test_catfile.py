"""One git for every blob a process reads: the blobs git itself gives, bounded by the limit,
and a forked worker never talks to its parent's git."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from generator.history.catfile import CatFile, blobs
from tests.history_story import Repo


def _repo(tmp_path: Path) -> tuple[Path, list[str]]:
    repo = Repo(tmp_path / "repo")
    shas = []
    for n, size in enumerate((10, 3000, 200_000)):
        repo.write(f"f{n}.yaml", f"n: {n}\n" + "x" * size)
        repo.commit(f"File {n}")
        shas.append(repo.git("rev-parse", f"HEAD:disclosures/f{n}.yaml").strip())
    return repo.root, shas


def _shown(top: Path, sha: str) -> bytes:
    return subprocess.run(["git", "cat-file", "blob", sha], cwd=top, capture_output=True, check=True).stdout


def test_blobs_come_as_git_gives_them(tmp_path: Path) -> None:
    top, shas = _repo(tmp_path)
    reader = CatFile(top)
    try:
        wanted = [*shas, "0" * 40, shas[0]]   # one that is missing, one asked twice
        found = list(reader.read(wanted, 100_000))
        assert [b.sha for b in found] == [shas[0], shas[1], shas[2], shas[0]]
        assert [b.content for b in found[:2]] == [_shown(top, s) for s in shas[:2]]
        assert found[2].content is None and found[2].size == len(_shown(top, shas[2])) > 100_000   # never read
        assert found[3] == found[0]
        assert found[0].content is not None and found[0].content.startswith(b"n: 0\n")
    finally:
        reader.close()


def test_close_ends_the_git_and_a_later_read_starts_another(tmp_path: Path) -> None:
    top, shas = _repo(tmp_path)
    reader = CatFile(top)
    assert [b.sha for b in reader.read(shas[:1], 10**6)] == shas[:1]
    git = reader._git
    assert git is not None
    reader.close()
    assert git.poll() is not None
    assert [b.sha for b in reader.read(shas[1:2], 10**6)] == shas[1:2]
    reader.close()


_FORKED = """
import os, pickle, sys
from pathlib import Path
from generator.history.catfile import CatFile, blobs
top, shas = Path(sys.argv[1]), sys.argv[2:]
reader = CatFile(top)
list(reader.read(shas[:1], 10**6))   # the parent's git is started
parents = reader._git
read, write = os.pipe()
pid = os.fork()
if pid == 0:   # the worker: reads, closes, and leaves the parent's git untouched
    code = 1
    try:
        found = [b.content for b in reader.read(shas[:2], 10**6)]
        mine = reader._git
        reader.close()
        with os.fdopen(write, "wb") as out:
            pickle.dump((found, mine is not parents), out)
        code = 0
    finally:
        os._exit(code)
os.close(write)
with os.fdopen(read, "rb") as got:
    found, own = pickle.loads(got.read())
assert os.waitpid(pid, 0)[1] == 0
assert own and found == [blobs(top, shas[:2], 10**6)[s].content for s in shas[:2]]
# The parent's git still answers.
assert reader._git is parents and [b.sha for b in reader.read(shas[1:2], 10**6)] == shas[1:2]
reader.close()
print("ok")
"""


def test_a_forked_worker_reads_through_a_git_of_its_own(tmp_path: Path) -> None:
    # In a new interpreter: threads left by other tests rightly keep this one from forking.
    top, shas = _repo(tmp_path)
    done = subprocess.run([sys.executable, "-c", _FORKED, str(top), *shas], capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parents[2], timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["ok"]


def test_many_blobs_at_once_by_id_and_the_git_is_let_go(tmp_path: Path) -> None:
    top, shas = _repo(tmp_path)
    found = blobs(top, [*shas, "f" * 40], 100_000)
    assert sorted(found) == sorted(shas)   # the missing one is left out
    assert found[shas[1]].content == _shown(top, shas[1]) and found[shas[2]].content is None
