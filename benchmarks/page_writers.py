"""The page list and the page writers alone, in this process: CPU per page kind, and a digest of the output.

The site is made as a build makes it (`pipeline.build_site`), but without MkDocs: each depth's
shell is a small stand-in page with the title and body markers, so the figures are those of
rendering, filling and writing the bulk pages and downloads, one process, no workers. The
digest of the files written tells whether a change kept the output the same.

    python -m benchmarks.page_writers --companies 1000 [--entities 100] [--profile FILE]
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import os
import resource
import shutil
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

from benchmarks.common import corpus
from generator import pipeline
from generator.site.outputs import Outputs
from generator.site.pages import Body, Page
from generator.site.shell import BODY, TITLE, Shell, by_depth
from generator.site.writer import Item, Job, _folder_for, _make, _target, key


def _kind(item: Item) -> str:
    if isinstance(item, Page):
        return item.content.template.removesuffix(".html") if isinstance(item.content, Body) else "page"
    return "download " + Path(item.path).suffix.lstrip(".")


def _shells(pages: list[Page]) -> dict[int, Shell]:
    """A stand-in for the theme's page at each depth: the markers, and a link to the page itself."""
    shells = {}
    for d, alike in by_depth(pages).items():
        url = alike[0].path.removesuffix("index.md")
        shells[d] = Shell(f'<html><title>{TITLE}</title><link href="/{url}">\n{BODY}\n</html>\n', url)
    return shells


def _digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        h.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def _entries(scratch: Path) -> dict[str, int]:
    """Directory entries this run made: each costs the disk a file creation (a link as much as a file)."""
    found: Counter[str] = Counter()
    for _, dirs, files in os.walk(scratch):
        found["folders"] += len(dirs)
        found["files and links"] += len(files)
    return dict(found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--companies", type=int, default=1000)
    parser.add_argument("--entities", type=int, default=100)
    parser.add_argument("--profile", type=Path, help="write a cProfile of the page list and the writers here")
    parser.add_argument("--cache", action="store_true", help="with an output cache (cold), as a build has")
    parser.add_argument("--only", help="write only the files of this kind (company, entity, region, download csv...)")
    args = parser.parse_args()
    folder = corpus(args.companies, args.entities)[0].resolve()  # the corpus may be a link to a shared one
    spent: dict[str, float] = {}
    site_pages = pipeline.site_pages
    profiler = cProfile.Profile() if args.profile else None

    def timed_pages(*a: object, **k: object) -> object:
        registry = a[0]
        _ = registry.shared_entities, registry.regions, registry.entity_pages  # grouping: not the page list's
        started = time.process_time()
        if profiler:
            profiler.enable()
        try:
            return site_pages(*a, **k)
        finally:
            if profiler:
                profiler.disable()
            spent["site_pages"] = time.process_time() - started
    pipeline.site_pages = timed_pages  # type: ignore[assignment]
    settings = pipeline.Settings(watchlists=pipeline.layered(folder / "watchlists"),
                                 profiles=pipeline.layered(folder / "profiles"))
    site = pipeline.build_site(folder, settings)
    bulk = [p for p in site.pages if p.bulk]
    items: list[Item] = [*bulk, *(a for a in site.assets if a.bulk)]
    items = [i for i in items if args.only in (None, _kind(i))]
    scratch = Path(tempfile.mkdtemp(prefix="page-writers-"))
    (scratch / "site").mkdir()
    job = Job(scratch / "site", _shells(bulk), "benchmark", Outputs(scratch / "cache") if args.cache else None)
    user: dict[str, float] = defaultdict(float)
    system: dict[str, float] = defaultdict(float)
    size: Counter[str] = Counter()
    faults: Counter[str] = Counter()
    count: Counter[str] = Counter()
    wall = time.perf_counter()
    if profiler:
        profiler.enable()
    for item in items:
        before = resource.getrusage(resource.RUSAGE_SELF)
        k = key(job, item)
        if not (k and job.outputs and job.outputs.reuse(k, _folder_for(_target(job, item)))):
            _make(job, item)
            if k and job.outputs:
                job.outputs.keep(k, Path(_target(job, item)))
        after = resource.getrusage(resource.RUSAGE_SELF)
        kind = _kind(item)
        user[kind] += after.ru_utime - before.ru_utime
        system[kind] += after.ru_stime - before.ru_stime
        faults[kind] += after.ru_minflt - before.ru_minflt
        size[kind] += os.stat(_target(job, item)).st_size
        count[kind] += 1
    if profiler:
        profiler.disable()
        profiler.dump_stats(str(args.profile))
    wall = time.perf_counter() - wall
    print(f"{args.companies} × {args.entities}, load average {os.getloadavg()[0]:.1f}")
    print(f"page list (site_pages): {spent['site_pages']:.2f} CPU s")
    cpu = {kind: user[kind] + system[kind] for kind in user}
    print(f"{'kind':22} {'files':>7} {'CPU s':>8} {'user s':>8} {'sys s':>8} {'CPU ms/file':>12} {'KB/file':>8} "
          f"{'faults/file':>12}")
    for kind in sorted(cpu, key=cpu.__getitem__, reverse=True):
        print(f"{kind:22} {count[kind]:7} {cpu[kind]:8.2f} {user[kind]:8.2f} {system[kind]:8.2f} "
              f"{1000 * cpu[kind] / count[kind]:12.2f} {size[kind] / count[kind] / 1024:8.1f} "
              f"{faults[kind] / count[kind]:12.1f}")
    print(f"{'writers, one process':22} {sum(count.values()):7} {sum(cpu.values()):8.2f} {sum(user.values()):8.2f} "
          f"{sum(system.values()):8.2f}   ({wall:.1f} s wall, {sum(size.values()) / 2**20:.0f} MB written)")
    made = _entries(scratch)
    print("made under the site and the cache: " + ", ".join(
        f"{n} {what} ({n / args.companies:.1f} a company)" for what, n in made.items()))
    print(f"output digest {_digest(job.site_dir)[:16]}")
    shutil.rmtree(scratch)


if __name__ == "__main__":
    main()
