"""The search box against the index: what a cold first query loads, and how Chinese names rank, in real Chromium."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from generator.site.indexer import write_index
from generator.site.search import Record, disclosure_weight
from tests.browser.test_reader import results
from tests.sitebuild import serve

pytestmark = pytest.mark.browser

TARGET = "/entities/urumqi-huaxin-spinning-cn/"


def _entity(slug: str, latin: str, local: str, companies: int, *ids: str) -> Record:
    content = " · ".join([latin.upper().replace(",", "").replace(".", ""), latin, local, *ids, "China (CN)",
                          f"disclosed by {companies} {'company' if companies == 1 else 'companies'}"])
    return Record(f"/entities/{slug}/", latin, content, "Entity", {"country": ("China (CN)",)},
                  disclosure_weight(companies))


def _records() -> list[Record]:
    """Names as the registry has them: one Urumqi spinner most companies disclose, under two codes; others
    with the same characters side by side or swapped; companies whose names hold the characters apart."""
    records = [_entity("urumqi-huaxin-spinning-cn", "Urumqi Huaxin Spinning Co., Ltd.", "乌鲁木齐华鑫纺纱有限公司",
                       333, "916501005ET8AGW37Q", "91650100DQ9DANPHBA")]
    trades = [("Logistics", "物流"), ("Garment", "服装"), ("Imaging", "影像"), ("Cotton", "棉业"), ("Textile", "纺织")]
    for i, (latin, local) in enumerate(trades):
        records.append(_entity(f"urumqi-huaxin-{latin.lower()}-cn", f"Urumqi Huaxin {latin} Co., Ltd.",
                               f"乌鲁木齐华鑫{local}有限公司", 1 + i % 3))
        records.append(_entity(f"urumqi-xinhua-{latin.lower()}-cn", f"Urumqi Xinhua {latin} Co., Ltd.",
                               f"乌鲁木齐鑫华{local}有限公司", 1, f"9165010{i}XH"))
    apart = " · ".join(["Norway (NO)", "Urumqi Huafeng Textile Co., Ltd.", "乌鲁木齐华丰纺织有限公司",
                        "喀什宏鑫棉业有限公司", "乌鲁木齐明鑫纺纱有限公司"])
    records += [Record(f"/companies/firm-{i}/", f"Firm {i} (example)", apart, "Company") for i in range(12)]
    return records


def search(page, url: str, query: str) -> list[str]:
    """The query entered at once, as an input method enters Chinese: no half-typed query's list to replace."""
    page.goto(url)
    page.locator("input.md-search__input").fill(query)
    return results(page)


@pytest.fixture(scope="module")
def ranked_url(site_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = tmp_path_factory.mktemp("ranked") / "site"
    shutil.copytree(site_dir, site)
    # In a thread of its own: the browser's driver keeps an event loop running in this one.
    with ThreadPoolExecutor(1) as pool:
        pool.submit(write_index, _records(), site).result()
    with serve(site) as url:
        yield url


@pytest.mark.parametrize("query", ["乌鲁木齐华鑫", "华鑫纺纱", "Urumqi Huaxin"])
def test_the_name_most_companies_disclose_ranks_first(watched, ranked_url, query):
    hits = search(watched.page, ranked_url, query)
    assert hits[0].endswith(TARGET), hits


def test_chinese_characters_side_by_side_rank_above_the_same_characters_apart(watched, ranked_url):
    hits = search(watched.page, ranked_url, "乌鲁木齐华鑫")
    # not a company whose names hold 乌鲁木齐, 华 and 鑫 apart (its words are as many and its record as short)
    assert len(hits) == 5 and all("/entities/urumqi-" in h for h in hits), hits


def test_focus_fetches_the_index_metadata_and_no_chunk_before_a_key(watched, site_url):
    page = watched.page
    page.goto(site_url, wait_until="networkidle")
    with page.expect_request(lambda r: ".pf_meta" in r.url):
        page.locator("input.md-search__input").focus()
    page.wait_for_function("() => performance.getEntriesByName('dc-search-ready').length > 0")
    fetched = [u for u in watched.requests if "/pagefind/" in u]
    assert any("/wasm." in u for u in fetched), fetched
    assert not any("/index/" in u or "/fragment/" in u or "/filter/" in u for u in fetched), fetched


def test_a_first_query_leaves_the_theme_bundle_until_an_action_elsewhere(watched, site_url):
    page = watched.page
    page.goto(site_url, wait_until="networkidle")
    page.keyboard.press("/")
    page.keyboard.type("Kashgar")
    results(page)
    assert not any("/javascripts/bundle." in u for u in watched.requests)
    marks = page.evaluate("performance.getEntriesByType('mark').map(m => m.name)")
    assert [m for m in ("dc-search-load", "dc-search-ready", "dc-search-found", "dc-search-first") if m in marks] == [
        "dc-search-load", "dc-search-ready", "dc-search-found", "dc-search-first"], marks
    page.keyboard.press("Escape")
    with page.expect_request(lambda r: "/javascripts/bundle." in r.url):
        page.mouse.wheel(0, 400)
    page.wait_for_selector("html:not(.dc-pending)", state="attached")
    assert watched.errors == []
