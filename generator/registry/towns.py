"""Joins within one town, where a slip in a name may still be one site.

The entities of one spelling and one place (`place`: all that `sites.same_place` and
`sites.different_sites` read) are alike to every other entity, so each pair of places is
decided once and its verdict joins all of their entities. A town's verdicts depend only on
its spellings and places, so a rebuild may take them from the last build (`join_known`):
only a new spelling or place of the town is compared with the rest.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from ..model import Entity
from . import sites

Place = tuple[Any, ...]
Kind = tuple[sites.NameKeys, Place]          # a spelling at a place
# a town's kinds, whether each is one site by itself, and the pairs of kinds that are one site
TownEntry = tuple[list[Kind], list[bool], list[tuple[int, int]]]
Spellings = list[tuple[sites.NameKeys, list[int]]]


def place(e: Entity) -> Place:
    """All that `sites.same_place` and `sites.different_sites` read of an entity."""
    return (e.coordinates, e.subdivision, e.city, e.address, *(e.identifiers.get(s) for s in sites.SITE_IDENTIFIERS))


class Town:
    def __init__(self, join: Callable[[int, int], None], root: Callable[[int], int], entities: list[Entity]) -> None:
        self._join, self.root, self.entities = join, root, entities
        self.verdicts: dict[tuple[Place, Place], bool] = {}

    def agree(self, a: int, b: int, places: tuple[Place, Place]) -> bool:
        found = self.verdicts.get(places)
        if found is None:
            x, y = self.entities[a], self.entities[b]
            found = self.verdicts[places] = not sites.different_sites(x, y) and bool(sites.same_place(x, y))
        return found

    def link(self, one: list[int], other: list[int]) -> None:
        """Every entity of `one` joined with every entity of `other`: one group (they may be the same list)."""
        for i in one:
            self._join(i, other[0])
        for j in other:
            self._join(j, one[0])

    def _kinds(self, members: list[int]) -> list[tuple[Place, list[int]]]:
        by_place: dict[Place, list[int]] = {}
        for i in members:
            by_place.setdefault(place(self.entities[i]), []).append(i)
        return list(by_place.items())

    def join(self, spellings: Spellings, close: list[tuple[int, int]]) -> None:
        """A cold build's joins: a pair of places already one group is not compared."""
        classes = [self._spelling(members) for _, members in spellings]
        for x, y in close:
            if not sites.close_names(spellings[x][0], spellings[y][0]):
                continue
            for where, one, whole in classes[x]:
                for other_where, other, other_whole in classes[y]:
                    # two places, each one group already, that are one group: nothing to decide
                    if whole and other_whole and self.root(one[0]) == self.root(other[0]):
                        continue
                    if self.agree(one[0], other[0], (where, other_where)):
                        self.link(one, other)

    def _spelling(self, members: list[int]) -> list[tuple[Place, list[int], bool]]:
        """The entities of one spelling by place, joined; each place with whether it is one group."""
        places = [(where, one, len(one) == 1 or self.agree(one[0], one[0], (where, where)))
                  for where, one in self._kinds(members)]
        for x, (where, one, whole) in enumerate(places):
            if whole and len(one) > 1:
                self.link(one, one)
            for other_where, other, _ in places[x + 1:]:
                if self.agree(one[0], other[0], (where, other_where)):
                    self.link(one, other)
        return places

    def join_known(self, spellings: Spellings, close: list[tuple[int, int]], before: TownEntry | None) -> TownEntry:
        """`join`, with the verdicts of the kinds the town had `before`; every pair of kinds that is
        one site is found (none skipped), so that the next build may take them all."""
        kinds: list[Kind] = []
        members: list[list[int]] = []
        of_spelling: list[list[int]] = []
        for spelling, entities in spellings:
            of_spelling.append([])
            for where, one in self._kinds(entities):
                of_spelling[-1].append(len(kinds))
                kinds.append((spelling, where))
                members.append(one)
        at = {kind: k for k, kind in enumerate(kinds)}
        old_kinds, old_whole, old_pairs = before or ([], [], [])
        now = [at.get(kind) for kind in old_kinds]
        whole: list[bool | None] = [None] * len(kinds)
        for k, was in zip(now, old_whole, strict=True):
            if k is not None:
                whole[k] = was
        pairs = {(min(a, b), max(a, b)) for x, y in old_pairs
                 if (a := now[x]) is not None and (b := now[y]) is not None}
        near: dict[int, list[int]] = defaultdict(list)
        for x, y in close:
            if sites.close_names(spellings[x][0], spellings[y][0]):
                near[x].append(y)
                near[y].append(x)
        for x, spelled in enumerate(of_spelling):
            others = [*spelled, *(k for y in near[x] for k in of_spelling[y])]
            for k in spelled:
                if whole[k] is not None:
                    continue   # known, and so are its pairs with every kind known before
                whole[k] = len(members[k]) == 1 or self.agree(members[k][0], members[k][0], (kinds[k][1],) * 2)
                pairs.update((min(k, o), max(k, o)) for o in others
                             if o != k and self.agree(members[k][0], members[o][0], (kinds[k][1], kinds[o][1])))
        for k, one in enumerate(members):
            if whole[k] and len(one) > 1:
                self.link(one, one)
        for a, b in sorted(pairs):
            if whole[a] and whole[b]:
                self._join(members[a][0], members[b][0])
            else:
                self.link(members[a], members[b])
        return kinds, [bool(w) for w in whole], sorted(pairs)
