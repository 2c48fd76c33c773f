"""Spreadsheets (CSV here, XLSX in `xlsx`) read as text rows, bounded, with no formula ever run.

Every cell becomes a string: numbers as written ("120", not "120.0"), dates as
YYYY-MM-DD. Rows keep the numbers a spreadsheet program shows, so a problem found later
points at the sheet's own row; which row holds the headings is decided later (`tables`).
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import shlex
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, BinaryIO

from ..load.files import NotAFile, open_regular
from ..problems import Problem
from ..text import unguard


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
    number: int                # the row number a spreadsheet program shows
    cells: tuple[str, ...]


@dataclass(frozen=True)
class Sheet:
    """A sheet's non-blank rows; once its table is found (tables.find_table), the heading row
    apart and `rows` the table's rows below it."""
    path: str
    name: str                  # the XLSX sheet name; "" for CSV
    header: tuple[str, ...]
    rows: tuple[Row, ...]
    header_line: int = 0       # the heading row's number; 0 until the table is found

    def where(self) -> str:
        return f"sheet '{self.name}', " if self.name else ""


Score = Callable[[Sequence[Row]], int]   # how much a sheet's first rows look like a supplier table


def problem(path: str, line: int, column: int, code: str, message: str) -> Problem:
    return Problem(path, line, column, "error", code, message)


class _Refused(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def open_file(path: Path, shown: str, limits: Limits) -> tuple[BinaryIO | None, list[Problem]]:
    """A regular file within the size limit, open; or why not, before a byte is read."""
    try:
        file, size = open_regular(path)
    except NotAFile as e:
        return None, [problem(shown, 1, 1, "not-a-file", e.message)]
    if size > limits.max_bytes:
        file.close()
        return None, [problem(shown, 1, 1, "file-too-large", f"the file is larger than {limits.max_bytes:,} bytes")]
    return file, []


# An OLE2 compound file: an Excel 97-2003 workbook (.xls), or an XLSX encrypted with a password.
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Excel's "Unicode Text" is UTF-16 with a byte-order mark; UTF-32's marks begin like UTF-16's, so first.
_MARKS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF16_LE, "utf-16-le"),
          (codecs.BOM_UTF16_BE, "utf-16-be"), (codecs.BOM_UTF8, "utf-8"))


def legacy(file: BinaryIO, shown: str) -> list[Problem]:
    """Why a file that starts as an old Excel workbook cannot be read; [] for any other."""
    head = file.read(len(OLE2))
    file.seek(0)
    if head != OLE2:
        return []
    return [problem(shown, 1, 1, "old-excel", "this is an Excel 97-2003 workbook (.xls), or a workbook protected by "
                    "a password, which cannot be read; open it in Excel and save it, without a password, as "
                    ".xlsx (Excel Workbook) or as CSV UTF-8")]


def _encoding(file: BinaryIO) -> str:
    """The encoding its byte-order mark names, UTF-8 without one; the file left after the mark."""
    head = file.read(4)
    mark, name = next(((mark, name) for mark, name in _MARKS if head.startswith(mark)), (b"", "utf-8"))
    file.seek(len(mark))
    return name


def _undecodable(file: BinaryIO, encoding: str) -> tuple[int, int, str]:
    """The line and column of the first byte `encoding` cannot decode, and the byte, read again from
    the start: the text layer decodes ahead in blocks, so the row the reader was on is not the place."""
    file.seek(0)
    _encoding(file)
    decoder = codecs.getincrementaldecoder(encoding)()
    line, column = 1, 1
    for chunk in itertools.chain(iter(lambda: file.read(1 << 16), b""), [b""]):
        try:
            text, bad = decoder.decode(chunk, final=not chunk), ""
        except UnicodeDecodeError as e:
            text, bad = e.object[: e.start].decode(encoding), e.object[e.start : e.start + 1].hex()
        breaks = text.count("\n")
        line, column = line + breaks, (len(text) - text.rfind("\n") if breaks else column + len(text))
        if bad:
            return line, column, bad
    return line, column, ""


def _lines(text: IO[str], shown: str, delimiter: str, limits: Limits) -> Iterator[str]:
    """The file's lines, each refused when it holds more separators than a row may have columns."""
    for number, line in enumerate(text, start=1):
        if line.count(delimiter) >= limits.max_width:
            raise _Refused(problem(shown, number, 1, "too-many-columns",
                                    f"more than {limits.max_width:,} columns in a row (Excel's own limit)"))
        yield line


def read_csv(path: Path, shown: str, limits: Limits = DEFAULT_LIMITS) -> tuple[Sheet | None, list[Problem]]:
    """Streamed: memory follows the rows kept, not the file."""
    raw, problems = open_file(path, shown, limits)
    if raw is None:
        return None, problems
    with raw:
        if refused := legacy(raw, shown):
            return None, refused
        encoding = _encoding(raw)
        text = io.TextIOWrapper(raw, encoding=encoding, newline="")
        try:
            return _read_csv(text, shown, limits)
        except UnicodeDecodeError:
            return None, [_not_text(raw, shown, encoding)]
        except _Refused as e:
            return None, [e.problem]
        finally:
            text.detach()


