"""What a rebuild's loading costs: `pipeline.load_registry` on a warm project after one change.

    python -m benchmarks.load_rebuild PROJECT [--keep] [--profile FILE]

PROJECT is a project built before (its `.cache/disclose/checked` is warm). One disclosure
changes (`build_scale.change_one`), then the registry is loaded as the build loads it (the
cyclic collector off, `pipeline.build_site`): wall seconds, CPU seconds of this process and of
its children (the checking workers), resident memory after it and the peak. The cache is keyed
by the code's version: after a change to the code, a run with `--keep` (no disclosure changed)
makes it this code's, and the next run measures.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import resource
import time
from pathlib import Path

from benchmarks.build_scale import change_one
from benchmarks.build_stages import _cpu, _rss_mb
from generator.load.forks import collector_off
from generator.pipeline import load_registry


def load(project: Path, profile: Path | None = None) -> dict[str, float]:
    """One load of the project's registry, timed, in this process."""
    profiler = cProfile.Profile() if profile else None
    wall, (cpu, kids) = time.perf_counter(), _cpu()
    with collector_off():
        if profiler:
            profiler.enable()
        registry, result = load_registry(project / "disclosures", cache_dir=project / ".cache" / "disclose")
        if profiler:
            profiler.disable()
            profiler.dump_stats(str(profile))
    now, kids_now = _cpu()
    found = {"wall_s": time.perf_counter() - wall, "cpu_s": now - cpu, "children_cpu_s": kids_now - kids,
             "rss_mb": _rss_mb(), "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
             "companies": len(registry.companies), "ok": result.ok}
    del registry, result
    gc.collect()
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--keep", action="store_true", help="change no disclosure first")
    parser.add_argument("--profile", type=Path, help="write a cProfile of the measured load here")
    args = parser.parse_args()
    if not args.keep:
        change_one(args.project)
    found = load(args.project, args.profile)
    print(" ".join(f"{k}={v:.2f}" if isinstance(v, float) else f"{k}={v}" for k, v in found.items()), flush=True)


if __name__ == "__main__":
    main()
