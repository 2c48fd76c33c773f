"""Merge a supplier spreadsheet into a disclosure file, keeping what people wrote.

Rows are sites, matched to entities by `identity` and `matching` (id, identifiers, then
name and place), else given new ids. New rows are added; a matched entity gets the
spreadsheet's non-empty cells; every other key, comment and the file's formatting stay
as they were (ruamel.yaml round-trip, used only to write). Nothing is written unless the
merged file validates, and every problem names the spreadsheet's row and column.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..check.validation import validate_document
from ..check.version import newer
from ..load.loader import DEFAULT_LIMITS as DISCLOSURE_LIMITS
from ..load.loader import load_file, load_text
from ..problems import Problem
from ..registry.names import normalise
from . import dates, osh, same_field
from .address_country import several_sites
from .atomic_write import replace_file
from .cell_notes import with_notes
from .cell_text import given, one_line
from .cells import Cell
from .gender import men_unused
from .heading_context import NOT_IMPORTED, context_said, in_context
from .headings import AGENCY_NAMES, SITE_NAMES, SUPPLIER_NAMES, column_key, firm_places, unknown_targets
from .identity import Row as SiteRow
from .identity import merge_sites
from .matching import assign_ids, located, place_problems
from .not_sites import withheld
from .placeholders import cleaned
from .region_column import world_regions
from .shares import share
from .sheets import DEFAULT_LIMITS, Limits, Row, Sheet, import_command, read_sheet
from .tables import find_table, sheet_tier, table_score, unheaded
from .yamlwrite import RuamelError, add_list, dump_adding, load_roundtrip, set_text, update_entity

DEFAULTS = {"suppliers": {"relationship": "supplier"}}


@dataclass
class Outcome:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    written: bool = False
    table: str = ""        # where the table was read: sheet, heading row, rows skipped above it

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)


def _columns(sheet: Sheet, mapping: Mapping[str, str],
             list_name: str) -> tuple[dict[str, list[int]], list[Problem]]:
    """Each layout column → the sheet's columns for it, in order (same_field reads them: Open Supply
    Hub gives both country_code and country_name; address parts are joined)."""
    columns: dict[str, list[int]] = {}
    problems = []
    where = sheet.where()
    given = mapping   # the reader's own --map, which wins over what the importer reads by itself
    # "Supplier Country" where the supplier is the site; "CAP" in an English list is no postcode
    mapping = {**firm_places(sheet.header), **in_context(sheet.header), **mapping}
    # Beside a site's name, an agency's is the sourcing agency's; alone, the agencies are the list (recruiters).
    named = [h for h in sheet.header if h and osh.resolve(h, mapping) == "name" and column_key(h) not in AGENCY_NAMES]
    for i, heading in enumerate(sheet.header):
        if not heading:
            continue
        column = osh.resolve(heading, mapping)
        if column == "name" and list_name == "suppliers" and column_key(heading) in AGENCY_NAMES and named and not (
                {heading, column_key(heading)} & mapping.keys()):   # a sourcing agency's, not the factory's
            column = "agency"
        if column in osh.FIELDS:
            columns.setdefault(column, []).append(i)
        else:
            why = NOT_IMPORTED.get(column) or ("the disclosure model has no field for it" if column in osh.NOT_CARRIED
                   else "it is not a heading the importer knows (docs: Importing a list); name its field with --map")
            problems.append(Problem(sheet.path, sheet.header_line, i + 1, "warning", "import-column-ignored",
                                    f"{where}column '{heading}' is not imported: {why}"))
    _site_before_supplier(sheet, columns, mapping)
    problems += world_regions(sheet, columns)   # a brand's sales region: no place
    same_field.ordered(sheet, columns, given)
    problems += [*unheaded(sheet), *same_field.levels_said(sheet, columns), *same_field.half_point(sheet, columns),
                 *context_said(sheet, given)]
    problems += men_unused(sheet.path, sheet.header_line, sheet.header, columns)
    missing = [c for c in osh.REQUIRED if c not in columns and not osh.stands_in(c, columns)]
    if missing:
        problems.append(Problem(sheet.path, sheet.header_line, 1, "error", "import-missing-column",
                                f"{where}the column headings (row {sheet.header_line}) name no {', '.join(missing)} "
                                f"column (use --map 'Heading={missing[0]}' for other headings, --header-row N for "
                                "another row)"))
    return columns, problems


def _site_before_supplier(sheet: Sheet, columns: dict[str, list[int]], mapping: Mapping[str, str]) -> bool:
    """With both a site's name ("Factory Name") and a supplier's ("Supplier Name"), the entity
    is the site; the supplier, the firm that holds the order, becomes its parent."""
    names = columns.get("name", [])
    keys = {i: column_key(sheet.header[i]) for i in names if sheet.header[i] not in mapping}
    sites = [i for i in names if keys.get(i) in SITE_NAMES]
    suppliers = [i for i in names if keys.get(i) in SUPPLIER_NAMES and i not in sites]
    if sites and suppliers:
        columns["name"] = [i for i in names if i not in suppliers]
        columns["parent_company"] = columns.get("parent_company", []) + suppliers
    return bool(sites and suppliers)


def _fractions(sheet: Sheet, columns: Mapping[str, list[int]]) -> frozenset[str]:
    """Share columns written as fractions (0.45 for 45 %): every number in them is at most 1."""
    found = set()
    for column in ("female_share", "migrant_share", "male_share"):
        values = [row.cells[i] for row in sheet.rows for i in columns.get(column, []) if i < len(row.cells)]
        numbers = [v for v in (share(x) for x in values if x and not x.strip().endswith("%")) if v is not None]
        if numbers and max(numbers) <= 1 and any(0 < n < 1 for n in numbers):
            found.add(column)
    return frozenset(found)


def _cells(row: Row, columns: Mapping[str, list[int]], sheet: Sheet) -> tuple[dict[str, Cell], list[Problem]]:
    found, problems, parents = {}, [], []
    for column, places in columns.items():
        cells = [Cell(given(one_line(row.cells[i], column), column) if i < len(row.cells) else "", row.number, i + 1)
                 for i in places]
        found[column] = same_field.one_cell(column, cells)
        problems += same_field.differences(column, cells, sheet)
        parents += cells if column == "parent_company" else []
    same_field.keep_levels(found, parents, sheet)
    return found, problems + several_sites(row, columns, sheet)


def parse_rows(sheet: Sheet, mapping: Mapping[str, str], list_name: str) -> tuple[list[SiteRow], list[Problem]]:
    columns, problems = _columns(sheet, mapping, list_name)
    if any(p.is_error for p in problems):
        return [], problems
    sheet, said = cleaned(sheet, columns)
    problems += said
    where = sheet.where()
    parsed = []
    fractions = _fractions(sheet, columns)
    orders, said = dates.column_orders(sheet, columns)
    problems += said
    tier = sheet_tier(sheet.name) if list_name == "suppliers" else None
    # A supplier read as the parent may be the factory itself: then it names no parent.
    supplier_parent = any(column_key(sheet.header[i]) in SUPPLIER_NAMES for i in columns.get("parent_company", []))
    above = above_parent = ""
    for row in sheet.rows:
        cells, differ = _cells(row, columns, sheet)
        if said := withheld(sheet, cells["name"]):
            problems.append(said)
            continue
        fields, origin, found = osh.row_fields(cells, sheet.path, fractions, orders)
        found = differ + [replace(p, message=where + p.message) for p in found]
        # No site's name beside a supplier's other than the row above's: the supplier's own site.
        own = supplier_parent and not cells["name"].value and fields.get("parent") not in (None, above_parent)
        above_parent = fields.get("parent", "")
        if own:
            fields["name"] = fields.pop("parent")
            origin["name"] = origin.pop("parent")
        # A place is required of new entities only (in merge): one written by hand
        # without an address must survive export → import.
        for column in ("name", "country")[own:]:
            if column in cells and not cells[column].value:   # no country column: osh reads the address
                hint = (f"; if it is another site of '{above}' (a merged cell in the original workbook), write the "
                        "name on this row too" if column == "name" and above else "")
                found.append(Problem(sheet.path, row.number, cells[column].column, "error", "import-missing-value",
                                     f"{where}row {row.number} has no {column}; every row needs a name and a "
                                     f"country{hint}", kind="import-missing-value"))
        above = (cells["name"].value or fields.get("name", ""))[:80]
        parent = fields.get("parent")
        if supplier_parent and parent and normalise(parent) == normalise(fields.get("name", "")):
            del fields["parent"]
        if "address" not in fields:
            origin["address"] = cells.get("address") or cells["name"]
        for column, cell in cells.items():   # a field left empty is missing at its cell, not at the name's
            if not osh.FIELDS[column][1]:
                origin.setdefault(osh.FIELDS[column][0], cell)
        if tier and "tier" not in fields and not (cells.get("tier") and cells["tier"].value):
            fields["tier"] = tier   # a sheet named "Tier 2" stands for a Tier column that says 2
        problems.extend(found)
        if not any(p.is_error for p in found):
            parsed.append(SiteRow(row.number, {**DEFAULTS.get(list_name, {}), **fields}, origin))
    return parsed, problems


def _keep_spelling(entity: Mapping[str, Any], fields: dict[str, Any]) -> dict[str, Any]:
    """A name that differs only in case, punctuation or legal form keeps the file's spelling; the notes it
    holds are kept, the list's added after them."""
    if "notes" in fields:
        fields = {**fields, "notes": with_notes(entity.get("notes"), fields["notes"])}
    old = entity.get("name")
    if isinstance(old, str) and normalise(old) == normalise(fields["name"]):
        return {k: v for k, v in fields.items() if k != "name"}
    return fields


