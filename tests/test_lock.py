"""uv.lock is what `make site` and `make test` install: it must say what pyproject.toml asks for."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

from tests.tools import ROOT, uv


def _asked(pyproject: dict) -> set[tuple[str, SpecifierSet, str]]:
    project = pyproject["project"]
    wanted = [(r, "") for r in project["dependencies"]]
    wanted += [(r, extra) for extra, rs in project.get("optional-dependencies", {}).items() for r in rs]
    found = set()
    for text, extra in wanted:
        req = Requirement(text)
        found.add((canonicalize_name(req.name), req.specifier, extra))
    return found


def _locked(lock: dict) -> set[tuple[str, SpecifierSet, str]]:
    [ours] = [p for p in lock["package"] if p.get("source", {}).get("editable") == "."]
    found = set()
    for dep in ours["metadata"]["requires-dist"]:
        extra = re.fullmatch(r"extra == '([^']+)'", dep.get("marker", ""))
        found.add((dep["name"], SpecifierSet(dep.get("specifier", "")), extra.group(1) if extra else ""))
    return found


def lock_mismatch(pyproject: Path, lock: Path) -> list[str]:
    """What pyproject.toml asks for that uv.lock was not made from, and the reverse."""
    asked = _asked(tomllib.loads(pyproject.read_text(encoding="utf-8")))
    locked = _locked(tomllib.loads(lock.read_text(encoding="utf-8")))
    return ([f"not in uv.lock: {n} {s} {e}".rstrip() for n, s, e in sorted(asked - locked, key=str)]
            + [f"only in uv.lock: {n} {s} {e}".rstrip() for n, s, e in sorted(locked - asked, key=str)])


def test_the_lock_matches_pyproject() -> None:
    assert lock_mismatch(ROOT / "pyproject.toml", ROOT / "uv.lock") == [], "run `make lock` and commit uv.lock"


def test_a_changed_range_or_a_new_dependency_is_caught(tmp_path: Path) -> None:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    changed = text.replace('"pyyaml>=6.0.2"', '"pyyaml>=6.0.3", "tomli-w>=1"')
    assert changed != text
    (tmp_path / "pyproject.toml").write_text(changed, encoding="utf-8")
    found = lock_mismatch(tmp_path / "pyproject.toml", ROOT / "uv.lock")
    assert "not in uv.lock: pyyaml >=6.0.3" in found and "not in uv.lock: tomli-w >=1" in found
    assert "only in uv.lock: pyyaml >=6.0.2" in found


def test_every_locked_file_has_a_hash() -> None:
    lock = tomllib.loads((ROOT / "uv.lock").read_text(encoding="utf-8"))
    files = [f for p in lock["package"] for f in [p.get("sdist"), *p.get("wheels", [])] if f]
    assert files and all(f.get("hash", "").startswith("sha256:") for f in files)


def test_make_installs_exactly_the_locked_set_and_uv_by_hash() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "sync --locked" in makefile
    assert "pip install" not in makefile.replace("pip install --quiet --require-hashes", "")
    uv_pins = (ROOT / "requirements-uv.txt").read_text(encoding="utf-8")
    assert re.search(r"^uv==\d+\.\d+\.\d+ \\$", uv_pins, re.M) and "--hash=sha256:" in uv_pins


def test_the_actions_requirements_are_the_lock_exported() -> None:
    """requirements-lock.txt is what the GitHub Action installs: uv.lock's runtime set, with hashes."""
    done = subprocess.run([uv(), "export", "--frozen", "--no-emit-project", "--no-dev", "--quiet",
                           "--project", str(ROOT)], capture_output=True, text=True, check=True,
                          env=dict(os.environ, UV_PYTHON_DOWNLOADS="never"))
    committed = (ROOT / "requirements-lock.txt").read_text(encoding="utf-8")
    body = [line for line in committed.splitlines() if not line.startswith("#")]
    assert body == [line for line in done.stdout.splitlines() if not line.startswith("#")], \
        "run `make lock` and commit requirements-lock.txt"
    assert "pyyaml==" in committed and "--hash=sha256:" in committed


def test_a_new_registrys_pins_are_the_lock_exported() -> None:
    """`disclose init` writes these versions into a registry's requirements.txt, below disclose's own line."""
    done = subprocess.run([uv(), "export", "--frozen", "--no-emit-project", "--no-dev", "--quiet", "--no-hashes",
                           "--no-annotate", "--no-header", "--project", str(ROOT)], capture_output=True, text=True,
                          check=True, env=dict(os.environ, UV_PYTHON_DOWNLOADS="never"))
    pinned = (ROOT / "generator" / "defaults" / "registry" / "pinned.txt").read_text(encoding="utf-8")
    assert pinned.splitlines() == done.stdout.splitlines(), "run `make lock` and commit pinned.txt"


@pytest.mark.parametrize("path", ["action.yml", ".github/workflows/disclose.yml"])
def test_the_action_and_the_check_install_the_locked_set_by_hash(path: str) -> None:
    """`pip install .` resolved every dependency anew: a release of any of them changed, or broke, the check."""
    installs = [line.strip() for line in (ROOT / path).read_text(encoding="utf-8").splitlines()
                if "pip install" in line]
    assert len(installs) == 2, installs
    assert "--require-hashes --no-deps -r" in installs[0] and "requirements-lock.txt" in installs[0]
    assert "--no-deps" in installs[1]


def _program(path: Path, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    path.chmod(0o755)


def test_make_test_runs_from_a_folder_whose_path_has_a_space(tmp_path: Path) -> None:
    # The venv's programs are stand-ins that note what make handed them: what is under test
    # is the Makefile's own quoting, which a clone into "My Projects/" meets first.
    clone = tmp_path / "My Projects" / "disclose"
    clone.mkdir(parents=True)
    for name in ("Makefile", "requirements-uv.txt", "pyproject.toml", "uv.lock"):
        shutil.copy2(ROOT / name, clone / name)
    _program(clone / ".tools" / "bin" / "uv", "exit 0")
    _program(clone / ".venv" / "bin" / "ruff", "exit 0")
    _program(clone / ".venv" / "bin" / "python", 'printf %s "$UV" > uv-seen')
    (clone / ".venv" / ".installed-test").touch()
    _program(tmp_path / "bin" / "chromium", "exit 0")
    path = f"{tmp_path / 'bin'}:{os.environ['PATH']}"
    done = subprocess.run(["make", "test"], cwd=clone, env=dict(os.environ, PATH=path),
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    assert (clone / "uv-seen").read_text(encoding="utf-8") == str(clone / ".tools" / "bin" / "uv")
