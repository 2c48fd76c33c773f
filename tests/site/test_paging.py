"""Lists that grow with the registry, cut into pages that link to each other."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from benchmarks.synthetic import write_corpus
from generator.check.schema import ID_PATTERN
from generator.pipeline import Settings, build_site
from generator.site.paging import Pager, paged


def test_items_are_cut_into_pages_in_order():
    chunks = paged(list(range(7)), "compare/", size=3)
    assert [list(c) for c, _ in chunks] == [[0, 1, 2], [3, 4, 5], [6]]
    assert [p.path for _, p in chunks] == ["compare/index.md", "compare/page_2/index.md", "compare/page_3/index.md"]
    assert [p.count for _, p in chunks] == [3, 3, 3]


def test_an_empty_list_still_has_its_first_page():
    [(chunk, pager)] = paged([], "companies/")
    assert list(chunk) == [] and pager.path == "companies/index.md" and pager.count == 1


def test_page_folders_can_never_be_a_company_id():
    assert not re.fullmatch(ID_PATTERN, Pager("companies/", 2, 5).suffix(2).strip("/"))
    assert Pager("entities/", 3, 3).href(1, "../../") == "../../entities/"


@pytest.mark.parametrize(("number", "window"), [
    (1, [1, 2, 3, 0, 20]), (10, [1, 0, 8, 9, 10, 11, 12, 0, 20]), (20, [1, 0, 18, 19, 20]),
    (4, [1, 2, 3, 4, 5, 6, 0, 20])])
def test_the_pager_links_first_last_and_neighbours(number, window):
    assert Pager("changes/", number, 20).window() == window


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory):
    corpus = tmp_path_factory.mktemp("paged") / "disclosures"
    write_corpus(corpus, 230, 3)
    site = build_site(corpus, Settings(today=dt.date(2026, 11, 23)))
    assert site.result.ok
    return {p.path: p for p in site.pages}


def test_every_company_is_on_exactly_one_page_of_the_list(big):
    lists = [big[f"companies/{s}index.md"].html for s in ("", "page_2/", "page_3/")]
    assert "companies/page_4/index.md" not in big
    companies = [p for p in big if p.count("/") == 2 and p.startswith("companies/") and "page_" not in p]
    for path in companies:
        link = f'href="../../{path.removesuffix("index.md")}"'
        assert sum(html.count(link) for html in lists[1:]) + lists[0].count(link.replace("../../", "../")) == 1


def test_compare_is_paged_and_each_page_submits_to_the_first(big):
    second = big["compare/page_2/index.md"].html
    assert second.count('type="checkbox" name="c"') == 50
    assert 'action="../../compare/"' in second
    assert big["compare/page_5/index.md"].html.count('type="checkbox" name="c"') == 30
    assert "compare/page_6/index.md" not in big


def test_the_home_page_no_longer_lists_every_company(big):
    home = big["index.md"].html
    assert home.count("companies/") < 30 and 'href="./companies/">All 230 companies' in home


def test_no_list_page_grows_with_the_registry(big):
    sizes = {path: len(p.html.encode()) for path, p in big.items() if "page_" in path or path.count("/") == 1}
    assert max(sizes.values()) < 250_000, max(sizes, key=sizes.get)



@pytest.fixture(scope="module")
def long_lists(tmp_path_factory: pytest.TempPathFactory):
    corpus = tmp_path_factory.mktemp("long") / "disclosures"
    write_corpus(corpus, 2, 2000)
    site = build_site(corpus, Settings(today=dt.date(2026, 11, 23)))
    assert site.result.ok
    company = site.registry.companies[0]
    return company, {p.path: p.html for p in site.pages if p.path.startswith(f"companies/{company.id}/")}


def _row_ids(html: str) -> list[str]:
    return re.findall(r'<tr id="entity-([^"]+)">', html)


def test_a_long_list_is_shown_in_part_and_paged_in_full(long_lists):
    company, pages = long_lists
    suppliers = [e.id for e in company.listed("suppliers")]
    assert len(suppliers) > 1000  # more than one page of the full list
    home = pages[f"companies/{company.id}/index.md"]
    assert f'href="../../companies/{company.id}/suppliers/">all {len(suppliers)} suppliers</a>' in home
    assert [i for i in _row_ids(home) if i in set(suppliers)] == suppliers[:200]
    folder = f"companies/{company.id}/suppliers/"
    paged_ids = _row_ids(pages[folder + "index.md"]) + _row_ids(pages[folder + "page_2/index.md"])
    assert paged_ids == suppliers  # every supplier once, in the disclosure's order
    assert folder + "page_3/index.md" not in pages or len(suppliers) > 2000
    assert max(len(html.encode()) for html in pages.values()) < 450_000


def test_the_filter_box_stays_right_before_each_table(long_lists):
    _, pages = long_lists
    for html in pages.values():
        for box in re.finditer(r'<p class="dc-filter" hidden>.*?</p>\n', html):
            assert html[box.end():].startswith("<table data-sortable")


def test_risks_link_to_entities_on_the_page_that_shows_them(long_lists):
    company, pages = long_lists
    home = pages[f"companies/{company.id}/index.md"]
    for target, entity in re.findall(r'href="([a-z-]+/(?:page_\d+/)?)#entity-([^"]+)"', home):
        assert f'<tr id="entity-{entity}">' in pages[f"companies/{company.id}/{target}index.md"]
    assert re.search(r'href="suppliers/page_2/#entity-', home)


def test_a_region_lists_its_companies_a_page_at_a_time(big):
    pages = [html.html for path, html in big.items() if path.startswith("regions/cn/")]
    total = int(re.search(r"<p>(\d+) companies disclose", pages[0]).group(1))
    assert total > 200 and len(pages) == 3  # 100 companies a page
    headings = [h for html in pages for h in re.findall(r'<h2 id="([^"]+)">', html) if h != "where"]  # the map
    assert len(headings) == len(set(headings)) == total
    assert 'href="../../../regions/cn/" rel="prev"' in big["regions/cn/page_2/index.md"].html


def test_an_entity_named_by_very_many_companies_is_paged_every_page_from_a_shell(tmp_path):
    from generator.pipeline import load_registry
    from generator.site.pages import Extras, entity_pages

    write_corpus(tmp_path / "d", 40, 3)
    registry, _ = load_registry(tmp_path / "d")
    entity = max(registry.shared_entities, key=lambda e: len(e.mentions))
    assert len(entity.mentions) > 4
    pages = entity_pages(entity, Extras(), per_page=2)
    assert all(p.bulk for p in pages)  # page 1 and the later ones each from the shell of their depth
    assert pages[1].path == f"entities/{entity.slug}/page_2/index.md"
    rows = [r for p in pages for r in re.findall(r'<tr><td><a href="[^"]*companies/([^/]+)/#', p.html)]
    assert rows == [m.company.id for m in entity.mentions]
