"""Deep nesting is `too-deep`, located, under the oldest PyYAML the ranges allow and the locked one.

PyYAML 6.0.3 on has libyaml refuse flow nesting past 1,000 levels itself; older ones leave
it to us. Each version runs the loader in its own interpreter, holding only PyYAML.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from tests.tools import ROOT, fresh_venv

PROBE = """
import json, sys, yaml
from generator.load.loader import load_text
out = {"version": yaml.__version__, "libyaml": yaml.__with_libyaml__, "found": {}}
for depth in (1_500, 100_000):
    for shape in ("flow", "block"):
        if shape == "block" and depth > 1_500:
            continue  # block nesting costs its indentation: 1,500 levels is 1.1 MB already
        text = ("a: " + "[" * depth + "]" * depth + "\\n" if shape == "flow"
                else "".join(" " * i + "k:\\n" for i in range(depth)))
        doc = load_text(text, "deep.yaml")
        out["found"][f"{shape} {depth}"] = [[p.line, p.column, p.code] for p in doc.problems]
print(json.dumps(out))
"""


def _oldest_pyyaml() -> str:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    [spec] = [Requirement(r).specifier for r in project["dependencies"] if Requirement(r).name.lower() == "pyyaml"]
    [floor] = [s.version for s in spec if s.operator == ">="]
    return floor


def _probe(python: Path | str) -> dict:
    done = subprocess.run([str(python), "-c", PROBE], cwd=ROOT, capture_output=True, text=True, check=False,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def oldest(tmp_path_factory: pytest.TempPathFactory) -> dict:
    version = _oldest_pyyaml()
    return _probe(fresh_venv(tmp_path_factory.mktemp("pyyaml") / "venv", f"pyyaml=={version}"))


def test_the_oldest_allowed_pyyaml_is_the_one_tested(oldest: dict) -> None:
    assert oldest["version"] == _oldest_pyyaml() and oldest["libyaml"]


def test_deep_files_are_too_deep_under_both_pyyaml_versions(oldest: dict) -> None:
    locked = _probe(sys.executable)
    assert locked["libyaml"] and locked["version"] != oldest["version"]
    for found in (locked["found"], oldest["found"]):
        for where, problems in found.items():
            [(line, column, code)] = problems
            assert code == "too-deep", where
            # Located on the first level past the limit (the 41st) or further in, where libyaml
            # itself stopped (newer PyYAML); never at the file's start.
            assert (line, column) >= ((1, 43) if where.startswith("flow") else (41, 1)), where
