"""Each site of a list → the entity it already is in the disclosure, or a new id.

An existing entity is found by a mill's or smelter's list ID (UML ID, RMI's CID), else by
the same keys that make a row a site (identity.site_key), looked up over the file's
entities. Failing that, the same name in the same country is the entity when their places
do not contradict (each of address, city and subdivision that both give is equal; an
entity written by hand may give only a province) and the pairing is one to one. Rows
found nowhere get new ids (identity.new_ids). A problem the merged file has is said at the row
and cell it came from (`located`).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping
from typing import Any

from ..model import ENTITY_LISTS
from ..problems import Problem
from .identity import Row, fold, name_key, new_ids, place, site_key
from .name_scripts import split
from .osh import LIST_IDS, SITE_IDS, placed
from .sheets import Sheet


def _fits(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """No place both give differs (after folding); an address may add a postcode or its town's name."""
    return all((_address_fits if k == "address" else _same)(a, b, k) for k in ("address", "city", "subdivision")
               if a.get(k) and b.get(k))


def _same(a: Mapping[str, Any], b: Mapping[str, Any], key: str) -> bool:
    return place({key: a[key]}) == place({key: b[key]})


def _words(value: Any) -> list[str]:
    return fold(str(value)).split() if value else []


def _address_fits(a: Mapping[str, Any], b: Mapping[str, Any], key: str = "address") -> bool:
    """The same address, or one that only adds numbers (a postcode) or the names of its place
    (this year's list joins 'Postal Code' and 'City' into it, last year's did not)."""
    words = [Counter(_words(x[key])) for x in (a, b)]
    short, long = sorted(words, key=lambda w: w.total())
    if short - long:
        return False
    named = {w for x in (a, b) for k in ("city", "subdivision") for w in _words(x.get(k))}
    return all(w.isdigit() or w in named for w in long - short)


def _keys(entity: Mapping[str, Any]) -> Iterator[tuple[str, ...]]:
    """Every key a row could reach this entity by."""
    ids = entity.get("identifiers") or {}
    for scheme in SITE_IDS:
        if ids.get(scheme):
            yield (scheme, str(ids[scheme]))
    for scheme in ("lei", "uscc"):
        if ids.get(scheme):
            yield (scheme, str(ids[scheme]), place(entity))
    names = [entity.get("name"), entity.get("local_name")]
    if isinstance(names[0], str) and (parts := split(names[0], entity.get("country", ""))):
        names.extend(parts)   # a name stored in two scripts before they were kept apart
    for name in names:
        if isinstance(name, str) and name:
            yield ("site", name_key(name, entity.get("country", "")), entity.get("country", ""), place(entity))


class Existing:
    """The disclosure's entities, indexed by every key a row may match them by."""

    def __init__(self, data: Mapping[str, Any], list_name: str) -> None:
        self.lists: dict[str, str] = {}
        self.by_key: dict[tuple[str, ...], str] = {}
        self.by_name: dict[tuple[str, str], list[Mapping[str, Any]]] = defaultdict(list)
        for name in ENTITY_LISTS:
            for entity in data.get(name) or []:
                self.lists[entity["id"]] = name
                if name != list_name:
                    continue
                for key in _keys(entity):
                    self.by_key.setdefault(key, entity["id"])
                    if key[0] == "site" and entity not in self.by_name[(key[1], key[2])]:
                        self.by_name[(key[1], key[2])].append(entity)

    def find(self, row: Row, sheet: Mapping[tuple[str, str], list[Row]]) -> str | None:
        key = site_key(row.fields)
        if key[0] == "id":
            return key[1]
        ids = row.fields.get("identifiers") or {}
        for scheme in LIST_IDS:   # one mill or smelter, whatever its name or place is written as this year
            if ids.get(scheme) and (found := self.by_key.get((scheme, str(ids[scheme])))):
                return found
        if found := self.by_key.get(key):
            return found
        if key[0] != "site":  # an identifier decides first; without a match, the name may still
            key = site_key({k: v for k, v in row.fields.items() if k != "identifiers"})
            if found := self.by_key.get(key):
                return found
        near = [e for e in self.by_name.get((key[1], key[2]), []) if _fits(e, row.fields)]
        if len(near) == 1 and sum(_fits(near[0], r.fields) for r in sheet[(key[1], key[2])]) == 1:
            return str(near[0]["id"])
        return None


