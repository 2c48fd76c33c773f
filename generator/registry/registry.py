"""All disclosures together, and the indexes that cut across companies."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

import pycountry

from ..model import Disclosure, Entity, Operation
from . import sites
from .names import slug


@dataclass(frozen=True, slots=True)
class Mention:
    """One company's disclosure of an entity."""

    company: Disclosure
    entity: Entity


@dataclass(frozen=True)
class SharedEntity:
    """A partner, supplier or counterparty recognised in two or more disclosures."""

    slug: str
    name: str
    country: str
    mentions: tuple[Mention, ...]

    @property
    def local_names(self) -> list[str]:
        return sorted({m.entity.local_name for m in self.mentions if m.entity.local_name})

    @property
    def names(self) -> list[str]:
        return sorted({m.entity.name for m in self.mentions} | set(self.local_names))

    @property
    def identifiers(self) -> dict[str, list[str]]:
        found: dict[str, set[str]] = defaultdict(set)
        for m in self.mentions:
            for scheme, value in m.entity.identifiers.items():
                found[scheme].add(value)
        return {k: sorted(v) for k, v in sorted(found.items())}

    @cached_property
    def companies(self) -> list[Disclosure]:
        seen = {m.company.id: m.company for m in self.mentions}
        return [seen[k] for k in sorted(seen)]


@dataclass(frozen=True, slots=True)
class RegionEntry:
    company: Disclosure
    operations: tuple[Operation, ...]
    entities: tuple[Entity, ...]


@dataclass(frozen=True, slots=True)
class Region:
    code: str  # "CN" or "CN-XJ"
    entries: tuple[RegionEntry, ...]

    @property
    def slug(self) -> str:
        return self.code.lower()

    @property
    def name(self) -> str:
        return region_name(self.code)

    @property
    def entity_count(self) -> int:
        return sum(len(e.entities) for e in self.entries)


@lru_cache(maxsize=8192)   # asked for every place of every entity by the pages and the search records
def region_name(code: str) -> str:
    found = pycountry.subdivisions.get(code=code) if "-" in code else pycountry.countries.get(alpha_2=code)
    return getattr(found, "name", code) if found else code


class _Groups:
    """Union-find that remembers each group's members, to check a join against all of them."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self.members = {i: [i] for i in range(n)}

    def root(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        a, b = self.root(i), self.root(j)
        if a != b:
            a, b = min(a, b), max(a, b)
            self.parent[b] = a
            self.members[a] += self.members.pop(b)


def _alike(entities: list[Entity]) -> tuple[list[int], list[int], list[sites.NameKeys]]:
    """Mentions written alike, folded into one: a site named by thousands of firms is compared once.

    Only mentions that the grouping would join with their own copy fold (a name, and a place that
    agrees with itself), so the groups are the same as when every copy is compared with every other.
    """
    first: dict[tuple[Any, ...], int] = {}
    kept, of, names = [], [], []
    for i, e in enumerate(entities):
        key = (e.name, e.local_name, e.aliases, e.country, e.subdivision, e.city, e.address, e.coordinates,
               tuple(sorted(e.identifiers.items())))
        at = first.get(key)
        if at is None:
            at = len(kept)
            kept.append(i)
            names.append(sites.name_keys(e))   # each kept entity's, for `_roots`: computed once
            if names[-1] and sites.same_place(e, e):
                first[key] = at
        of.append(at)
    return kept, of, names


def _group(mentions: list[Mention]) -> list[list[Mention]]:
    """Identifiers first; then one name in one country where the places agree; then a mention
    without a place joins the one site of its name it could be, never one of several."""
    kept, of, names = _alike([m.entity for m in mentions])
    roots = _roots([mentions[i].entity for i in kept], names)
    found: dict[int, list[Mention]] = defaultdict(list)
    for i, mention in enumerate(mentions):
        found[roots[of[i]]].append(mention)
    return list(found.values())


def _roots(entities: list[Entity], names: list[sites.NameKeys]) -> list[int]:
    """Each entity's group, as the index of one of its members."""
    groups = _Groups(len(entities))
    owner: dict[tuple[str, str], int] = {}
    for i, entity in enumerate(entities):
        for scheme, value in entity.identifiers.items():
            j = owner.setdefault((scheme, value), i)
            if j != i and (scheme in sites.SITE_IDENTIFIERS or sites.same_place(entity, entities[j]) is not False):
                groups.join(i, j)
    verdicts: dict[tuple[int, int], bool | None] = {}
    for i, j, same_name in sites.candidate_pairs(entities):
        a, b = entities[i], entities[j]
        if not same_name:  # one city, names apart: only a slip in a name of the same place
            if groups.root(i) != groups.root(j) and sites.close_names(names[i], names[j]) \
                    and not sites.different_sites(a, b) and sites.same_place(a, b):
                groups.join(i, j)
            continue
        verdict = False if sites.different_sites(a, b) else sites.same_place(a, b)
        verdicts[(i, j)] = verdicts[(j, i)] = verdict
        if verdict:
            groups.join(i, j)

    def apart(a: int, b: int) -> bool:
        return any(verdicts.get((x, y)) is False for x in groups.members[a] for y in groups.members[b])

    # Decided on the groups that agreeing places made, before any of these joins: a pair
    # joins only when each side could mean the other alone.
    could: dict[int, set[int]] = defaultdict(set)
    open_pairs = sorted(pair for pair, verdict in verdicts.items() if verdict is None)
    for i, j in open_pairs:
        own, other = groups.root(i), groups.root(j)
        if own != other and not apart(own, other):
            could[own].add(other)
    for own, others in sorted(could.items()):
        other = next(iter(others))
        if len(others) == 1 and could.get(other) == {own}:
            groups.join(own, other)
    return [groups.root(i) for i in range(len(entities))]


