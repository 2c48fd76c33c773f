"""What a reader sees and does, in real Chromium."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PAGES = ["", "companies/alpha-vision/", "compare/", "entities/urumqi-shijie-distribution-cn/", "regions/cn-xj/",
         "entities/", "regions/", "schema/", "api/", "about/", "submit/", "companies/", "changes/"]


def search(page, url: str, query: str) -> list[str]:
    page.goto(url)
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query)
    box.press("End")  # CJK typed this way fires no keyup; a key press makes the search run
    return results(page)


def results(page) -> list[str]:
    """The links of the page of results shown, once all of it has arrived (the first come one by one)."""
    page.wait_for_selector(".md-search-result__list[aria-busy=false] > .md-search-result__item", timeout=15000)
    return [a.get_attribute("href") for a in page.locator(".md-search-result__item > a").all()]


def matching(page) -> int:
    """The number of results the search box reports, shown or not."""
    text = page.locator(".md-search-result__meta").inner_text()
    return int(text.split()[0])


@pytest.mark.parametrize(("query", "expected"), [
    ("Kashgar", ("companies/beta-apparel/", "entities/kashgar-example-yarn-cn/")),
    ("喀什示例纱线", ("companies/beta-apparel/", "entities/kashgar-example-yarn-cn/")),
    ("乌鲁木齐视界", ("companies/alpha-vision/", "entities/urumqi-shijie-distribution-cn/")),
    ("视界", ("companies/alpha-vision/", "entities/urumqi-shijie-distribution-cn/")),  # inside the name
])
def test_search_finds_a_supplier_by_latin_and_chinese_name(watched, site_url, query, expected):
    hits = search(watched.page, site_url, query)
    assert any(place in h for h in hits for place in expected), hits


def test_search_finds_a_region(watched, site_url):
    hits = search(watched.page, site_url, "Xinjiang")
    assert any("regions/cn-xj" in h for h in hits), hits


def test_search_finds_an_entity_page_and_loads_no_whole_index(watched, site_url):
    hits = search(watched.page, site_url + "regions/cn-xj/", "Shijie")
    assert any(h.endswith("/entities/urumqi-shijie-distribution-cn/") for h in hits), hits
    assert not any("search_index.json" in u for u in watched.requests)
    assert any("/pagefind/" in u for u in watched.requests)
    assert watched.errors == []  # the policy lets the index's WebAssembly and worker run


def test_search_facets_narrow_the_results(watched, site_url):
    page = watched.page
    search(page, site_url, "Example")
    everything = matching(page)
    page.locator(".dc-facets summary").click()
    kind = page.locator("select[data-filter='counterparty kind']")
    kind.wait_for()
    countries = page.locator("select[data-filter='country'] option").all_inner_texts()
    assert any(c.startswith("Taiwan, Province of China (TW) (") for c in countries)  # a comma stays in its value
    value = next(v for v in kind.locator("option").evaluate_all("os => os.map(o => o.value)") if "public" in v)
    kind.select_option(value)
    # (no wait_for_function: the page's policy forbids evaluating strings)
    page.locator(".md-search-result__item a[href*='beta-apparel']").first.wait_for(state="detached")
    hits = results(page)
    assert matching(page) < everything
    assert hits and any("companies/alpha-vision/" in h for h in hits) and not any("beta-apparel" in h for h in hits)


def test_results_come_a_page_at_a_time_and_more_shows_the_next(watched, site_url):
    page = watched.page
    page.goto(site_url)
    page.locator("input.md-search__input").fill("Example")  # one query: a slow machine runs none half-typed
    first = results(page)
    total = matching(page)
    assert total > len(first) == 5  # only the first page's fragments are fetched before anything is shown
    fragments = [u for u in watched.requests if "/pagefind/fragment/" in u]
    assert len(fragments) == 5
    more = page.locator(".dc-search-more button")
    more.click()
    page.wait_for_selector(f".md-search-result__item:nth-child({min(total, 10)})")
    hits = results(page)
    assert len(hits) == min(total, 10) and hits[:5] == first and len(set(hits)) == len(hits)
    assert more.is_visible() == (total > 10)


def test_the_index_loads_when_the_pointer_reaches_the_box_not_with_the_page(watched, site_url):
    page = watched.page
    page.goto(site_url, wait_until="networkidle")
    assert not any("/pagefind/" in u for u in watched.requests)
    with page.expect_request(lambda r: "/pagefind/" in r.url):
        page.locator("input.md-search__input").hover()


def test_slash_opens_search_and_escape_closes_it(watched, site_url):
    page = watched.page
    page.goto(site_url + "companies/alpha-vision/")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    page.wait_for_selector("#__search:checked", state="attached")
    page.locator("input.md-search__input").fill("Kashgar")  # typed at once: no half-typed query's list to replace
    results(page)
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.classList.contains('md-search-result__link')")
    page.keyboard.press("Escape")
    page.wait_for_selector("#__search:not(:checked)", state="attached")


def test_search_at_phone_width_in_dark_mode(browser, site_url):
    context = browser.new_context(viewport={"width": 375, "height": 740}, color_scheme="dark")
    page = context.new_page()
    page.goto(site_url)
    page.locator("label.md-header__button[for=__search]").click()
    box = page.locator("input.md-search__input")
    box.press_sequentially("喀什")
    box.press("End")
    page.wait_for_selector(".md-search-result__item")
    assert box.is_visible() and page.locator(".md-search-result__item").first.is_visible()
    assert page.evaluate("document.getElementById('__search').checked")
    context.close()


def test_lists_page_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url)
    page.locator("a", has_text="All 3 companies").click()
    names = page.locator("table tbody tr td:first-child a").all_inner_texts()
    assert "Alpha Vision Example" in names and len(names) == 3
    context.close()


def test_a_javascript_url_cannot_run_under_the_policy(watched, site_url):
    page = watched.page
    page.goto(site_url + "companies/alpha-vision/")
    page.evaluate("""() => { const a = document.createElement('a'); a.id = 'x'; a.textContent = 'x';
        a.href = 'javascript:alert(1)'; document.body.prepend(a); }""")
    page.click("#x")
    page.evaluate("() => { const s = document.createElement('script'); s.textContent = 'alert(2)'; "
                  "document.body.append(s); }")
    page.wait_for_timeout(300)
    assert watched.dialogs == []
    assert any("Content Security Policy" in e for e in watched.errors)


def test_compare_shows_two_chosen_companies_side_by_side(watched, site_url):
    page = watched.page
    page.goto(site_url + "compare/")
    page.check("input[name=c][value=alpha-vision]")
    page.check("input[name=c][value=beta-apparel]")
    page.click("form.dc-compare-form button[type=submit]")
    table = page.locator("#dc-side-by-side table")
    table.wait_for()
    headers = table.locator("thead th").all_inner_texts()
    assert headers == ["Field", "Alpha Vision Example", "Beta Apparel Example"]
    row = table.locator("tbody tr", has=page.locator("th", has_text="company.headquarters"))
    assert row.locator("td").all_inner_texts() == ["DE", "GB"]
    assert "c=alpha-vision" in page.url and "c=beta-apparel" in page.url


def test_compare_accepts_a_comma_separated_selection(watched, site_url):
    page = watched.page
    page.goto(site_url + "compare/?c=beta-apparel,alpha-vision")
    page.locator("#dc-side-by-side table").wait_for()
    assert page.locator("#dc-side-by-side thead th").all_inner_texts()[1:] == ["Beta Apparel Example",
                                                                              "Alpha Vision Example"]
    assert page.is_checked("input[name=c][value=alpha-vision]")


def test_compare_matrix_works_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "compare/")
    row = page.locator("tbody tr", has=page.locator("a", has_text="Beta Apparel Example"))
    cells = row.locator("td").all_inner_texts()
    assert "✔ completed" in cells  # partner disclosure: icon and words, not colour alone
    assert "○ planned" in cells
    context.close()


def test_supplier_table_sorts_and_filters(watched, site_url):
    page = watched.page
    page.goto(site_url + "companies/alpha-vision/")
    table = page.locator("table", has=page.locator("th", has_text="Tier"))
    table.scroll_into_view_if_needed()  # a part far down the page is rendered when it comes near
    page.wait_for_function("t => t.tBodies[0].rows[0].cells[0].innerText.trim() !== ''", arg=table.element_handle())
    names = lambda: [t.split("\n")[0] for t in table.locator("tbody tr:visible td:first-child").all_inner_texts()]  # noqa: E731
    assert names() == ["Lens Maker GmbH", "Board Maker Ltd", "Camera Shell Co"]
    table.locator("th button", has_text="Workers").click()
    assert names() == ["Camera Shell Co", "Lens Maker GmbH", "Board Maker Ltd"]
    table.locator("th button", has_text="Workers").click()
    assert names() == ["Board Maker Ltd", "Lens Maker GmbH", "Camera Shell Co"]
    page.locator("h2#suppliers ~ .dc-part p.dc-filter input").first.fill("taiwan board")
    assert names() == []  # every word must match: "taiwan" is not on the row
    page.locator("h2#suppliers ~ .dc-part p.dc-filter input").first.fill("board")
    assert names() == ["Board Maker Ltd"]


@pytest.mark.parametrize("path", PAGES)
def test_pages_log_no_error_and_request_nothing_from_other_hosts(watched, site_url, path):
    watched.page.goto(site_url + path)
    watched.page.wait_for_load_state("networkidle")
    assert watched.errors == []
    foreign = [u for u in watched.requests if not u.startswith(site_url) and not u.startswith("data:")]
    assert foreign == []


def test_injection_payloads_render_as_literal_text_and_fire_no_dialog(watched, site_url):
    page = watched.page
    for path in ("companies/gamma-payload/", "", "compare/", "regions/cn/", "entities/kashgar-example-yarn-cn/"):
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
    page.goto(site_url + "companies/gamma-payload/")
    body = page.locator("article").inner_text()
    for literal in ("<script>alert('supplier')</script>", "<img src=x onerror=alert('legal')>", "{{ 7*7 }}",
                    "**bold** [link](javascript:alert('md'))", "<svg onload=alert('svg')>"):
        assert literal in body
    assert "49" not in body  # no template expression was evaluated
    page.locator("a", has_text="onclick").first.hover()
    search(page, site_url, "supplier")
    assert watched.dialogs == []
    assert page.locator("script:has-text('alert(')").count() == 0


def test_dark_mode_and_phone_width(browser, site_url):
    context = browser.new_context(viewport={"width": 375, "height": 740}, color_scheme="dark")
    page = context.new_page()
    page.goto(site_url + "companies/alpha-vision/")
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0  # wide tables scroll inside their box, the page itself does not
    context.close()


@pytest.mark.parametrize(("scheme", "expected"), [("dark", "slate"), ("light", "default")])
def test_the_palette_is_chosen_before_the_page_below_the_header_is_read(browser, site_url, scheme, expected):
    """A first visit by a reader whose system prefers dark: the page was drawn light, then every colour faded
    to dark when the script ran, and Chromium could leave a link's colour mid-fade, unreadable."""
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.add_init_script("""window.dcSchemes = [];
      new MutationObserver(function () {
        var body = document.body;
        window.dcSchemes.push([body.getAttribute("data-md-color-scheme"), !!document.querySelector("article")]);
      }).observe(document, {attributes: true, subtree: true, attributeFilter: ["data-md-color-scheme"]});""")
    page.goto(site_url + "companies/alpha-vision/")
    page.wait_for_load_state("networkidle")
    changes = page.evaluate("window.dcSchemes")
    assert page.locator("body").get_attribute("data-md-color-scheme") == expected
    assert [article for _, article in changes if article] == []   # set before the page's text was there
    assert page.evaluate("document.getAnimations().length") == 0   # so no colour is fading
    assert page.locator("meta[name=color-scheme]").get_attribute("content") == scheme
    context.close()


