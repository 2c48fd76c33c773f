"""Several columns of a sheet that give one field: "Address Line 1" and "Postal Code",
"Product Category" and "Product Type", "Country" and "Country Code", a heading written twice.
Parts of one value are joined; where each cell gives the whole value, the first that holds one
is read, and another that says otherwise is said at its cell rather than dropped unseen.
"""

from __future__ import annotations

from collections.abc import Mapping
from difflib import get_close_matches

from ..problems import Problem
from ..registry.names import normalise
from .cells import MULTI, Cell, country, world_region
from .headings import column_key
from .sheets import Sheet

# The columns whose cells are parts of the field, and what joins them.
JOINED = {"address": ", ", "product_type": MULTI, "facility_type": MULTI, "processing_type": MULTI}
# A supplier and its group are firms at two levels, both read as the parent: neither is wrong.
_LEVELS = {"parent_company"}


def _valued(column: str, cells: list[Cell]) -> list[Cell]:
    """The cells that hold a value; of a subdivision's, a region of the world ('SE Asia' under a brand's
    'Region' beside its 'State') only where no other cell holds one: it is no province of the row's country."""
    valued = [c for c in cells if c.value]
    if column == "subdivision" and len(valued) > 1:
        return [c for c in valued if not world_region(c.value)] or valued[:1]
    return valued


def one_cell(column: str, cells: list[Cell]) -> Cell:
    """The cell a row's field is read from: its parts joined, else the first that holds a value."""
    valued = _valued(column, cells)
    first = valued[0] if valued else cells[0]
    if column in JOINED and len(cells) > 1:
        return Cell(JOINED[column].join(dict.fromkeys(c.value for c in valued)), first.line, first.column)
    return first


def _read_country(text: str) -> str | None:
    """The country the importer reads from `text` (cells.country, its warnings aside)."""
    return country(Cell(text, 0, 0), lambda *_: None)


def _same(column: str, one: str, other: str) -> bool:
    # Countries as the importer reads them: 'Korea' beside 'KR', 'Srilanka' beside 'LK' are one country
    if column == "country" and (code := _read_country(one)) and code == _read_country(other):
        return True
    return normalise(one) == normalise(other)


def differences(column: str, cells: list[Cell], sheet: Sheet) -> list[Problem]:
    """A warning at each cell whose value another column of the same field already gives otherwise."""
    valued = _valued(column, cells)
    if column in JOINED or column in _LEVELS or len(valued) < 2:
        return []
    read = valued[0]
    return [Problem(sheet.path, other.line, other.column, "warning", "import-columns-differ",
                    f"{sheet.where()}{_named(sheet, read)} and {_named(sheet, other)} both give the "
                    f"{column.replace('_', ' ')}, and differ: '{read.value}' is imported, '{other.value}' is not; "
                    "correct the one that is wrong", kind=f"import-columns-differ {read.column} {other.column}")
            for other in valued[1:] if not _same(column, read.value, other.value)]


def _named(sheet: Sheet, cell: Cell) -> str:
    return f"column {cell.column} ('{sheet.header[cell.column - 1]}')"


def keep_levels(found: dict[str, Cell], parents: list[Cell], sheet: Sheet) -> None:
    """A site holds one parent: the parent columns' other cells that name another firm (a mill's owner company
    beside its group) are kept in the row's notes, each after its heading ("Company Name: PT Contoh Sawit")."""
    parent = found.get("parent_company")
    others = [c for c in _valued("parent_company", parents)[1:] if normalise(c.value) != normalise(parent.value)]
    if not others:
        return
    held = found["notes"] if found.get("notes") and found["notes"].value else None
    notes = [held.value] if held else []
    notes += [f"{sheet.header[c.column - 1]}: {c.value}" for c in others]
    at = held or others[0]
    found["notes"] = Cell("; ".join(notes), at.line, at.column)


def ordered(sheet: Sheet, columns: dict[str, list[int]], mapping: Mapping[str, str]) -> None:
    """A field's columns in the order they are read: a column the reader named with --map first, always; of the
    firms above a site, a heading that says parent ('Parent Company', 'parent_com') before a group's or a
    supplier's. An address's parts keep the list's order."""
    def rank(i: int) -> tuple[bool, bool]:
        heading = sheet.header[i]
        return heading not in mapping and column_key(heading) not in mapping, "parent" not in column_key(heading)
    for column, places in columns.items():
        if column not in JOINED:
            columns[column] = sorted(places, key=lambda i: rank(i) if column == "parent_company" else rank(i)[:1])


def levels_said(sheet: Sheet, columns: dict[str, list[int]]) -> list[Problem]:
    """A warning at each parent column after the first: where its firm is another, it goes to the notes."""
    first, *more = columns.get("parent_company", [None])
    return [Problem(sheet.path, sheet.header_line, i + 1, "warning", "import-parent-levels",
                    f"{sheet.where()}column '{sheet.header[i]}' and column '{sheet.header[first]}' both name a firm "
                    f"above the site, and a site holds one parent: a row's parent is read from column "
                    f"'{sheet.header[first]}' where it gives one, else from this one; where both name firms, "
                    "this one's, if another, is kept in the site's notes")
            for i in more]


def half_point(sheet: Sheet, columns: dict[str, list[int]]) -> list[Problem]:
    """A latitude column with no longitude column beside it (or back) gives no point: it is not imported, and said
    at its heading with the headings that were read, rather than an error at each row that the other is missing."""
    halves = {"lat": "longitude", "lng": "latitude"}
    problems = []
    for column, wanted in halves.items():
        other = "lng" if column == "lat" else "lat"
        if column not in columns or other in columns:
            continue
        unread = [h for n, h in enumerate(sheet.header) if h and not any(n in v for v in columns.values())]
        close = get_close_matches(wanted, [h.casefold() for h in unread], n=1, cutoff=0.6)
        hint = next((h for h in unread if close and h.casefold() == close[0]), "")
        named = f"--map '{hint}={wanted}'" if hint else f"--map 'Heading={wanted}'"
        for i in columns.pop(column):
            problems.append(Problem(sheet.path, sheet.header_line, i + 1, "warning", "import-half-point",
                                    f"{sheet.where()}column '{sheet.header[i]}' gives the {halves[other]}, and no "
                                    f"column of the list is read as the {wanted}, so it gives no point: it is not "
                                    f"imported; if a column holds the {wanted}, name it with {named}"))
    return problems
