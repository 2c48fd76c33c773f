"""Open Supply Hub layouts (upload and download) and brands' own lists, both ways.

A spreadsheet row becomes the fields of one entity (`row_fields`), and an entity becomes
a row again (`entity_row`), so import → export → import changes nothing for the fields
a layout carries. Columns the disclosure model has no place for (sector, contributors)
are reported, never silently kept.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from typing import Any

from ..check.countries import plain_name, with_place
from ..check.provinces import subdivision
from ..check.schema import schema
from ..model import LIST_IDENTIFIERS
from ..problems import Problem
from . import address_country, cells, coordinates, dates, gender, identifier_cells, name_scripts, shares, site_status
from .address_country import country_at_end
from .cells import MULTI, Cell
from .headings import HEADINGS, NOT_CARRIED, resolve  # noqa: F401  (resolve: the importer's entry to the table)
from .tiers import tier

# column → (entity field, identifier scheme or "")
FIELDS: dict[str, tuple[str, str]] = {
    "id": ("id", ""), "name": ("name", ""), "address": ("address", ""), "country": ("country", ""),
    "product_type": ("products", ""), "number_of_workers": ("workers", ""), "parent_company": ("parent", ""),
    "native_language_name": ("local_name", ""), "duns_id": ("identifiers", "duns"),
    "lei_id": ("identifiers", "lei"), "os_id": ("identifiers", "os_id"), "uscc": ("identifiers", "uscc"),
    "uml_id": ("identifiers", "uml_id"), "rmi_id": ("identifiers", "rmi_id"),
    "aliases": ("aliases", ""), "city": ("city", ""), "subdivision": ("subdivision", ""),
    "relationship": ("relationship", ""), "status": ("status", ""), "tier": ("tier", ""), "kind": ("kind", ""),
    "since": ("since", ""), "until": ("until", ""), "notes": ("notes", ""), "end_use": ("end_use", ""),
    "services": ("services", ""), "facility_type": ("facility_type", ""), "processing_type": ("facility_type", ""),
    "female_workers": ("female_workers", ""), "migrant_workers": ("migrant_workers", ""),
    "female_share": ("female_workers", ""), "migrant_share": ("migrant_workers", ""),
    "gender_ratio_fm": ("female_workers", ""), "gender_ratio_mf": ("female_workers", ""),
    "gender_ratio": ("female_workers", ""), "male_workers": ("female_workers", ""),
    "male_share": ("female_workers", ""),   # men are not held: they check the women, or give them
    "lat": ("coordinates", "lat"), "lng": ("coordinates", "lon"), "lat_lng": ("coordinates", ""),
    "is_closed": ("status", ""),
}
LISTS = {"products", "aliases", "services", "facility_type"}
REQUIRED = ("name", "country")   # a place too, for each new site: matching.place_problems
LIST_IDS = LIST_IDENTIFIERS   # a palm-oil mill's and a smelter's id in its industry's list
SITE_IDS = ("os_id", *LIST_IDS)   # each names one site: a facility, a mill, a smelter


def stands_in(column: str, columns: Mapping[str, Any]) -> bool:
    """Whether a required column the sheet lacks is made up for: the country by the address (its
    last part names it)."""
    return column == "country" and "address" in columns


def placed(fields: Mapping[str, Any]) -> bool:
    """Whether a row's fields tell where the site is well enough to make it a new entity: mills and
    smelters are listed without a street, placed by coordinates or their list's id; some lists give
    only a town or a province, and a disclosure may too."""
    ids = fields.get("identifiers") or {}
    return bool(any(fields.get(k) for k in ("address", "coordinates", "city", "subdivision"))
                or ids.keys() & set(SITE_IDS))

# Export layouts. osh-upload: the OSH upload columns, then the model's own fields.
UPLOAD = ("id", "name", "address", "country", "product_type", "number_of_workers", "parent_company",
          "native_language_name", "duns_id", "lei_id", "os_id", "uscc", "uml_id", "rmi_id", "aliases", "city",
          "subdivision", "relationship", "status", "tier", "kind", "since", "until", "facility_type", "lat", "lng",
          "female_workers", "migrant_workers")
# osh-download: Open Supply Hub's own download, column for column, then the entity id.
DOWNLOAD = ("os_id", "contribution_date", "name", "address", "country_code", "country_name", "lat", "lng",
            "sector", "contributor (list)", "number_of_workers", "parent_company",
            "processing_type_facility_type_raw", "facility_type", "processing_type", "product_type", "is_closed",
            "id")
LAYOUTS = {"osh-upload": UPLOAD, "osh-download": DOWNLOAD}


class _Row:
    """The fields of one row as they are parsed, with the cell each came from."""

    def __init__(self, shown: str, fractions: frozenset[str] = frozenset(),
                 orders: Mapping[int, str] | None = None) -> None:
        self.fields: dict[str, Any] = {}
        self.origin: dict[str, Cell] = {}
        self.problems: list[Problem] = []
        self.shown = shown
        self.fractions = fractions   # share columns written as fractions (0.45), not percents
        self.orders = orders or {}   # date columns' order of day and month, by column number

    def report(self, cell: Cell, level: str, code: str, message: str) -> None:
        self.problems.append(Problem(self.shown, cell.line, cell.column, level, code,  # type: ignore[arg-type]
                                     message, kind=code))

    def put(self, field: str, value: Any, cell: Cell, scheme: str = "") -> None:
        if value in (None, [], ""):
            return
        if scheme:
            self.fields.setdefault(field, {})[scheme] = value
            self.origin[f"{field}/{scheme}"] = cell
        elif field in LISTS and field in self.fields:
            self.fields[field] = list(dict.fromkeys([*self.fields[field], *value]))
        elif field == "notes" and field in self.fields:   # a Notes column's, and what cells wrote beside a value
            self.fields[field] = f"{self.fields[field]}; {value}"
        else:
            self.fields[field] = value
            self.origin[field] = cell


def _plain(row: _Row, column: str, cell: Cell) -> None:
    field, scheme = FIELDS[column]
    if field in LISTS:
        row.put(field, cells.split(cell.value), cell)
    elif scheme:
        row.put(field, cell.value, cell, scheme)
    else:
        row.put(field, cell.value, cell)


def _special(row: _Row, column: str, cell: Cell) -> bool:
    """Columns whose cells are parsed, not copied; False for the plain ones."""
    if column == "country":
        row.put("country", cells.country(cell, row.report), cell)
        _province_in_country(row, cell)
    elif column == "number_of_workers":
        row.put("workers", cells.workers(cell, row.report, lambda text: row.put("notes", text, cell)), cell)
    elif column in ("female_workers", "migrant_workers", "female_share", "migrant_share"):
        field, in_percent = FIELDS[column][0], column.endswith("_share")
        if field not in row.fields:   # a count and a share of the same: the count wins
            read = gender.women if field == "female_workers" else shares.part_of_workers   # "Female: 60%" too
            row.put(field, read(cell, row.report, row.fields.get("workers"), in_percent, column in row.fractions), cell)
    elif column.startswith("gender_ratio"):   # a count of women, where given, wins
        if "female_workers" not in row.fields:
            order = column.removeprefix("gender_ratio").strip("_")
            row.put("female_workers", gender.women_of_ratio(cell, row.report, order, row.fields.get("workers")), cell)
    elif column in gender.MEN:
        pass   # read once the row's women and workers are: _women_and_men
    elif column == "tier":
        row.put("tier", tier(cell, row.report, lambda text: row.put("notes", text, cell)), cell)
    elif column in ("since", "until"):
        row.put(column, dates.date(cell, row.report, row.orders.get(cell.column, "")), cell)
    elif column in ("lat", "lng"):
        row.put("coordinates", cells.degrees(cell, row.report, 90 if column == "lat" else 180), cell,
                FIELDS[column][1])
    elif column == "lat_lng":
        if point := cells.point(cell, row.report):   # None: said at its cell
            row.put("coordinates", point[0], cell, "lat")
            row.put("coordinates", point[1], cell, "lon")
    elif column == "duns_id":
        row.put("identifiers", identifier_cells.duns(cell, row.report), cell, "duns")
    elif column in ("uml_id", "rmi_id"):   # "cid 000123" as people type it: the list writes CID000123
        row.put("identifiers", "".join(cell.value.split()).upper(), cell, FIELDS[column][1])
    elif column == "is_closed":
        if site_status.closed(cell, row.report):
            row.put("status", "ended", cell)
    elif column == "status":
        row.put("status", site_status.status(cell, row.report), cell)
    elif column in ("relationship", "kind"):   # "Public Security", "Joint Venture": the model's word, as written
        term = re.sub(r"[\s_]+", "-", cell.value.strip().casefold())
        row.put(column, term if term in _allowed(column) else cell.value, cell)
    elif column == "subdivision":
        code = subdivision(cell.value, row.fields.get("country"))
        if code:
            row.put("subdivision", code, cell)
        elif cells.world_region(cell.value):   # a brand's "Region" column: Asia, EMEA, Americas
            row.report(cell, "warning", "import-world-region",
                       f"'{cell.value}' is a region of the world, not a province or state of this row's country; "
                       "not imported (the country says more)")
        else:
            row.report(cell, "warning", "import-subdivision",
                       f"'{cell.value}' is not an ISO 3166-2 code or a subdivision name of this row's country; "
                       "not imported (write a code such as TH-66)")
    else:
        return False
    return True


@cache
def _allowed(field: str) -> frozenset[str]:
    """Every value the schema allows `field` (relationship, kind) in any list."""
    found: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            allowed = (node.get("properties") or {}).get(field)
            found.update(allowed.get("enum", ()) if isinstance(allowed, dict) else ())
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
    walk(schema())
    return frozenset(found)


def _province_in_country(row: _Row, cell: Cell) -> None:
    """"Xinjiang, China" or "Shenzhen, Guangdong, China" in the country column: the province is the place
    it names (CN-XJ, CN-GD), unless the row's own Province column names one (parsed after, it wins)."""
    code, place = with_place(cells.without_region(cell.value) or cell.value)   # "Asia - Xinjiang, China"
    if not code or row.fields.get("country") != code:
        return
    for text in dict.fromkeys((place, place.rsplit(",", 1)[-1].strip())):
        if found := subdivision(text, code):
            row.put("subdivision", found, cell)
            return


