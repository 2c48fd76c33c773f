"""The Content-Security-Policy: no inline script runs unless it is the theme's, by hash."""

from __future__ import annotations

import base64
import hashlib
import os
import re
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from generator.site.csp import MARKER, inline_hashes, safe_repo_url, with_policy
from tests.sitebuild import build, project_copy

ROOT = Path(__file__).resolve().parents[2]


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_only_inline_scripts_that_run_are_hashed():
    page = ('<meta content="' + MARKER + '"><script>a()</script><script src="x.js"></script>'
            '<script id="__config" type="application/json">{"b": 1}</script><SCRIPT type="module">c()</SCRIPT >')
    assert inline_hashes(page) == sorted([_hash("a()"), _hash("c()")])
    policy = re.search(r'content="([^"]*)"', with_policy(page)).group(1)
    assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    assert _hash("a()") in policy and "'wasm-unsafe-eval'" in policy and "worker-src 'self'" in policy


@pytest.mark.parametrize(("url", "safe"), [
    (None, True), ("", True), ("https://example.org/owner/repo", True), ("HTTP://example.org/r", True),
    ("javascript://example.org/%0aalert(1)", False), ("javascript:alert(1)", False), ("data:text/html,x", False),
    ("//example.org/r", False), ('https://example.org/" onmouseover="x', False), ("https://exa mple.org", False),
    ("https://github.com@evil.example/owner/repo", False), ("https://example.org/owner/@repo", True)])
def test_repo_url_must_be_a_web_address(url, safe):
    assert safe_repo_url(url) is safe


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory):
    return build(tmp_path_factory.mktemp("csp"))


def test_every_page_carries_a_policy_that_allows_exactly_its_own_inline_scripts(site):
    pages = list(site.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        html = page.read_text(encoding="utf-8")
        policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"', html)
        assert policy, page
        script_src = policy.group(1).split("script-src")[1].split(";")[0]
        assert "unsafe-inline" not in script_src and MARKER not in html
        assert set(re.findall(r"'sha256-[^']+'", script_src)) == set(inline_hashes(html)), page


def test_a_repo_url_that_is_not_a_web_address_stops_the_build(tmp_path):
    project = project_copy(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("# repo_url:", 'repo_url: "javascript://example.org/%0aalert(1)"\n#'))
    done = subprocess.run([sys.executable, "-m", "generator.cli", "build", "--config-file", str(config),
                           "--site-dir", str(tmp_path / "site")], cwd=project, capture_output=True, text=True)
    assert done.returncode != 0
    assert "repo_url in mkdocs.yml must be a web address starting with https:// or http://" in done.stderr
    assert not (tmp_path / "site" / "index.html").exists()


def test_front_matter_of_aliases_is_made_inert_once_per_list_not_once_per_place(tmp_path):
    """A dozen lines of aliases stand for 10^11 strings, and `&a [1, *a]` holds itself: each made every
    script of the page inert by walking every place, 676 MB and 28 s until memory ran out, or RecursionError."""
    project = project_copy(tmp_path / "project")
    lines = ["---", "title: About", "x:", "  a0: &a0 ['<script>alert(1)</script>', x, x, x, x, x, x, x, x, x]"]
    lines += [f"  a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 11)]
    lines += ["loop: &loop [1, *loop]", "---", "# About", "", "The page."]
    (project / "docs" / "about.md").write_text("\n".join(lines) + "\n", encoding="utf-8")

    def bounded():
        resource.setrlimit(resource.RLIMIT_AS, (1 << 31, 1 << 31))

    done = subprocess.run([sys.executable, "-m", "generator.cli", "build", "--site-dir", str(tmp_path / "site")],
                          cwd=project, capture_output=True, text=True, timeout=300, preexec_fn=bounded,
                          env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert done.returncode == 0, done.stderr
    assert "The page." in (tmp_path / "site" / "about" / "index.html").read_text(encoding="utf-8")
