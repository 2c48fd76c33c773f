"""A registry builds from the package alone: no mkdocs.yml, no docs, even no disclosures.

Real builds of `disclose build` in temp folders; real git repositories for withdrawn companies.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.history_story import Repo
from tests.sitebuild import FIXTURES

pytestmark = pytest.mark.site
CSP = 'http-equiv="Content-Security-Policy"'


def _build(folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator.cli", "build"], cwd=folder,
                          capture_output=True, text=True, check=False)


def _read(site: Path, page: str) -> str:
    return (site / page).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def bare(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with only disclosures/ in it, built."""
    folder = tmp_path_factory.mktemp("bare")
    shutil.copytree(FIXTURES, folder / "disclosures")
    done = _build(folder)
    assert done.returncode == 0, done.stderr
    assert "built-in configuration" in done.stderr
    return folder / "site"


def test_only_disclosures_builds_the_whole_site_with_the_packaged_defaults(bare: Path) -> None:
    home = _read(bare, "index.html")
    assert CSP in home and "fonts.googleapis" not in home
    assert 'href="assets/disclose.css"' in home and 'src="assets/disclose.js"' in home
    assert (bare / "assets" / "disclose.css").is_file()
    assert "Submit a disclosure" in _read(bare, "submit/index.html")
    assert "73 listed names" in _read(bare, "watchlists/index.html")
    assert "Transparency Pledge" in _read(bare, "compare/index.html")
    assert CSP in _read(bare, "companies/alpha-vision/index.html")


def test_a_registrys_own_files_add_to_and_replace_the_packaged_ones(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES, tmp_path / "disclosures")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "about.md").write_text("# About us\n\nRun by the Example Trust.\n", encoding="utf-8")
    (tmp_path / "docs" / "contact.md").write_text("# Contact\n\nWrite to us.\n", encoding="utf-8")
    (tmp_path / "watchlists").mkdir()
    (tmp_path / "watchlists" / "uflpa-entity-list.csv").write_text(
        "name,source\nNothing Listed Here Ltd,https://example.org\n", encoding="utf-8")
    (tmp_path / "watchlists" / "own-list.csv").write_text("name\nOwn Listed Co\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: Own\ntheme:\n  name: material\nplugins:\n  - disclose\n",
                                         encoding="utf-8")
    done = _build(tmp_path)
    assert done.returncode == 0, done.stderr
    assert "built-in configuration" not in done.stderr
    site = tmp_path / "site"
    assert "Example Trust" in _read(site, "about/index.html")
    assert "Write to us" in _read(site, "contact/index.html")
    assert "Data and API" in _read(site, "api/index.html")  # not replaced: still the packaged page
    lists = _read(site, "watchlists/index.html")
    assert "own-list" in lists
    # The packaged UFLPA list (73 names) is replaced by the registry's file of the same name.
    assert "uflpa-entity-list" in lists and "73 listed names" not in lists
    assert CSP in _read(site, "index.html")


@pytest.mark.parametrize("empty", [False, True], ids=["no folder", "empty folder"])
def test_a_registry_without_disclosures_says_there_are_none_yet(tmp_path: Path, empty: bool) -> None:
    if empty:
        (tmp_path / "disclosures").mkdir()
    done = _build(tmp_path)
    assert done.returncode == 0, done.stderr
    home = _read(tmp_path / "site", "index.html")
    assert "There are no disclosures here yet" in home and CSP in home


def test_withdrawn_companies_keep_pages_changes_and_feeds_after_the_last_one_left(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "registry")
    repo.write("alpha-vision.yaml", (FIXTURES / "alpha-vision.yaml").read_text(encoding="utf-8"))
    repo.commit("Alpha Vision discloses")
    repo.git("rm", "-q", "-r", "disclosures")
    repo.commit("Alpha Vision withdraws")
    assert not (repo.root / "disclosures").exists()
    done = _build(repo.root)
    assert done.returncode == 0, done.stderr
    site = repo.root / "site"
    assert "There are no disclosures here yet" in _read(site, "index.html")
    assert "withdrawn" in _read(site, "companies/alpha-vision/index.html").lower()
    assert "Alpha Vision" in _read(site, "changes/index.html")
    assert "Alpha Vision" in _read(site, "changes/feed.xml")
    assert (site / "companies" / "alpha-vision" / "feed.xml").is_file()
