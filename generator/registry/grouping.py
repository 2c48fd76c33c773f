"""The same entity across firms: mentions joined into groups by identifiers, names and places.

The rules are in `sites`; this module applies them to every mention of a registry at once.
`Known` holds what a build worked out of the texts it compared (each name's key, each town's
close spellings), which the grouping cache keeps beside the groups.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..load.loader import collector_paused
from ..model import Entity
from . import across, numbers, parts, sites
from .names import normalise
from .towns import Town


@dataclass
class Known:
    """What this build worked out of the texts it compared, kept with its groups (`group_cache`):
    each name's key, and each town's spellings with the pairs of them that are close."""

    used_keys: dict[str, str] = field(default_factory=dict)   # name → `names.normalise`
    used_towns: dict[sites.Block, tuple[list[sites.NameKeys], list[tuple[int, int]]]] = field(default_factory=dict)
    crowded: bool = False   # a town had more close spellings than `sites.MOST_CLOSE`

    def normalised(self, name: str) -> str:
        key = self.used_keys.get(name)
        if key is None:
            key = self.used_keys[name] = normalise(name)
        return key

    def name_keys(self, entity: Entity) -> sites.NameKeys:
        found = (sites.compact(self.normalised(name)) for name in sites.names_read(entity) if name)
        return sites.keys_of(tuple(key for key in found if key))

    def close(self, block: sites.Block, spellings: Sequence[sites.NameKeys]) -> list[tuple[int, int]] | None:
        """`sites.close_spellings`, kept; None in a crowded town, whose names are compared only as written."""
        found = sites.close_spellings(spellings, sites.MOST_CLOSE)
        self.crowded = self.crowded or found is None
        close = None if found is None else sorted(found)   # each pair once already
        self.used_towns[block] = (list(spellings), close or [])
        return close


class _Groups:
    """Union-find over ints; a group's root is its lowest member.

    Identifiers decide before names (`sites.DECISIVE`). Two groups with two numbers of one scheme never
    join. The mentions that a number they share says are one are joined first (`confirm`); after that, two
    groups that no number joins (one has none, or each has numbers of its own) join only once every other
    join is known (`settle`), and only where one could be the other alone: never two numbered firms into
    one through a third, whatever the order."""

    def __init__(self, marks: list[dict[str, str]]) -> None:
        self.parent = list(range(len(marks)))
        self.marks = marks   # each root's decisive identifiers: its members' together
        self.could: dict[int, set[int]] = defaultdict(set)   # a group → groups it may be, no number confirming

    def root(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        a, b = self.root(i), self.root(j)
        if a == b:
            return
        ma, mb = self.marks[a], self.marks[b]
        if ma or mb:
            if sites.conflicting(ma, mb):
                return
            if not ma or not mb:   # a group without a number decides which numbered group it is
                self.could[b if ma else a].add(a if ma else b)
                return
            # Each may be the other. Two that share a number and are not one yet were left apart by it
            # (`numbers.joined`: their places contradict, or it could be either of two).
            self.could[a].add(b)
            self.could[b].add(a)
            return
        self._union(a, b)

    def confirm(self, i: int, j: int) -> None:
        """The groups of two mentions that the identifier step says are one (`numbers.joined`) joined."""
        a, b = self.root(i), self.root(j)
        if a != b and not sites.conflicting(self.marks[a], self.marks[b]):
            self._union(a, b)

    def _union(self, a: int, b: int) -> None:
        low, high = min(a, b), max(a, b)
        self.parent[high] = low
        ma, mb = self.marks[a], self.marks[b]
        self.marks[low] = {**ma, **mb} if ma and mb else ma or mb

    def settle(self) -> None:
        """Each group that could be one other group alone joins it; a group that several could each be
        alone takes them all, unless two of them have two numbers of one scheme: then it takes none.
        Again while that joins any (groups that were two may now be one), a few times at most."""
        for _ in range(SETTLE_ROUNDS):
            if not self._settle_once():
                return

    def _settle_once(self) -> bool:
        could: dict[int, set[int]] = defaultdict(set)
        for one, others in self.could.items():
            own = self.root(one)
            # A choice recorded before either side took another number may now hold two of one scheme: `join`
            # refuses such a pair, and kept, it counted as a second choice, so whether a group joined hung on
            # which pair was compared first.
            marks = self.marks[own]
            could[own].update(o for o in map(self.root, others) if not sites.conflicting(marks, self.marks[o]))
        into: dict[int, list[int]] = defaultdict(list)
        for one, others in sorted(could.items()):
            others.discard(one)
            if len(others) == 1:
                into[next(iter(others))].append(one)
        joined: set[int] = set()
        for hub, ones in sorted(into.items()):
            roots = sorted({self.root(x) for x in (hub, *ones)})
            marks: dict[str, str] = {}
            for r in roots:
                if sites.conflicting(marks, self.marks[r]):
                    break
                marks = {**marks, **self.marks[r]}
            else:
                for r in roots[1:]:
                    self._union(self.root(roots[0]), r)
                joined.update(ones)
        # What is left undecided is decided again with the groups as they then stand.
        self.could = defaultdict(set, {one: others for one, others in could.items() if others and one not in joined})
        return bool(joined)


# Each round of `settle` is linear; groups a round made rarely let more than one further round join anything.
SETTLE_ROUNDS = 4

_DECISIVE = frozenset(sites.DECISIVE)
_SEVERAL = (-1, -2)   # no group's root: what a group that could be several could be
_NO_MARKS: dict[str, str] = {}   # shared, never changed: a group's marks are made anew when joined

Written = dict[tuple[Any, ...], list[int]]   # a way of writing a mention → the mentions written so


def written_as(e: Entity) -> tuple[Any, ...]:
    """All that the grouping reads of an entity."""
    return (e.name, e.local_name, e.aliases, e.country, e.subdivision, e.city, e.address, e.coordinates,
            tuple(sorted(e.identifiers.items())) if e.identifiers else ())


def _alike(entities: list[Entity], known: Known | None,
           written: Written | None = None) -> tuple[list[int], list[int], list[sites.NameKeys]]:
    """Mentions written alike, folded into one: a site named by thousands of firms is compared once.

    Only mentions that the grouping would join with their own copy fold (a name, and a place that
    agrees with itself), so the groups are the same as when every copy is compared with every other.
    `written`, when given, gets each way of writing a mention that the grouping reads, with the
    indexes of the mentions written so.
    """
    first: dict[tuple[Any, ...], int] = {}
    kept, of, names = [], [], []
    keys_of = known.name_keys if known is not None else sites.name_keys
    for i, e in enumerate(entities):
        key = written_as(e)
        at = first.get(key)
        if at is None:
            at = len(kept)
            kept.append(i)
            names.append(keys_of(e))   # each kept entity's, for `_roots`: computed once
            if names[-1] and sites.same_place(e, e):
                first[key] = at
        of.append(at)
        if written is not None:
            written.setdefault(key, []).append(i)
    return kept, of, names


def group(entities: list[Entity], owners: list[int], known: Known | None = None) -> list[list[int]]:
    """The groups of `entities` (as their indexes) that span two or more `owners` (their companies).

    Identifiers first; then one name in one country where the places agree; then a mention
    without a place joins the one site of its name it could be, never one of several."""
    return _group(entities, owners, known, None)


def group_in_parts(entities: list[Entity], owners: list[int], known: Known) -> tuple[list[list[int]], list[int],
                                                                                    dict[str, int], list[str]]:
    """`group`, with each entity's part and each node's (`parts.parts`), and each entity's `parts.print`;
    `known.used_towns` holds the towns."""
    found: list[Any] = []
    groups = _group(entities, owners, known, found)
    return groups, *found


def _group(entities: list[Entity], owners: list[int], known: Known | None,
           in_parts: list[Any] | None) -> list[list[int]]:
    # Nothing made here is a cycle; a million new tuples would make the collector walk the
    # whole registry again and again (a third of the time at 1,000 companies).
    with collector_paused():
        written: Written | None = {} if in_parts is not None else None
        kept, of, names = _alike(entities, known, written)
        kept_entities = [entities[i] for i in kept]
        roots = _roots(kept_entities, names, known)
        if in_parts is not None and known is not None:   # mentions folded into one are in one part
            part, nodes = parts.parts(kept_entities, names, known.used_towns)
            in_parts.extend(([part[at] for at in of], nodes, parts.prints(entities, written or {})))
        del names, kept_entities
        found: dict[int, list[int]] = defaultdict(list)
        for i, at in enumerate(of):
            found[roots[at]].append(i)
        return [members for members in found.values() if any(owners[i] != owners[members[0]] for i in members)]


def _roots(entities: list[Entity], names: list[sites.NameKeys], known: Known | None) -> list[int]:
    """Each entity's group, as the index of one of its members."""
    marks = [sites.decisive(e) if e.identifiers else _NO_MARKS for e in entities]   # each mention's own
    groups = _Groups(list(marks))
    for i, j, (scheme, _) in numbers.joined(entities, marks):   # a Wikidata item only suggests: `join` weighs it
        (groups.confirm if scheme in _DECISIVE else groups.join)(i, j)
    city = sites.city_keys(entities)
    town = Town(groups.join, groups.root, marks, entities)
    for _, spellings, close in sites.towns(entities, names, city, known.close if known is not None else None):
        town.join(spellings, close)
    verdicts: dict[tuple[int, int], bool | None] = {}   # those that do not join: False and None
    crowded: list[int] = []
    common: list[list[int]] = []
    for i, j in across.name_pairs(entities, names, city, crowded, common):
        a, b = entities[i], entities[j]
        verdict = False if sites.different_sites(a, b) else sites.same_place(a, b)
        if verdict:
            groups.join(i, j)
        else:
            verdicts[(i, j)] = verdict
    for members in common:
        town.across(members, city)
    del town
    # A mention without a place looks for the groups its name could mean once the mentions without a number
    # are in theirs; the joins it makes with a numbered group are settled in turn.
    groups.settle()
    _join_the_only_one(groups, verdicts, crowded)
    groups.settle()
    return [groups.root(i) for i in range(len(entities))]


def _join_the_only_one(groups: _Groups, verdicts: dict[tuple[int, int], bool | None],
                       crowded: Sequence[int] = ()) -> None:
    """A mention without a place joins the one group of its name it could mean, never one of several.

    Decided on the groups that agreeing places made, before any of these joins: a pair
    joins only when each side could mean the other alone. The groups of `crowded` mentions
    could each be several (`across.name_pairs`)."""
    open_pairs = sorted(pair for pair, verdict in verdicts.items() if verdict is None)
    if not open_pairs:
        return
    apart: set[tuple[int, int]] = set()
    for (i, j), verdict in verdicts.items():
        if verdict is False:
            a, b = groups.root(i), groups.root(j)
            apart.update(((a, b), (b, a)))
    could: dict[int, set[int]] = defaultdict(set)
    for i, j in open_pairs:   # each side may mean the other
        own, other = groups.root(i), groups.root(j)
        if own != other and (own, other) not in apart:
            could[own].add(other)
            could[other].add(own)
    for i in crowded:
        could[groups.root(i)].update(_SEVERAL)
    for own, others in sorted(could.items()):
        other = next(iter(others))
        if len(others) == 1 and could.get(other) == {own}:
            groups.join(own, other)
