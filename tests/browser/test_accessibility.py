"""axe-core, run in real Chromium, finds no serious or critical violation."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PAGES = ["", "companies/alpha-vision/", "companies/beta-apparel/", "compare/", "companies/", "changes/",
         "entities/", "entities/urumqi-shijie-distribution-cn/", "regions/cn-xj/"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_no_serious_or_critical_violation(browser, site_url, path, scheme):
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    results = Axe().run(page)
    context.close()
    serious = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]
               if v["impact"] in ("serious", "critical")]
    assert serious == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_open_search_with_results_and_filters_has_no_serious_violation(browser, site_url, scheme):
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(site_url)
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("Example")
    page.wait_for_selector(".md-search-result__list[aria-busy=false] > .md-search-result__item")
    page.locator(".dc-search-more button").wait_for()  # more results than the first five
    page.locator(".dc-facets summary").click()
    page.locator(".dc-facets select").first.wait_for()
    # Colours are read as they stand: a result still fading in (a busy machine draws it late) has half its contrast.
    page.evaluate("() => Promise.all(document.getAnimations().filter(a => isFinite(a.effect?.getComputedTiming()"
                  ".endTime)).map(a => a.finished.catch(() => null)))")
    results = Axe().run(page)
    context.close()
    serious = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]
               if v["impact"] in ("serious", "critical")]
    assert serious == []
