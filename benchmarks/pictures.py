"""What the maps cost a build, and what they add to a page.

Baseline: rendering every page of the registry (`site_pages`, maps included), with no
history. Measured: CPU seconds drawing every map (company, region, home) alone, as a share
of the baseline; the bytes each map adds to its page (largest company, region and home
map); and the home map's bytes for the registry and for ten times as many companies made
by repeating it (it is aggregated by place, so it must not grow).

    python -m benchmarks.pictures --companies 1000 --entities 100
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import gc
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.common import save
from benchmarks.synthetic import write_corpus
from generator.pipeline import load_registry
from generator.registry.registry import Registry
from generator.site.map_pictures import company_map, region_map, registry_map
from generator.site.pages import site_pages


def cpu(work: Callable[[], object]) -> float:
    gc.collect()
    started = time.process_time()
    work()
    return time.process_time() - started


def _size(picture: object) -> int:
    return len(str(getattr(picture, "svg", "")).encode())


def _scaled(registry: Registry, times: int) -> Registry:
    """The registry's companies repeated under new ids: the same places, `times` as many firms."""
    copies = []
    for n in range(times):
        for c in registry.companies:
            company = {**c.company, "id": f"{c.id}-{n}"}
            copies.append(dataclasses.replace(c, id=company["id"], company=company))
    return Registry.of(copies)


def run(companies: int, entities: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        write_corpus(Path(tmp), companies, entities)
        registry, result = load_registry(Path(tmp), dt.date(2026, 11, 23))
    assert result.ok
    registry.regions  # noqa: B018 -- the index is shared by pages and maps: build it outside the timings
    pages = cpu(lambda: site_pages(registry, dt.date(2026, 11, 23)))
    company_maps = [company_map(c, registry, "../../") for c in registry.companies]
    maps = cpu(lambda: ([company_map(c, registry, "../../") for c in registry.companies],
                        [region_map(r, registry, "../../") for r in registry.regions],
                        registry_map(registry, "./")))
    home, home_x10 = registry_map(registry, "./"), registry_map(_scaled(registry, 10), "./")
    sizes = [_size(p) for p in company_maps]
    return {"companies": companies, "entities": entities, "pages_cpu_s": round(pages, 3),
            "maps_cpu_s": round(maps, 3), "maps_share_of_pages": round(maps / pages, 3),
            "company_map_bytes": {"max": max(sizes), "median": int(statistics.median(sizes))},
            "region_map_bytes_max": max(_size(region_map(r, registry, "../../")) for r in registry.regions),
            "home_map_bytes": _size(home), "home_map_bytes_x10_companies": _size(home_x10)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--companies", type=int, default=1000)
    parser.add_argument("--entities", type=int, default=100)
    args = parser.parse_args()
    r = run(args.companies, args.entities)
    print(f"{r['companies']} companies × {r['entities']} entities: pages {r['pages_cpu_s']} s CPU, of which maps "
          f"{r['maps_cpu_s']} s ({r['maps_share_of_pages']:.0%}); company map ≤ {r['company_map_bytes']['max']} B "
          f"(median {r['company_map_bytes']['median']}), region map ≤ {r['region_map_bytes_max']} B, home map "
          f"{r['home_map_bytes']} B, with 10× the companies {r['home_map_bytes_x10_companies']} B")
    print(f"saved {save('pictures', r)}")


if __name__ == "__main__":
    main()
