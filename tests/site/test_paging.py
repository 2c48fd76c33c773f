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
    assert second.count('type="checkbox" name="c"') == 100
    assert 'action="../../compare/"' in second
    assert big["compare/page_3/index.md"].html.count('type="checkbox" name="c"') == 30


def test_the_home_page_no_longer_lists_every_company(big):
    home = big["index.md"].html
    assert home.count("companies/") < 30 and 'href="./companies/">All 230 companies' in home


def test_no_list_page_grows_with_the_registry(big):
    sizes = {path: len(p.html.encode()) for path, p in big.items() if "page_" in path or path.count("/") == 1}
    assert max(sizes.values()) < 250_000, max(sizes, key=sizes.get)

