"""Site build against the floor of the stack.

The floor: MkDocs + material + search rendering only the company pages, written as plain
Markdown files (each list a Markdown table), with no plugin of ours. Ours: the whole
site (company, compare, entity and region pages, downloads) through the plugin.
Reported: CPU seconds of each build (user + system, so that other load on the machine
counts less than in wall time), their ratio, peak memory, output size, the largest HTML
page, and for a Latin and a Chinese query on a cold page in Chromium: the time from the
last key press to the first result and the bytes transferred (page load, then search).
The floor searches with material's own plugin (one whole index): today's search, as the baseline.

    python -m benchmarks.site --companies 100 1000 --entities 100
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import lighthouse
from benchmarks.common import sizes
from benchmarks.synthetic import write_corpus
from generator.check.validation import validate_paths
from generator.model import ENTITY_LISTS
from tests.sitebuild import project_copy

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
FLOOR_CONFIG = """\
site_name: Floor
theme: {name: material, font: false}
plugins:
  - search: {lang: [en, zh], separator: '[\\s\\u200b\\-]'}
nav: [index.md]
validation: {omitted_files: ignore}
"""


def _cell(value: object) -> str:
    text = ", ".join(map(str, value)) if isinstance(value, list) else "" if value is None else str(value)
    return text.replace("|", "\\|").replace("\n", " ")


def floor_project(corpus: Path, target: Path) -> Path:
    """The same companies as Markdown pages: what MkDocs costs with nothing of ours."""
    docs = target / "docs" / "companies"
    docs.mkdir(parents=True)
    (target / "docs" / "index.md").write_text("# Floor\n")
    (target / "mkdocs.yml").write_text(FLOOR_CONFIG)
    for doc in validate_paths([corpus]).documents:
        data = doc.data
        lines = [f"# {data['company']['name']}", ""]
        for list_name in ENTITY_LISTS:
            columns = ("name", "local_name", "country", "subdivision", "relationship", "status", "since", "notes")
            lines += [f"## {list_name}", "", "| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
            lines += ["| " + " | ".join(_cell(e.get(c)) for c in columns) + " |" for e in data.get(list_name, [])]
            lines.append("")
        (docs / f"{data['company']['id']}.md").write_text("\n".join(lines), encoding="utf-8")
    return target


def timed_build(project: Path) -> dict[str, float]:
    site = project / "site"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISCLOSE_SOURCE=str(project / "disclosures"))
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"),
                             "-d", str(site)], env=env, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    assert status == 0, f"build of {project} failed"
    files = [p for p in site.rglob("*") if p.is_file()]
    largest = max((p for p in files if p.suffix == ".html"), key=lambda p: p.stat().st_size)
    index = [p for p in files if p.parent.name == "search" or "pagefind" in p.parts]
    return {"cpu_s": usage.ru_utime + usage.ru_stime, "wall_s": time.perf_counter() - started,
            "peak_mb": usage.ru_maxrss / 1024, "site_mb": sum(p.stat().st_size for p in files) / 2**20,
            "pages": sum(p.name == "index.html" for p in files),
            "largest_html_kb": largest.stat().st_size / 1024, "largest_html": str(largest.relative_to(site)),
            "index_mb": sum(p.stat().st_size for p in index) / 2**20}


LONG_TASKS = """
window.__longest = 0;
new PerformanceObserver(list => list.getEntries().forEach(e => {
  window.__longest = Math.max(window.__longest, e.duration);
})).observe({type: "longtask", buffered: true});
// In the page's own clock: the last character typed, and the last time a first result was put into the
// list (a query answered after the last character may still be for an earlier prefix; the last answer is not).
document.addEventListener("input", () => { window.__typed = performance.now(); }, true);
new MutationObserver(records => {
  for (const r of records) {
    const first = r.target.firstElementChild;
    if (first && first.matches(".md-search-result__item") && [...r.addedNodes].includes(first)) {
      window.__shown = performance.now();
    }
  }
}).observe(document, {subtree: true, childList: true});
"""


def first_search(site: Path, query: str, word_pause_ms: int = 0) -> dict[str, object]:
    """On a fresh page in a fresh browser context (nothing cached): from the last character typed to
    the first result shown, in the page's clock (`ms`), and from the last key press as the driver
    sees it (`driver_ms`: with Playwright's round trips, long on a loaded machine); the longest
    main-thread task meanwhile; the bytes transferred (served gzip-compressed, as a real host
    would) while the page loaded and from the first key press on; each request from the focus on
    (ms from the last key press as the server sent it, path, bytes), and search.js's own
    performance marks (ms from the last character typed). With `word_pause_ms`, the query is entered
    as an input method enters Chinese: the first word (the browser's word splitter: a city), a pause
    (the reader picking the next word), then the rest at once, and no key press after it."""
    from playwright.sync_api import TimeoutError as NoResult
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import ARGS, CHROMIUM

    received: list[int] = []  # counted by the server: the page's requests and its workers' alike
    log: list[tuple[float, str, int]] = []
    with lighthouse.serve_gzip(site, received, log) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_context().new_page()
        page.add_init_script(LONG_TASKS)
        page.goto(url, wait_until="networkidle")
        loaded, before = sum(received), len(log)
        page.evaluate("window.__longest = 0")  # from the first key press: typing starts as soon as the page is up
        box = page.locator("input.md-search__input")
        box.click()
        if word_pause_ms:
            split = "q => Array.from(new Intl.Segmenter('zh', {granularity: 'word'}).segment(q), s => s.segment)"
            first, *rest = page.evaluate(split, query)
            page.keyboard.insert_text(first)
            page.wait_for_timeout(word_pause_ms)
            page.keyboard.insert_text("".join(rest))
            started = time.perf_counter()
        else:
            box.press_sequentially(query)
            started = time.perf_counter()
            box.press("End")  # CJK typed this way fires no keyup in the theme's search; a key press makes it run
        try:
            page.wait_for_selector(".md-search-result__item", timeout=300_000)
            elapsed = (time.perf_counter() - started) * 1000
            page.wait_for_timeout(2000)  # for any answer to an earlier prefix to be replaced
            typed, shown = page.evaluate("[window.__typed, window.__shown]")
            in_page = shown - typed
        except NoResult:  # no result at all is reported, not raised
            elapsed = in_page = float("nan")
        longest = page.evaluate("window.__longest")
        marks = page.evaluate("performance.getEntriesByType('mark').filter(m => m.name.startsWith('dc-search'))"
                              ".map(m => [m.name + (m.detail ? ' ' + JSON.stringify(m.detail) : ''),"
                              " m.startTime - window.__typed])")
        browser.close()
    searched = (sum(received) - loaded) / 1024
    requests = [((t - started) * 1000, path, size) for t, path, size in log[before:]]
    return {"ms": in_page, "driver_ms": elapsed, "longest_task_ms": longest, "page_kb": loaded / 1024,
            "search_kb": searched, "requests": requests, "marks": marks}


def queries(ours: Path) -> dict[str, str]:
    """A Latin word from a company's name, and the start of an entity's Chinese name (city and name, without
    trade and legal form: 喀什宏鑫 for 喀什宏鑫纺织有限公司)."""
    company = json.loads((ours / "api/v1/index.json").read_text())["companies"][0]
    data = json.loads((ours / "api/v1/companies" / f"{company['id']}.json").read_text())
    local = next(e["local_name"] for name in ENTITY_LISTS for e in data.get(name, []) if e.get("local_name"))
    return {"latin": company["name"].split()[0], "chinese": local.removesuffix("有限公司")[:-2]}


def largest_company(site: Path) -> str:
    page = max((site / "companies").glob("*/index.html"), key=lambda p: p.stat().st_size)
    return f"companies/{page.parent.name}/"


def run(companies: int, entities: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        write_corpus(corpus, companies, entities)
        ours = project_copy(Path(tmp) / "ours", corpus)
        floor = floor_project(corpus, Path(tmp) / "floor")
        result = {"companies": companies, "entities": entities,
                  "floor": timed_build(floor), "ours": timed_build(ours)}
        result["queries"] = queries(ours / "site")
        for kind, query in result["queries"].items():
            result[f"search_{kind}"] = first_search(ours / "site", query)
            result[f"floor_search_{kind}"] = first_search(floor / "site", query)
        result["ratio_cpu"] = result["ours"]["cpu_s"] / result["floor"]["cpu_s"]
        if lighthouse.executable():
            paths = ["", largest_company(ours / "site"), "compare/"]
            result["lighthouse"] = lighthouse.site_scores(ours / "site", paths)
        shutil.rmtree(corpus)
    return result


def main() -> None:
    args = sizes(__doc__, [100, 1000])
    results = []
    for n in args.companies:
        r = run(n, args.entities)
        results.append(r)
        f, o = r["floor"], r["ours"]
        print(f"{n} companies × {args.entities} entities: ours {o['cpu_s']:.1f} s CPU ({o['pages']} pages, "
              f"{o['site_mb']:.0f} MB, index {o['index_mb']:.2f} MB, peak {o['peak_mb']:.0f} MB, largest page "
              f"{o['largest_html_kb']:.0f} KB {o['largest_html']}) vs floor {f['cpu_s']:.1f} s CPU "
              f"({f['pages']} pages, index {f['index_mb']:.2f} MB, largest page {f['largest_html_kb']:.0f} KB): "
              f"ratio {r['ratio_cpu']:.2f}")
        for kind, query in r["queries"].items():
            s, b = r[f"search_{kind}"], r[f"floor_search_{kind}"]
            print(f"  {kind} query {query!r}: first result {s['ms']:.0f} ms, page {s['page_kb']:.0f} KB + search "
                  f"{s['search_kb']:.0f} KB, longest task {s['longest_task_ms']:.0f} ms | material search (floor): "
                  f"{b['ms']:.0f} ms, page {b['page_kb']:.0f} KB + search {b['search_kb']:.0f} KB, "
                  f"longest task {b['longest_task_ms']:.0f} ms")
        for path, found in r.get("lighthouse", {}).items():
            print(f"  Lighthouse /{path}: " + ", ".join(f"{k} {v:.0f}" for k, v in found.items()))
    OUT.mkdir(exist_ok=True)
    (OUT / "site.json").write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
