"""Mentions of one name in one country across its towns, or without one: the pairs worth comparing.

A town's own pairs are compared in `towns`; here, each mention with the mentions of its name in
other towns or in none, as few as the mentions allow (`name_pairs`)."""

from __future__ import annotations

import heapq
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from itertools import islice

from ..model import Entity
from .sites import NameKeys


def vague(entity: Entity) -> bool:
    """No place and no number: each comparison with it has nothing to compare (`same_place` is None)."""
    return not (entity.city or entity.address or entity.coordinates or entity.subdivision or entity.identifiers)


CROWD = 3   # vague mentions of one name: each could be any of the others, so none joins any
PAIRS_EACH = 64   # pairs across towns for each mention of a name, at most; a name with more is too common


def name_pairs(entities: Sequence[Entity], keys: Sequence[NameKeys], city: Sequence[str],
               crowded: list[int] | None = None, common: list[list[int]] | None = None) -> Iterator[tuple[int, int]]:
    """Pairs i < j sharing a name key in a country but not a town (a town's pairs are in `towns`).

    With `crowded` and `common`, the pairs stay as many as the mentions, times `PAIRS_EACH`:
    - where `CROWD` or more mentions of a name (their only one) are `vague`, each could be any of the others
      and so joins none, and each other mention of that name could be several: their pairs are left out,
      and the other mentions are put in `crowded` (pairs: vague mentions × the name's);
    - a name with more pairs than that (thousands of mentions without a town, or in towns written two ways)
      is put in `common` instead of its pairs, to be compared by place, and its mentions in `crowded`:
      whether one could be several is not known without every pair."""
    names: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, entity in enumerate(entities):
        for key, _ in keys[i]:
            names[(entity.country, key)].append(i)
    for (_, key), members in sorted(names.items()):
        if crowded is not None:
            lone = {i for i in members if len(keys[i]) == 1 and vague(entities[i])}
            if len(lone) >= CROWD:
                members = [i for i in members if i not in lone]
                crowded.extend(members)
            if common is not None and _pairs_across(members, city) > PAIRS_EACH * len(members):
                common.append(members)
                crowded.extend(members)
                continue
        for i, j in _across_towns(members, city):
            if first_shared(key, keys[i], keys[j]):   # once, under the first key they share
                yield i, j


def _pairs_across(members: list[int], city: Sequence[str]) -> int:
    """How many pairs `_across_towns` gives."""
    towns = Counter(city[i] for i in members if city[i])
    return len(members) * (len(members) - 1) // 2 - sum(n * (n - 1) // 2 for n in towns.values())


def _across_towns(members: list[int], city: Sequence[str]) -> Iterator[tuple[int, int]]:
    """Pairs i < j of `members` (ascending) not of one city, in that order, never walking a pair of one city
    (compared in `towns`): a town's thousands of mentions of one name are not thousands squared steps."""
    by_city: dict[str, list[int]] = defaultdict(list)
    for i in members:
        by_city[city[i]].append(i)
    if len(by_city) == 1 and "" not in by_city:   # one town: all of its pairs are its own
        return
    for i in members:
        later = (islice(town, bisect_right(town, i), None) for c, town in by_city.items() if not (c and c == city[i]))
        for j in heapq.merge(*later):
            yield i, j


def first_shared(key: str, a: NameKeys, b: NameKeys) -> bool:
    if len(a) == 1 or len(b) == 1:   # most entities have one name key: `key` is then the only one shared
        return True
    return key == min({k for k, _ in a} & {k for k, _ in b})
