"""Every workflow, the action, the ones `disclose init` writes and dependabot.yml: valid and audited.

check-jsonschema's vendored GitHub schemas say GitHub would accept them; `zizmor --offline`
(the pedantic persona: every finding) says they are safe: actions pinned by commit, no
persisted credentials, no template injection, documented permissions.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.authoring.init import registry_files, write_registry
from tests.tools import ROOT

BIN = Path(sys.executable).parent
REPO_WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def _tool(name: str) -> str:
    found = shutil.which(name, path=str(BIN)) or shutil.which(name)
    assert found, f"{name} is a test dependency: run `make .venv/.installed-test`"
    return found


@pytest.fixture(scope="module")
def init_workflows(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("registry")
    spec = "disclose @ git+https://example.org/x/disclose@v1"
    write_registry(folder, registry_files("Registry", spec, dt.date.today()))
    return sorted((folder / ".github" / "workflows").glob("*.yml"))


def _check_schema(schema: str, files: list[Path]) -> subprocess.CompletedProcess:
    return subprocess.run([_tool("check-jsonschema"), "--builtin-schema", schema, *map(str, files)],
                          capture_output=True, text=True, check=False)


def _zizmor(files: list[Path]) -> subprocess.CompletedProcess:
    return subprocess.run([_tool("zizmor"), "--offline", "--persona", "pedantic", "--no-progress", *map(str, files)],
                          capture_output=True, text=True, check=False)


def test_workflows_match_githubs_schema(init_workflows: list[Path]) -> None:
    files = REPO_WORKFLOWS + init_workflows
    assert len(files) >= 3
    done = _check_schema("vendor.github-workflows", files)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_action_matches_githubs_schema() -> None:
    done = _check_schema("vendor.github-actions", [ROOT / "action.yml"])
    assert done.returncode == 0, done.stdout + done.stderr


def test_dependabot_config_matches_its_schema() -> None:
    done = _check_schema("vendor.dependabot", [ROOT / ".github" / "dependabot.yml"])
    assert done.returncode == 0, done.stdout + done.stderr


def test_zizmor_finds_nothing(init_workflows: list[Path]) -> None:
    files = [*REPO_WORKFLOWS, *init_workflows, ROOT / "action.yml", ROOT / ".github" / "dependabot.yml"]
    done = _zizmor(files)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No findings" in done.stdout + done.stderr


def test_the_audit_catches_an_unpinned_action_and_persisted_credentials(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text("name: bad\non: [pull_request]\npermissions: {}\njobs:\n  check:\n    name: check\n"
                   "    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n", encoding="utf-8")
    done = _zizmor([bad])
    assert done.returncode != 0
    assert "unpinned-uses" in done.stdout and "artipacked" in done.stdout


def test_the_history_workflow_keeps_full_history_and_its_cache(init_workflows: list[Path]) -> None:
    [publish] = [p for p in init_workflows if "publish" in p.name]
    text = publish.read_text(encoding="utf-8")
    assert "fetch-depth: 0" in text and "path: .cache/disclose" in text and "actions/deploy-pages@" in text