def _identify(rows: list[SiteRow], data: Mapping[str, Any], list_name: str,
              sheet: Sheet) -> tuple[list[SiteRow], list[Problem]]:
    """One row per site, each with its entity id; a row that adds an entity must have a place."""
    sites, problems = merge_sites(rows, sheet.path, sheet.where(), sheet.header)
    problems += assign_ids(sites, data, list_name, sheet.path, sheet.where())
    known = {e["id"] for e in data.get(list_name) or []}
    problems += place_problems([r for r in sites if r.fields.get("id") not in known], sheet)
    return sites, problems


def merge(target: Path, rows: list[SiteRow], list_name: str, sheet: Sheet,
          today: dt.date, outcome: Outcome) -> str | None:
    """The merged file's text, or None with the problems in `outcome`. Rows carry their ids."""
    try:
        doc = load_roundtrip(target.read_text(encoding="utf-8-sig"))
    except RuamelError as e:  # the loader accepted it, so this is rare: say so rather than guess
        outcome.problems.append(Problem(str(target), 1, 1, "error", "import-rewrite",
                                        f"this file cannot be rewritten with its comments kept ({e}); "
                                        "simplify its YAML, or add the rows by hand"))
        return None
    entities = add_list(doc, list_name)
    index = {e["id"]: i for i, e in enumerate(entities)}
    rows_at, added = {}, []
    for row in rows:
        i = index.get(row.fields["id"])
        if i is None:
            index[row.fields["id"]] = i = len(entities) + len(added)
            added.append(row.fields)
            outcome.added.append(row.fields["id"])
        elif update_entity(entities[i], _keep_spelling(entities[i], row.fields)):
            outcome.updated.append(row.fields["id"])
        else:
            outcome.unchanged.append(row.fields["id"])
        rows_at[i] = row
    if doc.data.get("schema_version") == "1.0" and any(newer({**doc.data, list_name: [*entities, *added]})):
        set_text(doc.data, "schema_version", "1.1")  # MODEL.md: import sets "1.1" when it writes a 1.1 field
    text = dump_adding(doc, entities, added)
    merged = load_text(text, str(target))
    found = validate_document(merged, today)
    outcome.problems.extend(located(p, list_name, rows_at, sheet) for p in found)
    return text if outcome.ok else None