def assign_ids(rows: list[Row], data: Mapping[str, Any], list_name: str, shown: str, where: str) -> list[Problem]:
    existing = Existing(data, list_name)
    names: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for row in rows:
        country = row.fields.get("country", "")
        names[(name_key(row.fields["name"], country), country)].append(row)
    unmatched, used = [], set()
    for row in rows:
        found = existing.find(row, names)
        if found is None or (found in used and not row.fields.get("id")):
            unmatched.append(row)
        else:
            row.fields["id"] = found
            used.add(found)
    new_ids(unmatched, set(existing.lists) | used)
    problems = []
    for row in rows:
        other = existing.lists.get(row.fields["id"], list_name)
        if other != list_name:
            problems.append(Problem(shown, row.line, row.cell("id", "name").column, "error", "import-id-in-other-list",
                                    f"{where}the id {row.fields['id']} is already used in {other}; "
                                    "ids are unique across partners, suppliers and counterparties"))
    return problems


def place_problems(new: list[Row], sheet: Sheet) -> list[Problem]:
    """Each new site without a place, at its row; a list that places none of its sites (a name and a
    country each: a brand's list of material suppliers) is imported as written, said once."""
    unplaced = [row for row in new if not placed(row.fields)]
    if unplaced and len(unplaced) == len(new):
        return [Problem(sheet.path, sheet.header_line, 1, "warning", "import-no-place",
                        f"{sheet.where()}the list gives no address, city, province, coordinates or list ID: each "
                        "site is imported as its name and country, and rows of one name in one country are one site")]
    return [Problem(sheet.path, row.line, row.cell("address", "name").column, "error", "import-missing-value",
                    f"{sheet.where()}row {row.line} has no place; every new entity needs name, country, and an "
                    "address, city, province, coordinates or a list's ID (UML ID, RMI's CID), as the list's other "
                    "rows have", kind="import-missing-value") for row in unplaced]


def located(problem: Problem, list_name: str, rows_at: Mapping[int, Row], sheet: Sheet) -> Problem:
    """A problem in the merged file, moved to the spreadsheet cell it came from."""
    parts = problem.pointer.strip("/").split("/")
    if len(parts) >= 2 and parts[0] == list_name and parts[1].isdigit() and int(parts[1]) in rows_at:
        row = rows_at[int(parts[1])]
        rest, missing = "/".join(parts[2:]), _missing(problem)
        cell = (row.origin.get(rest or missing) or row.origin.get(parts[2] if len(parts) > 2 else "")
                or row.origin["name"])
        heading = sheet.header[cell.column - 1] if missing in row.origin else ""
        return Problem(sheet.path, row.line, cell.column, problem.level, problem.code,
                       f"{sheet.where()}row {row.line}: {_for_a_list(problem, missing, heading)}", problem.pointer,
                       problem.kind)
    return problem


def _missing(problem: Problem) -> str:
    """The field a missing-field problem names, else ""."""
    found = re.search(r"; add a line '([a-z_]+): …'$", problem.message) if problem.code == "missing-field" else None
    return found[1] if found else ""


def _for_a_list(problem: Problem, field: str, heading: str) -> str:
    """The advice a list's row needs: a field the list lacks comes from a column (`heading`, where the list
    has one and this row leaves it empty), not a line of YAML."""
    if not field:
        return problem.message
    said = problem.message.rpartition("; add a line '")[0]
    if heading:
        return f"{said}; its cell under '{heading}' is empty: fill it in"
    return (f"{said}; add a column for it (such as '{field.replace('_', ' ').title()}'), or name one with "
            f"--map 'Heading={field}'")