def _country_from_address(row: _Row, address: Cell) -> None:
    """A list with no country column (Apple's: "..., Shenzhen, Guangdong, China"): the country is the
    address's last part when that names one."""
    last, found = country_at_end(address.value)
    if found:
        row.put("country", found, address)
        row.report(address, "warning", "import-country-from-address",
                   f"the list has no country column: the country is taken from the end of the address, "
                   f"'{last}' ({found})")
    else:
        row.report(address, "error", "import-country-from-address",
                   f"the list has no country column, and the end of this address ('{last}') names no country: "
                   "add a Country column, or end the address with the country's name")


# Order of parsing: the country before the subdivision, the total before its parts.
_FIRST = ("country", "number_of_workers", "female_workers", "migrant_workers")


def row_fields(given: Mapping[str, Cell], shown: str, fractions: frozenset[str] = frozenset(),
               orders: Mapping[int, str] | None = None) -> tuple[dict[str, Any], dict[str, Cell], list[Problem]]:
    """The entity fields a row gives (empty cells give none), where each came from, and problems."""
    row = _Row(shown, fractions, orders)
    if "country" not in given and given.get("address") and given["address"].value:
        _country_from_address(row, given["address"])
    order = [c for c in _FIRST if c in given] + [c for c in given if c not in _FIRST]
    for column in order:
        cell = given[column]
        if column in FIELDS and cell.value and not _special(row, column, cell):
            _plain(row, column, cell)
    _women_and_men(row, given)
    name_scripts.keep_apart(row.fields, row.origin)
    if "country" in given and given.get("address") and row.fields.get("country"):
        address_country.check(given["address"], given["country"], row.fields["country"], row.report)
    address_country.province(row.fields, given.get("address"), row.put, row.report)
    coordinates.settle(row.fields, row.origin, row.report)
    return row.fields, row.origin, row.problems


