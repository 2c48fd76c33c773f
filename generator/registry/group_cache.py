"""What the cross-firm grouping keeps between builds: each name's key, each town's close spellings.

Both depend only on the texts compared and the code, so the entry is salted with the code
version alone and holds no company: a rebuild after one disclosure changed normalises only
its new names and scores only its new spellings against their towns. The entry is one file
(a file per company would cost more to make than it saves). An entry that does not read back
as exactly the expected shape is a miss, and everything is worked out again.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..check.cache import JsonStore, code_version
from . import sites
from .grouping import Known
from .registry import Registry, SharedEntity

_ENTRY = "grouping"


def _spelling(row: Any) -> sites.NameKeys | None:
    if not (isinstance(row, list) and row and all(type(k) is str and k for k in row)):
        return None
    return sites.keys_of(tuple(row))


def _town(row: Any) -> tuple[sites.Block, list[sites.NameKeys], list[tuple[int, int]]] | None:
    if not (isinstance(row, list) and len(row) == 4 and type(row[0]) is str and type(row[1]) is str
            and isinstance(row[2], list) and isinstance(row[3], list)):
        return None
    spellings = [_spelling(s) for s in row[2]]
    if None in spellings:
        return None
    pairs = _pairs(row[3], len(spellings))
    return None if pairs is None else ((row[0], row[1]), spellings, pairs)  # type: ignore[return-value]


def _pairs(rows: Any, count: int) -> list[tuple[int, int]] | None:
    """Pairs x < y of indexes below `count`."""
    if not isinstance(rows, list):
        return None
    pairs = []
    for pair in rows:
        if not (isinstance(pair, list) and len(pair) == 2 and all(type(x) is int for x in pair)
                and 0 <= pair[0] < pair[1] < count):
            return None
        pairs.append((pair[0], pair[1]))
    return pairs


def known(entry: Any) -> Known:
    """What an entry holds, or nothing known when any part of it is not as written."""
    if not (isinstance(entry, dict) and isinstance(entry.get("keys"), dict) and isinstance(entry.get("towns"), list)):
        return Known()
    keys = entry["keys"]
    if not all(type(v) is str for v in keys.values()):
        return Known()
    towns = [_town(row) for row in entry["towns"]]
    if None in towns:
        return Known()
    return Known(keys, {block: (spellings, pairs) for block, spellings, pairs in towns})  # type: ignore[misc]


def entry(found: Known) -> dict[str, Any]:
    """What this build used, to be known by the next."""
    towns = [[country, city, [[k for k, _ in s] for s in spellings], [list(p) for p in pairs]]
             for (country, city), (spellings, pairs) in sorted(found.used_towns.items())]
    return {"keys": found.used_keys, "towns": towns}


def grouped(registry: Registry, folder: Path | None) -> tuple[SharedEntity, ...]:
    """`registry.shared_entities`, with what the last build in `folder` knew: the same groups, sooner."""
    store = JsonStore.open(folder, f"grouping\0{code_version()}") if folder is not None else None
    if store is None or "shared_entities" in registry.__dict__:   # grouped already: nothing was learnt
        return registry.shared_entities
    found = known(store.get(_ENTRY))
    shared = registry.group(found)
    if found.used_keys != found.keys or found.used_towns != found.towns:
        store.put(_ENTRY, entry(found))
    store.prune()   # the entry read above is kept; one of another code version goes
    return shared