def _not_text(raw: BinaryIO, shown: str, encoding: str) -> Problem:
    line, column, byte = _undecodable(raw, encoding)
    if encoding != "utf-8":
        name = encoding[:6].upper()
        return problem(shown, line, column, "not-utf8", f"this is not valid {name} text, though it starts as "
                       f"{name}; save the file again as CSV UTF-8")
    return problem(shown, line, column, "not-utf8", f"this is not UTF-8 text: the byte 0x{byte} here is not "
                   "UTF-8 (the file may be saved as Windows-1252, 'ANSI'); save the CSV as UTF-8 (in Excel: "
                   "Save As, 'CSV UTF-8')")


SAMPLE_LINES = 30


def _delimiter(sample: list[str]) -> str:
    """The separator that splits the most of the first lines into the same number of cells, and
    the most cells: a title line above the table, or commas inside addresses, do not mislead it
    (csv.Sniffer guesses from quoted addresses too, and guesses wrong on some)."""
    def fit(delimiter: str) -> tuple[int, int]:
        try:
            widths = [len(r) for r in csv.reader(sample, delimiter=delimiter) if len(r) > 1]
        except csv.Error:
            return (0, 0)
        return max(((widths.count(w), w) for w in set(widths)), default=(0, 0))
    return max((",", ";", "\t"), key=fit)


def _read_csv(text: IO[str], shown: str, limits: Limits) -> tuple[Sheet | None, list[Problem]]:
    sample = [line for line in (text.readline(1_000_000) for _ in range(SAMPLE_LINES)) if line]
    delimiter = _delimiter(sample)
    reader = csv.reader(_lines(itertools.chain(sample, text), shown, delimiter, limits), delimiter=delimiter)
    rows: list[Row] = []
    try:
        # Rows are numbered as a spreadsheet program shows them: a cell holding line breaks
        # spans several lines of the file but is one row.
        for number, cells in enumerate(reader, start=1):
            if not any(c.strip() for c in cells):
                continue   # Excel saves the formatted empty rows below a table as ',,,'
            if len(rows) > limits.max_rows:
                return None, [problem(shown, reader.line_num, 1, "too-many-rows",
                                       f"more than {limits.max_rows:,} rows; split the file")]
            long = next((i for i, c in enumerate(cells) if len(c) > limits.max_cell), None)
            if long is not None:
                return None, [problem(shown, reader.line_num, long + 1, "cell-too-long",
                                       f"this cell holds more than {limits.max_cell:,} characters (Excel's own limit)")]
            rows.append(Row(number, tuple(unguard(c.strip()) for c in cells[: limits.max_columns])))
    except csv.Error as e:
        return None, [problem(shown, reader.line_num, 1, "csv-syntax", f"this is not valid CSV: {e}")]
    return sheet_of(shown, "", rows)


def sheet_of(shown: str, name: str, rows: list[Row]) -> tuple[Sheet | None, list[Problem]]:
    rows = [r for r in rows if any(r.cells)]
    if not rows:
        where = f"sheet '{name}' " if name else "the file "
        return None, [problem(shown, 1, 1, "empty-sheet", f"{where}is empty: there is no table to import")]
    return Sheet(shown, name, (), tuple(rows)), []


def _zipped(path: Path, shown: str, limits: Limits) -> bool:
    """Whether the file is a zip, as an XLSX workbook is: one saved under a .csv name is read as what it is."""
    raw, _ = open_file(path, shown, limits)
    if raw is None:
        return False
    with raw:
        return raw.read(4) == b"PK\x03\x04"


Again = Callable[[str], str]   # the command that imports one named sheet of a workbook


def import_command(path: Path, target: Path, list_name: str, mapping: Mapping[str, str],
                   header_row: int | None) -> Again:
    """`disclose import` as the person ran it, naming one sheet: what to run for each of several tables."""
    words = ["disclose", "import", str(path), "--company", target.stem]
    words += ["--list", list_name] if list_name != "suppliers" else []
    words += ["--dir", str(target.parent)] if target.parent != Path("disclosures") else []
    words += [w for heading, field in mapping.items() for w in ("--map", f"{heading}={field}")]
    words += ["--header-row", str(header_row)] if header_row else []
    return lambda sheet: shlex.join([*words, "--sheet", sheet])


def read_sheet(path: Path, limits: Limits = DEFAULT_LIMITS, sheet_name: str | None = None,
               score: Score | None = None, again: Again | None = None) -> tuple[Sheet | None, list[Problem]]:
    """A CSV file, or one worksheet of an XLSX workbook: `sheet_name`, else the one whose first
    rows `score` best as a supplier table (see xlsx.read_xlsx); `again` gives the command for each
    sheet when several hold one."""
    from .xlsx import read_xlsx  # the XLSX reader builds on this module

    shown = str(path)
    try:
        if path.suffix.lower() in (".xlsx", ".xlsm") or _zipped(path, shown, limits):
            return read_xlsx(path, shown, limits, sheet_name, score, again)
        if sheet_name:
            return None, [problem(shown, 1, 1, "import-sheet", "--sheet names a worksheet of an XLSX workbook; "
                                   "a CSV file has none")]
        if path.suffix.lower() == ".json":
            from .json_rows import read_json  # builds on this module, as the XLSX reader does
            return read_json(path, shown, limits)
        return read_csv(path, shown, limits)
    except OSError as e:
        return None, [problem(shown, 1, 1, "unreadable", f"cannot read the file: {e.strerror}")]
