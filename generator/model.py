"""A read-only, typed view of one valid disclosure."""

from __future__ import annotations

import math
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any

ENTITY_LISTS = ("partners", "suppliers", "government_counterparties")
LIST_LABELS = {"partners": "Partner", "suppliers": "Supplier", "government_counterparties": "Government counterparty"}
LIST_TITLES = {"partners": "Partners", "suppliers": "Suppliers",
               "government_counterparties": "Government counterparties"}
KEY_STEPS = ("risk-assessment", "independent-audit", "partner-disclosure", "public-report")
ALL_STEPS = KEY_STEPS + ("stakeholder-engagement", "mitigation", "monitoring", "remediation",
                         "grievance-mechanism", "responsible-exit")
HIGH_RISK = "CN-XJ"
# The identifier schemes of an entity, in the order the tables and lists give them; the last two name a mill
# and a smelter in their industries' lists (schema 1.1).
LIST_IDENTIFIERS = ("uml_id", "rmi_id")
IDENTIFIER_SCHEMES = ("lei", "uscc", "os_id", "opencorporates", "duns", "wikidata", *LIST_IDENTIFIERS)


def _text(value: Any) -> str:
    if value is None:
        return ""
    # A year or a date read as a number becomes one shared string, not one per entity.
    return value if type(value) is str else sys.intern(str(value))


@dataclass(frozen=True, slots=True)
class Source:
    title: str
    url: str
    date: str = ""

    @classmethod
    def of(cls, raw: Mapping[str, Any]) -> Source:
        return cls(raw["title"], raw["url"], _text(raw.get("date")))


def _sources(raw: Any) -> tuple[Source, ...]:
    return tuple(Source.of(s) for s in raw or ())


def _coordinates(raw: Any) -> tuple[float, float] | None:
    """(lat, lon), or None for anything else: a map must not trust that every caller validated."""
    if not isinstance(raw, Mapping):
        return None
    lat, lon = raw.get("lat"), raw.get("lon")
    numbers = all(isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v) for v in (lat, lon))
    return (float(lat), float(lon)) if numbers else None


def _identifiers(raw: Any) -> Mapping[str, str]:
    # Most entities have none: one empty mapping for all of them, not an empty dict each.
    return dict(raw) if raw else _NONE


_NONE: Mapping[str, str] = {}


@dataclass(frozen=True, slots=True)
class Entity:
    list: str
    id: str
    name: str
    country: str
    relationship: str
    status: str = "active"
    local_name: str = ""
    aliases: tuple[str, ...] = ()
    subdivision: str = ""
    city: str = ""
    address: str = ""
    identifiers: Mapping[str, str] = field(default_factory=dict)
    coordinates: tuple[float, float] | None = None  # (lat, lon), version 1.1
    since: str = ""
    until: str = ""
    parent: str = ""
    notes: str = ""
    sources: tuple[Source, ...] = ()
    # suppliers
    tier: str = ""
    products: tuple[str, ...] = ()
    workers: int | str | None = None  # a range such as "100-150" from version 1.1
    # government counterparties
    kind: str = ""
    services: tuple[str, ...] = ()
    end_use: str = ""

    @classmethod
    def of(cls, list_name: str, raw: Mapping[str, Any]) -> Entity:
        return _entity(_entity_row(list_name, raw))

    @property
    def region(self) -> str:
        return self.subdivision or self.country


# How each field of an entity is read from its key (None: as it is), and each field's default.
_ENTITY_READ: dict[str, Any] = {
    "id": None, "name": None, "country": None, "relationship": None, "status": None, "workers": None,
    "local_name": _text, "aliases": tuple, "subdivision": _text, "city": _text, "address": _text,
    "identifiers": _identifiers, "coordinates": _coordinates, "since": _text, "until": _text, "parent": _text,
    "notes": _text, "sources": _sources, "tier": _text, "products": tuple, "kind": _text, "services": tuple,
    "end_use": _text}
_ENTITY_FIELDS = tuple(f.name for f in fields(Entity))
_ENTITY_SLOTS = {name: (_ENTITY_FIELDS.index(name), read) for name, read in _ENTITY_READ.items()}
_ENTITY_DEFAULTS = tuple({"relationship": "supplier", "identifiers": _NONE}.get(f.name, f.default)
                         for f in fields(Entity)[4:])


def _entity_row(list_name: str, raw: Mapping[str, Any]) -> list[Any]:
    """An entity's fields, in order. Only the keys the entity has are read (a few of its 23
    fields), into their places: a third of the time of asking for every field by name."""
    values = [list_name, raw["id"], raw["name"], raw["country"], *_ENTITY_DEFAULTS]
    for key, value in raw.items():
        slot = _ENTITY_SLOTS.get(key)
        if slot is not None:
            at, read = slot
            # Text, most values, is taken as it is without a call (as _text would give it).
            values[at] = value if read is None or (read is _text and type(value) is str) else read(value)
    return values


def entity_rows(raw: Mapping[str, Any]) -> list[list[Any]]:
    """The fields of each entity a valid disclosure lists, in order: most of the work of making
    its entities, done by a checking worker (plain data, sent back with the file's), so that
    the build makes `Disclosure.of(raw, rows)` at a third of the cost."""
    return [_entity_row(name, e) for name in ENTITY_LISTS for e in raw.get(name, ())]


class _Draft:
    """An entity's slots, in the same places, on a class that lets them be set: a frozen
    dataclass's `__init__` sets its 24 fields one `object.__setattr__` at a time, and even the
    slots' own setters called one by one cost twice the time of the rest of `Entity.of`; a
    registry of 10,000 companies makes a million entities. Set as plain attributes (the
    interpreter's fast store into a slot), then the object becomes the `Entity` it is."""

    __slots__ = _ENTITY_FIELDS


