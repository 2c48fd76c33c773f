"""All disclosures together, and the indexes that cut across companies."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

import pycountry

from ..load.loader import collector_paused
from ..model import Disclosure, Entity, Operation
from . import grouping
from .names import normalise, slug


@dataclass(frozen=True, slots=True)
class Mention:
    """One company's disclosure of an entity."""

    company: Disclosure
    entity: Entity


# A frozen dataclass's __init__ sets each field with `object.__setattr__`; a registry of 10,000
# companies makes a million mentions, each made in about half the time with its slots set directly.
_SET_COMPANY, _SET_ENTITY = Mention.company.__set__, Mention.entity.__set__   # type: ignore[attr-defined]


def mention(company: Disclosure, entity: Entity) -> Mention:
    """`Mention(company, entity)`, sooner."""
    made = object.__new__(Mention)
    _SET_COMPANY(made, company)
    _SET_ENTITY(made, entity)
    return made


@dataclass(frozen=True)
class SharedEntity:
    """A partner, supplier or counterparty recognised in two or more disclosures."""

    slug: str
    name: str
    country: str
    mentions: tuple[Mention, ...]

    # Gathered once each: the search record and the entity page both show them, and an entity
    # that thousands of firms name has thousands of mentions to read.
    @cached_property
    def local_names(self) -> list[str]:
        return sorted({m.entity.local_name for m in self.mentions if m.entity.local_name})

    @cached_property
    def names(self) -> list[str]:
        return sorted({m.entity.name for m in self.mentions} | set(self.local_names))

    @cached_property
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


def naming(group: Sequence[Entity], normalised: Callable[[str], str]) -> tuple[str, str]:
    """A group's slug before it is made unique (in its first entity's country), and its name: the
    usual spelling, not SHOUTED."""
    counts = Counter(e.name for e in group)
    name = min(counts, key=lambda n: (-counts[n], n.isupper(), n))
    return slug(name, group[0].country, normalised(name)), name


def in_order(group: Iterable[Mention]) -> tuple[Mention, ...]:
    return tuple(sorted(group, key=lambda m: (m.company.id, m.entity.id)))


def unique(named: Iterable[tuple[str, str, str, tuple[Mention, ...]]]) -> list[SharedEntity]:
    """(slug, name, country, mentions) in the order of their pages, each slug made unique by a number."""
    taken: Counter[str] = Counter()
    shared = []
    for base, name, country, mentions in named:
        taken[base] += 1
        unique = base if taken[base] == 1 else f"{base}-{taken[base]}"
        shared.append(SharedEntity(unique, name, country, mentions))
    return shared


def _shared(groups: list[list[Mention]], normalised: Callable[[str], str]) -> list[SharedEntity]:
    candidates = [g for g in groups if len({m.company.id for m in g}) > 1]
    named = [(*naming([m.entity for m in group], normalised), group[0].company.id, group) for group in candidates]
    named.sort(key=lambda t: t[:3])   # stable: groups alike so far stay in the order of their first mention
    return unique((base, name, group[0].entity.country, in_order(group)) for base, name, _, group in named)


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
        """Grouped here, from nothing; a build groups with what the last one kept (`group_cache.grouped`)."""
        with collector_paused():
            entities = [e for c in self.companies for e in c.entities]
            owners = [k for k, c in enumerate(self.companies) for _ in c.entities]
            groups = [[mention(self.companies[owners[i]], entities[i]) for i in members]
                      for members in grouping.group(entities, owners)]
            return tuple(_shared(groups, normalise))

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
