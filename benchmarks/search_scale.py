"""The search alone at a registry size whose full site takes too long to build here.

The registry's search records (every company, entity and region) are indexed as the site
build does (generator/site/search.py), into a copy of a small built site, whose pages and
search box are the same as a large site's. Then, on a cold page in Chromium, a Latin and a
Chinese query: time from the last key press to the first result, and the bytes transferred.

The registry's cross-firm grouping compares every pair of entities in a city: at 1,000
companies it ran out of memory here (11 GB). The benchmark groups the same mentions by
name in one city instead (what the grouping joins first; it misses only spelling slips),
which makes entity records of the same kind in about the same number.

    python -m benchmarks.search_scale --companies 10000 --entities 100 [--site DIR] [--fresh-assets]

With --built SITE --query Q [--query Q …], the queries are timed on a site built in full
(`disclose build` of the 10,000-company corpus takes about three minutes now), nothing indexed.

With --site, the small site and its index are kept in DIR (one folder per size), and a later run
with the same DIR measures them again without indexing: at 10,000 companies indexing takes many
minutes. --fresh-assets copies the worktree's site scripts and styles over the kept site first,
for measuring a change to them on a kept index.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

from benchmarks.common import corpus, sizes_parser
from benchmarks.site import first_search
from generator.pipeline import load_registry
from generator.registry import sites
from generator.registry.names import normalise
from generator.registry.registry import Mention, Registry, _shared
from generator.site.indexer import write_index
from generator.site.search import (
    BROAD_WORDS,
    INDEX_DIR,
    broad_words,
    record_words,
    registry_records,
    write_broad_words,
)
from tests.sitebuild import build


def group_by_name(registry: Registry) -> None:
    """Shared entities from one name in one city (see above), set where the registry would compute them."""
    blocks: dict[tuple[str, str, str], list[Mention]] = defaultdict(list)
    for company in registry.companies:
        for e in company.entities:
            blocks[(e.country, sites.city_key(e.city), sites.name_key(e.name))].append(Mention(company, e))
    registry.__dict__["shared_entities"] = tuple(_shared(list(blocks.values()), normalise))


ASSETS = Path(__file__).resolve().parent.parent / "generator" / "defaults" / "docs" / "assets"


def grouped(companies: int, entities: int) -> Registry:
    # resolved: the cached corpus may be a link to a shared copy, and the loader follows no links
    registry, result = load_registry(corpus(companies, entities)[0].resolve())
    assert result.ok
    group_by_name(registry)
    return registry


def indexed(folder: Path, companies: int, entities: int) -> dict[str, object]:
    """The small site with the registry's index in `folder/site`, made unless kept there from an earlier run."""
    kept = folder / "indexed.json"
    if kept.exists():
        facts = json.loads(kept.read_text())
        index = Path(str(facts["site"])) / INDEX_DIR
        if not (index / BROAD_WORDS).exists():  # an index kept from before the list was written beside it
            counts: Counter[str] = Counter()
            for r in registry_records(grouped(companies, entities)):
                counts.update(record_words(r))
            write_broad_words(broad_words(counts), index)
        return dict(facts, kept=True)
    registry = grouped(companies, entities)
    site = build(folder / "build")
    started, cpu = time.perf_counter(), _cpu()
    count = write_index(registry_records(registry), site)
    index_s, index_cpu = time.perf_counter() - started, _cpu() - cpu
    index_mb = sum(p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file()) / 2**20
    company = registry.companies[0]
    local = next(e.local_name for e in company.entities if e.local_name)
    queries = {"latin": company.name.split()[0], "chinese": local.removesuffix("有限公司")[:-2]}
    facts = {"records": count, "index_s": index_s, "index_cpu_s": index_cpu, "index_mb": index_mb,
             "queries": queries, "site": str(site)}
    kept.write_text(json.dumps(facts, ensure_ascii=False))
    return dict(facts, kept=False)


def _cpu() -> float:
    """CPU seconds of this process and its finished children (the Pagefind binary)."""
    own, children = os.times(), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.user + own.system + children.ru_utime + children.ru_stime


def run(companies: int, entities: int, keep: Path | None, fresh: bool) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = keep / f"{companies}x{entities}" if keep else Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        facts = indexed(folder, companies, entities)
        site = Path(str(facts["site"]))
        if fresh:
            shutil.copytree(ASSETS, site / "assets", dirs_exist_ok=True)
        found = {kind: first_search(site, q) for kind, q in dict(facts["queries"]).items()}
        # Chinese as an input method enters it: 乌鲁木齐, then 云天 after a reader's pause to pick it
        found["chinese_by_word"] = first_search(site, str(dict(facts["queries"])["chinese"]), word_pause_ms=300)
    return {"companies": companies, "entities": entities, **facts, **{f"search_{k}": v for k, v in found.items()}}


def measure_built(site: Path, queries: list[str], runs: int) -> None:
    """Each query on a site built in full (`disclose build`), as typed, and by word when it is Chinese."""
    for n in range(runs):
        for query in queries:
            ways = [("typed", 0), *([("by word", 300)] if any("\u4e00" <= ch <= "\u9fff" for ch in query) else [])]
            for way, pause in ways:
                s = first_search(site, query, word_pause_ms=pause)
                print(f"run {n + 1} {query!r} {way}: first result {s['ms']:.0f} ms ({s['driver_ms']:.0f} ms as the "
                      f"driver sees it), page {s['page_kb']:.0f} KB + search {s['search_kb']:.0f} KB",
                      flush=True)


def main() -> None:
    parser = sizes_parser(__doc__, [10_000])
    parser.add_argument("--site", type=Path, help="keep the indexed site here, and reuse one kept there")
    parser.add_argument("--fresh-assets", action="store_true", help="copy the site's scripts over a kept site")
    parser.add_argument("--built", type=Path, help="measure this site, built in full, with each --query instead")
    parser.add_argument("--query", action="append", default=[], help="a query to time on --built (repeatable)")
    parser.add_argument("--runs", type=int, default=2, help="times each query is timed on --built")
    args = parser.parse_args()
    if args.built:
        measure_built(args.built, args.query, args.runs)
        return
    results = []
    for n in args.companies:
        r = run(n, args.entities, args.site, args.fresh_assets)
        results.append(r)
        how = "kept from an earlier run" if r["kept"] else "indexed now"
        print(f"{n} companies × {args.entities} entities: {r['records']} search records, {how}, in "
              f"{r['index_s']:.0f} s ({r['index_cpu_s']:.0f} s CPU; {r['index_mb']:.1f} MB on disk)")
        for kind, query in [*r["queries"].items(), ("chinese_by_word", r["queries"]["chinese"])]:
            s = r[f"search_{kind}"]
            print(f"  {kind} query {query!r}: first result {s['ms']:.0f} ms ({s['driver_ms']:.0f} ms as the driver "
                  f"sees it), page {s['page_kb']:.0f} KB + search "
                  f"{s['search_kb']:.0f} KB, longest task {s['longest_task_ms']:.0f} ms")
            for at, path, size in s["requests"]:
                print(f"    {at:7.0f} ms {size / 1024:7.1f} KB  {path}")
            for name, at in s["marks"]:
                print(f"    {at:7.0f} ms  mark {name}")
    out = Path(__file__).resolve().parent / "out"
    out.mkdir(exist_ok=True)
    (out / "search_scale.json").write_text(json.dumps(results, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
