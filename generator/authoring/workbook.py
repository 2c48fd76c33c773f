"""An XLSX workbook measured before it is parsed: a zip bomb or a sheet too wide is refused.

A workbook is a zip of XML files. A small one can unpack to gigabytes (one cell of 1.5 GB
fits in 1.4 MB), and a row of five million cells fits in 147 KB; a parser that builds rows
meets either only after the memory is gone. So the zip directory's sizes are checked
first (Python's zipfile never unpacks more than a member declares), then each XML member,
whatever its name, is streamed through expat, keeping counts only: cells per row,
characters per cell, rows, and the formulas saved without their value.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from typing import IO
from xml.parsers import expat


@dataclass(frozen=True)
class Bounds:
    max_unpacked: int = 100_000_000     # all members together, as the zip directory says
    max_ratio: int = 100                # unpacked size over packed size, for members over 1 MB
    max_columns: int = 16_384           # Excel's own limits
    max_cell: int = 32_767
    max_rows: int = 50_000
    # openpyxl holds every shared text in memory, about 200 bytes each beside its characters: 5.2 million
    # texts of three digits (11 MB on disk) took it 880 MB. A list of 50,000 rows needs far fewer.
    max_texts: int = 400_000
    max_text_chars: int = 40_000_000
    # Besides a sheet's cells and the shared texts, openpyxl makes an object of each element it reads (a
    # cell style, a sheet, a name, a link): 300,000 styles in a 0.9 MB workbook took 550 MB.
    max_elements: int = 100_000


@dataclass(frozen=True)
class Refusal:
    row: int
    column: int
    code: str
    message: str


class _Stop(Exception):
    def __init__(self, refusal: Refusal) -> None:
        super().__init__(refusal.message)
        self.refusal = refusal


_RATIO_FLOOR = 1_000_000
_CELL_REF = re.compile(r"([A-Za-z]{1,4})")


@dataclass
class SheetShape:
    """What the scan learns of a sheet beyond its size: its merged ranges ("A5:A8"), at most
    MAX_MERGES, and its formulas that hold no saved value, which openpyxl reads as empty."""
    merged: list[str] = field(default_factory=list)
    unsaved: int = 0                    # formula cells with no value saved beside the formula
    first_unsaved: tuple[int, int] = (0, 0)   # (row, column) of the first
    last_row: int | None = None         # the last row holding a value; None when not scanned


def measure(file: IO[bytes], bounds: Bounds = Bounds(), shapes: dict[str, SheetShape] | None = None) -> Refusal | None:
    """Why this workbook must not be parsed; None when it is within bounds. Each sheet's shape
    goes into `shapes`, by member name, when it is given."""
    try:
        with zipfile.ZipFile(file) as book:
            infos = book.infolist()
            unpacked = sum(i.file_size for i in infos)
            if unpacked > bounds.max_unpacked:
                return Refusal(1, 1, "xlsx-too-large", f"it unpacks to {unpacked:,} bytes, more than the "
                               f"{bounds.max_unpacked:,} allowed; split the workbook or save it as CSV")
            for info in infos:
                if info.file_size > _RATIO_FLOOR and info.file_size > bounds.max_ratio * max(info.compress_size, 1):
                    return Refusal(1, 1, "xlsx-too-large", f"{info.filename} unpacks {info.file_size:,} bytes from "
                                   f"{info.compress_size:,}, more than {bounds.max_ratio} times: this is not an "
                                   "ordinary workbook; save it again as XLSX or CSV")
            for info in infos:
                with book.open(info) as member:
                    if not _is_xml(member.peek(64)[:64]):   # a picture: no parser reads it
                        continue
                    shape = _scanned(info.filename, member, bounds)
                    if shapes is not None:
                        shapes[info.filename] = shape
    except _Stop as stop:
        return stop.refusal
    except (zipfile.BadZipFile, expat.ExpatError, EOFError, ValueError, NotImplementedError) as e:
        return Refusal(1, 1, "not-xlsx", f"cannot read this as an XLSX workbook: {e}")
    except RuntimeError:   # zipfile's word for a member that needs a password
        return Refusal(1, 1, "not-xlsx", "the workbook's parts are encrypted with a password, which cannot be "
                       "read; open it and save it, without a password, as .xlsx (Excel Workbook) or as CSV UTF-8")
    finally:
        file.seek(0)
    return None


def _scanned(name: str, member: IO[bytes], bounds: Bounds) -> SheetShape:
    """A member's shape. Past a flaw in its XML no parser reads on, so a member other than a
    sheet or the shared texts (Excel's comment drawings are not always well-formed) is measured
    up to there; a flawed sheet is refused, as it cannot be read."""
    scan = _Scan(name, bounds)
    try:
        return scan.run(member)
    except expat.ExpatError:
        if _is_sheet(name):
            raise
        return scan.shape


def _is_sheet(name: str) -> bool:
    return (name.startswith("xl/worksheets/") and name.endswith(".xml")) or name == "xl/sharedStrings.xml"


def _is_xml(head: bytes) -> bool:
    """Whether a member may be XML, which openpyxl could parse: every one is measured, whatever its
    name, as a workbook's relationships may put a sheet or its texts at any path (`xl/s.xml`).
    Pictures and other binary members start with no `<`, and are passed over; an empty one holds nothing."""
    start = head.lstrip(b"\xef\xbb\xbf\xfe\xff\x00 \t\r\n")
    return bool(head) and start[:1] in (b"", b"<")


def _column(ref: str | None, fallback: int) -> int:
    found = _CELL_REF.match(ref or "")
    if not found:
        return fallback
    number = 0
    for letter in found.group(1).upper():
        number = number * 26 + ord(letter) - 64
    return number


MAX_MERGES = 100_000


class _Scan:
    """Counts only, in constant memory, and a sheet's shape; raises _Stop at the first value
    out of bounds."""

    def __init__(self, name: str, bounds: Bounds) -> None:
        self.name, self.bounds = name, bounds
        self.row = self.cells = self.column = self.chars = self.text = 0
        self.formula = self.valued = self.in_value = self.string = False
        # Inside a cell (<c>) or a shared text (<si>), whose characters count together; a text
        # anywhere else (a comment, a chart's label, a drawing's caption) counts alone.
        self.in_cell = self.in_string = False
        self.texts = self.text_chars = 0   # shared texts (<si>) and their characters
        self.depth = self.data_depth = self.elements = 0   # elements outside <sheetData> and <sst>
        self.shape = SheetShape()

    def run(self, member: IO[bytes]) -> SheetShape:
        parser = expat.ParserCreate()
        parser.StartElementHandler = self.start
        parser.EndElementHandler = self.end
        parser.CharacterDataHandler = self.data
        parser.StartDoctypeDeclHandler = self.no_declarations
        parser.EntityDeclHandler = self.no_declarations
        self.shape.last_row = 0
        while chunk := member.read(1 << 16):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
        return self.shape

    def stop(self, code: str, message: str) -> None:
        raise _Stop(Refusal(self.row or 1, self.column or 1, code, message))

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        local = tag.rpartition(":")[2]
        self.depth += 1
        if not self.data_depth:
            self.element(local)
        if local == "row":
            self.row = int(attrs["r"]) if attrs.get("r", "").isdigit() else self.row + 1
            self.cells = self.column = 0
        elif local == "c":
            self.cell(attrs)
        elif local == "si":
            self.chars, self.in_string = 0, True
            self.texts += 1
            if self.texts > self.bounds.max_texts:
                self.stop("xlsx-too-large", f"{self.name} holds more than {self.bounds.max_texts:,} texts, more than "
                          f"a list of {self.bounds.max_rows:,} rows needs; split the workbook or save it as CSV")
        elif local in ("t", "v"):
            self.text += 1
            if not (self.in_cell or self.in_string):
                self.chars = 0
            self.in_value = local == "v"
            # Excel saves a formula's empty text result as an empty <v/> in a cell of type "str".
            self.valued = self.valued or (self.in_value and self.string)
        elif local == "f":
            self.formula = True
        elif local == "mergeCell" and len(self.shape.merged) < MAX_MERGES:
            self.shape.merged.append(attrs.get("ref", "")[:40])

    def holds_value(self) -> None:
        """The row holds a value. Only such rows count: a template formats thousands of rows
        below its table, or fills them with formulas that show nothing, each a row element
        with no value in it. Only a cell's text is a value of the sheet."""
        if not self.in_cell:
            return
        if self.row > self.bounds.max_rows + 1:
            self.stop("too-many-rows", f"more than {self.bounds.max_rows:,} rows; split the file")
        self.shape.last_row = self.row

    def cell(self, attrs: dict[str, str]) -> None:
        self.cells += 1
        self.column = _column(attrs.get("r"), self.column + 1)
        self.chars, self.in_cell = 0, True
        self.formula = self.valued = False
        self.string = attrs.get("t") == "str"
        if max(self.cells, self.column) > self.bounds.max_columns:
            self.stop("too-many-columns", f"row {self.row} has more than {self.bounds.max_columns:,} columns "
                      "(Excel's own limit); this is not an ordinary sheet")

    def element(self, local: str) -> None:
        if local in ("sheetData", "sst"):   # rows and texts, bounded on their own
            self.data_depth = self.depth
            return
        self.elements += 1
        if self.elements > self.bounds.max_elements:
            self.stop("xlsx-too-large", f"{self.name} holds more than {self.bounds.max_elements:,} elements besides "
                      "its cells and texts (styles, sheets, names, links): this is not an ordinary workbook; "
                      "save it again as XLSX or CSV")

    def end(self, tag: str) -> None:
        local = tag.rpartition(":")[2]
        if self.depth == self.data_depth:
            self.data_depth = 0
        self.depth -= 1
        if local in ("t", "v"):
            self.text -= 1
            self.in_value = False
        elif local == "si":
            self.in_string = False
        elif local == "c":
            self.in_cell = False
            if self.formula and not self.valued:
                # Excel saves a formula's result in <v> beside it; some libraries write only the formula.
                self.shape.unsaved += 1
                if self.shape.unsaved == 1:
                    self.shape.first_unsaved = (self.row or 1, self.column or 1)

    def data(self, data: str) -> None:
        if self.text:
            self.valued = self.valued or self.in_value
            if data.strip():
                self.holds_value()
            self.chars += len(data)
            if self.in_string:
                self.text_chars += len(data)
                if self.text_chars > self.bounds.max_text_chars:
                    self.stop("xlsx-too-large", f"{self.name} holds more than {self.bounds.max_text_chars:,} "
                              "characters of text; split the workbook or save it as CSV")
            if self.chars > self.bounds.max_cell:
                where = "this cell" if self.in_cell else "a text in the workbook"
                self.stop("cell-too-long", f"{where} holds more than {self.bounds.max_cell:,} characters "
                          "(Excel's own limit)")

    def no_declarations(self, *_: object) -> None:
        # Entities are how XML multiplies itself; a workbook has no use for them.
        self.stop("not-xlsx", f"{self.name} declares a document type or entities; a workbook does not")


def cell_range(ref: str) -> tuple[int, int, int, int] | None:
    """"B3:D5" → (first row, first column, last row, last column); None when it is not a range."""
    found = re.fullmatch(r"\$?([A-Za-z]{1,3})\$?(\d{1,7}):\$?([A-Za-z]{1,3})\$?(\d{1,7})", ref)
    if not found:
        return None
    first, last = (int(found.group(2)), _column(found.group(1), 1)), (int(found.group(4)), _column(found.group(3), 1))
    return min(first[0], last[0]), min(first[1], last[1]), max(first[0], last[0]), max(first[1], last[1])