def _entity(values: list[Any]) -> Entity:
    entity: Any = object.__new__(_Draft)
    # In the order of `_ENTITY_FIELDS` (tests/test_model.py sets every field apart to tell).
    (entity.list, entity.id, entity.name, entity.country, entity.relationship, entity.status, entity.local_name,
     entity.aliases, entity.subdivision, entity.city, entity.address, entity.identifiers, entity.coordinates,
     entity.since, entity.until, entity.parent, entity.notes, entity.sources, entity.tier, entity.products,
     entity.workers, entity.kind, entity.services, entity.end_use) = values
    entity.__class__ = Entity   # the same slots, so the same layout: Python allows it
    return entity  # type: ignore[no-any-return]


@dataclass(frozen=True, slots=True)
class Operation:
    country: str
    subdivision: str = ""
    region_name: str = ""
    activities: tuple[str, ...] = ()
    since: str = ""
    until: str = ""
    notes: str = ""

    @classmethod
    def of(cls, raw: Mapping[str, Any]) -> Operation:
        return cls(raw["country"], _text(raw.get("subdivision")), _text(raw.get("region_name")),
                   tuple(raw.get("activities", ())), _text(raw.get("since")), _text(raw.get("until")),
                   _text(raw.get("notes")))


@dataclass(frozen=True, slots=True)
class Step:
    id: str
    step: str
    status: str
    summary: str
    date: str = ""
    due: str = ""
    reason: str = ""
    scope: tuple[str, ...] = ()
    conducted_by: str = ""
    independent: bool | None = None
    findings: str = ""
    risks: tuple[str, ...] = ()
    evidence: tuple[Source, ...] = ()

    @classmethod
    def of(cls, raw: Mapping[str, Any]) -> Step:
        by = raw.get("conducted_by", {})
        return cls(raw["id"], raw["step"], raw["status"], raw["summary"], _text(raw.get("date")),
                   _text(raw.get("due")), _text(raw.get("reason")), tuple(raw.get("scope", ())),
                   _text(by.get("name")), by.get("independent"), _text(raw.get("findings")),
                   tuple(raw.get("risks", ())), _sources(raw.get("evidence")))


@dataclass(frozen=True, slots=True)
class Risk:
    id: str
    category: str
    description: str
    severity: str = ""
    entities: tuple[str, ...] = ()
    status: str = ""
    response: str = ""

    @classmethod
    def of(cls, raw: Mapping[str, Any]) -> Risk:
        return cls(raw["id"], raw["category"], raw["description"], _text(raw.get("severity")),
                   tuple(raw.get("entities", ())), _text(raw.get("status")), _text(raw.get("response")))


@dataclass(frozen=True, slots=True)
class Screening:
    entity: str
    list: str
    decision: str
    reason: str
    date: str = ""

    @classmethod
    def of(cls, raw: Mapping[str, Any]) -> Screening:
        return cls(raw["entity"], raw["list"], raw["decision"], raw["reason"], _text(raw.get("date")))


@dataclass(frozen=True, slots=True)
class Disclosure:
    id: str
    name: str
    company: Mapping[str, Any]
    meta: Mapping[str, Any]
    operations: tuple[Operation, ...]
    entities: tuple[Entity, ...]
    steps: tuple[Step, ...]
    risks: tuple[Risk, ...]
    sources: tuple[Source, ...]
    screening: tuple[Screening, ...]
    raw: Mapping[str, Any]

    @classmethod
    def of(cls, raw: Mapping[str, Any], rows: list[list[Any]] | None = None) -> Disclosure:
        """The disclosure of valid data; `rows`: its `entity_rows`, when they were read already."""
        company = raw["company"]
        return cls(
            id=company["id"], name=company["name"], company=company, meta=raw["disclosure"],
            operations=tuple(Operation.of(o) for o in raw.get("operations", ())),
            entities=tuple(map(_entity, entity_rows(raw) if rows is None else rows)),
            steps=tuple(Step.of(s) for s in raw.get("due_diligence", ())),
            risks=tuple(Risk.of(r) for r in raw.get("risks", ())),
            sources=_sources(raw.get("sources")),
            screening=tuple(Screening.of(s) for s in raw.get("screening", ())),
            raw=raw,
        )

    @property
    def example(self) -> bool:
        return self.meta.get("example") is True

    @property
    def updated(self) -> str:
        return _text(self.meta.get("updated") or self.meta.get("published"))

    @property
    def indicators(self) -> dict[str, int]:
        """Counts a reader compares across firms; ended relationships are left out."""
        current = [e for e in self.entities if e.status != "ended"]
        counterparties = [e for e in current if e.list == "government_counterparties"]
        return {
            "Suppliers in CN-XJ": sum(e.list == "suppliers" and e.subdivision == HIGH_RISK for e in current),
            "Counterparties in CN-XJ": sum(e.subdivision == HIGH_RISK for e in counterparties),
            "Public-security counterparties": sum(e.kind == "public-security" for e in counterparties),
            "Military-economic counterparties": sum(e.kind == "military-economic" for e in counterparties),
            "Open severe risks": sum(r.severity == "severe" and r.status in ("open", "") for r in self.risks),
        }

    def listed(self, list_name: str) -> tuple[Entity, ...]:
        return tuple(e for e in self.entities if e.list == list_name)

    def step_status(self, step: str) -> str:
        """The most advanced status among the steps of this kind; '' when none is disclosed."""
        order = ("completed", "in-progress", "planned", "not-undertaken")
        found = [s.status for s in self.steps if s.step == step]
        return min(found, key=order.index) if found else ""
