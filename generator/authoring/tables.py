"""Where the table starts and ends in a sheet as it is published.

Published lists rarely start on row 1: a "Data As Of" line, a title, a logo row, notes and
blank rows come first, and some have two heading rows (a group heading such as "Workers"
over "Total" and "% Female"). Each of the first rows is scored by how many of its cells
are headings the importer knows (`headings`), alone and together with the row below;
the best wins, the earliest on a tie. Below the table, a footnote or a totals line is
not a site: it is skipped with a warning naming its row (`not_sites`). Rows keep their sheet numbers,
so every problem found later points at the sheet's own row.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from ..check.countries import resolve as resolve_country
from ..problems import Problem
from .headings import known
from .not_sites import not_sites, plain_cells
from .sheets import Row, Sheet

SCANNED = 30          # rows looked at for the headings


@dataclass(frozen=True)
class Headings:
    row: Row                  # the row of column headings
    names: tuple[str, ...]    # each column's heading, with its group heading when that names it
    score: int
    rows_used: int            # 1, or 2 with a group heading
    shadowed: bool = False    # one row, with a row of headings right below it: that row is no site
    regrouped: bool = False   # two rows, where the group heading changes what a column is ("Contact" over "Name")


def _group_cells(cells: Sequence[str], width: int) -> list[str]:
    """A group heading carried right over the blank cells beside it (a merged cell in CSV)."""
    out, current = [], ""
    for i in range(width):
        current = (cells[i] if i < len(cells) else "") or current
        out.append(current)
    return out


def _combined(upper: Sequence[str], lower: Sequence[str], mapping: Mapping[str, str]) -> tuple[str, ...]:
    """Each column's heading from a group row over a column row: "% Female" under "Workers"
    is "% Female Workers"; a blank under "Factory Name" is "Factory Name"."""
    width = max(len(upper), len(lower))
    groups = _group_cells(upper, width)
    names = []
    for i in range(width):
        low = lower[i] if i < len(lower) else ""
        own = upper[i] if i < len(upper) else ""
        tries = [f"{low} {groups[i]}", f"{groups[i]} {low}", low] if low else [own]
        names.append(next((t for t in tries if known(t, mapping)), low or own))
    return tuple(names)


def _score(names: Sequence[str], mapping: Mapping[str, str]) -> int:
    return len({c for c in (known(n, mapping) for n in names) if c})


# A cell only a data row holds: a number or a coordinate ("1,200", "-1.6101", "22°32'N"), not a year
# ("2024" heads a column of counts), or a list's identifier ("CID000123", "PO1000000011").
_DATA_CELL = re.compile(r"[-+(]?\d[\d,. ]*%?\)?|[-+]?\d+(?:[.,]\d+)?\s*°.*|[A-Z]{2,4}\d{5,}[A-Z0-9]*")
_YEAR = re.compile(r"(?:19|20)\d\d")
_SHORT = re.compile(r"\W*[A-Za-z]{2,3}\W*")   # a country's code is a heading too: "ID", "No.", "NA"
# A name that ends in a firm's legal form, or starts with Indonesia's, is a firm, not a heading (a heading may
# name one inside it: "Nike Inc. Brand(s)").
_LEGAL_FORM = re.compile(r"\b(?:ltd|limited|inc|corp|corporation|gmbh|ag|s\.?a|tbk|llc|plc|bhd|jsc)\.?\s*$|^(?:pt|cv)\s"
                         r"|(?:有限公司|股份公司|公司|工厂|厂)$", re.IGNORECASE)


def looks_like_data(cells: Sequence[str], mapping: Mapping[str, str]) -> bool:
    """Whether a row holds a site's values rather than headings: a number, a coordinate, an identifier, a firm's
    legal form or a country's name in a cell that is no heading. Such a row is never read as a heading row,
    whatever it scores: "示例纺织有限公司" under "Factory Name" reads "Factory Name" once its Chinese is set aside."""
    for cell in cells:
        text = cell.strip()
        if not text or known(text, mapping):
            continue
        if ((_DATA_CELL.fullmatch(text) and not _YEAR.fullmatch(text)) or _LEGAL_FORM.search(text)
                or (resolve_country(text).code and not _SHORT.fullmatch(text))):
            return True
    return False


def _candidates(rows: Sequence[Row], mapping: Mapping[str, str]) -> list[Headings]:
    found = []
    data = [looks_like_data(row.cells, mapping) for row in rows[:SCANNED + 1]]
    for i, row in enumerate(rows[:SCANNED]):
        if data[i]:
            continue
        below = rows[i + 1] if i + 1 < len(rows) else None
        if below is None or below.number != row.number + 1 or data[i + 1]:
            found.append(Headings(row, row.cells, _score(row.cells, mapping), 1))
            continue
        shadowed = _score(below.cells, mapping) >= 2
        found.append(Headings(row, row.cells, _score(row.cells, mapping), 1, shadowed))
        found.append(_pair(row, below, mapping))
    return found


def _with_group(row: Row, above: Row | None, mapping: Mapping[str, str]) -> Headings:
    """The heading row a reader named, read with the group heading row right above it when that names more
    columns: "Name" under "Factory Contact" is the contact person, not the factory or its parent."""
    alone = Headings(row, row.cells, _score(row.cells, mapping), 1)
    return alone if above is None else max(alone, _pair(above, row, mapping), key=_rank)


def _pair(upper: Row, lower: Row, mapping: Mapping[str, str]) -> Headings:
    names = _combined(upper.cells, lower.cells, mapping)
    pairs = zip(lower.cells, names, strict=False)
    # Only a heading the group changes is regrouped ("Name" under "Factory Contact"); a cell the table cannot
    # read ("示例新能源" under "Factory Name") is named by its group, as the upper row alone names it.
    regrouped = any(low and known(low, mapping) not in (None, known(name, mapping)) for low, name in pairs)
    return Headings(lower, names, _score(names, mapping), 2, regrouped=regrouped)


def best_headings(rows: Sequence[Row], mapping: Mapping[str, str]) -> Headings | None:
    """The best-scoring heading row (a pair only when it names more columns than either row alone, or as many
    as its upper row when the lower one holds headings too: "Name · Email" under a merged "Factory Contact")."""
    best: Headings | None = None
    for h in _candidates(rows, mapping):   # on a tie: one row before two, then the earliest
        if best is None or _rank(h) > _rank(best):
            best = h
    return best if best is not None and best.score >= 2 else None


def _rank(h: Headings) -> tuple[int, bool, bool, bool]:
    return h.score, not h.shadowed, h.regrouped, h.rows_used == 1


def table_score(rows: Sequence[Row], mapping: Mapping[str, str]) -> int:
    """How many known columns a sheet's table has; 0 when it has no name, or neither country nor address."""
    best = best_headings(rows, mapping)
    if best is None:
        return 0
    columns = {known(n, mapping) for n in best.names}
    return best.score if "name" in columns and columns & {"country", "address"} else 0


