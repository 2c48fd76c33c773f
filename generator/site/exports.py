"""Open data: the JSON API, one CSV per list across all companies, per-company downloads."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Mapping
from typing import Any

from ..model import ENTITY_LISTS, Disclosure
from ..registry.registry import Registry
from ..text import csv_line
from .pages import Asset

API = "api/v1"

ENTITY_COLUMNS = ("company", "list", "id", "name", "local_name", "aliases", "country", "subdivision", "city",
                  "address", "relationship", "status", "since", "until", "parent", "tier", "products", "workers",
                  "kind", "services", "end_use", "lei", "uscc", "os_id", "opencorporates", "duns", "wikidata",
                  "notes")
TABLES: dict[str, tuple[str, ...]] = {
    "operations": ("company", "country", "subdivision", "region_name", "activities", "since", "until", "notes"),
    "due_diligence": ("company", "id", "step", "status", "summary", "date", "due", "reason", "scope",
                      "conducted_by.name", "conducted_by.independent", "findings", "risks"),
    "risks": ("company", "id", "category", "description", "severity", "entities", "status", "response"),
}


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        value = "|".join(map(str, value))
    elif isinstance(value, bool):
        value = "true" if value else "false"
    return str(value)


def _dig(item: Mapping[str, Any], column: str) -> Any:
    value: Any = item
    for part in column.split("."):
        value = value.get(part) if isinstance(value, Mapping) else None
    return value


def _csv(columns: Iterable[str], rows: Iterable[Mapping[str, Any]]) -> str:
    """Company text is untrusted: `csv_line` guards every cell a spreadsheet would run as a formula."""
    out = io.StringIO()
    columns = tuple(columns)
    nested = [c for c in columns if "." in c]
    out.write(csv_line(columns))
    for row in rows:
        if nested:
            row = {**row, **{c: _dig(row, c) for c in nested}}
        out.write(csv_line(_cell(row.get(c)) for c in columns))
    return out.getvalue()


def _entity_rows(company: Disclosure, lists: Iterable[str] = ENTITY_LISTS) -> Iterable[dict[str, Any]]:
    for list_name in lists:
        for item in company.raw.get(list_name, ()):
            yield {"company": company.id, "list": list_name, **item.get("identifiers", {}), **item}


def _index_entry(company: Disclosure) -> dict[str, Any]:
    return {
        "id": company.id, "name": company.name, "example": company.example,
        "headquarters": company.company.get("headquarters"), "updated": company.updated,
        "page": f"companies/{company.id}/", "data": f"{API}/companies/{company.id}.json",
        "steps": {s.step: s.status for s in company.steps},
        "counts": {name: len(company.listed(name)) for name in ENTITY_LISTS},
        "indicators": company.indicators,
    }


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n"


def exports(registry: Registry, sources: Mapping[str, bytes]) -> list[Asset]:
    """`sources` maps a company id to the bytes of its file, published as the YAML download."""
    assets = [Asset(f"{API}/index.json", _json({"version": 1, "companies": [_index_entry(c) for c in
                                                                              registry.companies]}))]
    for company in registry.companies:
        assets.append(Asset(f"{API}/companies/{company.id}.json", _json(company.raw)))
        assets.append(Asset(f"companies/{company.id}/{company.id}.csv", _csv(ENTITY_COLUMNS, _entity_rows(company))))
        if company.id in sources:
            assets.append(Asset(f"companies/{company.id}/{company.id}.yaml", sources[company.id]))
    for list_name in ENTITY_LISTS:
        rows = (r for c in registry.companies for r in _entity_rows(c, (list_name,)))
        assets.append(Asset(f"data/{list_name}.csv", _csv(ENTITY_COLUMNS, rows)))
    for table, columns in TABLES.items():
        rows = ({"company": c.id, **item} for c in registry.companies for item in c.raw.get(table, ()))
        assets.append(Asset(f"data/{table}.csv", _csv(columns, rows)))
    return assets
