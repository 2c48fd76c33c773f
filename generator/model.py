"""A read-only, typed view of one valid disclosure."""

from __future__ import annotations

import math
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

ENTITY_LISTS = ("partners", "suppliers", "government_counterparties")
LIST_LABELS = {"partners": "Partner", "suppliers": "Supplier", "government_counterparties": "Government counterparty"}
LIST_TITLES = {"partners": "Partners", "suppliers": "Suppliers",
               "government_counterparties": "Government counterparties"}
KEY_STEPS = ("risk-assessment", "independent-audit", "partner-disclosure", "public-report")
ALL_STEPS = KEY_STEPS + ("stakeholder-engagement", "mitigation", "monitoring", "remediation",
                         "grievance-mechanism", "responsible-exit")
HIGH_RISK = "CN-XJ"


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
        return cls(
            list=list_name, id=raw["id"], name=raw["name"], country=raw["country"],
            relationship=raw.get("relationship", "supplier"), status=raw.get("status", "active"),
            local_name=_text(raw.get("local_name")), aliases=tuple(raw.get("aliases", ())),
            subdivision=_text(raw.get("subdivision")), city=_text(raw.get("city")),
            address=_text(raw.get("address")), identifiers=_identifiers(raw.get("identifiers")),
            coordinates=_coordinates(raw.get("coordinates")),
            since=_text(raw.get("since")), until=_text(raw.get("until")), parent=_text(raw.get("parent")),
            notes=_text(raw.get("notes")), sources=_sources(raw.get("sources")),
            tier=_text(raw.get("tier")), products=tuple(raw.get("products", ())), workers=raw.get("workers"),
            kind=_text(raw.get("kind")), services=tuple(raw.get("services", ())), end_use=_text(raw.get("end_use")),
        )

    @property
    def region(self) -> str:
        return self.subdivision or self.country


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
    def of(cls, raw: Mapping[str, Any]) -> Disclosure:
        company = raw["company"]
        return cls(
            id=company["id"], name=company["name"], company=company, meta=raw["disclosure"],
            operations=tuple(Operation.of(o) for o in raw.get("operations", ())),
            entities=tuple(Entity.of(name, e) for name in ENTITY_LISTS for e in raw.get(name, ())),
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
