"""A D-U-N-S number as a spreadsheet keeps it: grouped with dashes as Dun & Bradstreet prints it
("65-012-3456"), saved as a number with a decimal ("650123456.0"), or with the zero it starts with
dropped ("12345678") or its digits rounded away ("6.5E+08") when its column was not formatted as text.
The first two are the number; the last two cannot be read back, and are said at their cell."""

from __future__ import annotations

import re

from .cells import Cell, Report

_GROUPED = re.compile(r"\d{2}-?\d{3}-?\d{4}")
_FLOAT = re.compile(r"(\d{1,9})\.0+")
_SCIENTIFIC = re.compile(r"\d(?:[.,]\d+)?e\+?\d+", re.IGNORECASE)


def duns(cell: Cell, report: Report) -> str | None:
    """The nine digits, or the text as written for the check to refuse; None where it is said here."""
    text = "".join(cell.value.split())
    if _GROUPED.fullmatch(text):
        return text.replace("-", "")
    if whole := _FLOAT.fullmatch(text):
        text = whole.group(1)
    if _SCIENTIFIC.fullmatch(text):
        report(cell, "error", "invalid-identifier",
               f"duns '{cell.value}' is written in scientific notation, which keeps only its first digits: format "
               "the column as text and write the nine digits in full")
        return None
    if text.isdigit() and len(text) < 9:
        report(cell, "error", "invalid-identifier",
               f"duns '{cell.value}' has {len(text)} digits, and a D-U-N-S number has 9: a spreadsheet drops the "
               f"zeros a number starts with; if it is '{text.zfill(9)}', format the column as text and write that")
        return None
    return text
