"""Joins within one town, where a slip in a name may still be one site.

The entities of one spelling and one place (`place`: all that `sites.same_place` reads) are
alike to every other entity, so each pair of places is decided once and its verdict joins all
of their entities; their identifiers are weighed as each joins (`join` refuses two groups
with two numbers of one scheme), so a town's many numbered firms are not each a place of its
own. (The verdicts are not kept between builds.)

A name written at a few hundred places in one town has each place compared with every other;
so has a cluster of spellings that share a name or are a slip apart, as one.
Beyond that (a supplier of thousands of firms, each writing its address its own way, or a hostile
file of 60,000 addresses under one name) each place is compared with the `WINDOW` places nearest
it in the order of each number in its address, then its words sorted, so that the work grows with
the places, not their square: the places of one site written alike stand side by side there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import chain, combinations
from typing import Any

from ..model import Entity
from . import sites

Place = tuple[Any, ...]
Spellings = list[tuple[sites.NameKeys, list[int]]]

ALL_PAIRS = 50_000   # pairs of places compared all with all (and `WINDOW` for each place, at least)
WINDOW = 16          # beyond, the places each is compared with: its nearest in address order


def place(e: Entity) -> Place:
    """All that `sites.same_place` reads of an entity."""
    return e.coordinates, e.subdivision, e.city, e.address


NUMBERS_READ = 4     # of an address's numbers, those that each place a place in the order


def _orders(where: Place) -> list[tuple[str, str, str]]:
    """Where a place stands among others: beside each number of its address (two addresses with numbers
    are one site only when they share one: `sites.same_place`), then by the address's words, sorted."""
    address = sites.fold(where[3]) if where[3] else ""
    words = " ".join(sorted(address.split()))
    numbers = sites.digits_key(address).split()[:NUMBERS_READ] or [""]
    return [(number, words, repr(where)) for number in numbers]


def nearby(places: Sequence[Place]) -> Iterator[tuple[int, int]]:
    """The pairs x < y of `places` to compare: every pair while they are few; beyond, each place with the
    `WINDOW` after it in each order it stands in (`_orders`), each pair once."""
    if len(places) * (len(places) - 1) // 2 <= max(ALL_PAIRS, WINDOW * len(places)):
        yield from combinations(range(len(places)), 2)
        return
    ranked = sorted((order, i) for i, where in enumerate(places) for order in _orders(where))
    seen: set[tuple[int, int]] = set()
    for k, (_, i) in enumerate(ranked):
        for _, j in ranked[k + 1:k + 1 + WINDOW]:
            pair = min(i, j), max(i, j)
            if i != j and pair not in seen:
                seen.add(pair)
                yield pair


def _sharing(names: Sequence[set[str]]) -> Iterator[tuple[int, int]]:
    """Each spelling with the first that has a name of it: enough to put them in one cluster."""
    first: dict[str, int] = {}
    for x, keys in enumerate(names):
        for key in sorted(keys):
            y = first.setdefault(key, x)
            if y != x:
                yield y, x


def _clusters(count: int, pairs: Iterable[tuple[int, int]]) -> list[list[int]]:
    """The spellings that `pairs` link, as clusters of two or more, each in index order."""
    parent = list(range(count))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for x, y in pairs:
        a, b = root(x), root(y)
        if a != b:
            parent[max(a, b)] = min(a, b)
    found: dict[int, list[int]] = {}
    for i in range(count):
        found.setdefault(root(i), []).append(i)
    return [members for members in found.values() if len(members) > 1]