def test_the_palette_toggle_switches_and_the_choice_carries_to_the_next_page(watched, site_url):
    page = watched.page
    page.goto(site_url + "companies/alpha-vision/")
    body = page.locator("body")
    assert body.get_attribute("data-md-color-scheme") == "default"  # the browser prefers light
    to_dark = page.locator("label[for=__palette_1]")
    to_dark.wait_for()  # shown once the script has chosen the palette
    to_dark.click()
    assert body.get_attribute("data-md-color-scheme") == "slate"
    assert page.locator("meta[name=theme-color]").get_attribute("content")  # the header's colour, read on the switch
    assert not page.locator("label[for=__palette_1]").is_visible()
    page.goto(site_url + "compare/")
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"  # kept, before any script of ours
    page.locator("label[for=__palette_0]").click()
    assert page.locator("body").get_attribute("data-md-color-scheme") == "default"
    assert watched.errors == []


def test_compare_takes_companies_typed_by_id_as_well_as_ticked(watched, site_url):
    page = watched.page
    page.goto(site_url + "compare/")
    page.check("input[name=c][value=alpha-vision]")
    page.fill("input.dc-compare-ids", " beta-apparel ")  # as on another page of the list
    page.click("form.dc-compare-form button[type=submit]")
    page.locator("#dc-side-by-side table").wait_for()
    assert page.locator("#dc-side-by-side thead th").all_inner_texts()[1:] == ["Beta Apparel Example",
                                                                              "Alpha Vision Example"]
    assert page.input_value("input.dc-compare-ids") == ""  # both are ticked on this page now
    assert page.is_checked("input[name=c][value=beta-apparel]")


