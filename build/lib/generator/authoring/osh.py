"""The Open Supply Hub upload layout and the Transparency Pledge fields, both ways.

A spreadsheet row becomes the fields of one entity (`row_fields`), and an entity
becomes a row again (`entity_row`), so import → export → import changes nothing for
the fields the layout carries. OSH columns that the disclosure model has no place for
(sector, facility and processing type, coordinates) are reported, never silently kept.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

import pycountry

from ..problems import Problem

MULTI = "|"  # OSH separates several values in one cell with a pipe

# Export column order: the OSH layout first, then the model's own fields.
COLUMNS = ("id", "name", "address", "country", "product_type", "number_of_workers", "parent_company",
           "native_language_name", "duns_id", "lei_id", "os_id", "uscc", "aliases", "city", "subdivision",
           "relationship", "status", "tier", "kind", "since", "until")

# column → (entity field, identifier scheme or "")
FIELDS: dict[str, tuple[str, str]] = {
    "id": ("id", ""), "name": ("name", ""), "address": ("address", ""), "country": ("country", ""),
    "product_type": ("products", ""), "number_of_workers": ("workers", ""), "parent_company": ("parent", ""),
    "native_language_name": ("local_name", ""), "duns_id": ("identifiers", "duns"),
    "lei_id": ("identifiers", "lei"), "os_id": ("identifiers", "os_id"), "uscc": ("identifiers", "uscc"),
    "aliases": ("aliases", ""), "city": ("city", ""), "subdivision": ("subdivision", ""),
    "relationship": ("relationship", ""), "status": ("status", ""), "tier": ("tier", ""), "kind": ("kind", ""),
    "since": ("since", ""), "until": ("until", ""), "notes": ("notes", ""), "end_use": ("end_use", ""),
    "services": ("services", ""),
}
LISTS = {"products", "aliases", "services"}
NOT_CARRIED = ("sector", "facility_type", "processing_type", "lat", "lng", "facility_type_processing_type")
REQUIRED = ("name", "address", "country")

# Other spellings of the same columns: Transparency Pledge headings, and common ones.
ALIASES = {
    "facility_name": "name", "site_name": "name", "name_of_site": "name", "supplier_name": "name",
    "factory_name": "name", "full_address": "address", "site_address": "address", "facility_address": "address",
    "country_code": "country", "country_name": "country", "products": "product_type",
    "type_of_products": "product_type", "product_types": "product_type", "type_of_product": "product_type",
    "workers": "number_of_workers", "worker_band": "number_of_workers", "number_of_employees": "number_of_workers",
    "workers_band": "number_of_workers", "approximate_number_of_workers": "number_of_workers",
    "parent": "parent_company", "parent_company_name": "parent_company", "local_name": "native_language_name",
    "duns": "duns_id", "lei": "lei_id", "os_id_number": "os_id", "unified_social_credit_code": "uscc",
}


def column_key(heading: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", heading.strip().casefold()).strip("_")


def resolve(heading: str, mapping: Mapping[str, str]) -> str:
    """The layout column a heading stands for: --map first, then the names above."""
    if heading in mapping:
        return column_key(mapping[heading])
    key = column_key(heading)
    if key in mapping:
        return column_key(mapping[key])
    return ALIASES.get(key, key)


_COUNTRY_NAMES = {"uk": "GB", "great britain": "GB", "england": "GB", "usa": "US", "u.s.a.": "US",
                  "united states of america": "US", "prc": "CN", "mainland china": "CN", "p.r. china": "CN",
                  "south korea": "KR", "korea": "KR", "vietnam": "VN", "turkey": "TR", "russia": "RU",
                  "taiwan": "TW", "hong kong": "HK", "macau": "MO", "laos": "LA", "iran": "IR"}


@cache
def country_code(value: str) -> str:
    """ISO alpha-2 for a code (alpha-2 or alpha-3) or a name, '' when unknown or ambiguous."""
    text = value.strip()
    if not text:
        return ""
    if text.casefold() in _COUNTRY_NAMES:
        return _COUNTRY_NAMES[text.casefold()]
    try:
        return pycountry.countries.lookup(text).alpha_2
    except LookupError:
        pass
    try:
        found = pycountry.countries.search_fuzzy(text)
    except LookupError:
        return ""
    return found[0].alpha_2 if len(found) == 1 else ""


@dataclass(frozen=True)
class Cell:
    value: str
    line: int
    column: int


def _workers(cell: Cell, where: str, problem: Any) -> int | None:
    digits = cell.value.replace(",", "").replace(" ", "")
    if digits.isdigit():
        return int(digits)
    problem(cell, "import-workers",
            f"{where}'{cell.value}' is not a whole number of workers; a band such as 100-500 cannot be "
            "stored as `workers`: write one number (the count, or the band's estimate)")
    return None


def _value(field: str, cell: Cell, where: str, problem: Any) -> Any:
    if field in LISTS:
        return [v.strip() for v in cell.value.split(MULTI) if v.strip()]
    if field == "workers":
        return _workers(cell, where, problem)
    if field == "tier":
        return int(cell.value) if cell.value.isdigit() else cell.value
    if field == "country":
        code = country_code(cell.value)
        if not code:
            problem(cell, "import-country", f"{where}'{cell.value}' is not a country name or ISO code; "
                                            "write a code such as CN, or a name such as China")
        return code or None
    if field == "subdivision":
        return cell.value.upper()
    return cell.value


def row_fields(cells: Mapping[str, Cell], where: str,
               shown: str) -> tuple[dict[str, Any], dict[str, Cell], list[Problem]]:
    """The entity fields a row gives (empty cells give none), where each came from, and problems."""
    problems: list[Problem] = []

    def problem(cell: Cell, code: str, message: str) -> None:
        problems.append(Problem(shown, cell.line, cell.column, "error", code, message, kind=code))

    fields: dict[str, Any] = {}
    origin: dict[str, Cell] = {}
    for column, cell in cells.items():
        if column not in FIELDS or not cell.value:
            continue
        field, scheme = FIELDS[column]
        value = _value(field, cell, where, problem)
        if value in (None, [], ""):
            continue
        if scheme:
            fields.setdefault("identifiers", {})[scheme] = value
            origin[f"identifiers/{scheme}"] = cell
        else:
            fields[field] = value
            origin[field] = cell
    return fields, origin, problems


def entity_row(entity: Mapping[str, Any]) -> dict[str, str]:
    """One export row in the layout of COLUMNS; lists joined with '|'."""
    row = {}
    ids = entity.get("identifiers") or {}
    for column in COLUMNS:
        field, scheme = FIELDS[column]
        value = ids.get(scheme) if scheme else entity.get(field)
        if isinstance(value, list):
            value = MULTI.join(str(v) for v in value)
        row[column] = "" if value is None else str(value)
    return row