class Town:
    def __init__(self, join: Callable[[int, int], None], root: Callable[[int], int],
                 numbers: Sequence[Mapping[str, str]], entities: list[Entity]) -> None:
        """`numbers`: each entity's own `sites.decisive` identifiers."""
        self._join, self.root, self.numbers, self.entities = join, root, numbers, entities
        self.verdicts: dict[tuple[Place, Place], bool] = {}

    def agree(self, a: int, b: int, places: tuple[Place, Place]) -> bool:
        found = self.verdicts.get(places)
        if found is None:
            x, y = self.entities[a], self.entities[b]
            found = self.verdicts[places] = bool(sites.same_place(x, y))
        return found

    def link(self, one: list[int], other: list[int]) -> None:
        """Every entity of `one` joined with every entity of `other`: one group (they may be the same list),
        as far as their numbers let them (`join`). Each is joined with two of each set of schemes that give
        other numbers: enough for `join` to know that it could be either, so neither; at most 64 joins each,
        however many numbered firms a hostile file lists."""
        numbers = self.numbers
        reps: dict[tuple[str, ...], list[int]] = {}   # schemes (in `sites.DECISIVE` order) → up to two
        for i in chain(other, one):
            found = reps.setdefault(tuple(numbers[i]), [])
            if not found or (len(found) == 1 and numbers[i] and numbers[found[0]] != numbers[i]):
                found.append(i)
        for i in chain(one, other):
            for found in reps.values():
                for rep in found:
                    self._join(i, rep)

    def across(self, members: list[int], city: Sequence[str]) -> None:
        """The mentions of a name too common to compare in pairs across its towns (`across.name_pairs`):
        its places compared as a town's are (`nearby`), except two of one town, compared in `join`."""
        places = self._kinds(members)
        for where, one in places:
            if not city[one[0]]:
                self._within(where, one)
        for x, y in nearby([where for where, _ in places]):
            (where, one), (other_where, other) = places[x], places[y]
            if not (city[one[0]] and city[one[0]] == city[other[0]]) and self.agree(one[0], other[0],
                                                                                   (where, other_where)):
                self.link(one, other)

    def _within(self, where: Place, one: list[int]) -> None:
        """The entities of one place joined, when the place agrees with itself (a city or an address)."""
        if len(one) > 1 and self.agree(one[0], one[0], (where, where)):
            self.link(one, one)

    def _kinds(self, members: list[int]) -> list[tuple[Place, list[int]]]:
        by_place: dict[Place, list[int]] = {}
        for i in members:
            by_place.setdefault(place(self.entities[i]), []).append(i)
        return list(by_place.items())

    def join(self, spellings: Spellings, close: list[tuple[int, int]] | None) -> None:
        """A cold build's joins: a pair of places already one group is not compared.

        The places of spellings that are close, one cluster of them at a time, are compared as one
        spelling's are (`nearby`): 100 spellings a letter apart, each at 80 addresses, are 8,000
        places to compare, not 4,950 pairs of spellings of 6,400 each. Spellings are close when they
        share a name, or in `close` (a slip: `sites.close_spellings`); in a crowded town (`close`
        None: `sites.MOST_CLOSE`) only when they share a name."""
        classes = [self._spelling(members) for _, members in spellings]
        names = [{key for key, _ in keys} for keys, _ in spellings]
        slips = set() if close is None else {(x, y) for x, y in close
                                             if sites.close_names(spellings[x][0], spellings[y][0])}
        clusters = _clusters(len(spellings), chain(_sharing(names), slips))

        def compared(x: int, y: int) -> bool:
            return not names[x].isdisjoint(names[y]) or (min(x, y), max(x, y)) in slips

        for cluster in clusters:
            found = [(s, *kind) for s in cluster for kind in classes[s]]
            for a, b in nearby([where for _, where, _, _ in found]):
                (x, where, one, whole), (y, other_where, other, other_whole) = found[a], found[b]
                if x == y or not compared(x, y):
                    continue
                # two places, each one group already, that are one group: nothing to decide
                if whole and other_whole and self.root(one[0]) == self.root(other[0]):
                    continue
                if self.agree(one[0], other[0], (where, other_where)):
                    self.link(one, other)

    def _spelling(self, members: list[int]) -> list[tuple[Place, list[int], bool]]:
        """The entities of one spelling by place, joined; each place with whether it is one group."""
        places = self._kinds(members)
        alone = 0   # the places up to here joined within themselves: each before its pairs, as the order was

        def join_within(upto: int) -> None:
            nonlocal alone
            for where, one in places[alone:upto + 1]:
                self._within(where, one)
            alone = max(alone, upto + 1)

        for x, y in nearby([where for where, _ in places]):
            join_within(x)
            (where, one), (other_where, other) = places[x], places[y]
            if self.agree(one[0], other[0], (where, other_where)):
                self.link(one, other)
        join_within(len(places) - 1)
        root = self.root
        return [(where, one, all(root(i) == root(one[0]) for i in one)) for where, one in places]
