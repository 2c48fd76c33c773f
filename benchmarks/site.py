"""Site build against the floor of the stack.

The floor: MkDocs + material + search rendering only the company pages, written as plain
Markdown files (each list a Markdown table), with no plugin of ours. Ours: the whole
site (company, compare, entity and region pages, downloads) through the plugin.
Reported: CPU seconds of each build (user + system, so that other load on the machine
counts less than in wall time), their ratio, peak memory, output size, search-index
size, and the time from typing a query to the first result in Chromium.

    python -m benchmarks.site --companies 100 1000 --entities 100
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.synthetic import write_corpus
from generator.check.validation import validate_paths
from generator.model import ENTITY_LISTS
from tests.sitebuild import project_copy, serve

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
    return {"cpu_s": usage.ru_utime + usage.ru_stime, "wall_s": time.perf_counter() - started,
            "peak_mb": usage.ru_maxrss / 1024, "site_mb": sum(p.stat().st_size for p in files) / 2**20,
            "pages": sum(p.name == "index.html" for p in files),
            "index_mb": (site / "search" / "search_index.json").stat().st_size / 2**20}


LONG_TASKS = """
window.__longest = 0;
new PerformanceObserver(list => list.getEntries().forEach(e => {
  window.__longest = Math.max(window.__longest, e.duration);
})).observe({type: "longtask", buffered: true});
"""


def first_search_ms(site: Path, query: str) -> tuple[float, float]:
    """From the last key press to the first result shown, on a fresh page (index not yet loaded);
    and the longest main-thread task meanwhile: the search runs in a worker, the page should not freeze."""
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import ARGS, CHROMIUM

    with serve(site) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page()
        page.add_init_script(LONG_TASKS)
        page.goto(url)
        page.evaluate("window.__longest = 0")  # from the first key press: typing starts as soon as the page is up
        box = page.locator("input.md-search__input")
        box.click()
        started = time.perf_counter()
        box.press_sequentially(query)
        box.press("End")
        page.wait_for_selector(".md-search-result__item", timeout=120_000)
        elapsed = (time.perf_counter() - started) * 1000
        longest = page.evaluate("window.__longest")
        browser.close()
    return elapsed, longest


def run(companies: int, entities: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        write_corpus(corpus, companies, entities)
        ours = project_copy(Path(tmp) / "ours", corpus)
        floor = floor_project(corpus, Path(tmp) / "floor")
        result = {"companies": companies, "entities": entities,
                  "floor": timed_build(floor), "ours": timed_build(ours)}
        name = json.loads((corpus.parent / "ours" / "site" / "api/v1/index.json").read_text())["companies"][0]["name"]
        query = name.split()[0]
        result["first_search_ms"], result["longest_task_ms"] = first_search_ms(ours / "site", query)
        result["floor_first_search_ms"], result["floor_longest_task_ms"] = first_search_ms(floor / "site", query)
        result["ratio_cpu"] = result["ours"]["cpu_s"] / result["floor"]["cpu_s"]
        shutil.rmtree(corpus)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--companies", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--entities", type=int, default=100)
    args = parser.parse_args()
    results = []
    for n in args.companies:
        r = run(n, args.entities)
        results.append(r)
        f, o = r["floor"], r["ours"]
        print(f"{n} companies × {args.entities} entities: ours {o['cpu_s']:.1f} s CPU ({o['pages']} pages, "
              f"{o['site_mb']:.0f} MB, index {o['index_mb']:.2f} MB, peak {o['peak_mb']:.0f} MB) vs floor "
              f"{f['cpu_s']:.1f} s CPU ({f['pages']} pages, index {f['index_mb']:.2f} MB): "
              f"ratio {r['ratio_cpu']:.2f}; first search result {r['first_search_ms']:.0f} ms "
              f"(floor {r['floor_first_search_ms']:.0f} ms), longest main-thread task meanwhile "
              f"{r['longest_task_ms']:.0f} ms (floor {r['floor_longest_task_ms']:.0f} ms)")
    OUT.mkdir(exist_ok=True)
    (OUT / "site.json").write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
