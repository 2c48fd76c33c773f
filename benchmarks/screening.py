"""Precision and recall of watchlist screening on a labelled set; speed against naive N×M.

    python -m benchmarks.screening [--labels tests/data/screening-labels.csv]

The labelled set holds spelling, script, legal-form, transliteration and alias variants
of listed names (each labelled with the listed name it should find), the invented
entity names of the example disclosures, and hard negatives that share words with listed
names. Precision and recall are counted per (entity, listed name) pair. The speed part
screens synthetic entities against a synthetic 100,000-name list, once with token
blocking and once comparing every pair of a small sample, and prints the ratio.
"""

from __future__ import annotations

import argparse
import csv
import random
import time
from pathlib import Path

from generator.model import Entity
from generator.pipeline import DEFAULTS
from generator.registry.names import normalise
from generator.registry.screening import SCORER, THRESHOLD, Index, screen_entity
from generator.registry.watchlists import Listed, Watchlist, load_watchlist

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "tests" / "data" / "screening-labels.csv"
WATCHLIST = DEFAULTS / "watchlists" / "uflpa-entity-list.csv"


def entity(row: dict[str, str], i: int) -> Entity:
    aliases = tuple(a for a in row.get("aliases", "").split(";") if a)
    return Entity("suppliers", f"e{i}", row["name"], "CN", "supplier", local_name=row.get("local_name", ""),
                  aliases=aliases)


def measure(labels: Path, threshold: float) -> tuple[float, float, list[str]]:
    watchlist, _ = load_watchlist(WATCHLIST)
    assert watchlist is not None
    index = Index.of([watchlist])
    tp = fp = fn = 0
    errors = []
    with open(labels, encoding="utf-8", newline="") as f:
        for i, row in enumerate(csv.DictReader(f)):
            found = {listed.name for listed, _, _ in screen_entity(entity(row, i), index, threshold)}
            expected = {row["expected"]} if row["expected"] else set()
            tp += len(found & expected)
            fp += len(found - expected)
            fn += len(expected - found)
            errors += [f"  false positive: {row['name']!r} → {n!r}" for n in sorted(found - expected)]
            errors += [f"  missed: {row['name']!r} ({row['kind']})" for n in sorted(expected - found)]
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, errors


def synthetic(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    places = ["xinjiang", "hebei", "anhui", "henan", "jiangsu", "baotou", "aksu", "hami", "shandong"]
    syllables = ["zhong", "tai", "hua", "fu", "xin", "ya", "mei", "long", "jin", "bao", "yu", "sheng", "da", "qo"]
    trades = ["textile", "cotton", "silicon", "food", "trade", "mining", "solar", "chemical", "logistics"]
    return [f"{rng.choice(places)} {''.join(rng.sample(syllables, 2))}{rng.randrange(1000)} "
            f"{rng.choice(trades)} co., ltd." for _ in range(n)]


def speed(listed_count: int = 100_000, entities: int = 200) -> None:
    names = synthetic(listed_count)
    listed = tuple(Listed("synthetic", n) for n in names)
    start = time.perf_counter()
    index = Index.of([Watchlist("synthetic", "synthetic", listed)])
    built = time.perf_counter() - start
    probes = [Entity("suppliers", f"p{i}", n, "CN", "supplier") for i, n in enumerate(synthetic(entities, seed=11))]
    start = time.perf_counter()
    for probe in probes:
        screen_entity(probe, index)
    blocked = (time.perf_counter() - start) / entities
    keys = [k for k, _ in index.keys]
    sample = probes[:5]
    start = time.perf_counter()
    for probe in sample:
        key = normalise(probe.name)
        for other in keys:
            SCORER(key, other, score_cutoff=THRESHOLD)
    naive = (time.perf_counter() - start) / len(sample)
    print(f"speed, {listed_count:,} listed names: index built in {built:.2f} s; per entity blocked "
          f"{blocked * 1000:.2f} ms vs naive all-pairs {naive * 1000:.1f} ms (baseline) "
          f"= {naive / blocked:.0f}× faster")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labels", type=Path, default=LABELS)
    parser.add_argument("--no-speed", action="store_true")
    args = parser.parse_args()
    print("threshold  precision  recall")
    for threshold in (75, 80, 85, 88, 90, 92, 95, 100):
        precision, recall, _ = measure(args.labels, threshold)
        mark = "  ← THRESHOLD" if threshold == THRESHOLD else ""
        print(f"{threshold:9}  {precision:9.3f}  {recall:6.3f}{mark}")
    precision, recall, errors = measure(args.labels, THRESHOLD)
    print(f"at THRESHOLD {THRESHOLD:g}: precision {precision:.3f}, recall {recall:.3f}")
    print("\n".join(errors))
    if not args.no_speed:
        speed()


if __name__ == "__main__":
    main()