def find_table(sheet: Sheet, mapping: Mapping[str, str],
               header_row: int | None = None) -> tuple[Sheet | None, list[Problem], str]:
    """The sheet with its heading row apart and the table's rows below it, and where it was
    found in words; or why not."""
    rows = list(sheet.rows)
    if header_row is not None:
        chosen = next((r for r in rows if r.number == header_row), None)
        if chosen is None:
            return None, [Problem(sheet.path, max(header_row, 1), 1, "error", "import-header-row",
                                  f"{sheet.where()}row {header_row} is blank or beyond the end; --header-row names "
                                  "the row that holds the column headings")], ""
        heads = _with_group(chosen, next((r for r in rows if r.number == header_row - 1), None), mapping)
    else:
        found = best_headings(rows, mapping)
        if found is None:
            return None, [Problem(sheet.path, rows[0].number, 1, "error", "import-no-headings",
                                  f"{sheet.where()}none of the first {SCANNED} rows names the columns with headings "
                                  "the importer knows (such as Factory Name, Address, Country); name the row with "
                                  "--header-row N, and unknown headings with --map 'Heading=name'")], ""
        heads = found
    below = [r for r in rows if r.number > heads.row.number]
    width = sum(1 for n in heads.names if n)
    top = heads.row.number - heads.rows_used + 1
    headings = [plain_cells(r.cells) for r in rows if top <= r.number <= heads.row.number]
    titles = [plain_cells(r.cells) for r in rows if r.number < top]
    kept, problems = not_sites(sheet, below, width, headings, titles, heads.names)
    table = replace(sheet, header=heads.names, rows=tuple(kept), header_line=heads.row.number)
    return table, problems, describe(table, rows[0].number, top)


# A sheet named for one tier ("Tier 2", "Tier 1 - Finished goods"): "tier" and its number, the name's only one
# ("Tier 1 & 2", "Tier 1 and Tier 2" and "Tier 2 (2024)" name none), not after "non" ("Non-Tier 1").
_SHEET_TIER = re.compile(r"(?:^|[\W_])(non[\s_-]?)?tier\s*[-_ ]?\s*([1-4])(?![^\W_])", re.IGNORECASE)


def sheet_tier(name: str) -> int | None:
    """The tier a sheet's name gives the rows that give none; None when it names none, or several."""
    found = _SHEET_TIER.search(name)
    return int(found[2]) if found and not found[1] and len(re.findall(r"\d+", name)) == 1 else None


def describe(table: Sheet, first_line: int, top: int) -> str:
    """Where the table was read, in words: which sheet, which heading rows, what was above them."""
    where = f"sheet '{table.name}', " if table.name else ""
    heads = f"row {top}" if top == table.header_line else f"rows {top}-{table.header_line}"
    above = (f"; row {first_line} above it skipped" if top - first_line == 1
             else f"; rows {first_line}-{top - 1} above it skipped" if top > first_line else "")
    return f"{where}column headings on {heads}{above}"


def unheaded(sheet: Sheet) -> list[Problem]:
    """A warning at each column that holds values under no heading (a CSV saved from a workbook whose
    'Address' heading was merged over the street and the town loses the merge): it is not imported,
    and said. A column that only numbers the rows (a spreadsheet's index, 1, 2, 3) is passed over."""
    problems = []
    for i, heading in enumerate(sheet.header):
        values = [row.cells[i].strip() for row in sheet.rows if i < len(row.cells) and row.cells[i].strip()]
        if heading.strip() or not values or _counts_rows(values):
            continue
        shown = ", ".join(f"'{v[:40]}'" for v in values[:2])
        before = f"; if it goes on the column '{sheet.header[i - 1]}' (a merged heading in the original " \
                 "workbook), write that heading over it too" if i and sheet.header[i - 1].strip() else ""
        problems.append(Problem(sheet.path, sheet.header_line, i + 1, "warning", "import-column-unheaded",
                                f"{sheet.where()}column {i + 1} has no heading but holds values ({shown}); it is "
                                f"not imported: give it a heading{before}"))
    return problems


def _counts_rows(values: list[str]) -> bool:
    return all(v.isdigit() for v in values) and [int(v) for v in values] == sorted(int(v) for v in values)
