"""A cell's text as a field keeps it: on one line, or nothing when it only says "not given"."""

from __future__ import annotations

import re

from .cells import not_given

_BREAKS = re.compile(r"[ ]*[\t\r\n\v\f]+[ ]*")
_LINES = re.compile(r"[\r\n\v\f]+")
_ENDS_PART = re.compile(r"[,;:、，；]$")   # not a dot: "Rd." ends a word, not a part
# Columns of several values: a line of their cell is one value, as a '|' or ';' would part them.
SEVERAL = frozenset({"product_type", "processing_type", "facility_type", "services", "aliases"})


# A line of a cell of several values that goes on the next: it ends in a word or mark that joins ("Men's and",
# "Apparel -") or leaves a bracket open ("Denim (washed and"), or the next is a note in brackets. A list's
# bullet or number before a line is no part of its value ("- Tops", "• Tops", "1. Tops").
_GOES_ON = re.compile(r"(?:[-–—&/+]|\b(?:and|or|of|with|for))$", re.IGNORECASE)
_BULLET = re.compile(r"^(?:[-–—•·▪*]|\d{1,2}[.)])\s+")


def _values(parts: list[str]) -> list[str]:
    values: list[str] = []
    for part in (_BULLET.sub("", p) for p in parts):
        last = values[-1] if values else ""
        if last and (_GOES_ON.search(last) or last.count("(") > last.count(")") or part.startswith("(")):
            values[-1] = f"{last} {part}"
        else:
            values.append(part)
    return values


def one_line(value: str, column: str = "") -> str:
    """Tabs and line breaks pasted into a cell become spaces: a disclosure's names hold neither. An
    address's lines are its parts ("Unit 1", "Example Road", "Narayanganj"): joined by commas, as written;
    the lines of a cell of products ("Tops", "Bottoms") are its products, each on its own, unless a line
    goes on the next ("Denim (washed and" over "unwashed)")."""
    if column not in SEVERAL and column != "address":
        return _BREAKS.sub(" ", value)
    parts = [line for line in (_BREAKS.sub(" ", line).strip() for line in _LINES.split(value)) if line]
    if column in SEVERAL:
        return "|".join(_ENDS_PART.sub("", part).strip() for part in _values(parts))
    return "".join(part + ("" if n == len(parts) - 1 else " " if _ENDS_PART.search(part) else ", ")
                   for n, part in enumerate(parts))


# The apostrophe a spreadsheet is told to keep a number as text with ("'012345678"), saved with it.
_AS_TEXT = re.compile(r"^\s*'(?=[+-]?\d)")


def given(value: str, column: str) -> str:
    """The cell's text, or nothing for a "not given" mark ("N/A", "-"); "NA" in a country column is Namibia,
    and a name is the site's own word, kept as written (a mill may be called "Null"). A number that kept
    the apostrophe which made it text ("'1200") is the number."""
    if column == "name":   # but for a comma left at its end ("Example Co., Ltd. HK,"), no part of the name
        return re.sub(r"\s*,+\s*$", "", value)
    if column == "country" and value.strip().casefold() == "na":
        return value
    if column == "parent_company" and _NO_PARENT.fullmatch(value.strip()):
        return ""
    return "" if not_given(value) else _AS_TEXT.sub("", value)


# A parent's cell that says the site has none ("No supplier group", "Independent"): no firm of that name.
_NO_PARENT = re.compile(r"(?:no|without)\s+(?:supplier\s+|parent\s+)?(?:group|parent(?:\s+company)?|company)"
                        r"|independent|stand[\s-]?alone|not\s+part\s+of\s+a\s+group", re.IGNORECASE)
