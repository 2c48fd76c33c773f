"""A built site from a history anyone who can push wrote: markup, control characters and bytes that are not
UTF-8 in commits, links to files outside the project and another repository's commit in the folder. The
pages show such text as text, and publish nothing from outside the project."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.history_story import Repo, disclosure

pytestmark = pytest.mark.site


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = Repo(tmp_path_factory.mktemp("hostile") / "repo")
    (repo.root / "mkdocs.yml").write_text("site_name: R\ntheme: {name: material}\nplugins: [disclose]\n",
                                          encoding="utf-8")
    (repo.root / "docs").mkdir()
    (repo.root / "docs" / "about.md").write_text("# About\n", encoding="utf-8")
    repo.write("acme.yaml", disclosure("acme"))
    repo.commit("Add Acme")
    repo.write("acme.yaml", disclosure("acme", name="Acme <script>alert(1)</script> Ltd"))
    message = repo.root.parent / "message"
    message.write_bytes(b"<img src=x onerror=alert(2)> \x1b[31m ::stop-commands::x \xff\xfe bytes\n\n" + b"A" * 100_000)
    repo.git("add", "-A")
    repo.git("-c", "user.name=<b>Mallory</b> \udcff", "commit", "-q", "-F", str(message))
    for name, target in (("passwd.yaml", "/etc/passwd"), ("config.yaml", "../.git/config")):
        (repo.root / "disclosures" / name).symlink_to(target)
    repo.git("add", "-A")
    head = repo.git("rev-parse", "HEAD").strip()
    repo.git("update-index", "--add", "--cacheinfo", f"160000,{head},disclosures/sub.yaml")
    repo.git("commit", "-q", "-m", "Links and a submodule")   # `add -A` would drop the submodule: it has no folder
    repo.git("update-index", "--force-remove", "disclosures/sub.yaml")
    for name in ("passwd.yaml", "config.yaml"):
        (repo.root / "disclosures" / name).unlink()
    repo.commit("Gone again")
    done = subprocess.run([sys.executable, "-m", "generator.cli", "build"], cwd=repo.root, capture_output=True,
                          text=True, check=False, timeout=300)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    return repo.root / "site"


def _pages(site: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(site.rglob("*.html")))


def test_commit_text_is_shown_as_text(site: Path) -> None:
    pages = _pages(site)
    changes = (site / "changes" / "index.html").read_text(encoding="utf-8")
    # Bytes that are not UTF-8 are read as Latin-1 by git, or replaced: text either way.
    assert "&lt;img src=x onerror=alert(2)&gt; \\x1b[31m ::stop-commands::x " in changes
    assert any(f"::stop-commands::x {shown} bytes" in changes for shown in ("\u00ff\u00fe", "\ufffd\ufffd"))
    assert "Acme &lt;script&gt;alert(1)&lt;/script&gt; Ltd" in changes
    assert "<img src=x" not in pages and "<script>alert" not in pages and "<b>Mallory" not in pages
    assert "A" * 1_000 not in pages   # a subject of 100,000 characters is shown bounded


def test_nothing_outside_the_project_is_published(site: Path) -> None:
    published = b"\n".join(p.read_bytes() for p in site.rglob("*") if p.is_file())
    assert b"root:x:0:0" not in published and b"repositoryformatversion" not in published
    page = (site / "companies" / "passwd" / "index.html").read_text(encoding="utf-8")
    assert "was a symbolic link in this commit" in page
    assert "was a submodule" in (site / "companies" / "sub" / "index.html").read_text(encoding="utf-8")
