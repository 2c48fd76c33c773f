"""Broad words (a city every Urumqi record holds): never scored alone by Pagefind while the reader goes on typing."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from generator.site.indexer import write_index
from tests.browser.test_reader import results
from tests.browser.test_search_index import TARGET, _records
from tests.sitebuild import serve

pytestmark = pytest.mark.browser

# Every record of the hand-made index holds 乌鲁木齐 (23 of them), as every Urumqi record does at 10,000 companies.
BROAD_AT = 10


# What search.js asked Pagefind to search, and how many results Pagefind scored for it, from its marks.
def asked(page) -> list[str]:
    return page.evaluate("performance.getEntriesByName('dc-search-found').map(m => m.detail.query)")



@pytest.fixture(scope="module")
def broad_url(site_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = tmp_path_factory.mktemp("broad") / "site"
    shutil.copytree(site_dir, site)
    with ThreadPoolExecutor(1) as pool:  # the browser's driver keeps an event loop running in this thread
        pool.submit(write_index, _records(), site, BROAD_AT).result()
    with serve(site) as url:
        yield url


def typed(page, url: str, *parts: str, pause_ms: int = 150) -> None:
    """Each part entered at once, as an input method enters a word, with a pause between: longer than the wait
    for a pause in typing, shorter than that for a broad query. Timed in the page (the browser's own text
    insertion), so that a loaded machine's round trips to the driver do not stretch the pause."""
    page.goto(url, wait_until="networkidle")  # search.js listening for the focus
    page.locator("input.md-search__input").focus()
    page.wait_for_function("() => performance.getEntriesByName('dc-search-ready').length > 0")
    page.evaluate("""async ([parts, pause]) => {
      for (const [i, part] of parts.entries()) {
        if (i) await new Promise(done => setTimeout(done, pause));
        document.execCommand("insertText", false, part);
      }
    }""", [list(parts), pause_ms])


def test_a_city_then_a_name_finds_the_name_without_searching_the_city_alone(watched, broad_url):
    page = watched.page
    typed(page, broad_url, "乌鲁木齐", "华鑫")
    hits = results(page)
    assert hits[0].endswith(TARGET), hits
    # Pagefind was asked once, for the city with the name: never to score the 23 records holding the city alone
    assert asked(page) == ["乌鲁木齐 华 鑫"]
    assert watched.errors == []


def test_a_name_typed_a_character_at_a_time_is_searched_once_it_has_two(watched, broad_url):
    """乌 鲁 (the browser splits a prefix of the city into its characters) is the city still being typed, and
    乌鲁木齐 华 holds one lone character, part of very many names: neither is scored, though each waits
    longer than a pause in typing."""
    page = watched.page
    typed(page, broad_url, *"乌鲁木齐华鑫")
    hits = results(page)
    assert hits[0].endswith(TARGET), hits
    assert asked(page) == ["乌鲁木齐 华 鑫"]


def test_a_lone_character_is_searched_once_the_reader_stops_typing(watched, broad_url):
    page = watched.page
    typed(page, broad_url, "鑫")
    hits = results(page)
    assert hits and asked(page) == ["鑫"]


def test_a_city_alone_is_searched_once_the_reader_stops_typing(watched, broad_url):
    page = watched.page
    typed(page, broad_url, "乌鲁木齐")
    hits = results(page)
    assert len(hits) == 5 and page.locator(".dc-search-more").is_visible()  # a page of the 23 found
    assert asked(page) == ["乌鲁木齐"]


def test_enter_searches_a_broad_query_at_once_and_then_opens_the_first_result(watched, broad_url):
    page = watched.page
    typed(page, broad_url, "Urumqi")
    page.keyboard.press("Enter")
    hits = results(page)
    assert page.url.rstrip("/") == broad_url.rstrip("/")  # the first Enter searched, and left the page as it was
    assert len(hits) == 5
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(hits[0])


def test_a_name_with_a_common_word_is_searched_as_typed(watched, broad_url):
    """Not every word is broad: a name typed after the city runs as soon as typing pauses, with the city."""
    page = watched.page
    typed(page, broad_url, "Urumqi", " Xinhua")
    hits = results(page)
    assert hits and all("/entities/urumqi-xinhua-" in h for h in hits), hits
    assert asked(page) == ["Urumqi Xinhua"]


def compose(page, spelling: str, word: str) -> None:
    """As an input method enters a word: its spelling shown in the box, one letter at a time, then the word chosen."""
    cdp = page.context.new_cdp_session(page)
    for n in range(1, len(spelling) + 1):
        cdp.send("Input.imeSetComposition", {"text": spelling[:n], "selectionStart": n, "selectionEnd": n})
        page.wait_for_timeout(100)  # longer than the wait for a pause in typing
    cdp.send("Input.insertText", {"text": word})


def test_a_word_being_composed_is_not_searched_until_it_is_chosen(watched, broad_url):
    page = watched.page
    typed(page, broad_url, "乌鲁木齐")
    compose(page, "huaxin", "华鑫")
    hits = results(page)
    assert hits[0].endswith(TARGET), hits
    assert asked(page) == ["乌鲁木齐 华 鑫"]  # not 乌鲁木齐 h, 乌鲁木齐 hu, ...
