"""`disclose init`: a new registry that builds (mkdocs build --strict) and passes its own checks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.check.schema import SCHEMA_PATH
from generator.cli import main
from tests.history_story import Repo

EXPECTED = {"mkdocs.yml", "docs/about.md", "disclosures/example-company.yaml", ".pre-commit-config.yaml",
            "requirements.txt", ".gitignore", ".github/workflows/disclose-check.yml",
            ".github/workflows/disclose-publish.yml", "schema/disclosure.schema.json"}
SPEC = "disclose @ git+https://example.org/fork/disclose@v0.1.0"


def _files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() and ".git/" not in p.as_posix()}


def _init(folder: Path, *args: str) -> object:
    return CliRunner().invoke(main, ["init", str(folder), "--package", SPEC, *args])


def test_init_writes_a_registry(tmp_path: Path) -> None:
    done = _init(tmp_path / "reg", "--site-name", 'Registry: "Acme" & co')
    assert done.exit_code == 0, done.output
    assert _files(tmp_path / "reg") == EXPECTED
    config = (tmp_path / "reg" / "mkdocs.yml").read_text(encoding="utf-8")
    assert yaml.safe_load(config.replace("!ENV", ""))["site_name"] == 'Registry: "Acme" & co'
    requirements = (tmp_path / "reg" / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert SPEC in requirements
    # Every dependency at the version disclose was tested with: a new release changes nothing until a pin does.
    pins = {line.split("==")[0] for line in requirements if "==" in line}
    assert {"pyyaml", "mkdocs", "mkdocs-material", "jsonschema", "pagefind"} <= pins


def test_the_starters_schema_line_points_at_a_schema_that_exists(tmp_path: Path) -> None:
    assert _init(tmp_path / "reg").exit_code == 0
    starter = tmp_path / "reg" / "disclosures" / "example-company.yaml"
    first = starter.read_text(encoding="utf-8").splitlines()[0]
    ref = first.split("$schema=", 1)[1]
    schema = (starter.parent / ref).resolve()
    assert schema.is_file() and schema.read_bytes() == SCHEMA_PATH.read_bytes()
    # `disclose new` in the registry points at the same file.
    assert CliRunner().invoke(main, ["new", "acme", "--name", "Acme", "--dir", str(starter.parent)]).exit_code == 0
    assert (starter.parent / "acme.yaml").read_text(encoding="utf-8").splitlines()[0] == first


def test_init_refuses_to_overwrite_and_then_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "disclosures").mkdir()
    (tmp_path / "disclosures" / "example-company.yaml").write_text("mine\n", encoding="utf-8")
    done = _init(tmp_path)
    assert done.exit_code == 1
    assert "example-company.yaml already exists; nothing was written" in done.output
    assert _files(tmp_path) == {"disclosures/example-company.yaml"}
    assert (tmp_path / "disclosures" / "example-company.yaml").read_text(encoding="utf-8") == "mine\n"


@pytest.mark.site
def test_the_new_registry_validates_builds_strictly_and_passes_its_pre_commit_hook(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "reg")
    assert _init(repo.root).exit_code == 0
    repo.commit("Start the registry")
    validate = CliRunner().invoke(main, ["validate", str(repo.root / "disclosures")])
    assert validate.exit_code == 0, validate.output
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "NO_MKDOCS_2_WARNING": "1"}
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=repo.root, env=env,
                           capture_output=True, text=True, check=False)
    assert build.returncode == 0, build.stderr
    home = (repo.root / "site" / "index.html").read_text(encoding="utf-8")
    assert "Content-Security-Policy" in home and "Example Company" in home
    assert (repo.root / "site" / "companies" / "example-company" / "index.html").is_file()
    hook = subprocess.run([str(Path(sys.executable).parent / "pre-commit"), "run", "--all-files"], cwd=repo.root,
                          env=env, capture_output=True, text=True, check=False)
    assert hook.returncode == 0, hook.stdout + hook.stderr
    assert "disclose validate" in hook.stdout and "Passed" in hook.stdout
