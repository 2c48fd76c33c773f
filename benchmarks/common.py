"""What every benchmark shares: a cached synthetic corpus, best-of-N timing, JSON results."""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .synthetic import write_corpus

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
BIN = Path(sys.executable).parent


@dataclass(frozen=True)
class Timing:
    runs: tuple[float, ...]

    @property
    def best(self) -> float:
        return min(self.runs)

    def rate(self, count: int) -> float:
        return count / self.best

    def as_dict(self, count: int) -> dict[str, Any]:
        return {"best_s": round(self.best, 4), "runs_s": [round(r, 4) for r in self.runs],
                "files_per_s": round(self.rate(count), 1)}


def best_of(work: Callable[[], object], repeat: int = 3) -> Timing:
    """Wall-clock seconds of each of `repeat` runs; the best one is the least disturbed."""
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        runs.append(time.perf_counter() - start)
    return Timing(tuple(runs))


def corpus(companies: int, entities: int, seed: int = 1) -> tuple[Path, list[Path]]:
    """The synthetic corpus for these arguments, written once and reused (it is deterministic)."""
    folder = OUT / f"corpus-{companies}x{entities}-seed{seed}"
    done = folder / ".complete"
    if done.exists():
        return folder, sorted(folder.glob("*.yaml"))
    paths = write_corpus(folder, companies, entities, seed)
    done.write_text("written by benchmarks.synthetic.write_corpus\n", encoding="utf-8")
    return folder, sorted(paths)


def run(args: Sequence[str | Path]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, cwd=ROOT, check=False)


def tool(name: str) -> Path:
    """A console script installed next to this interpreter (the project's virtualenv)."""
    return BIN / name


def save(name: str, result: dict[str, Any]) -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    result = {"python": platform.python_version(), "machine": platform.machine(), **result}
    path = OUT / f"{name}.json"
    path.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def sizes_parser(doc: str, companies: list[int]) -> argparse.ArgumentParser:
    """A parser of the registry sizes a benchmark runs at, for a benchmark to add its own options to."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--companies", type=int, nargs="+", default=companies)
    parser.add_argument("--entities", type=int, default=100)
    return parser


def sizes(doc: str, companies: list[int]) -> argparse.Namespace:
    """The registry sizes a benchmark runs at: --companies N [N ...] and --entities per company."""
    return sizes_parser(doc, companies).parse_args()
