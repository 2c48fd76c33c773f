"""Where a full build's time and memory go: one `mkdocs build` in this process, stage by stage.

Each stage of the pipeline and the plugin is timed where it is called: wall seconds, CPU
seconds of this process and of the children it waited for (the page writers, Pagefind),
the resident memory after it and the peak so far. The build is the real one (the
project's mkdocs.yml and the plugin); only the clock is added around its steps.

    python -m benchmarks.build_stages --companies 1000 [--entities 100] [--profile FILE] [--one-process]

The "GC s" column is the cyclic garbage collector's CPU seconds in the stage (`gc.callbacks`), and
"runs" how many collections it made (full ones in brackets).

`--one-process` makes the page writers' files in the build process instead of forked workers,
so that a profile sees them (their CPU then counts as the build's own, not its children's).
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import gc
import os
import resource
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.common import corpus
from tests.sitebuild import project_copy


@dataclass
class Stage:
    name: str
    wall: float
    cpu: float       # this process
    children: float  # children waited for during the stage
    rss_mb: float    # resident after the stage
    peak_mb: float   # this process's peak so far
    gc: float = 0.0  # the cyclic collector's seconds in this process during the stage
    runs: int = 0    # its collections
    full: int = 0    # of which full (generation 2)


STAGES: list[Stage] = []
HEADER = (f"{'stage':34} {'wall s':>8} {'CPU s':>8} {'kids s':>8} {'RSS MB':>8} {'peak MB':>8} {'GC s':>7} "
          f"{'runs':>12}")


class Collector:
    """The cyclic collector's time and runs so far in this process, counted by `gc.callbacks`."""

    def __init__(self) -> None:
        self.seconds, self.runs, self.full, self._start = 0.0, 0, 0, 0.0
        self.freed = 0   # objects it found unreachable: the cycles let go

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._start = time.process_time()   # CPU: a loaded machine inflates the wall clock
            return
        self.seconds += time.process_time() - self._start
        self.runs += 1
        self.full += info["generation"] == 2
        self.freed += info["collected"]

    def now(self) -> tuple[float, int, int]:
        return self.seconds, self.runs, self.full


COLLECTOR = Collector()


def _done(stage: Stage) -> None:
    """Kept and said at once: a run stopped part way still tells where it got."""
    STAGES.append(stage)
    runs = f"{stage.runs} ({stage.full})"
    print(f"{stage.name:34} {stage.wall:8.1f} {stage.cpu:8.1f} {stage.children:8.1f} {stage.rss_mb:8.0f} "
          f"{stage.peak_mb:8.0f} {stage.gc:7.1f} {runs:>12}", flush=True)


def _rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _cpu() -> tuple[float, float]:
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime


def timed(name: str, work: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(work)
    def run(*args: Any, **kwargs: Any) -> Any:
        wall, (cpu, kids), collected = time.perf_counter(), _cpu(), COLLECTOR.now()
        try:
            return work(*args, **kwargs)
        finally:
            now, kids_now = _cpu()
            _done(Stage(name, time.perf_counter() - wall, now - cpu, kids_now - kids, _rss_mb(),
                        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                        *(a - b for a, b in zip(COLLECTOR.now(), collected, strict=True))))
    return run


def _instrument() -> None:
    from generator import pipeline, plugin
    from generator.registry.registry import Registry

    for name in ("load_registry", "read_history", "screened", "_digests", "_extras", "history_pages",
                 "site_pages", "watchlist_pages", "exports"):
        setattr(pipeline, name, timed(name, getattr(pipeline, name)))
    for name in ("write", "write_sitemaps"):
        setattr(plugin, name, timed(name, getattr(plugin, name)))
    # Pagefind: its records and start at the end of on_config, then the wait for the index in on_post_build.
    from generator.site.indexer import Indexer
    plugin.DisclosePlugin._start_index = timed("search records, Pagefind started",  # type: ignore[method-assign]
                                               plugin.DisclosePlugin._start_index)
    Indexer.write = timed("write_index (Pagefind)", Indexer.write)  # type: ignore[method-assign]
    pipeline.grouped = timed("grouping (shared_entities)", pipeline.grouped)  # type: ignore[attr-defined]
    pages = pipeline.site_pages

    def grouped_first(registry: Registry, *args: Any, **kwargs: Any) -> Any:
        timed("regions", lambda: (registry.regions, registry.entity_pages))()
        return pages(registry, *args, **kwargs)
    pipeline.site_pages = grouped_first
    # Everything MkDocs does between the plugin's hooks: from on_config's end to on_post_build.
    on_config, on_post_build = plugin.DisclosePlugin.on_config, plugin.DisclosePlugin.on_post_build
    mark: dict[str, tuple[float, float, float, tuple[float, int, int]]] = {}

    def config_hook(self: Any, config: Any) -> Any:
        out = timed("on_config (pipeline)", on_config)(self, config)
        mark["mkdocs"] = (time.perf_counter(), *_cpu(), COLLECTOR.now())
        return out

    def post_hook(self: Any, *, config: Any) -> None:
        wall, cpu, kids, collected = mark["mkdocs"]
        now, kids_now = _cpu()
        _done(Stage("mkdocs pass (pages, assets)", time.perf_counter() - wall, now - cpu, kids_now - kids,
                    _rss_mb(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                    *(a - b for a, b in zip(COLLECTOR.now(), collected, strict=True))))
        timed("on_post_build", on_post_build)(self, config=config)
    plugin.DisclosePlugin.on_config = config_hook  # type: ignore[method-assign]
    plugin.DisclosePlugin.on_post_build = post_hook  # type: ignore[method-assign]


def build(companies: int, entities: int, profile: Path | None, one_process: bool = False) -> float:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    from generator.site import writer

    if one_process:
        writer.cores = lambda: 1  # type: ignore[assignment]

    folder, _ = corpus(companies, entities)
    with tempfile.TemporaryDirectory() as tmp:
        project = project_copy(Path(tmp) / "project", None)
        shutil.copytree(folder, project / "disclosures", ignore=shutil.ignore_patterns(".complete"))
        os.environ["NO_MKDOCS_2_WARNING"] = "1"
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(Path(tmp) / "site"))
        _instrument()
        print(HEADER, flush=True)
        gc.callbacks.append(COLLECTOR)
        started = time.perf_counter()
        profiler = cProfile.Profile() if profile else None
        if profiler:
            profiler.enable()
        mkdocs_build(config)
        if profiler:
            profiler.disable()
            profiler.dump_stats(str(profile))
        return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--companies", type=int, default=1000)
    parser.add_argument("--entities", type=int, default=100)
    parser.add_argument("--profile", type=Path, help="also write a cProfile of the build process here")
    parser.add_argument("--one-process", action="store_true", help="write the bulk pages here, not in workers")
    args = parser.parse_args()
    wall = build(args.companies, args.entities, args.profile, args.one_process)
    cpu, kids = _cpu()
    print(f"{args.companies} × {args.entities}: {wall:.1f} s wall, {cpu:.1f} s CPU here + {kids:.1f} s in children, "
          f"peak {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB (this process), "
          f"{resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.0f} MB (its largest child); "
          f"the collector: {COLLECTOR.seconds:.1f} s in {COLLECTOR.runs} runs ({COLLECTOR.full} full), "
          f"{COLLECTOR.freed} objects freed")


if __name__ == "__main__":
    main()
