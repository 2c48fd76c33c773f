"""A cell's text as a field keeps it: on one line, or nothing when it only says "not given"."""

from __future__ import annotations

import re

from .cells import not_given

_BREAKS = re.compile(r"[ ]*[\t\r\n\v\f]+[ ]*")
_LINES = re.compile(r"[\r\n\v\f]+")
_ENDS_PART = re.compile(r"[,;:、，；]$")   # not a dot: "Rd." ends a word, not a part
# Columns of several values: a line of their cell is one value, as a '|' or ';' would part them.
SEVERAL = frozenset({"product_type", "processing_type", "facility_type", "services", "aliases"})


def one_line(value: str, column: str = "") -> str:
    """Tabs and line breaks pasted into a cell become spaces: a disclosure's names hold neither. An
    address's lines are its parts ("Unit 1", "Example Road", "Narayanganj"): joined by commas, as written;
    the lines of a cell of products ("Tops", "Bottoms") are its products, each on its own."""
    if column not in SEVERAL and column != "address":
        return _BREAKS.sub(" ", value)
    parts = [line for line in (_BREAKS.sub(" ", line).strip() for line in _LINES.split(value)) if line]
    if column in SEVERAL:
        return "|".join(_ENDS_PART.sub("", part).strip() for part in parts)
    return "".join(part + ("" if n == len(parts) - 1 else " " if _ENDS_PART.search(part) else ", ")
                   for n, part in enumerate(parts))


# The apostrophe a spreadsheet is told to keep a number as text with ("'012345678"), saved with it.
_AS_TEXT = re.compile(r"^\s*'(?=[+-]?\d)")


def given(value: str, column: str) -> str:
    """The cell's text, or nothing for a "not given" mark ("N/A", "-"); "NA" in a country column is Namibia,
    and a name is the site's own word, kept as written (a mill may be called "Null"). A number that kept
    the apostrophe which made it text ("'1200") is the number."""
    if column == "name" or (column == "country" and value.strip().casefold() == "na"):
        return value
    return "" if not_given(value) else _AS_TEXT.sub("", value)
