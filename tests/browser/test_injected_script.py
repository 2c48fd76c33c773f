"""A script written into a docs page (a pull request's) does not run; the page's own features still do."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from generator.site import publish
from tests.browser.test_reader import search
from tests.sitebuild import project_copy, serve

pytestmark = pytest.mark.browser

ABOUT = """# About

<script>document.title = "pwned"; window.injected = "inline";</script>
<script src="../planted.js"></script>
<script data-dc-src="../planted.js"></script>
<base href="/x/y/">
<meta http-equiv="refresh" content="0;url=https://evil.example/">
<script>window.injected = "unclosed";
"""


@pytest.fixture(scope="module")
def planted_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    target = tmp_path_factory.mktemp("planted")
    project = project_copy(target / "project")
    (project / "docs" / "about.md").write_text(ABOUT, encoding="utf-8")
    (project / "docs" / "planted.js").write_text('window.injected = "file";\n', encoding="utf-8")
    # What a <base href="/x/y/"> would have the theme's own "../assets/disclose.js" load instead.
    (project / "docs" / "x" / "assets").mkdir(parents=True)
    (project / "docs" / "x" / "assets" / "disclose.js").write_text('window.injected = "base";\n', encoding="utf-8")
    site = target / "site"
    assert publish.build(project / "mkdocs.yml", site, project / "disclosures") == 0
    with serve(site) as url:
        yield url


def test_a_script_in_a_docs_page_does_not_run(watched, planted_url: str) -> None:
    page = watched.page
    page.goto(planted_url + "about/")
    page.mouse.wheel(0, 200)   # the reader's first action: the theme's held bundle loads
    page.wait_for_function("() => !document.documentElement.classList.contains('dc-pending')", timeout=15000)
    page.wait_for_timeout(500)   # a refresh of 0 s would have left by now
    assert page.url.endswith("/about/") and page.title() != "pwned"
    assert page.evaluate("() => window.injected === undefined")
    assert page.evaluate("() => document.documentElement.classList.contains('js')")   # the theme's inline script ran
    assert page.locator("h1").inner_text() == "About"


def test_the_search_box_still_works_beside_it(watched, planted_url: str) -> None:
    hits = search(watched.page, planted_url + "about/", "Kashgar")
    assert any("kashgar-example-yarn-cn" in h or "beta-apparel" in h for h in hits), hits
    assert not any(e for e in watched.errors if "planted" in e)
