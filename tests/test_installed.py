"""The installed package alone: a wheel built from this tree, installed into a fresh virtual
environment outside the repository, runs every command in a new registry's git repository.

Dependencies come from requirements-lock.txt (uv.lock's runtime set, with hashes), installed as the
GitHub Action installs them, so the run is the same on every machine and served from uv's cache
after `make test` has synced; a dependency missing from that file fails the commands here.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.history_story import Repo
from tests.tools import ROOT, fresh_venv, uv

pytestmark = pytest.mark.site
# Not copied: the top folder's working state (generator/site/ is the package's, and is kept).
TOP_LEVEL_STATE = {".git", ".venv", ".tools", "site", ".cache", "build", "dist", ".pytest_cache", ".ruff_cache",
                   ".hypothesis", "benchmarks"}


def _skip(folder: str, names: list[str]) -> set[str]:
    state = TOP_LEVEL_STATE if Path(folder) == ROOT else set()
    return {n for n in names if n in state or n == "__pycache__" or n.endswith(".egg-info") or n.startswith(".site-")}


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bin/ folder of a fresh venv holding the wheel and the locked dependencies, nothing else."""
    work = tmp_path_factory.mktemp("installed")
    source = work / "source"  # a copy: building writes egg-info and build/ where it runs
    shutil.copytree(ROOT, source, ignore=_skip)
    env = dict(os.environ, UV_PYTHON_DOWNLOADS="never")
    subprocess.run([uv(), "build", "--quiet", "--wheel", "--out-dir", str(work / "dist"), str(source)],
                   check=True, env=env)
    [wheel] = (work / "dist").glob("disclose-*.whl")
    python = fresh_venv(work / "venv")
    # As the GitHub Action installs it: the locked set by hash, then the package without resolving anything.
    for args in (["--require-hashes", "-r", str(ROOT / "requirements-lock.txt")], [str(wheel)]):
        subprocess.run([uv(), "pip", "install", "--quiet", "--no-deps", "--python", str(python), *args],
                       check=True, env=env)
    return python.parent


def _run(bin_dir: Path, cwd: Path, *args: str, code: int = 0) -> str:
    # Nothing from this repository on the path: only the venv's own bin/ and the system's.
    env = {"PATH": f"{bin_dir}{os.pathsep}/usr/bin:/bin", "HOME": os.environ.get("HOME", str(cwd)),
           "LANG": "C.UTF-8", "NO_MKDOCS_2_WARNING": "1", "GIT_CONFIG_GLOBAL": os.devnull}
    done = subprocess.run([str(bin_dir / args[0]), *args[1:]], cwd=cwd, env=env, capture_output=True, text=True,
                          check=False)
    assert done.returncode == code, f"{args}: {done.stdout}{done.stderr}"
    return done.stdout + done.stderr


def test_the_package_is_imported_from_the_venv_not_the_repository(installed: Path, tmp_path: Path) -> None:
    where = _run(installed, tmp_path, "python", "-c", "import generator; print(generator.__file__)")
    assert str(installed.parent) in where and str(ROOT) not in where


def test_every_command_works_from_the_installed_package(installed: Path, tmp_path: Path) -> None:
    repo = Repo(tmp_path / "registry")
    here = repo.root
    assert "wrote" in _run(installed, here, "disclose", "init", ".", "--site-name", "Acme's registry")
    assert "acme-corp.yaml" in _run(installed, here, "disclose", "new", "acme-corp", "--name", "Acme Corporation")
    (tmp_path / "suppliers.csv").write_text("name,address,country\nExample Mill Ltd,1 Mill Lane,GB\n",
                                            encoding="utf-8")
    assert "1 added" in _run(installed, here, "disclose", "import", str(tmp_path / "suppliers.csv"),
                             "--company", "acme-corp")
    assert "2 files checked: no problems" in _run(installed, here, "disclose", "validate")
    repo.commit("Acme discloses its first supplier")
    (tmp_path / "more.csv").write_text("name,address,country\nSecond Weaving Co,2 Loom Road,GB\n", encoding="utf-8")
    _run(installed, here, "disclose", "import", str(tmp_path / "more.csv"), "--company", "acme-corp")
    assert "Second Weaving Co" in _run(installed, here, "disclose", "diff")
    repo.commit("Acme adds a supplier")
    assert "built site/" in _run(installed, here, "disclose", "build")
    home = (here / "site" / "index.html").read_text(encoding="utf-8")
    assert "Acme Corporation" in home and "Content-Security-Policy" in home
    assert (here / "site" / "companies" / "acme-corp" / "index.html").is_file()
    assert "not reviewed" in _run(installed, here, "disclose", "screen")
    timeline = _run(installed, here, "disclose", "history", "acme-corp")
    assert "Acme adds a supplier" in timeline and "Second Weaving Co" in timeline