def test_parts_below_the_first_screen_are_rendered_only_when_near(browser, site_url):
    context = browser.new_context(viewport={"width": 375, "height": 740})
    page = context.new_page()
    page.goto(site_url + "companies/alpha-vision/")
    last = page.locator(".dc-part table").last
    rendered = "e => e.checkVisibility({contentVisibilityAuto: true})"
    assert last.evaluate(rendered) is False  # far below: skipped by style and layout
    last.scroll_into_view_if_needed()
    page.wait_for_function("() => [...document.querySelectorAll('.dc-part table')].pop()"
                           ".checkVisibility({contentVisibilityAuto: true})")
    context.close()


def test_a_link_to_a_row_in_a_part_not_yet_rendered_lands_on_it(browser, site_url):
    context = browser.new_context(viewport={"width": 375, "height": 740})
    page = context.new_page()
    page.goto(site_url + "companies/alpha-vision/#entity-urumqi-psb")
    row = page.locator("#entity-urumqi-psb")
    page.wait_for_function("() => { const r = document.getElementById('entity-urumqi-psb').getBoundingClientRect();"
                           " return r.top >= 0 && r.top < innerHeight; }")
    assert row.is_visible()
    context.close()


def test_sort_buttons_are_set_up_after_load_and_sort_numbers_as_numbers(watched, site_url):
    page = watched.page
    page.goto(site_url + "compare/")
    table = page.locator("form.dc-compare-form table")
    button = table.locator("th button", has_text="% covered").first
    button.scroll_into_view_if_needed()  # waits for the button: it is added when the browser is idle
    # The scroll loads the theme, which moves the table into a scroll box: the click waits for that.
    page.wait_for_selector("html:not(.dc-pending)", state="attached")
    button.click()
    column = table.locator("thead th").all_inner_texts().index(button.inner_text()) + 1
    cells = table.locator(f"tbody tr > :nth-child({column})")
    counts = lambda: [int(v) for v in cells.evaluate_all("cs => cs.map(c => c.dataset.sort)")]  # noqa: E731
    assert counts() == sorted(counts()) and len(set(counts())) > 1
    assert table.locator("th[aria-sort=ascending]").count() == 1
    button.click()
    assert counts() == sorted(counts(), reverse=True)
    assert table.locator("th[aria-sort=descending]").count() == 1
    assert watched.errors == []


