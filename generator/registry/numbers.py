"""The grouping's first step: the mentions that a number they share says are one, whatever the order of the firms.

A holder of a number is one with the holders it could be: those whose numbers (`sites.DECISIVE`) do not conflict
with its own and, for a registration (a USCC or an LEI names a legal entity, which may have plants in several
towns), whose places do not contradict its own (`sites.same_place`); a site's number (`sites.SITE_IDENTIFIERS`)
joins its holders wherever they are written. Each holder is weighed against every other, place by place, not
against one chosen holder. Where two of the holders one could be could not be one another (one USCC beside
DUNS 111 in one mention and DUNS 222 in another; a plant in Suzhou and one in Changzhou, each with the USCC), it
could be either: it is joined only with the holders written as it is (the same numbers at the same place), and
name and place decide the rest, as for mentions without a number (`grouping._Groups`).

Joined so, the holders of one number are one where each could be the others, and never two that could not be
one; and where numbers chain mentions that cannot be one (USCC X beside DUNS 1, LEI L beside X, DUNS 2 beside
L), only mentions with the same numbers are joined, since which link broke the chain would follow the order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence

from ..model import Entity
from . import sites
from .towns import Place, nearby, place

Number = tuple[str, str]   # (scheme, value)
Pair = tuple[int, int, Number]   # two mentions, and the number that joins them
Numbers = Mapping[str, str]   # a mention's `sites.decisive` identifiers
Kind = tuple[dict[str, str], Place, list[int]]   # holders written alike: numbers, place (of a registration), who


def joined(entities: Sequence[Entity], marks: Sequence[Numbers]) -> list[Pair]:
    """The pairs of mentions that a number they share joins, with that number. `marks` holds each mention's
    `sites.decisive` identifiers."""
    holders: dict[Number, list[int]] = defaultdict(list)
    for i, entity in enumerate(entities):
        for number in entity.identifiers.items():
            holders[number].append(i)
    pairs: list[Pair] = []
    verdicts = _Places()
    mixed = False   # a pair of mentions with other numbers: pairs may chain two that cannot be one
    for number, them in holders.items():
        if len(them) < 2:
            continue
        first, *others = them
        numbers = marks[first]
        if all(marks[i] == numbers for i in others):   # most numbers: their holders written alike
            if number[0] in sites.SITE_IDENTIFIERS:
                pairs.extend([(first, i, number) for i in others])
                continue
            where = place(entities[first])
            if all(place(entities[i]) == where for i in others):
                if verdicts.fits(where, entities[first]):
                    pairs.extend([(first, i, number) for i in others])
                continue
        found = list(_one_number(number, them, entities, marks, verdicts))
        mixed = mixed or any(marks[i] != marks[j] for i, j, _ in found)
        pairs.extend(found)
    return _unchained(pairs, marks) if mixed else pairs


class _Places:
    """Whether places do not contradict (`sites.same_place` is not False), each pair decided once for all numbers."""

    def __init__(self) -> None:
        self.alone: dict[Place, bool] = {}
        self.pairs: dict[tuple[Place, Place], bool] = {}

    def fits(self, where: Place, entity: Entity) -> bool:
        """Whether `entity`'s place, `where`, does not contradict itself (an address of punctuation alone does)."""
        found = self.alone.get(where)
        if found is None:
            found = self.alone[where] = sites.same_place(entity, entity) is not False
        return found

    def agree(self, a: Entity, b: Entity) -> bool:
        key = (place(a), place(b))
        found = self.pairs.get(key)
        if found is None:
            found = self.pairs[key] = sites.same_place(a, b) is not False
        return found


def _one_number(number: Number, them: list[int], entities: Sequence[Entity], marks: Sequence[Numbers],
                verdicts: _Places) -> Iterator[Pair]:
    """The pairs of its holders `them` that `number` joins, where they are not all written alike."""
    site = number[0] in sites.SITE_IDENTIFIERS
    written_at: dict[Place, Entity] = {}   # a holder written at each place
    alike: dict[tuple[tuple[tuple[str, str], ...], Place], list[int]] = {}
    for i in them:
        where = () if site else place(entities[i])
        written_at.setdefault(where, entities[i])
        alike.setdefault((tuple(marks[i].items()), where), []).append(i)
    # A place that contradicts itself is none a number joins at.
    kinds: list[Kind] = [(dict(numbers), where, members) for (numbers, where), members in alike.items()
                         if site or verdicts.fits(where, written_at[where])]
    for _, _, members in kinds:
        yield from ((members[0], i, number) for i in members[1:])
    if len(kinds) < 2:
        return
    places = sorted({where for _, where, _ in kinds}, key=repr)   # in an order of their own, not the firms'
    near: list[list[int]] = [[c] for c in range(len(places))]   # the places each agrees with, itself first
    apart = [0] * len(places)   # the places each contradicts, as bits
    for x, y in nearby(places):   # each with each while they are few (a hostile list: each with its nearest)
        if site or verdicts.agree(written_at[places[x]], written_at[places[y]]):
            near[x].append(y)
            near[y].append(x)
        else:
            apart[x] |= 1 << y
            apart[y] |= 1 << x
    could = _could(kinds, {where: c for c, where in enumerate(places)}, near, apart)
    for k, others in enumerate(could):
        if others is not None:   # each pair once, between two kinds that could each be only one
            yield from ((kinds[k][2][0], kinds[o][2][0], number) for o in others if o > k and could[o] is not None)


