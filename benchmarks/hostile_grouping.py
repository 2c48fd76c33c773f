"""How the cross-firm grouping grows with one name written thousands of ways, against a registry of as many
mentions that share nothing.

    python -m benchmarks.hostile_grouping [--mentions 4000]

Baseline: the same number of suppliers, each with a name of its own in a town of its own, grouped the same
way. Each shape is grouped at N and 4N mentions over two firms; the growth (time at 4N over time at N) is 4
for a grouping linear in its mentions and 16 for one that compares them in pairs, and the ratio is the
shape's time over the baseline's at 4N.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from typing import Any

from generator.model import Disclosure
from generator.registry.registry import Registry

NAME = "Dongguan Hengli Precision Electronics Co., Ltd."
STREETS = ("Industrial Road", "Xinhua Street", "Tangxia Avenue", "Huangjiang Lu")
USCC = "91441900MA4UHENG1X"
Shape = Callable[[int], dict[str, Any]]


def _letters(i: int) -> tuple[str, str, str]:
    return chr(97 + i % 26), chr(97 + i // 26 % 26), chr(97 + i // 676 % 26)


SHAPES: dict[str, Shape] = {
    "baseline: names and towns of their own": lambda i: {"name": f"Supplier {''.join(_letters(i))} {i}",
                                                         "city": f"Town {i}"},
    "one town, a plot each": lambda i: {"name": NAME, "city": "Dongguan",
                                        "address": f"No. {i} {STREETS[i % 4]}"},
    "one town, no plot numbers": lambda i: {"name": NAME, "city": "Dongguan",
                                            "address": f"{STREETS[i % 4]} Block {''.join(_letters(i))}"},
    "one town, names No. 1 to No. N": lambda i: {"name": f"Hengli Garments No. {i}", "city": "Dongguan"},
    "a quarter with no place": lambda i: {"name": NAME} if i % 4 == 0 else {"name": NAME, "city": "Dongguan"},
    "a quarter with an address, no city": lambda i: {
        "name": NAME, "address": f"No. {i} Industrial Road, Dongguan", **({} if i % 4 == 0 else {"city": "Dongguan"})},
    "names a letter from each other": lambda i: {
        "name": "Dongguan Heng{}i Precisi{}n Electronics Manufactu{}ing Company".format(*_letters(i)),
        "city": "Dongguan"},
    "100 spellings, each at many plots": lambda i: {
        "name": "Dongguan Heng{}i Precisi{}n Electronics".format(*_letters(i % 100)), "city": "Dongguan",
        "address": f"No. {i} Industrial Road"},
    "a site each firm gives its own alias": lambda i: {"name": NAME, "city": "Dongguan",
                                                       "aliases": [f"Hengli Trade Name {i}"]},
    "numbered sites, each named by two firms": lambda i: {
        "name": f"Supplier {''.join(_letters(i // 2))}", "city": f"Town {i // 2}",
        "identifiers": {"duns": f"{i // 2:09d}", "uscc": f"91330600MA{i // 2:08d}"}},
    "one USCC, a DUNS each (a quarter none)": lambda i: {
        "name": NAME, "city": "Dongguan",
        "identifiers": {"uscc": USCC, **({} if i % 4 == 0 else {"duns": f"{i:09d}"})}},
}


def registry(shape: Shape, mentions: int) -> Registry:
    firms = []
    for k in range(2):
        suppliers = [{"id": f"s{i}", "country": "CN", "relationship": "supplier", **shape(i)}
                     for i in range(k, mentions, 2)]
        firms.append(Disclosure.of({"schema_version": "1.1", "company": {"id": f"firm-{k}", "name": f"Firm {k}"},
                                    "disclosure": {"period": {"start": "2025", "end": "2025"}, "published": "2026"},
                                    "suppliers": suppliers}))
    return Registry.of(firms)


def grouped(shape: Shape, mentions: int) -> float:
    found = registry(shape, mentions)
    start = time.perf_counter()
    found.shared_entities   # noqa: B018 (grouped on first reading)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mentions", type=int, default=4000, help="N: each shape is grouped at N and 4N")
    n = parser.parse_args().mentions
    rows = {name: (grouped(shape, n), grouped(shape, 4 * n)) for name, shape in SHAPES.items()}
    base = rows["baseline: names and towns of their own"][1]
    print(f"{'shape':40} {'N s':>7} {'4N s':>7} {'growth':>7} {'ratio':>7}   (N = {n:,} mentions)")
    for name, (small, large) in rows.items():
        print(f"{name:40} {small:7.2f} {large:7.2f} {large / max(small, 1e-6):6.1f}x {large / base:6.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
