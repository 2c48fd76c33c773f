"""Loading one large disclosure: peak memory and time, the fast path against the located loader.

    python -m benchmarks.big_file [--megabytes 5]

A valid synthetic disclosure of about 5 MB (some 20,000 entities) is loaded in a fresh
process each time, so that the peak resident memory (ru_maxrss) belongs to that load alone:
  baseline   the located loader (`loader.load_bytes`): node tree, then data, then source map;
  ours       `validation.check_bytes`: the fast path (yaml_rs, no node tree), then the schema
             and the semantic checks; a valid file is never read a second time;
  floor      a bare Python interpreter with the package imported, for scale.
Goals (issue "Real supplier lists"): memory of loading <= 150 MB; time within 1.5x of the baseline.
Each process's own peak is reported too: importing the package (pycountry's tables, the
compiled schema) peaks at more than either load adds.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

from .common import save
from .synthetic import dump, make_disclosure

WORK = {
    "imports only (floor)": "pass",
    "located loader (baseline)": "from generator.load.loader import load_bytes; load_bytes(raw, 'big.yaml')",
    "fast path + checks (ours)": ("import datetime as dt; from generator.check.validation import check_bytes; "
                                  "doc, problems = check_bytes(raw, 'big-example.yaml', dt.date.today()); "
                                  "assert doc.source is None, problems[:3]"),
}
PROBE = """
import gc, resource, sys, time
from pathlib import Path
import generator.check.validation, generator.load.loader
raw = Path(sys.argv[1]).read_bytes()
page = resource.getpagesize()
before = int(Path("/proc/self/statm").read_text().split()[1]) * page / 2**20
start = time.process_time()
{work}
spent = time.process_time() - start
after = int(Path("/proc/self/statm").read_text().split()[1]) * page / 2**20
print(spent, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, before, after)
"""


def big_file(folder: Path, megabytes: float) -> Path:
    rng = random.Random(1)
    pool: list = []
    entities = int(megabytes * 4_000)
    doc = make_disclosure(rng, 0, pool, entities)
    doc["company"]["id"] = "big-example"
    path = folder / "big-example.yaml"
    path.write_text(dump(doc), encoding="utf-8")
    return path


def measure(path: Path) -> dict[str, dict[str, float]]:
    found = {}
    for name, work in WORK.items():
        done = subprocess.run([sys.executable, "-c", PROBE.format(work=work), str(path)], capture_output=True,
                              text=True, check=True)
        seconds, peak, before, after = map(float, done.stdout.split())
        # Importing the package peaks above what the load adds; the load's own share is what
        # resident memory holds once it is done, over what it held before.
        found[name] = {"cpu_s": round(seconds, 2), "process_peak_mb": round(peak, 1),
                       "resident_before_mb": round(before, 1), "resident_after_mb": round(after, 1),
                       "added_by_load_mb": round(after - before, 1)}
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.big_file", description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=5.0)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        path = big_file(Path(tmp), args.megabytes)
        size = path.stat().st_size
        results = measure(path)
    base, ours = results["located loader (baseline)"], results["fast path + checks (ours)"]
    summary = {"file_mb": round(size / 1e6, 2), "results": results,
               "ours / baseline, time": round(ours["cpu_s"] / base["cpu_s"], 2),
               "goal: loading adds <= 150 MB": ours["added_by_load_mb"] <= 150,
               "goal: time within 1.5x": ours["cpu_s"] <= 1.5 * base["cpu_s"]}
    print(json.dumps(summary, indent=2))
    print(f"wrote {save('big_file', summary)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
