"""Run every benchmark with its default sizes: `python -m benchmarks` (or `make bench`)."""

from __future__ import annotations

import importlib
import sys

BENCHMARKS = ("validate", "site", "history", "screening", "data")


def main() -> int:
    codes = []
    for name in BENCHMARKS:
        print(f"== benchmarks.{name}", flush=True)
        sys.argv = [f"benchmarks.{name}"]  # each reads its own options; here, the defaults
        codes.append(importlib.import_module(f"benchmarks.{name}").main() or 0)
    return max(codes, default=0)


if __name__ == "__main__":
    sys.exit(main())
