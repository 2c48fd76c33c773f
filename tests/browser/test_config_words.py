"""What mkdocs.yml prints on every page (a pull request may change it) never runs as a script,
and a custom_dir template that drops the packaged head still gets the policy, first."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from generator.site import publish
from tests.sitebuild import project_copy, serve

pytestmark = pytest.mark.browser

SETTINGS = """
copyright: '<script>window.injected = "copyright"</script><b>Registry</b>'
extra:
  note: '<script>window.injected = "extra"</script>'
"""
# No block of the packaged main.html is kept: its policy marker is gone with it.
MAIN = """{% extends "base.html" %}
{% block extrahead %}<script src="https://evil.example/tracker.js"></script>{% endblock %}
"""


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    target = tmp_path_factory.mktemp("words")
    project = project_copy(target / "project")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("site_name: ", "site_name: <script>window.injected = 'name'</script>", 1)
    config = config.replace("  name: material\n", "  name: material\n  custom_dir: overrides\n", 1)
    (project / "mkdocs.yml").write_text(config + SETTINGS, encoding="utf-8")
    (project / "overrides").mkdir()
    (project / "overrides" / "main.html").write_text(MAIN, encoding="utf-8")
    site = target / "site"
    assert publish.build(project / "mkdocs.yml", site, project / "disclosures") == 0
    html = (site / "about" / "index.html").read_text(encoding="utf-8")
    assert html.index("Content-Security-Policy") < html.index("evil.example")   # the policy rules what follows
    with serve(site) as url:
        yield url


@pytest.mark.parametrize("path", ["", "about/", "companies/"])
def test_scripts_in_settings_and_a_template_from_elsewhere_do_not_run(watched, site_url: str, path: str) -> None:
    page = watched.page
    page.goto(site_url + path)
    page.wait_for_load_state("load")
    assert page.evaluate("() => window.injected === undefined")
    assert "Registry" in page.locator("footer").inner_text()
    assert any("evil.example" in e and "Content Security Policy" in e for e in watched.errors), watched.errors
