"""Which mentions the grouping could ever join, as parts: the groups of a part depend on its mentions alone.

Two mentions meet only through what they share: an identifier, a name key in one country, or
two close spellings in one town. Each of those is a node; a part is the mentions whose nodes
are linked, so a change to one company can move a mention only between the groups of the parts
it touched, and a rebuild groups those again and keeps every other part's groups.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from typing import Any

from ..model import Entity
from . import sites

Towns = Mapping[sites.Block, tuple[Sequence[sites.NameKeys], Sequence[tuple[int, int]]]]


def name_node(country: str, key: str) -> str:
    return f"n\0{country}\0{key}"


def identifier_node(scheme: str, value: str) -> str:
    return f"i\0{scheme}\0{value}"


def nodes(entity: Entity, names: sites.NameKeys) -> list[str]:
    """What an entity may share with another: its identifiers, and each name key in its country."""
    return [*(identifier_node(scheme, value) for scheme, value in entity.identifiers.items()),
            *(name_node(entity.country, key) for key, _ in names)]


def close_links(towns: Towns) -> list[tuple[str, str]]:
    """A node of each of two close spellings of one town (the spelling's other keys are linked by its mentions)."""
    return [(name_node(country, spellings[x][0][0]), name_node(country, spellings[y][0][0]))
            for (country, _), (spellings, close) in towns.items() for x, y in close]


def parts(entities: Sequence[Entity], names: Sequence[sites.NameKeys],
          towns: Towns) -> tuple[list[int], dict[str, int]]:
    """Each entity's part (-1 when it shares nothing with any other) and each node's, numbered from 0."""
    parent = list(range(len(entities)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(i: int, j: int) -> None:
        a, b = root(i), root(j)
        if a != b:
            parent[max(a, b)] = min(a, b)

    holder: dict[tuple[str, ...], int] = {}   # a node, as (scheme, value, "") or (country, key): its first entity
    for i, (entity, keys) in enumerate(zip(entities, names, strict=True)):
        for scheme, value in entity.identifiers.items():
            if (j := holder.setdefault((scheme, value, ""), i)) != i:
                join(i, j)
        for key, _ in keys:
            if (j := holder.setdefault((entity.country, key), i)) != i:
                join(i, j)
    for (country, _), (spellings, close) in towns.items():
        for x, y in close:
            a, b = holder.get((country, spellings[x][0][0])), holder.get((country, spellings[y][0][0]))
            if a is not None and b is not None:
                join(a, b)
    number: dict[int, int] = {}
    part = [number.setdefault(root(i), len(number)) if entities[i].identifiers or names[i] else -1
            for i in range(len(entities))]
    return part, {(identifier_node(*node[:2]) if len(node) == 3 else name_node(*node)): part[i]
                  for node, i in holder.items()}


def prints(entities: Sequence[Entity], written: Mapping[tuple[Any, ...], list[int]]) -> list[str]:
    """Each entity's print: a digest of all the grouping reads of it, and its id. An entity of a changed
    company with the print it had is grouped as before (a digest made once per way of writing)."""
    found = [""] * len(entities)
    for key, members in written.items():
        digest = hashlib.sha256(repr(key).encode("utf-8", "surrogatepass")).hexdigest()[:16]
        for i in members:
            found[i] = f"{digest} {entities[i].id}"
    return found