def _women_and_men(row: _Row, given: Mapping[str, Cell]) -> None:
    """Men, where a list gives them, check the women against the workers, or give them where it does not."""
    men = next((c for c in gender.MEN if given.get(c) and given[c].value), None)
    if men:
        counted = given.get("female_workers")
        exact = counted is not None and row.origin.get("female_workers") == counted and "%" not in counted.value
        row.put("female_workers", gender.women_from_men(given[men], row.report, row.fields, men == "male_share",
                                                        men in row.fractions, exact), given[men])


def _cell(entity: Mapping[str, Any], column: str) -> Any:
    if column == "country_code":
        return entity.get("country")
    if column == "country_name":
        return plain_name(entity.get("country", ""))
    if column == "is_closed":
        return "True" if entity.get("status") == "ended" else "False"
    if column not in FIELDS or column == "processing_type":
        return None
    field, scheme = FIELDS[column]
    return (entity.get(field) or {}).get(scheme) if scheme else entity.get(field)


def entity_row(entity: Mapping[str, Any], layout: tuple[str, ...] = UPLOAD) -> dict[str, str]:
    """One export row in a layout; lists joined with '|'."""
    row = {}
    for column in layout:
        value = _cell(entity, column)
        if isinstance(value, list):
            value = MULTI.join(str(v) for v in value)
        row[column] = "" if value is None else str(value)
    return row


def heading_table() -> str:
    """The headings table as the importing page of the docs shows it (a test keeps them equal)."""
    lines = ["| column | stored as | headings recognised |", "|---|---|---|"]
    for column, headings in HEADINGS.items():
        field, scheme = FIELDS[column]
        stored = f"`{field}{'.' + scheme if scheme else ''}`"
        if column == "is_closed":
            stored = "`status: ended` when true"
        elif column.endswith("_share"):
            stored += ", counted from the share of a whole number of workers"
        elif column in ("male_workers", "male_share"):
            stored = "`female_workers` as the workers less the men, where a row gives no women; else a check"
        elif column.startswith("gender_ratio"):
            stored += ", counted from the women's side of the ratio" + ("" if column[-1] in "fm" else
                                                                           " where the cell says which it is")
        lines.append(f"| `{column}` | {stored} | {', '.join(f'`{h}`' for h in headings)} |")
    return "\n".join(lines)
