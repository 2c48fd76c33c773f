"""The plugin's `source` names a folder of disclosures: a typo, or a file, is refused at its line and the
site is left as it was, not replaced by a registry of no company (or of one). So are `watchlists` and
`profiles`, whose typo screened every entity without the registry's own lists."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.site.config_file import config_problems
from tests.history_story import Repo, disclosure

ROOT = Path(__file__).resolve().parents[2]


def _problems(project: Path, source: str) -> list[tuple[int, str]]:
    (project / "mkdocs.yml").write_text(f"site_name: R\nplugins:\n  - search\n  - disclose:\n      source: {source}\n",
                                        encoding="utf-8")
    return [(p.line, p.code) for p in config_problems(project / "mkdocs.yml")]


def test_a_source_that_is_no_folder_is_refused_at_its_line(tmp_path: Path) -> None:
    (tmp_path / "disclosures").mkdir()
    (tmp_path / "disclosures" / "acme.yaml").write_text(disclosure("acme"), encoding="utf-8")
    (tmp_path / "notes.txt").write_text("x\n", encoding="utf-8")
    for typo in ("does-not-exist", "disclosure", "notes.txt", "disclosures/acme.yaml"):
        assert _problems(tmp_path, typo) == [(5, "config-folder")], typo
    assert _problems(tmp_path, "disclosures") == []
    _problems(tmp_path, "disclosures/acme.yaml")
    message = config_problems(tmp_path / "mkdocs.yml")[0].message
    assert "not a folder" in message and "source: disclosures" in message


@pytest.mark.parametrize("key", ["watchlists", "profiles"])
def test_a_watchlists_or_profiles_folder_that_is_not_there_is_refused_at_its_line(tmp_path: Path, key: str) -> None:
    (tmp_path / "lists.csv").write_text("name\nX\n", encoding="utf-8")
    for value in (key[:-1], "lists.csv"):
        (tmp_path / "mkdocs.yml").write_text(f"site_name: R\nplugins:\n  - disclose:\n      {key}: {value}\n",
                                            encoding="utf-8")
        [problem] = config_problems(tmp_path / "mkdocs.yml")
        assert (problem.line, problem.code) == (4, "config-folder") and f"{key} is {value}" in problem.message
    (tmp_path / "mkdocs.yml").write_text(f"site_name: R\nplugins:\n  - disclose: {{{key}: {key}}}\n",
                                        encoding="utf-8")
    assert config_problems(tmp_path / "mkdocs.yml") == []


def test_the_folder_read_when_none_is_named_may_be_absent(tmp_path: Path) -> None:
    """A registry with no disclosure yet builds a site that says so."""
    assert _problems(tmp_path, "disclosures") == []
    assert _problems(tmp_path, "./disclosures/") == []


def test_a_folder_whose_last_company_withdrew_is_still_the_registrys(tmp_path: Path) -> None:
    """Git keeps no empty folder: the withdrawn companies' pages come from the history of one no longer there."""
    repo = Repo(tmp_path)
    repo.write("acme.yaml", disclosure("acme"))
    (tmp_path / "disclosures").rename(tmp_path / "data")
    repo.commit("Acme discloses")
    repo.git("rm", "-q", "-r", "data")
    repo.commit("Acme withdraws")
    assert _problems(tmp_path, "data") == []
    assert _problems(tmp_path, "dta") == [(5, "config-folder")]


def test_a_source_from_the_environment_must_be_a_folder_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISCLOSE_SOURCE", str(tmp_path / "missing"))
    assert _problems(tmp_path, "!ENV [DISCLOSE_SOURCE, disclosures]") == [(5, "config-folder")]


def test_a_build_with_a_mistyped_source_keeps_the_last_site(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / "disclosures").mkdir()
    (project / "disclosures" / "acme.yaml").write_text(disclosure("acme"), encoding="utf-8")
    (project / "mkdocs.yml").write_text("site_name: R\ntheme: {name: material}\nplugins:\n"
                                        "  - disclose: {source: disclosure}\n", encoding="utf-8")
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("the last build", encoding="utf-8")
    (site / ".disclose-site").write_text("", encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    for args in (["build"], ["build", "--source", "missing/"]):
        done = subprocess.run([sys.executable, "-m", "generator.cli", *args], cwd=project, capture_output=True,
                              text=True, env=env, timeout=120, check=False)
        assert done.returncode != 0 and "Traceback" not in done.stderr, done.stderr
        assert (site / "index.html").read_text(encoding="utf-8") == "the last build"
    done = subprocess.run([sys.executable, "-m", "generator.cli", "build"], cwd=project, capture_output=True,
                          text=True, env=env, timeout=120, check=False)
    assert "mkdocs.yml:4:" in done.stderr and "source is disclosure: " in done.stderr, done.stderr
    assert "not built: site is unchanged" in done.stderr
