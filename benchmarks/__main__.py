"""Run every benchmark with its default sizes: `python -m benchmarks` (or `make bench`)."""

from __future__ import annotations

import importlib
import sys

# Each module has main(argv) -> exit code; add new benchmarks here.
BENCHMARKS = ("validate",)


def main() -> int:
    codes = []
    for name in BENCHMARKS:
        print(f"== benchmarks.{name}", flush=True)
        codes.append(importlib.import_module(f"benchmarks.{name}").main([]))
    return max(codes, default=0)


if __name__ == "__main__":
    sys.exit(main())
