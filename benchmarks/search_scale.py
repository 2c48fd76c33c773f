"""The search alone at a registry size whose full site takes too long to build here.

The registry's search records (every company, entity and region) are indexed as the site
build does (generator/site/search.py), into a copy of a small built site, whose pages and
search box are the same as a large site's. Then, on a cold page in Chromium, a Latin and a
Chinese query: time from the last key press to the first result, and the bytes transferred.

The registry's cross-firm grouping compares every pair of entities in a city: at 1,000
companies it ran out of memory here (11 GB). The benchmark groups the same mentions by
name in one city instead (what the grouping joins first; it misses only spelling slips),
which makes entity records of the same kind in about the same number.

    python -m benchmarks.search_scale --companies 10000 --entities 100
"""

from __future__ import annotations

import json
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from benchmarks.common import corpus, sizes
from benchmarks.site import first_search
from generator.pipeline import load_registry
from generator.registry import sites
from generator.registry.registry import Mention, Registry, _shared
from generator.site.search import registry_records, write_index
from tests.sitebuild import build


def group_by_name(registry: Registry) -> None:
    """Shared entities from one name in one city (see above), set where the registry would compute them."""
    blocks: dict[tuple[str, str, str], list[Mention]] = defaultdict(list)
    for company in registry.companies:
        for e in company.entities:
            blocks[(e.country, sites.city_key(e.city), sites.name_key(e.name))].append(Mention(company, e))
    registry.__dict__["shared_entities"] = tuple(_shared(list(blocks.values())))


def run(companies: int, entities: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        # resolved: the cached corpus may be a link to a shared copy, and the loader follows no links
        registry, result = load_registry(corpus(companies, entities)[0].resolve())
        assert result.ok
        group_by_name(registry)
        site = build(Path(tmp) / "small")
        started = time.perf_counter()
        count = write_index(registry_records(registry), site)
        index_s = time.perf_counter() - started
        index_mb = sum(p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file()) / 2**20
        company = registry.companies[0]
        local = next(e.local_name for e in company.entities if e.local_name)
        queries = {"latin": company.name.split()[0], "chinese": local.removesuffix("有限公司")[:-2]}
        found = {kind: first_search(site, q) for kind, q in queries.items()}
    return {"companies": companies, "entities": entities, "records": count, "index_s": index_s,
            "index_mb": index_mb, "queries": queries, **{f"search_{k}": v for k, v in found.items()}}


def main() -> None:
    args = sizes(__doc__, [10_000])
    results = []
    for n in args.companies:
        r = run(n, args.entities)
        results.append(r)
        print(f"{n} companies × {args.entities} entities: {r['records']} search records indexed in "
              f"{r['index_s']:.0f} s ({r['index_mb']:.1f} MB on disk)")
        for kind, query in r["queries"].items():
            s = r[f"search_{kind}"]
            print(f"  {kind} query {query!r}: first result {s['ms']:.0f} ms ({s['driver_ms']:.0f} ms as the driver "
                  f"sees it), page {s['page_kb']:.0f} KB + search "
                  f"{s['search_kb']:.0f} KB, longest task {s['longest_task_ms']:.0f} ms")
    out = Path(__file__).resolve().parent / "out"
    out.mkdir(exist_ok=True)
    (out / "search_scale.json").write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