def _shared(groups: list[list[Mention]]) -> list[SharedEntity]:
    shared = []
    taken: Counter[str] = Counter()
    candidates = [g for g in groups if len({m.company.id for m in g}) > 1]
    named = []
    for group in candidates:
        counts = Counter(m.entity.name for m in group)
        name = min(counts, key=lambda n: (-counts[n], n.isupper(), n))  # the usual spelling, not SHOUTED
        named.append((slug(name, group[0].entity.country), name, group))
    for base, name, group in sorted(named, key=lambda t: (t[0], t[1], t[2][0].company.id)):
        taken[base] += 1
        unique = base if taken[base] == 1 else f"{base}-{taken[base]}"
        mentions = tuple(sorted(group, key=lambda m: (m.company.id, m.entity.id)))
        shared.append(SharedEntity(unique, name, group[0].entity.country, mentions))
    return shared


def _codes(item: Operation | Entity) -> tuple[str, ...]:
    """The regions an item is in: its country, and its subdivision when it has one."""
    country, sub = item.country, item.subdivision
    if not sub or sub == country:
        return (country,) if country else ()
    return (country, sub) if country else (sub,)


def _regions(companies: Iterable[Disclosure]) -> list[Region]:
    found: dict[str, dict[str, tuple[list[Operation], list[Entity]]]] = defaultdict(dict)
    for company in companies:
        own: dict[str, tuple[list[Operation], list[Entity]]] = {}
        for kind, items in ((0, company.operations), (1, company.entities)):
            for item in items:
                for code in _codes(item):
                    if code not in own:
                        own[code] = ([], [])
                    own[code][kind].append(item)  # type: ignore[arg-type]
        for code, lists in own.items():
            found[code][company.id] = lists
    by_id = {c.id: c for c in companies}
    return [Region(code, tuple(RegionEntry(by_id[cid], tuple(o), tuple(e)) for cid, (o, e) in sorted(per.items())))
            for code, per in sorted(found.items())]


@dataclass(frozen=True)
class Registry:
    companies: tuple[Disclosure, ...]

    @classmethod
    def of(cls, disclosures: Iterable[Disclosure]) -> Registry:
        return cls(tuple(sorted(disclosures, key=lambda d: (d.name.casefold(), d.id))))

    def company(self, company_id: str) -> Disclosure:
        return next(c for c in self.companies if c.id == company_id)

    @cached_property
    def shared_entities(self) -> tuple[SharedEntity, ...]:
        mentions = [Mention(c, e) for c in self.companies for e in c.entities]
        return tuple(_shared(_group(mentions)))

    @cached_property
    def entity_pages(self) -> dict[tuple[str, str], str]:
        """(company id, entity id) → slug of the entity's cross-company page."""
        return {(m.company.id, m.entity.id): s.slug for s in self.shared_entities for m in s.mentions}

    @cached_property
    def regions(self) -> tuple[Region, ...]:
        return tuple(_regions(self.companies))

    @cached_property
    def regions_of(self) -> dict[str, dict[str, RegionEntry]]:
        """company id → region code → what the company discloses there (the regions index, turned round)."""
        found: dict[str, dict[str, RegionEntry]] = defaultdict(dict)
        for region in self.regions:
            for entry in region.entries:
                found[entry.company.id][region.code] = entry
        return dict(found)
