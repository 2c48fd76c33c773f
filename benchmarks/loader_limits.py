"""How fast the loader refuses hostile files, against the bare libyaml parse of the same bytes.

    python benchmarks/loader_limits.py

Baseline: `yaml.parse(text, Loader=yaml.CSafeLoader)`, every event of the file read by
libyaml with nothing built. The loader should refuse an alias bomb or a deep nesting
long before the baseline has read the file, and without its memory growing.
"""

from __future__ import annotations

import resource
import time
import tracemalloc
from collections.abc import Callable

import yaml

from generator.load.loader import load_text


def billion_laughs(levels: int = 10, width: int = 10) -> str:
    lines = ["a0: &a0 [" + ", ".join(["lol"] * width) + "]"]
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


def deep_lists(depth: int) -> str:
    return "a: " + "[" * depth + "]" * depth + "\n"


def best_of(runs: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def peak_bytes(work: Callable[[], object]) -> int:
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def main() -> None:
    # The bare parse of 100,000 levels takes minutes (libyaml is quadratic in flow depth),
    # so the ratio is taken at 10,000 levels; the loader is also timed at 100,000.
    cases = {"billion laughs (10^10 values)": billion_laughs(), "10,000-deep lists": deep_lists(10_000),
             "100,000-deep lists": deep_lists(100_000)}
    big = "a:\n" + "- 1\n" * 1_240_000  # the largest list a 5 MB file holds: accepted, so timed once
    start = time.perf_counter()
    problems = load_text(big, "x.yaml").problems
    print(f"5 MB list of 1,240,000 values: loaded in {time.perf_counter() - start:.2f} s, {len(problems)} problems, "
          f"max resident {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    for name, text in cases.items():
        problems = load_text(text, "x.yaml").problems
        ours = best_of(5, lambda text=text: load_text(text, "x.yaml"))
        peak = peak_bytes(lambda text=text: load_text(text, "x.yaml"))
        line = (f"{name}: {len(text):,} bytes, refused as [{problems[0].code}] in {ours * 1000:.2f} ms, "
                f"traced peak {peak / 1024:.0f} KiB")
        if len(text) < 100_000:
            bare = best_of(1, lambda text=text: sum(1 for _ in yaml.parse(text, Loader=yaml.CSafeLoader)))
            line += f"; bare libyaml parse {bare * 1000:.1f} ms, ratio {bare / ours:.0f}x"
        print(line)


if __name__ == "__main__":
    main()
