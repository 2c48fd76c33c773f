"""XLSX workbooks read as text rows: the right sheet, merged cells filled, no formula ever run.

A workbook is measured before it is parsed (`workbook.measure`). Then one worksheet is
read: the one named with --sheet, the only one, or the only one whose first rows look
like a supplier table; when several do, the person importing chooses, because importing
one tier's sheet in place of another's would lose sites without a word. A merged cell
(one supplier's name over its several plants, a group heading over its columns) gives its
value to every cell it covers, as the sheet shows it. A percent-formatted number reads as
the sheet shows it ("45%"), not as the fraction stored (0.45). A formula cell reads as the
value the file saved beside the formula, which is what Excel shows: the formula is never run
and its text ("=HYPERLINK(...)") never becomes data. A formula saved without a value (some
libraries write only the formula) reads as empty, and one warning per sheet says so. Text
escaped the OOXML way (a carriage return written "_x000D_") reads as the character it stands for.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from ..problems import Problem
from .sheets import DEFAULT_LIMITS, Again, Limits, Row, Score, Sheet, legacy, open_file, problem, sheet_of
from .workbook import Bounds, SheetShape, cell_range, measure

SCANNED_ROWS = 30      # rows of each sheet looked at to choose one
MAX_SHEETS = 50
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _unescape(text: str) -> str:
    """OOXML writes a character XML cannot hold as _xHHHH_ (a carriage return as _x000D_) and a
    literal "_x" that would read as one with its underscore escaped (_x005F_); openpyxl leaves
    both as written. One pass from the left reads "_x005F_x000D_" as the text "_x000D_"."""
    return _ESCAPED.sub(_character, text) if "_x" in text else text


def _character(found: re.Match[str]) -> str:
    code = int(found.group(1), 16)
    return found.group() if 0xD800 <= code <= 0xDFFF else chr(code)   # half a pair is no character


def _cell_text(value: Any, number_format: str = "") -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)) and "%" in number_format:
        return f"{value * 100:.10g}%"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return _unescape(str(value)).strip()


def read_xlsx(path: Path, shown: str, limits: Limits = DEFAULT_LIMITS, sheet_name: str | None = None,
              score: Score | None = None, again: Again | None = None) -> tuple[Sheet | None, list[Problem]]:
    import openpyxl  # imported here: reading CSV must not pay for it

    file, problems = open_file(path, shown, limits)
    if file is None:
        return None, problems
    with file:
        if refused := legacy(file, shown):
            return None, refused
        bounds = Bounds(max_columns=limits.max_width, max_cell=limits.max_cell, max_rows=limits.max_rows)
        shapes: dict[str, SheetShape] = {}
        if refused := measure(file, bounds, shapes):
            return None, [problem(shown, refused.row, refused.column, refused.code, refused.message)]
        try:
            # data_only: a formula cell gives the value saved beside it, never the formula's text.
            book = openpyxl.load_workbook(file, read_only=True, data_only=True, keep_links=False)
        except Exception as e:  # any file may arrive here; openpyxl raises many kinds
            return None, [problem(shown, 1, 1, "not-xlsx", f"cannot read this as an XLSX workbook: {e}")]
        try:
            sheet, problems = _choose(book, shown, sheet_name, score, limits, again)
            if sheet is None:
                return None, problems
            path_in_zip = str(getattr(sheet, "_worksheet_path", "")).lstrip("/")
            return _read(sheet, shown, limits, shapes.get(path_in_zip, SheetShape()))
        except Exception as e:  # a damaged sheet fails while streaming, not at open
            return None, [problem(shown, 1, 1, "not-xlsx", f"cannot read this XLSX workbook: {e}")]
        finally:
            book.close()


def _first_rows(sheet: Any, limits: Limits) -> list[Row]:
    rows = sheet.iter_rows(max_row=SCANNED_ROWS, max_col=limits.max_columns, values_only=True)
    return [Row(n, tuple(_cell_text(v) for v in values)) for n, values in enumerate(rows, start=1)]


def _choose(book: Any, shown: str, name: str | None, score: Score | None,
            limits: Limits, again: Again | None = None) -> tuple[Any | None, list[Problem]]:
    sheets = book.worksheets[:MAX_SHEETS]
    titles = ", ".join(f"'{s.title}'" for s in sheets)
    if name is not None:
        found = [s for s in sheets if s.title == name] or [s for s in sheets if s.title.casefold() == name.casefold()]
        if found:
            return found[0], []
        return None, [problem(shown, 1, 1, "import-sheet", f"the workbook has no sheet '{name}'; its sheets: {titles}")]
    if not sheets:
        return None, [problem(shown, 1, 1, "empty-sheet", "the workbook has no worksheet")]
    if len(sheets) == 1 or score is None:
        return sheets[0], []
    tables = [s for s in sheets if score(_first_rows(s, limits)) > 0]
    # A hidden sheet is one the publisher chose not to show (last year's list, a lookup of
    # countries): it is read only when named, or when no sheet in view holds a table.
    tables = [s for s in tables if getattr(s, "sheet_state", "visible") == "visible"] or tables
    if len(tables) > 1:
        names = ", ".join(f"'{s.title}'" for s in tables)
        run = ": " + ", then ".join(f"`{again(s.title)}`" for s in tables) if again else ""
        return None, [problem(shown, 1, 1, "import-sheet",
                              f"the workbook has a supplier table on each of the {len(tables)} sheets {names}; import "
                              "them one at a time, naming each with --sheet (importing the same disclosure again adds "
                              f"to it, and a sheet named for a tier gives it to its rows that give none){run}")]
    return (tables or sheets)[0], []


def _read(sheet: Any, shown: str, limits: Limits, shape: SheetShape) -> tuple[Sheet | None, list[Problem]]:
    """Every cell as text; merged ranges filled."""
    rows: dict[int, list[str]] = {}
    last = None if shape.last_row is None else max(shape.last_row, 1)   # no formatted empty rows below it
    for number, cells in enumerate(sheet.iter_rows(max_row=last, max_col=limits.max_columns), start=1):
        if number > limits.max_rows + 1:
            return None, [problem(shown, number, 1, "too-many-rows",
                                  f"sheet '{sheet.title}': more than {limits.max_rows:,} rows; split the file")]
        rows[number] = [_cell_text(c.value, getattr(c, "number_format", "") or "") for c in cells]
    _fill(rows, shape.merged, limits.max_columns)
    found, empty = sheet_of(shown, sheet.title, [Row(n, tuple(c)) for n, c in rows.items()])
    return found, _unsaved(shown, sheet.title, shape) + empty


def _unsaved(shown: str, title: str, shape: SheetShape) -> list[Problem]:
    """One warning for the sheet's formulas saved without a value: each reads as empty."""
    from openpyxl.utils import get_column_letter

    if not shape.unsaved:
        return []
    row, column = shape.first_unsaved
    first = f"{get_column_letter(column)}{row}"
    cells = (f"cell {first} holds a formula saved without its value; it reads" if shape.unsaved == 1 else
             f"{shape.unsaved:,} cells hold formulas saved without their values (the first is {first}); they read")
    return [Problem(shown, row, column, "warning", "formula-no-value",
                    f"sheet '{title}': {cells} as empty. To import the values, open and save the file in Excel, "
                    "or paste the cells as values")]


def _fill(rows: dict[int, list[str]], merged: list[str], max_columns: int) -> None:
    """Each merged range's value into the blank cells it covers, within the rows read."""
    budget = max(len(rows), 1) * max_columns   # overlapping ranges in a hostile file cannot multiply work
    for ref in merged:
        bounds = cell_range(ref)
        if bounds is None:
            continue
        top, left, bottom, right = bounds
        right = min(right, max_columns)
        source = rows.get(top, [])
        value = source[left - 1] if 0 < left <= len(source) else ""
        if not value:
            continue
        for number in range(top, min(bottom, top + len(rows)) + 1):
            cells = rows.get(number)
            if cells is None:
                continue
            budget -= right - left + 1
            if budget < 0:
                return
            cells.extend([""] * (right - len(cells)))
            for col in range(left - 1, right):
                cells[col] = cells[col] or value
