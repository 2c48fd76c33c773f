"""The cross-firm grouping kept between builds, part by part (`parts`): a rebuild groups again
only the parts that a changed, added or deleted company touches, and keeps every other part's
groups, named as they were.

The entry is salted with the code version and holds, for the last build: each company's file
digest and sorting name, and each of its entities' part and print (`parts.prints`: of a changed
company, only the entities that read otherwise are grouped again); each node's part; each town's spellings (to find the
parts a new spelling is close to); and each group, with its members as (company number, entity
position). Company numbers are kept from build to build, so a rebuild rewrites only what it
grouped again. An entry that does not read back as exactly the expected shape is a miss, and
everything is grouped again; so is a build where many companies changed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from operator import getitem
from pathlib import Path
from typing import Any

import numpy

from ..check.cache import JsonStore, code_version
from ..load.loader import collector_paused
from ..model import Disclosure, Entity
from . import grouping, parts, sites
from .grouping import Known
from .registry import Mention, Registry, SharedEntity, mention, naming, unique

_ENTRY = "grouping"
# Set on an entry whose grouping met a crowded town (`sites.MOST_CLOSE`), which is then not kept: a town's
# close spellings are not a part's alone there, and each build groups the registry cold.
_CROWDED = "crowded"
MOST_CHANGED = 0.05   # a larger share of the companies changed: group them all again

Entry = dict[str, Any]


def grouped(registry: Registry, folder: Path | None,
            digests: Mapping[str, str] | None = None) -> tuple[SharedEntity, ...]:
    """`registry.shared_entities`, with what the last build in `folder` kept: the same groups, sooner.
    `digests` (company id → its file's digest) says which companies are as they were."""
    store = JsonStore.open(folder, f"grouping\0{code_version()}") if folder is not None else None
    if store is None or "shared_entities" in registry.__dict__:   # grouped already: nothing was learnt
        return registry.shared_entities
    with collector_paused():
        entry = _checked(store.get(_ENTRY))
        if entry is None or not _again(entry, registry, digests or {}):
            entry = _cold(registry, digests or {})
        shared = registry.__dict__["shared_entities"] = _shared(entry, registry)
    if not entry.pop(_CROWDED, False):
        store.put(_ENTRY, entry)
    store.prune()   # the entry read above is kept; one of another code version goes
    return shared  # type: ignore[no-any-return]


def _ints(values: list[Any], least: int, below: int) -> numpy.ndarray | None:
    """`values` as an array when all are ints from `least` to below `below` (checked in C: a million of them)."""
    try:
        found = numpy.asarray(values) if values else numpy.zeros(0, dtype=numpy.int64)
    except ValueError:   # lists of uneven lengths
        return None
    if found.ndim != 1 or found.dtype.kind not in "iu" or (
            found.size and (found.min() < least or found.max() >= below)):
        return None
    return found


def _checked(entry: Any) -> Entry | None:
    """The entry when every part of it is as written, or None."""
    try:
        companies, of, prints, nodes, towns, groups, following = (
            entry[k] for k in ("companies", "parts", "prints", "nodes", "towns", "groups", "next"))
    except (TypeError, KeyError):
        return None
    if not (isinstance(companies, list) and isinstance(of, list) and len(of) == len(companies)
            and isinstance(prints, list) and len(prints) == len(companies)
            and type(following) is int and following >= 0 and isinstance(nodes, dict) and isinstance(towns, dict)
            and isinstance(groups, list)):
        return None
    for row, own, printed in zip(companies, of, prints, strict=True):
        if row is None and own is None and printed is None:
            continue
        if not (isinstance(row, list) and len(row) == 3 and all(type(t) is str for t in row)
                and isinstance(own, list) and isinstance(printed, list) and len(printed) == len(own)
                and all(type(t) is str for t in printed)):
            return None
    if not all(isinstance(town, list) and all(isinstance(s, list) and s and all(type(k) is str and k for k in s)
                                              for s in town) for town in towns.values()):
        return None
    if _ints(list(nodes.values()), 0, following) is None:
        return None
    return entry if _members_fit(groups, of, following) else None


def _members_fit(groups: list[Any], of: list[Any], following: int) -> bool:
    """Each group is [part, slug, name, country, members as company number, position, ... (the lowest
    first)], and each member is an entity of that part."""
    if not all(isinstance(row, list) and len(row) == 5 and type(row[0]) is int and type(row[1]) is str
               and type(row[2]) is str and type(row[3]) is str and isinstance(row[4], list)
               and len(row[4]) >= 4 and len(row[4]) % 2 == 0 for row in groups):
        return False
    lengths = [0 if own is None else len(own) for own in of]
    flat_parts = _ints([p for own in of if own is not None for p in own], -1, following)
    members = _ints([x for row in groups for x in row[4]], 0, max(len(of), max(lengths, default=0), 1))
    if flat_parts is None or members is None:
        return False
    companies, positions = members[0::2], members[1::2]
    if companies.size and (companies.max() >= len(of) or (positions >= numpy.asarray(lengths)[companies]).any()):
        return False
    starts = numpy.concatenate(([0], numpy.cumsum(lengths)))[:-1]
    expected = numpy.repeat([row[0] for row in groups], [len(row[4]) // 2 for row in groups])
    return bool((flat_parts[starts[companies] + positions] == expected).all()) if companies.size else True


def _cold(registry: Registry, digests: Mapping[str, str]) -> Entry:
    entry: Entry = {"companies": [], "parts": [], "prints": [], "nodes": {}, "towns": {}, "groups": [], "next": 0}
    number: dict[str, int] = {}
    for company in registry.companies:
        _add(entry, number, company, digests)
    _group_again(entry, registry, number, [(c, p) for c in registry.companies for p in range(len(c.entities))])
    return entry


def _add(entry: Entry, number: dict[str, int], company: Disclosure, digests: Mapping[str, str]) -> None:
    """A company new to the entry, under a number of its own; its entities yet to be grouped."""
    number[company.id] = len(entry["companies"])
    entry["companies"].append([company.id, digests.get(company.id, ""), company.name.casefold()])
    entry["parts"].append([-1] * len(company.entities))
    entry["prints"].append([""] * len(company.entities))


def _drop(entry: Entry, k: int) -> set[int]:
    """The company numbered `k` out of the entry; the parts its entities were in."""
    touched = set(entry["parts"][k])
    entry["companies"][k] = entry["parts"][k] = entry["prints"][k] = None
    return touched


def _in_place(entry: Entry, k: int, company: Disclosure) -> list[int] | None:
    """The positions of a changed company's entities that the grouping reads otherwise than before,
    or None when its entities cannot be matched by position (more or fewer, or a name that sorts it
    elsewhere among the companies: its groups' first mentions may change)."""
    old = entry["prints"][k]
    if entry["companies"][k][2] != company.name.casefold() or len(old) != len(company.entities):
        return None
    written: grouping.Written = {}
    for i, entity in enumerate(company.entities):
        written.setdefault(grouping.written_as(entity), []).append(i)
    now = parts.prints(company.entities, written)
    moved = [p for p, (a, b) in enumerate(zip(old, now, strict=True)) if a != b]
    for p in moved:
        old[p] = now[p]
    return moved


def _again(entry: Entry, registry: Registry, digests: Mapping[str, str]) -> bool:
    """The entry made this registry's, grouping again only the parts touched; False when too much changed."""
    number = {row[0]: k for k, row in enumerate(entry["companies"]) if row is not None}
    now = {c.id for c in registry.companies}
    changed = [c for c in registry.companies if c.id not in number or not digests.get(c.id)
               or entry["companies"][number[c.id]][1] != digests[c.id]]
    gone = [k for cid, k in number.items() if cid not in now]
    if len(changed) + len(gone) > max(1, MOST_CHANGED * len(registry.companies)):
        return False
    touched: set[int] = set()
    fresh: list[tuple[Disclosure, int]] = []
    for k in gone:
        touched |= _drop(entry, k)
    for company in changed:
        k = number.get(company.id)
        moved = _in_place(entry, k, company) if k is not None else None
        if k is not None and moved is not None:
            entry["companies"][k][1] = digests.get(company.id, "")
            touched.update(entry["parts"][k][p] for p in moved)
            for p in moved:
                entry["parts"][k][p] = -1
            fresh.extend((company, p) for p in moved)
            continue
        if k is not None:
            touched |= _drop(entry, k)
        _add(entry, number, company, digests)
        fresh.extend((company, p) for p in range(len(company.entities)))
    near = _touched(entry, [company.entities[p] for company, p in fresh])
    if near is None:   # a town crowded now: kept, this entry had none
        return False
    touched |= near
    touched.discard(-1)
    by_id = {c.id: c for c in registry.companies}
    again = list(fresh)
    for k, row in enumerate(entry["companies"]):
        if row is not None and not touched.isdisjoint(entry["parts"][k]):   # most companies are not touched
            again.extend((by_id[row[0]], p) for p, part in enumerate(entry["parts"][k]) if part in touched)
    order = {c.id: k for k, c in enumerate(registry.companies)}
    again.sort(key=lambda m: (order[m[0].id], m[1]))   # the registry's order: a group's lowest member first
    entry["groups"] = [row for row in entry["groups"] if row[0] not in touched]
    entry["nodes"] = {node: part for node, part in entry["nodes"].items() if part not in touched}
    _group_again(entry, registry, number, again)
    return True


def _touched(entry: Entry, entities: list[Entity]) -> set[int] | None:
    """The kept parts that these entities share a node with, or a close spelling; None when the spellings
    they bring make a town crowded (`sites.MOST_CLOSE`)."""
    found: set[int] = set()
    fresh: dict[tuple[str, str], set[sites.NameKeys]] = defaultdict(set)
    for entity in entities:
        names = sites.name_keys(entity)
        found.update(entry["nodes"].get(node, -1) for node in parts.nodes(entity, names))
        if entity.city and names and (city := sites.city_key(entity.city)):
            fresh[(entity.country, city)].add(names)
    for (country, city), spellings in fresh.items():
        kept = [sites.keys_of(tuple(s)) for s in entry["towns"].get(f"{country}\0{city}", [])]
        town = [*kept, *sorted(spellings - set(kept))]
        # A fresh spelling may be one the town had (kept, though no mention may write it now): its close
        # spellings' parts are touched as a new one's are. Every pair is scored: whether the town is crowded now.
        close = sites.close_spellings(town, sites.MOST_CLOSE)
        if close is None:
            return None
        ours = {k for k, s in enumerate(town) if s in spellings}
        for pair in close:
            for x, y in (pair, pair[::-1]):
                if x in ours and y < len(kept):
                    found.add(entry["nodes"].get(parts.name_node(country, kept[y][0][0]), -1))
    return found


def _group_again(entry: Entry, registry: Registry, number: dict[str, int],
                 members: list[tuple[Disclosure, int]]) -> None:
    """Group `members` (whole parts) again and put their parts, nodes, towns and groups in the entry."""
    order = {c.id: k for k, c in enumerate(registry.companies)}
    entities = [company.entities[p] for company, p in members]
    owners = [order[company.id] for company, _ in members]
    known = Known()
    groups, part, nodes, prints = grouping.group_in_parts(entities, owners, known)
    if known.crowded:
        entry[_CROWDED] = True
    start = entry["next"]
    for (company, p), at, print_ in zip(members, part, prints, strict=True):
        entry["parts"][number[company.id]][p] = -1 if at < 0 else start + at
        entry["prints"][number[company.id]][p] = print_
    entry["next"] = start + len(set(nodes.values()))
    entry["nodes"].update((node, start + at) for node, at in nodes.items())
    for (country, city), (spellings, _) in known.used_towns.items():
        town = entry["towns"].setdefault(f"{country}\0{city}", [])
        have = {tuple(s) for s in town}
        town.extend(keys for s in spellings if (keys := [k for k, _ in s]) and tuple(keys) not in have)
    for group in groups:
        base, name = naming([entities[i] for i in group], known.normalised)
        ranked = sorted(group, key=lambda i: (members[i][0].id, entities[i].id))   # stable: `in_order`
        flat = [x for i in ranked for x in (number[members[i][0].id], members[i][1])]
        first = number[members[group[0]][0].id], members[group[0]][1]
        entry["groups"].append([start + part[group[0]], base, name, entities[group[0]].country,
                                [*first, *flat]])


def _shared(entry: Entry, registry: Registry) -> tuple[SharedEntity, ...]:
    """The shared entities of the entry's groups, in the order and with the slugs of a cold build."""
    by_id = {c.id: c for c in registry.companies}
    companies = [None if row is None else by_id[row[0]] for row in entry["companies"]]
    entities = [None if c is None else c.entities for c in companies]
    offset, at = {}, 0
    for company in registry.companies:
        offset[company.id], at = at, at + len(company.entities)
    rows = []
    for _, base, name, country, members in entry["groups"]:
        first = companies[members[0]].id   # type: ignore[union-attr]
        rows.append((base, name, first, offset[first] + members[1], country, members))
    rows.sort(key=lambda r: r[:4])

    def mentions(members: list[int]) -> tuple[Mention, ...]:
        ks, ps = members[2::2], members[3::2]
        return tuple(map(mention, map(companies.__getitem__, ks), map(getitem, map(entities.__getitem__, ks), ps)))

    return tuple(unique((base, name, country, mentions(members)) for base, name, _, _, country, members in rows))
