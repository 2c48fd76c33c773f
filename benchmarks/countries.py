"""How many country spellings from real lists the importer resolves, and how many wrongly.

    python -m benchmarks.countries

tests/data/countries.csv holds strings seen in published supplier lists, Open Supply
Hub and common normalisers, each with the right ISO alpha-2 code (empty where the
string is ambiguous or no country, where the right answer is a located error). The
alias table was written with that list in view; tests/data/countries-holdout.csv holds
30 further spellings (abbreviations, hyphens, typos, other languages) it was not, so its
count shows what the general rules resolve. Unresolved is never wrong: it is an error
that lists candidates.
"""

from __future__ import annotations

import csv
import time
from pathlib import Path

from generator.check.countries import resolve

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"


def main() -> None:
    for name in ("countries.csv", "countries-holdout.csv"):
        print(f"== {name}")
        measure(DATA / name)


def measure(path: Path) -> None:
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    start = time.perf_counter()
    answers = [(row["text"], row["iso2"], resolve(row["text"]).code) for row in rows]
    took = time.perf_counter() - start
    known = [a for a in answers if a[1]]
    right = sum(1 for _, want, got in known if got == want)
    wrong = [(t, w, g) for t, w, g in answers if g and g != w]
    refused = sum(1 for _, want, got in answers if not want and not got)
    print(f"strings: {len(answers)} ({len(known)} with a country, {len(answers) - len(known)} without)")
    print(f"resolved correctly: {right}/{len(known)}")
    print(f"silently wrong: {len(wrong)} {wrong if wrong else ''}")
    print(f"no-country strings refused with an error: {refused}/{len(answers) - len(known)}")
    print(f"unresolved: {[t for t, w, g in known if not g]}")
    print(f"time: {took * 1000:.1f} ms for all, first call included")


if __name__ == "__main__":
    main()