def _theme_fetched(page) -> None:
    """Wait until the theme's held bundle has arrived and had time to run."""
    page.wait_for_function("() => performance.getEntriesByType('resource')"
                           ".some(e => e.name.includes('/bundle.') && e.responseEnd > 0)")
    page.wait_for_timeout(300)


def test_a_first_click_is_not_lost_while_the_theme_loads_under_it(watched, site_url):
    # The press loads the theme's bundle, which moves every table into a scroll box: a move between
    # the press and the release would cancel the click.
    page = watched.page
    page.goto(site_url + "companies/")
    button = page.locator("table th button").first
    button.wait_for()
    box = button.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    _theme_fetched(page)
    page.mouse.up()
    page.wait_for_selector("html:not(.dc-pending)", state="attached")
    assert page.locator("table th[aria-sort=ascending]").count() == 1
    assert page.locator(".md-typeset__scrollwrap table").count() == 1  # the theme did mount
    assert watched.errors == []


def test_focus_stays_on_a_sort_button_reached_by_keyboard_while_the_theme_loads(watched, site_url):
    page = watched.page
    page.goto(site_url + "companies/")
    button = page.locator("table th button").first
    button.wait_for()
    button.focus()  # focusin loads the theme's bundle, which moves the table
    _theme_fetched(page)
    page.wait_for_selector("html:not(.dc-pending)", state="attached")
    assert page.evaluate("() => document.activeElement.matches('th button.dc-sort')")
    page.keyboard.press("Enter")
    assert page.locator("table th[aria-sort=ascending]").count() == 1
