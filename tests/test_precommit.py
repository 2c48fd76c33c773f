"""The disclose-validate hook, installed by pre-commit itself from this repository.

`pre-commit try-repo` builds the hook's environment with pip (from PyPI) and runs it in
a real git repository made here, exactly as a company's repository would.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

GOOD = textwrap.dedent("""\
    schema_version: "1.0"
    company: {id: good-example, name: Good Example Ltd}
    disclosure: {period: {start: 2025-01-01, end: 2025-12-31}, published: 2026-01-10, example: true}
    """)
BROKEN = GOOD.replace("good-example", "broken-example").replace("period:", "periode:")

pytestmark = [
    pytest.mark.precommit,
    pytest.mark.skipif(shutil.which("pre-commit") is None and not (ROOT / ".venv/bin/pre-commit").exists(),
                       reason="pre-commit is not installed (pip install -e '.[test]')"),
]


def _env(home: Path) -> dict[str, str]:
    fixed = {"GIT_AUTHOR_NAME": "Example", "GIT_AUTHOR_EMAIL": "example@example.org",
             "GIT_COMMITTER_NAME": "Example", "GIT_COMMITTER_EMAIL": "example@example.org",
             "GIT_AUTHOR_DATE": "2026-01-10T12:00:00Z", "GIT_COMMITTER_DATE": "2026-01-10T12:00:00Z",
             "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    return {**os.environ, **fixed}


@pytest.fixture(scope="module")
def repository(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    repo = tmp_path_factory.mktemp("company-repo")
    env = _env(tmp_path_factory.mktemp("pre-commit-home"))
    (repo / "disclosures").mkdir()
    (repo / "disclosures" / "good-example.yaml").write_text(GOOD, encoding="utf-8")
    (repo / "disclosures" / "broken-example.yaml").write_text(BROKEN, encoding="utf-8")
    for args in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "disclosures"]):
        subprocess.run(["git", *args], cwd=repo, env=env, check=True)
    return repo, env


def _try_repo(repo: Path, env: dict[str, str], *files: str) -> subprocess.CompletedProcess[str]:
    pre_commit = shutil.which("pre-commit") or str(ROOT / ".venv/bin/pre-commit")
    return subprocess.run([pre_commit, "try-repo", str(ROOT), "disclose-validate", "--files", *files],
                          cwd=repo, env=env, capture_output=True, text=True, timeout=900)


def test_hook_rejects_a_broken_disclosure(repository: tuple[Path, dict[str, str]]) -> None:
    repo, env = repository
    result = _try_repo(repo, env, "disclosures/broken-example.yaml")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "disclosures/broken-example.yaml:3:" in result.stdout
    assert "Failed" in result.stdout


def test_hook_passes_a_good_disclosure(repository: tuple[Path, dict[str, str]]) -> None:
    repo, env = repository
    result = _try_repo(repo, env, "disclosures/good-example.yaml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Passed" in result.stdout


def test_hook_ignores_files_outside_disclosures(repository: tuple[Path, dict[str, str]]) -> None:
    repo, env = repository
    (repo / "notes.yaml").write_text("not: [a disclosure", encoding="utf-8")
    result = _try_repo(repo, env, "notes.yaml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no files to check" in result.stdout.lower()
