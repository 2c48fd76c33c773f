"""Output folders: `build` replaces only a folder it made (absent, empty or marked) and refuses
the project, its sources, git's files and anything else, with exit 2 and nothing touched."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.site.publish import MARKER, build, site_problem


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder with mkdocs.yml, docs/, disclosures/, .git/ and uncommitted work."""
    root = tmp_path / "repo"
    for folder in ("docs", "disclosures", ".git/objects"):
        (root / folder).mkdir(parents=True)
    (root / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    (root / "docs" / "index.md").write_text("# x\n", encoding="utf-8")
    (root / "disclosures" / "acme.yaml").write_text("company: {}\n", encoding="utf-8")
    (root / "work-in-progress.txt").write_text("not committed\n", encoding="utf-8")
    return root


def _files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


@pytest.mark.parametrize(("site", "words"), [
    (".", "is the project folder"), ("..", "holds the project folder"), ("docs", "is the docs/ folder"),
    ("disclosures", "is the folder of disclosures"), ("disclosures/site", "inside the folder of disclosures"),
    ("docs/site", "inside the docs/ folder"), (".git", "git"), (".git/objects", "git")])
def test_build_refuses_the_project_and_its_parts(site: str, words: str, project: Path) -> None:
    before = _files(project.parent)
    said: list[str] = []
    code = build(project / "mkdocs.yml", project / site, say=said.append)
    assert code == 2
    assert words in said[0] and "--site-dir" in said[0]
    assert _files(project.parent) == before


def test_a_marker_planted_in_the_project_does_not_make_it_replaceable(project: Path) -> None:
    (project / MARKER).write_text("", encoding="utf-8")
    (project / "disclosures" / MARKER).write_text("", encoding="utf-8")
    assert "project folder" in site_problem(project, project / "mkdocs.yml")
    assert "disclosures" in site_problem(project / "disclosures", project / "mkdocs.yml")


def test_build_refuses_a_folder_it_did_not_make(project: Path, tmp_path: Path) -> None:
    other = tmp_path / "photos"
    other.mkdir()
    (other / "holiday.jpg").write_bytes(b"\xff\xd8")
    said: list[str] = []
    assert build(project / "mkdocs.yml", other, say=said.append) == 2
    assert "did not make" in said[0]
    assert (other / "holiday.jpg").read_bytes() == b"\xff\xd8"


def test_build_refuses_a_link_and_a_file(project: Path, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere"
    target.mkdir()
    (target / MARKER).write_text("", encoding="utf-8")
    (tmp_path / "site").symlink_to(target)
    assert "symbolic link" in site_problem(tmp_path / "site", project / "mkdocs.yml")
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert "is a file" in site_problem(tmp_path / "file", project / "mkdocs.yml")


def test_absent_empty_and_marked_folders_may_be_replaced(project: Path, tmp_path: Path) -> None:
    config = project / "mkdocs.yml"
    assert site_problem(tmp_path / "new", config) is None
    (tmp_path / "empty").mkdir()
    assert site_problem(tmp_path / "empty", config) is None
    (project / "site").mkdir()
    (project / "site" / MARKER).write_text("", encoding="utf-8")
    (project / "site" / "index.html").write_text("", encoding="utf-8")
    assert site_problem(project / "site", config) is None


def test_disclose_build_site_dir_dot_is_a_usage_error(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)
    before = _files(project)
    for site in (".", "docs", "disclosures", ".git"):
        result = CliRunner().invoke(main, ["build", "--site-dir", site])
        assert result.exit_code == 2, result.output
        assert "refused:" in result.output and "Traceback" not in result.output
    assert _files(project) == before
    assert os.listdir(project.parent) == ["repo"]


@pytest.mark.site
def test_a_build_that_cannot_write_says_so_in_a_line_and_keeps_the_site(tmp_path: Path) -> None:
    """Writes past a file-size limit fail as on a full disk: the site stays, and no traceback is shown."""
    import resource
    import subprocess
    import sys

    from tests.sitebuild import project_copy

    project = project_copy(tmp_path / "project")
    command = [str(Path(sys.executable).parent / "disclose"), "build"]
    assert subprocess.run(command, cwd=project, capture_output=True, check=False, timeout=600).returncode == 0
    before = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    done = subprocess.run(command, cwd=project, capture_output=True, text=True, check=False, timeout=600,
                          preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (60_000, 60_000)))
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    lines = done.stderr.splitlines()   # which write fails first varies: the search index, the database
    assert lines[-1] == "not built: site is unchanged" and lines[-2].startswith("not built: "), done.stderr
    assert {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in project.iterdir()) == [".cache", "disclosures", "docs", "mkdocs.yml", "site"]
