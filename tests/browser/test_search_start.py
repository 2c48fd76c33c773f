"""How search starts, in real Chromium: nothing before the reader's intent, and never ended by a failed fetch."""

from __future__ import annotations

import http.server
import shutil
import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from tests.browser.test_reader import results
from tests.sitebuild import serve

pytestmark = pytest.mark.browser

READY = "() => performance.getEntriesByName('dc-search-ready').length > 0"
FAILED = "() => performance.getEntriesByName('dc-search-failed').length > 0"


class _Host(http.server.SimpleHTTPRequestHandler):
    """The site, with the bodies it sent counted by path, and the requests for one file failing while told to."""

    lock: ClassVar[threading.Lock] = threading.Lock()
    bodies: ClassVar[Counter[str]] = Counter()
    failing: ClassVar[str | None] = None

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        name = self.path.split("?")[0].rsplit("/", 1)[-1]
        if self.failing and self.failing in name:
            self.send_error(503)
            return None
        head = super().send_head()
        if head is not None:  # a body follows (not a 304 for the browser's cached copy)
            with self.lock:
                self.bodies[name] += 1
        return head


@pytest.fixture(scope="module")
def host(site_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, type[_Host]]]:
    site = tmp_path_factory.mktemp("start") / "site"
    shutil.copytree(site_dir, site)
    handler = type("Host", (_Host,), {"bodies": Counter()})
    with serve(site, handler) as url:
        yield url, handler


def test_a_page_fetches_nothing_of_search_until_the_box_is_focused_then_each_file_once(watched, host):
    url, handler = host
    handler.failing = None
    page = watched.page
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(1000)  # a reader reading
    assert not any("/pagefind/" in u for u in watched.requests)
    handler.bodies.clear()
    page.locator("input.md-search__input").focus()
    page.wait_for_function(READY)
    assert {n.split(".")[0] for n in handler.bodies} >= {"pagefind", "pagefind-worker", "pagefind-entry", "wasm"}
    assert all(n == 1 for n in handler.bodies.values()), handler.bodies
    assert watched.errors == []


@pytest.mark.parametrize("failing", ["pagefind.js", ".pf_meta", "pagefind-worker.js"])
def test_a_start_that_fails_says_so_and_the_next_key_starts_again(watched, host, failing):
    url, handler = host
    page = watched.page
    uncaught: list[str] = []
    page.on("pageerror", lambda e: uncaught.append(str(e)))
    handler.failing = failing
    try:
        page.goto(url, wait_until="networkidle")
        box = page.locator("input.md-search__input")
        box.focus()
        if failing != "pagefind-worker.js":  # without its worker Pagefind runs in the page, and is ready
            page.wait_for_function(FAILED)
            box.fill("Kashgar")
            page.wait_for_selector(".md-search-result__meta:text('Search could not load')")
            assert page.locator(".md-search-result__item").count() == 0
    finally:
        handler.failing = None
    box.fill("Xinjiang")
    hits = results(page)
    assert any("regions/cn-xj" in h for h in hits), hits
    assert uncaught == []  # no promise rejected unhandled, on any key
