"""An XLSX workbook measured before it is parsed: a zip bomb or a sheet too wide is refused.

A workbook is a zip of XML files. A small one can unpack to gigabytes (one cell of 1.5 GB
fits in 1.4 MB), and a row of five million cells fits in 147 KB; a parser that builds rows
meets either only after the memory is gone. So the zip directory's sizes are checked
first (Python's zipfile never unpacks more than a member declares), then each sheet is
streamed through expat, keeping counts only: cells per row, characters per cell, rows.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from typing import IO
from xml.parsers import expat


@dataclass(frozen=True)
class Bounds:
    max_unpacked: int = 100_000_000     # all members together, as the zip directory says
    max_ratio: int = 100                # unpacked size over packed size, for members over 1 MB
    max_columns: int = 16_384           # Excel's own limits
    max_cell: int = 32_767
    max_rows: int = 50_000


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


def measure(file: IO[bytes], bounds: Bounds = Bounds(), merges: dict[str, list[str]] | None = None) -> Refusal | None:
    """Why this workbook must not be parsed; None when it is within bounds. Each sheet's merged
    ranges ("A5:A8") go into `merges`, by member name, when it is given."""
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
                if _is_sheet(info.filename):
                    with book.open(info) as member:
                        found = _scan(member, info.filename, bounds)
                        if merges is not None and found:
                            merges[info.filename] = found
    except _Stop as stop:
        return stop.refusal
    except (zipfile.BadZipFile, expat.ExpatError, EOFError, ValueError, NotImplementedError) as e:
        return Refusal(1, 1, "not-xlsx", f"cannot read this as an XLSX workbook: {e}")
    finally:
        file.seek(0)
    return None


def _is_sheet(name: str) -> bool:
    return (name.startswith("xl/worksheets/") and name.endswith(".xml")) or name == "xl/sharedStrings.xml"


def _column(ref: str | None, fallback: int) -> int:
    found = _CELL_REF.match(ref or "")
    if not found:
        return fallback
    number = 0
    for letter in found.group(1).upper():
        number = number * 26 + ord(letter) - 64
    return number


MAX_MERGES = 100_000


def _scan(member: IO[bytes], name: str, bounds: Bounds) -> list[str]:
    """Counts only, in constant memory, and the merged ranges (at most MAX_MERGES); raises _Stop
    at the first value out of bounds."""
    parser = expat.ParserCreate()
    at = {"row": 0, "cells": 0, "column": 0, "chars": 0, "text": 0}
    shared = name.endswith("sharedStrings.xml")
    merged: list[str] = []

    def stop(code: str, message: str) -> None:
        raise _Stop(Refusal(at["row"] or 1, at["column"] or 1, code, message))

    def start(tag: str, attrs: dict[str, str]) -> None:
        local = tag.rpartition(":")[2]
        if local == "row":
            at["row"] = int(attrs["r"]) if attrs.get("r", "").isdigit() else at["row"] + 1
            at["cells"] = at["column"] = 0
            if at["row"] > bounds.max_rows + 1:
                stop("too-many-rows", f"more than {bounds.max_rows:,} rows; split the file")
        elif local == "c":
            at["cells"] += 1
            at["column"] = _column(attrs.get("r"), at["column"] + 1)
            at["chars"] = 0
            if max(at["cells"], at["column"]) > bounds.max_columns:
                stop("too-many-columns", f"row {at['row']} has more than {bounds.max_columns:,} columns "
                     "(Excel's own limit); this is not an ordinary sheet")
        elif local == "si":
            at["chars"] = 0
        elif local in ("t", "v"):
            at["text"] += 1
        elif local == "mergeCell" and len(merged) < MAX_MERGES:
            merged.append(attrs.get("ref", "")[:40])

    def end(tag: str) -> None:
        if tag.rpartition(":")[2] in ("t", "v"):
            at["text"] -= 1

    def text(data: str) -> None:
        if at["text"]:
            at["chars"] += len(data)
            if at["chars"] > bounds.max_cell:
                where = "a text in the workbook" if shared else "this cell"
                stop("cell-too-long", f"{where} holds more than {bounds.max_cell:,} characters (Excel's own limit)")

    def no_declarations(*_: object) -> None:
        # Entities are how XML multiplies itself; a workbook has no use for them.
        stop("not-xlsx", f"{name} declares a document type or entities; a workbook does not")

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    parser.StartDoctypeDeclHandler = no_declarations
    parser.EntityDeclHandler = no_declarations
    while chunk := member.read(1 << 16):
        parser.Parse(chunk, False)
    parser.Parse(b"", True)
    return merged


def cell_range(ref: str) -> tuple[int, int, int, int] | None:
    """"B3:D5" → (first row, first column, last row, last column); None when it is not a range."""
    found = re.fullmatch(r"\$?([A-Za-z]{1,3})\$?(\d{1,7}):\$?([A-Za-z]{1,3})\$?(\d{1,7})", ref)
    if not found:
        return None
    first, last = (int(found.group(2)), _column(found.group(1), 1)), (int(found.group(4)), _column(found.group(3), 1))
    return min(first[0], last[0]), min(first[1], last[1]), max(first[0], last[0]), max(first[1], last[1])