def _write(target: Path, text: str) -> None:
    """Whole or not at all, with the file's own line endings (a Windows-edited file keeps CRLF) and its
    own permissions."""
    try:
        newline, mode = ("\r\n" if b"\r\n" in target.read_bytes() else "\n"), target.stat().st_mode & 0o7777
    except FileNotFoundError:
        newline, mode = "\n", None
    replace_file(target, text, newline, mode)


def import_sheet(sheet_path: Path, target: Path, list_name: str, mapping: Mapping[str, str] | None = None,
                 today: dt.date | None = None, limits: Limits = DEFAULT_LIMITS, header_row: int | None = None,
                 sheet_name: str | None = None) -> Outcome:
    outcome = Outcome()
    mapping = mapping or {}
    if not target.is_file():
        outcome.problems.append(Problem(str(target), 1, 1, "error", "not-found",
                                        "no such disclosure; start one with `disclose new ID --name NAME`"))
        return outcome
    outcome.problems.extend(unknown_targets(mapping, str(sheet_path)))
    today = today or dt.date.today()
    current = load_file(target)
    again = import_command(sheet_path, target, list_name, mapping, header_row)
    sheet, problems = read_sheet(sheet_path, limits, sheet_name, lambda rows: table_score(rows, mapping), again)
    # The disclosure must be valid before the merge: its problems are its own, not the sheet's.
    outcome.problems.extend([*(p for p in validate_document(current, today) if p.is_error), *problems])
    if sheet is None or current.data is None or not outcome.ok:
        return outcome
    sheet, problems, outcome.table = find_table(sheet, mapping, header_row)
    outcome.problems.extend(problems)
    if sheet is None:
        return outcome
    if list_name == "suppliers" and (tier := sheet_tier(sheet.name)):
        outcome.table += f"; its rows that give no tier are tier {tier}, as the sheet's name says"
    rows, problems = parse_rows(sheet, mapping, list_name)
    outcome.problems.extend(problems)
    rows, problems = _identify(rows, current.data, list_name, sheet)
    outcome.problems.extend(problems)
    if not outcome.ok:
        return outcome
    text = merge(target, rows, list_name, sheet, today, outcome)
    size = len(text.encode("utf-8")) if text is not None else 0
    if size > DISCLOSURE_LIMITS.max_bytes:   # `validate` would refuse the file written
        outcome.problems.append(Problem(str(target), 1, 1, "error", "file-too-large",
                                        f"with this list the disclosure would be {size:,} bytes, over the "
                                        f"{DISCLOSURE_LIMITS.max_bytes:,} a disclosure may hold; nothing was written"))
        return outcome
    if text is not None and (outcome.added or outcome.updated):
        _write(target, text)
        outcome.written = True
    return outcome