def _could(kinds: list[Kind], at: Mapping[Place, int], near: list[list[int]],
           apart: list[int]) -> list[list[int] | None]:
    """The kinds each kind could be (itself too), or None where two of those could not be one another.

    A kind's are found through the numbers it holds, not by comparing it with every other: a hostile list's one
    USCC beside thousands of DUNS numbers is thousands of kinds, and each could be only the USCC alone and itself."""
    by_schemes: dict[tuple[int, tuple[str, ...]], list[int]] = defaultdict(list)   # (place, schemes) → kinds
    for k, (numbers, where, _) in enumerate(kinds):
        by_schemes[(at[where], tuple(numbers))].append(k)
    schemes_at: dict[int, list[tuple[str, ...]]] = defaultdict(list)
    for c, schemes in by_schemes:
        schemes_at[c].append(schemes)
    index: dict[tuple[int, tuple[str, ...], tuple[str, ...]], dict[tuple[str, ...], list[int]]] = {}
    both_of: dict[tuple[tuple[str, ...], tuple[str, ...]], tuple[str, ...]] = {}

    def sharing(c: int, schemes: tuple[str, ...], numbers: dict[str, str], own: tuple[str, ...]) -> list[int]:
        """The kinds at place `c` with numbers of `schemes` that equal `numbers` (of the schemes `own`) in each
        scheme both hold."""
        both = both_of.get((schemes, own))
        if both is None:
            both = both_of[(schemes, own)] = tuple(s for s in schemes if s in numbers)
        found = index.get((c, schemes, both))
        if found is None:
            found = index[(c, schemes, both)] = defaultdict(list)
            for k in by_schemes[(c, schemes)]:
                found[tuple(map(kinds[k][0].__getitem__, both))].append(k)
        return found.get(tuple(map(numbers.__getitem__, both)), [])

    could: list[list[int] | None] = []
    contradict = any(apart)   # of two places, one contradicts the other
    for k, (numbers, where, _) in enumerate(kinds):
        own, seen = tuple(numbers), dict(numbers)
        others: list[int] | None = []
        places = 0
        for c in near[at[where]]:
            for schemes in schemes_at[c]:
                found = sharing(c, schemes, numbers, own)
                # Two at one place with one set of schemes differ where this kind holds no number.
                if len(found) > 1 or (found and found[0] != k and sites.conflicting(seen, kinds[found[0]][0])):
                    others = None
                    break
                if found:
                    seen.update(kinds[found[0]][0])
                    others.append(found[0])
                    places |= 1 << c
            if others is None:
                break
        if others is not None and contradict and any(apart[c] & places for c in _bits(places)):
            others = None
        could.append(others)
    return could


def _bits(mask: int) -> Iterator[int]:
    while mask:
        low = mask & -mask
        yield low.bit_length() - 1
        mask ^= low


def _unchained(pairs: list[Pair], marks: Sequence[Numbers]) -> list[Pair]:
    """`pairs`, but where they chain mentions with two numbers of one scheme, only the pairs of mentions with the
    same numbers."""
    parent: dict[int, int] = {}

    def root(i: int) -> int:
        while parent.setdefault(i, i) != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j, _ in pairs:
        a, b = root(i), root(j)
        if a != b:
            parent[max(a, b)] = min(a, b)
    seen: dict[int, dict[str, str]] = {}
    clashing: set[int] = set()
    for i in list(parent):
        numbers = seen.setdefault(root(i), {})
        if sites.conflicting(numbers, marks[i]):
            clashing.add(root(i))
        numbers.update(marks[i])
    if not clashing:   # most registries
        return pairs
    return [(i, j, number) for i, j, number in pairs if marks[i] == marks[j] or root(i) not in clashing]
