"""Maps and due-diligence charts as a reader's Chromium shows them."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from generator.site import publish
from tests.history_story import Repo
from tests.sitebuild import FIXTURES, project_copy, serve

pytestmark = pytest.mark.browser

COMPANY = "companies/alpha-vision/"   # names suppliers and a bureau in Xinjiang
PLANNED = "    status: planned\n    due: 2025-09-01\n"
DONE = "    status: completed\n    date: 2025-09-01\n"


@pytest.fixture(scope="module")
def history_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The fixtures in a git repository where Alpha Vision's audit went from planned to completed."""
    root = tmp_path_factory.mktemp("pictures") / "repo"
    repo = Repo(root)
    for f in FIXTURES.glob("*.yaml"):
        text = f.read_text(encoding="utf-8")
        assert f.name != "alpha-vision.yaml" or DONE in text
        repo.write(f.name, text.replace(DONE, PLANNED) if f.name == "alpha-vision.yaml" else text)
    repo.commit("Add the disclosures")
    repo.write("alpha-vision.yaml", (FIXTURES / "alpha-vision.yaml").read_text(encoding="utf-8"))
    repo.commit("Audit completed")
    project_copy(root, disclosures=None)
    repo.commit("Site configuration")
    site = root / "site"
    assert publish.build(root / "mkdocs.yml", site, root / "disclosures") == 0
    with serve(site) as url:
        yield url


def test_company_map_draws_the_world_and_shades_xinjiang(watched, site_url):
    page = watched.page
    page.goto(site_url + COMPANY)
    assert page.locator("figure#map svg.dc-map path").count() > 100
    xj = page.locator('svg.dc-map a[href$="regions/cn-xj/"] path')
    assert re.fullmatch(r"dcm-[1-5] dcm-xj", xj.get_attribute("class"))
    fill = xj.evaluate("p => getComputedStyle(p).fill")
    blank = page.locator("svg.dc-map path.dcm-0").first.evaluate("p => getComputedStyle(p).fill")
    assert fill != blank and fill.startswith("rgb")
    assert page.locator("figure#map figcaption").text_content().count("Xinjiang") >= 2   # caption and list


def test_a_country_on_the_map_links_to_its_region_page_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + COMPANY)
    page.locator('svg.dc-map a[href$="regions/de/"]').click()
    page.wait_for_url(re.compile(r"/regions/de/$"))
    assert "Germany" in page.locator("h1").inner_text()
    context.close()


def test_pictures_ask_no_other_host(watched, history_url):
    for path in ("", COMPANY, "regions/cn-xj/", "compare/"):
        watched.page.goto(history_url + path)
        watched.page.wait_for_load_state("networkidle")
    assert watched.requests and all(u.startswith(history_url) for u in watched.requests)
    assert watched.errors == []


def test_the_audits_move_shows_in_the_chart_and_the_sparkline(watched, history_url):
    page = watched.page
    page.goto(history_url + COMPANY)
    chart = page.locator("figure#due-diligence-over-time")
    assert chart.locator("svg.dc-chart g.dc-planned").count() >= 1
    assert chart.locator("svg.dc-chart g.dc-completed").count() >= 1
    assert re.search(r"Independent audit: planned \(\d{4}-\d\d-\d\d\) → completed", chart.inner_text())
    page.goto(history_url + "compare/")
    labels = page.locator("svg.dc-spark > title").all_text_contents()
    moved = [t for t in labels if re.fullmatch(r"Independent audit over time: planned \(.+\) → completed \(.+\)", t)]
    assert len(moved) == 1


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", [COMPANY, "compare/", "", "regions/cn-xj/"])
def test_pictures_pass_axe(browser, history_url, path, scheme):
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(history_url + path)
    page.wait_for_load_state("networkidle")
    assert page.locator("svg.dc-map, svg.dc-chart, svg.dc-spark").count() > 0
    results = Axe().run(page)
    context.close()
    serious = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]
               if v["impact"] in ("serious", "critical")]
    assert serious == []

