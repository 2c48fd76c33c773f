"""Spreadsheets (CSV, XLSX) read as text rows, bounded, with no formula ever run.

Every cell becomes a string: numbers as written ("120", not "120.0"), dates as
YYYY-MM-DD. An XLSX formula is refused with its place, not computed and not trusted
from the value Excel cached: the person importing pastes values instead.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, BinaryIO

from ..load.files import NotAFile, open_regular
from ..problems import Problem
from ..text import unguard
from .workbook import Bounds, measure


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 20_000_000
    max_rows: int = 50_000
    max_columns: int = 100         # columns read; any further ones are not part of the layout
    max_width: int = 16_384        # columns a row may have at all (Excel's own limit)
    max_cell: int = 32_767         # characters in a cell (Excel's own limit)


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class Row:
    number: int                # the row number a spreadsheet program shows (header is 1)
    cells: tuple[str, ...]


@dataclass(frozen=True)
class Sheet:
    path: str
    name: str                  # the XLSX sheet name; "" for CSV
    header: tuple[str, ...]
    rows: tuple[Row, ...]

    def where(self) -> str:
        return f"sheet '{self.name}', " if self.name else ""


def _problem(path: str, line: int, column: int, code: str, message: str) -> Problem:
    return Problem(path, line, column, "error", code, message)


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


class _Refused(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def _open(path: Path, shown: str, limits: Limits) -> tuple[BinaryIO | None, list[Problem]]:
    """A regular file within the size limit, open; or why not, before a byte is read."""
    try:
        file, size = open_regular(path)
    except NotAFile as e:
        return None, [_problem(shown, 1, 1, "not-a-file", e.message)]
    if size > limits.max_bytes:
        file.close()
        return None, [_problem(shown, 1, 1, "file-too-large", f"the file is larger than {limits.max_bytes:,} bytes")]
    return file, []


def _lines(text: IO[str], shown: str, delimiter: str, limits: Limits) -> Iterator[str]:
    """The file's lines, each refused when it holds more separators than a row may have columns."""
    for number, line in enumerate(text, start=1):
        if line.count(delimiter) >= limits.max_width:
            raise _Refused(_problem(shown, number, 1, "too-many-columns",
                                    f"more than {limits.max_width:,} columns in a row (Excel's own limit)"))
        yield line


def read_csv(path: Path, shown: str, limits: Limits = DEFAULT_LIMITS) -> tuple[Sheet | None, list[Problem]]:
    """Streamed: memory follows the rows kept, not the file."""
    raw, problems = _open(path, shown, limits)
    if raw is None:
        return None, problems
    with io.TextIOWrapper(raw, encoding="utf-8-sig", newline="") as text:
        try:
            return _read_csv(text, shown, limits)
        except UnicodeDecodeError:
            return None, [_problem(shown, 1, 1, "not-utf8", "this is not UTF-8 text; save the CSV as UTF-8")]
        except _Refused as e:
            return None, [e.problem]


def _read_csv(text: IO[str], shown: str, limits: Limits) -> tuple[Sheet | None, list[Problem]]:
    # The header names plain columns, so the separator it uses most is the file's
    # (csv.Sniffer guesses from quoted addresses too, and guesses wrong on some).
    header = text.readline(1_000_000)
    delimiter = max((",", ";", "\t"), key=header.count)
    reader = csv.reader(_lines(itertools.chain([header], text), shown, delimiter, limits), delimiter=delimiter)
    rows: list[Row] = []
    try:
        for cells in reader:
            if len(rows) > limits.max_rows:
                return None, [_problem(shown, reader.line_num, 1, "too-many-rows",
                                       f"more than {limits.max_rows:,} rows; split the file")]
            long = next((i for i, c in enumerate(cells) if len(c) > limits.max_cell), None)
            if long is not None:
                return None, [_problem(shown, reader.line_num, long + 1, "cell-too-long",
                                       f"this cell holds more than {limits.max_cell:,} characters (Excel's own limit)")]
            rows.append(Row(reader.line_num, tuple(unguard(c.strip()) for c in cells[: limits.max_columns])))
    except csv.Error as e:
        return None, [_problem(shown, reader.line_num, 1, "csv-syntax", f"this is not valid CSV: {e}")]
    except UnicodeDecodeError:
        return None, [_problem(shown, reader.line_num + 1, 1, "not-utf8",
                               "this is not UTF-8 text; save the CSV as UTF-8")]
    return _sheet(shown, "", rows)


def _sheet(shown: str, name: str, rows: list[Row]) -> tuple[Sheet | None, list[Problem]]:
    rows = [r for r in rows if any(r.cells)]
    if not rows:
        return None, [_problem(shown, 1, 1, "empty-sheet", "no header row: the first row names the columns")]
    return Sheet(shown, name, rows[0].cells, tuple(rows[1:])), []


def read_xlsx(path: Path, shown: str, limits: Limits = DEFAULT_LIMITS) -> tuple[Sheet | None, list[Problem]]:
    """The first worksheet. Formulas are refused; cells hold values only. Measured before it is parsed."""
    import openpyxl  # imported here: reading CSV must not pay for it

    file, problems = _open(path, shown, limits)
    if file is None:
        return None, problems
    with file:
        bounds = Bounds(max_columns=limits.max_width, max_cell=limits.max_cell, max_rows=limits.max_rows)
        if refused := measure(file, bounds):
            return None, [_problem(shown, refused.row, refused.column, refused.code, refused.message)]
        try:
            book = openpyxl.load_workbook(file, read_only=True, data_only=False, keep_links=False)
        except Exception as e:  # any file may arrive here; openpyxl raises many kinds
            return None, [_problem(shown, 1, 1, "not-xlsx", f"cannot read this as an XLSX workbook: {e}")]
        try:
            return _read_book(book, shown, limits)
        except Exception as e:  # a damaged sheet fails while streaming, not at open
            return None, [_problem(shown, 1, 1, "not-xlsx", f"cannot read this XLSX workbook: {e}")]
        finally:
            book.close()


def _read_book(book: Any, shown: str, limits: Limits) -> tuple[Sheet | None, list[Problem]]:
    """The first worksheet, every cell as text; formulas refused with their place."""
    sheet = book.worksheets[0]
    rows, problems = [], []
    for number, values in enumerate(sheet.iter_rows(max_col=limits.max_columns, values_only=True), start=1):
        if number > limits.max_rows + 1:
            return None, [_problem(shown, number, 1, "too-many-rows",
                                   f"sheet '{sheet.title}': more than {limits.max_rows:,} rows; split the file")]
        cells = []
        for col, value in enumerate(values, start=1):
            text = _cell_text(value)
            if isinstance(value, str) and text.startswith("="):
                problems.append(_problem(shown, number, col, "formula",
                                         f"sheet '{sheet.title}': this cell holds a formula ({text[:40]}); "
                                         "formulas are not run: paste the value instead"))
                text = ""
            cells.append(text)
        rows.append(Row(number, tuple(cells)))
    found, empty = _sheet(shown, sheet.title, rows)
    return found, problems + empty


def read_sheet(path: Path, limits: Limits = DEFAULT_LIMITS) -> tuple[Sheet | None, list[Problem]]:
    shown = str(path)
    try:
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            return read_xlsx(path, shown, limits)
        return read_csv(path, shown, limits)
    except OSError as e:
        return None, [_problem(shown, 1, 1, "unreadable", f"cannot read the file: {e.strerror}")]
