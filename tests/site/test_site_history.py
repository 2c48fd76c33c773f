"""History on the built site: a real git repository, a real MkDocs build."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import feedparser
import pytest

from generator.pipeline import DEFAULTS
from tests.history_story import AUTHOR_EMAIL, tell_story
from tests.sitebuild import project_copy

pytestmark = pytest.mark.site


def _build(project: Path, site: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator.cli", "build", "--config-file", str(project / "mkdocs.yml"),
                           "--site-dir", str(site)], cwd=project, capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def story_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("story") / "repo"
    repo, _ = tell_story(root)
    project_copy(root, disclosures=None)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("# repo_url:", "repo_url: https://git.example.org/registry\n#"))
    repo.git("add", "-A")
    repo.commit("Site configuration")
    done = _build(root, root / "site")
    assert done.returncode == 0, done.stderr
    return root, root / "site"


def test_withdrawn_company_keeps_its_page_with_full_history(story_site):
    _, site = story_site
    page = (site / "companies/acme-group/index.html").read_text()
    assert "withdrawn" in page.lower()
    for message in ("Add Acme and Other", "Audit completed", "Rename Acme to Acme Group", "Withdraw Acme Group"):
        assert message in page
    assert "completed → planned" in page or "completed &rarr; planned" in page


def test_old_id_redirects_to_the_new_page(story_site):
    _, site = story_site
    page = (site / "companies/acme/index.html").read_text()
    assert 'url=../acme-group/' in page and 'href="../acme-group/"' in page


def test_company_page_timeline_links_commits(story_site):
    root, site = story_site
    page = (site / "companies/other/index.html").read_text()
    head = subprocess.run(["git", "log", "--format=%H", "-1", "--", "disclosures/other.yaml"], cwd=root,
                          capture_output=True, text=True, check=True).stdout.strip()
    assert f'href="https://git.example.org/registry/commit/{head}"' in page
    assert AUTHOR_EMAIL not in page


def test_changes_page_and_feeds_parse(story_site):
    _, site = story_site
    changes = (site / "changes/index.html").read_text()
    assert changes.index("Withdraw Acme Group") < changes.index("Add Acme and Other")  # newest first
    feed = feedparser.parse((site / "changes/feed.xml").read_bytes())
    assert not feed.bozo and len(feed.entries) >= 8
    assert all(AUTHOR_EMAIL not in (e.get("summary", "") + e.get("author", "")) for e in feed.entries)
    company = feedparser.parse((site / "companies/acme-group/feed.xml").read_bytes())
    assert not company.bozo and company.entries


def test_home_and_compare_show_last_changed_from_git(story_site):
    _, site = story_site
    assert "2026-01-01" in (site / "compare/index.html").read_text()  # other.yaml's only commit


def test_shallow_clone_is_explained_in_the_build_output_and_on_the_site(story_site, tmp_path):
    root, _ = story_site
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{root}", str(clone)], check=True)
    done = _build(clone, clone / "site")
    assert done.returncode == 0, done.stderr
    assert "fetch-depth: 0" in done.stderr
    assert "fetch-depth: 0" in (clone / "site/companies/other/index.html").read_text()


def test_packaged_files_are_where_the_site_needs_them():
    assert (DEFAULTS / "watchlists" / "uflpa-entity-list.csv").is_file()
    assert (DEFAULTS / "profiles" / "ungp.yaml").is_file()
