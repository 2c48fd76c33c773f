"""Precision and recall of recognising one site across two firms' disclosures.

    python -m benchmarks.matching [--pairs tests/data/site-pairs.csv] [--show]

Each labelled pair is two entities, one in each of two disclosures; the pair counts as
matched when the registry makes them one shared entity (an entity page on the site).
The set holds the patterns of published lists: legal forms and punctuation, case and
spaces, city spellings, name spacing, renamed sites with one os_id (positives); a
group's plants in other towns, sister plants and similar names in one town, other plots,
other countries, other os_ids, far-apart coordinates (negatives). Goal: P ≥ 0.98, R ≥ 0.9.
"""

from __future__ import annotations

import argparse
import csv
import time
from collections import Counter
from pathlib import Path
from typing import Any

from generator.model import Disclosure
from generator.registry.registry import Registry

ROOT = Path(__file__).resolve().parent.parent
PAIRS = ROOT / "tests" / "data" / "site-pairs.csv"


def _entity(row: dict[str, str], side: str) -> dict[str, Any]:
    get = {k[2:]: v for k, v in row.items() if k.startswith(f"{side}_") and v}
    entity: dict[str, Any] = {"id": "site", "name": get["name"], "country": get["country"],
                              "relationship": "supplier"}
    for key in ("city", "address"):
        if key in get:
            entity[key] = get[key]
    if "os_id" in get:
        entity["identifiers"] = {"os_id": get["os_id"]}
    if "lat" in get:
        entity["coordinates"] = {"lat": float(get["lat"]), "lon": float(get["lon"])}
    return entity


def _firm(firm: str, entity: dict[str, Any]) -> Disclosure:
    return Disclosure.of({"schema_version": "1.1", "company": {"id": firm, "name": firm},
                          "disclosure": {"period": {"start": "2025", "end": "2025"}, "published": "2026"},
                          "suppliers": [entity]})


def matched(row: dict[str, str]) -> bool:
    registry = Registry.of([_firm("firm-a", _entity(row, "a")), _firm("firm-b", _entity(row, "b"))])
    return bool(registry.shared_entities)


def load(path: Path = PAIRS) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def score(rows: list[dict[str, str]]) -> tuple[float, float, list[tuple[dict[str, str], bool]]]:
    results = [(row, matched(row)) for row in rows]
    tp = sum(1 for r, m in results if m and r["same"] == "1")
    fp = sum(1 for r, m in results if m and r["same"] == "0")
    fn = sum(1 for r, m in results if not m and r["same"] == "1")
    return tp / max(tp + fp, 1), tp / max(tp + fn, 1), results


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pairs", type=Path, default=PAIRS)
    parser.add_argument("--show", action="store_true", help="list the pairs decided wrongly")
    args = parser.parse_args()
    rows = load(args.pairs)
    start = time.perf_counter()
    precision, recall, results = score(rows)
    took = time.perf_counter() - start
    wrong = [(r, m) for r, m in results if m != (r["same"] == "1")]
    print(f"pairs: {len(rows)} ({sum(r['same'] == '1' for r in rows)} same site, "
          f"{sum(r['same'] == '0' for r in rows)} different)")
    print(f"precision: {precision:.3f}  recall: {recall:.3f}  (goal: P >= 0.98, R >= 0.9)")
    print(f"wrong by pattern: {dict(Counter(r['pattern'] for r, _ in wrong))}")
    print(f"time: {took:.2f} s for {len(rows)} two-firm registries")
    if args.show:
        for r, m in wrong:
            print(f"  {'matched' if m else 'missed'} [{r['pattern']}] {r['a_name']} | {r['a_city']} | {r['a_address']}"
                  f"  <>  {r['b_name']} | {r['b_city']} | {r['b_address']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
