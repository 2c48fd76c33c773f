"""One spreadsheet cell → the value a disclosure field holds, or a located problem.

Each parser takes the cell and a `Report` (which records a problem at the cell) and
returns the value, or None when the cell gives nothing to keep.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from ..check.countries import explain, near, plain_name, resolve, with_place
from ..check.country_names import IN_A_COUNTRY_COLUMN
from .cell_notes import undated, without_region, worded, world_region  # noqa: F401 (world_region: osh, same_field)

MULTI = "|"  # OSH separates several values in one cell with a pipe


@dataclass(frozen=True)
class Cell:
    value: str
    line: int
    column: int


Report = Callable[[Cell, str, str, str], None]  # cell, level, code, message


# What lists write in a cell for "not given" (and what a formula's error leaves there): no value.
# "NA" is not among them: in a country column it is Namibia (`importer` treats it apart).
# A list that withholds a value says so ("Not disclosed", "Confidential", "Data not available"): not given either.
_NOT_GIVEN = re.compile(r"[-–—_/?.\s]+|n\.?\s?a\.?|n/a|#n/a|none|nil|null|unknown|(?:data )?not (?:known|available|"
                        r"applicable|disclosed|provided|reported)|undisclosed|withheld|confidential|no data"
                        r"|tb[cd]|#(?:value|ref|div/0|num|name|null)[!?]", re.IGNORECASE)


def not_given(value: str) -> bool:
    """Whether a cell's text only says that the value is not given ("N/A", "-", "unknown", "#N/A")."""
    return bool(value) and _NOT_GIVEN.fullmatch(value.strip()) is not None


def split(value: str) -> list[str]:
    """A cell of several values: OSH's pipes, or the semicolons spreadsheets write ("Tops; Bottoms")."""
    return list(dict.fromkeys(v.strip() for v in re.split(r"[|;；]", value) if v.strip()))


# Ambiguous names that supplier lists use for one country only: a factory in North Korea would be
# named as such (and is sanctioned everywhere), so "Korea" is South Korea; a list names the PRC so ("People's
# Republic of China"), so "Republic of China" is Taiwan. Each said at its cell.
_AS_LISTS_MEAN = {("KR", "KP"): "KR", ("CN", "TW"): "TW"}


def country(cell: Cell, report: Report) -> str | None:
    found = resolve(IN_A_COUNTRY_COLUMN.get(cell.value.strip().upper(), cell.value))
    if not found.code and (alone := without_region(cell.value)):   # "Asia - China": the region says no more
        cell = Cell(alone, cell.line, cell.column)
        found = resolve(alone)
    if not found.code and (meant := _AS_LISTS_MEAN.get(tuple(found.candidates))):
        report(cell, "warning", "import-country-assumed", f"'{cell.value}' is read as {meant}, as supplier lists "
               f"mean it; write {' or '.join(c for c in found.candidates if c != meant)} if you mean the other")
        return meant
    if not found.code and (code := with_place(cell.value)[0]):
        report(cell, "warning", "import-country-with-place", f"'{cell.value}' names a place besides the country: "
               f"read as {plain_name(code)} ({code}), and the place as the site's province when it names one "
               f"of {plain_name(code)}'s; a City or Province column keeps the place apart")
        return code
    if not found.code and (guess := near(cell.value)):
        report(cell, "warning", "import-country-guessed", f"'{cell.value}' is not a country's name, and is read as "
               f"{plain_name(guess)} ({guess}), the one country it is near; write {plain_name(guess)} or {guess} "
               "to silence this warning")
        return guess
    if not found.code:
        # Its own code: folded among unknown names, "Korea" would read as one more of them.
        report(cell, "error", "import-country-ambiguous" if found.ambiguous else "import-country",
               explain(cell.value, found))
    return found.code or None


_NUMBER = r"(\d[\d,. ]*)"
_TO = r"(?:-|–|—|~|to)"
# A range holds both its numbers; "less than 100" holds 99, "up to 100" 100.
_BANDS = ((re.compile(rf"^(?:from\s+)?{_NUMBER}\s*{_TO}\s*{_NUMBER}$|^between\s+{_NUMBER}\s*and\s*{_NUMBER}$"),
           "range"),
          (re.compile(rf"^(?:less than|fewer than|under|below|<(?!=))\s*{_NUMBER}$"), "below"),
          (re.compile(rf"^(?:<=|≤|up to)\s*{_NUMBER}$"), "up to"))
# "1000-" is a band left open as "1000+" is, as brands' bands write it ("1-99 · 100-999 · 1000-").
_OPEN = re.compile(rf"^(?:more than|over|above|at least|>=?|≥)\s*{_NUMBER}$"
                   rf"|^{_NUMBER}\s*(?:\+|or more|and above|plus|-|–)$")


_WHOLE = re.compile(r"\d+|\d{1,3}(?:([,. '’])\d{3})(?:\1\d{3})*|(\d+)\.0+")


def _whole(text: str) -> int | None:
    """120, 1,500 / 1.500 / 1 500 / 1'500 (thousands, the last Swiss), 850.0 (a spreadsheet's float); not 12.5."""
    text = text.strip()
    match = _WHOLE.fullmatch(text)
    if not match or len(text) > 11:
        return None
    return int(match.group(2) or re.sub(r"[,. '’]", "", text))


# What lists write around a count that does not change it: the count is as approximate as any list's
# ("approx. 300", "~250", "≈ 250", "300 (approx.)", "ca. 400", "+/- 500", "约1200人"), its unit
# ("1,200 employees", "1200人", "1200名") and a footnote mark ("250*").
_AROUND = re.compile(r"^(?:approx(?:imately)?\.?|ca\.?|circa|about|around|roughly|[~≈±～约約]|\+/-)\s*"
                     r"|\s*(?:\(?\s*approx(?:imately)?\.?\s*\)?|\(?\s*est(?:imated)?\.?\s*\)?)$"
                     r"|\s*(?:workers?|employees?|staff|people|persons?|pax|heads?|ftes?|[人名])$|\s*(?<![*†])[*†]+$")


def without_qualifiers(text: str) -> str:
    """A figure without what lists write around it: "approx. 300 workers*" → "300", "~60%" → "60%"."""
    for _ in range(3):   # "approx. 300 workers*": each qualifier in turn
        text = _AROUND.sub("", text).strip()
    return text


# French and Swiss lists group thousands with a no-break or thin space ("1\u202f200").
_SPACES = re.compile(r"[\u00a0\u2007\u2009\u202f]")


# Bands in thousands ("1K-5K", "10k+", "<1k"), and a band named by its size ("Medium (100-499)").
_K = re.compile(r"(?<![\d.,])(\d{1,3}(?:[.,]\d{1,2})?)\s*k\b")
_ONE_K = re.compile(rf"^(\d+(?:[.,]\d+)?)\s*{_TO}\s*(\d{{1,3}}(?:[.,]\d{{1,2}})?)\s*k$")
_SIZE = r"(?:(?:very |extra )?(?:small|medium|large)|micro|sme)(?:[- ]?sized?)?"
_SIZED = re.compile(rf"^{_SIZE}(?:\s*\((.+)\)|\s*[:\-–]\s*(.+))?$|^(.+?)\s*\(\s*{_SIZE}\s*\)$")


def _text(text: str) -> str:
    # Runs of spaces as one: each of `_AROUND`'s spaces before and after a bracket tried every split of a
    # run, so a cell of 1,000 spaces between two characters took 20 s, and one of Excel's 32,767 hours.
    text = without_qualifiers(" ".join(_SPACES.sub(" ", text).casefold().split()))
    # "approx. 1200 (2023)": its note, then approx.
    return without_qualifiers(bare) if (bare := undated(text)) != text else text


def _plain(text: str) -> str:
    """A count's text as it is read: spaces, qualifiers, its size's name and K (a thousand) aside."""
    text = _text(text)
    if sized := _SIZED.match(text):
        text = next((g for g in sized.groups() if g), "")
    return _K.sub(lambda k: f"{float(k[1].replace(',', '.')) * 1000:.0f}", text)


def _unsure(text: str) -> str:
    """Why a band cannot be read without a guess, or "": a size alone ("Medium"), or K on the upper side
    only where the lower number reads both with it and without ("1-5K"; "500-5K" can only be 500-5,000)."""
    if (sized := _SIZED.match(_text(text))) and not any(sized.groups()):
        return "names a size, not a number of workers"
    if (found := _ONE_K.match(_text(text))) and (low := float(found[1].replace(",", "."))) <= (
            high := float(found[2].replace(",", "."))):
        return f"may be {low:g}-{high * 1000:.0f} or {low * 1000:.0f}-{high * 1000:.0f} (K written once)"
    return ""


def one_count(text: str) -> int | str | None:
    """A count or a range of workers as lists write it ("approx. 300", "1,001-5,000", "1K-5K"); None when it
    is neither."""
    if _unsure(text):
        return None
    text = _plain(text)
    if (n := _whole(text)) is not None:
        return n
    for pattern, kind in _BANDS:
        if match := pattern.match(text):
            numbers = [_whole(g) for g in match.groups() if g is not None]
            if None in numbers:
                return None
            low, high = numbers if kind == "range" else (0, numbers[0] - (kind == "below"))
            return (f"{low}-{high}" if low != high else low) if high >= 0 else None
    return None


_DATE = re.compile(r"\d{4}-\d\d-\d\d(?:[ T]00:00(?::00)?)?")   # a date cell, as the sheet reader writes it


def workers(cell: Cell, report: Report, note: Callable[[str], None] = lambda _: None) -> int | str | None:
    """A count, a range ("100-150", "1001 to 5000", "less than 1000"); several joined with '|'
    (one per Open Supply Hub contributor) become the range that spans them, with a warning.
    An open band ("more than 10000") has no upper bound to store: dropped, with a warning. A count with
    words in brackets ("50 (seasonal)") is the count, and the cell is given whole to `note`, said."""
    parts = split(cell.value)
    counts = [one_count(p) for p in parts]
    count, words = worded(cell.value)
    if (None in counts or not counts) and words and (n := one_count(count)) is not None:
        note(f"Number of workers: {cell.value.strip()}")
        report(cell, "warning", "import-workers-note", f"'{cell.value}' is read as {n} workers, and the cell is "
               "kept whole in the site's notes: a disclosure's number of workers holds no words")
        return n
    if None in counts or not counts:
        if why := next((f"'{p}' {_unsure(p)}" for p in parts if _unsure(p)), ""):
            report(cell, "warning", "import-workers-unsure", f"{why}: the row is imported without its number of "
                   "workers (write a count, or a range such as 1000-4999)")
            return None
        if parts and any(_OPEN.match(_plain(p)) for p in parts):
            report(cell, "warning", "import-workers-open",
                   f"'{cell.value}' has no upper bound, and a number of workers is kept as a count or a range "
                   "such as 10001-15000: the row is imported without its number of workers")
            return None
        report(cell, "error", "import-workers", f"'{cell.value}' is a date, not a number of workers: a spreadsheet "
               "turns a band such as 10-20 into one; format the column as text and write the band again"
               if _DATE.fullmatch(cell.value.strip()) else f"'{cell.value}' is not a number of workers: "
               "write a whole number such as 120, or a range such as 100-150")
        return None
    if len(counts) == 1:
        return counts[0]
    bounds = [int(b) for c in counts for b in str(c).split("-")]
    low, high = min(bounds), max(bounds)
    report(cell, "warning", "import-workers-several",
           f"'{cell.value}' gives several numbers of workers; kept the range that spans them, {low}-{high}")
    return f"{low}-{high}"


_HEMISPHERE = {"N": 1, "S": -1, "E": 1, "W": -1}
_DMS_MARKS = re.compile(r"[°º˚'′’\"″”\s]+|(?<=\d)[dms](?![a-z])", re.IGNORECASE)


def _dms(text: str, axis: str) -> float | None:
    """Decimal degrees from what maps and GPS units write: "22.5", "22.5 N", "1°36'36\"S", "N 22 32.4";
    None when the text is not one coordinate of this axis (lat: N/S, lon: E/W)."""
    text = text.strip().upper().replace(",", ".")
    sign = 1
    if text[:1] in _HEMISPHERE or text[-1:] in _HEMISPHERE:
        letter = text[0] if text[:1] in _HEMISPHERE else text[-1]
        if letter not in ("NS" if axis == "lat" else "EW"):
            return None
        sign, text = _HEMISPHERE[letter], text.strip("NSEW ")
    if text.startswith("-"):
        sign, text = -sign, text[1:]
    parts = [p for p in _DMS_MARKS.split(text) if p]
    if not 1 <= len(parts) <= 3 or not all(re.fullmatch(r"\d+(?:\.\d+)?", p) for p in parts):
        return None
    numbers = [float(p) for p in parts]
    if any(n >= 60 for n in numbers[1:]):
        return None
    whole = sign * sum(n / 60 ** i for i, n in enumerate(numbers))
    return whole if len(numbers) == 1 else round(whole, 6)   # minutes and seconds: to a tenth of a metre


def degrees(cell: Cell, report: Report, limit: float) -> float | None:
    axis, names = ("lat", ("latitude", "N or S")) if limit == 90 else ("lon", ("longitude", "E or W"))
    value = _dms(cell.value, axis)
    if value is not None and math.isfinite(value) and -limit <= value <= limit:
        return value
    swapped = " (latitude and longitude may be swapped)" if value is not None and axis == "lat" else ""
    report(cell, "error", "import-coordinates",
           f"'{cell.value}' is not a {names[0]}: write decimal degrees between -{limit:g} and {limit:g}, or degrees, "
           f"minutes and seconds with {names[1]}{swapped}")
    return None


def _halves(text: str) -> list[str]:
    """A point's two numbers as written: "10.82, 106.63", "(21.0; 105.8)", "22°32'N 113°57'E"."""
    text = text.strip().strip("()[]").strip()
    for mark in (";", ",", "/"):
        if text.count(mark) == 1:
            return text.split(mark)
    if hemi := re.fullmatch(r"(.*?[NS])\s*(.*[EW])|([NS].*?)\s+([EW].*)", text, re.IGNORECASE):
        return [h for h in hemi.groups() if h]
    return text.split()


def point(cell: Cell, report: Report) -> tuple[float, float] | None:
    """Latitude and longitude from one cell (a "Lat/Long" or "GPS" column), latitude first as maps
    write them; longitude first only where its letters say so ("113.9 E, 22.5 N")."""
    halves = _halves(cell.value)
    if len(halves) == 2 and re.search(r"[EW]\W*$", halves[0].strip(), re.IGNORECASE):
        halves.reverse()
    lat, lon = (_dms(halves[0], "lat"), _dms(halves[1], "lon")) if len(halves) == 2 else (None, None)
    if lat is not None and lon is not None and abs(lat) <= 90 and abs(lon) <= 180:
        return lat, lon
    swapped = " (latitude and longitude may be swapped)" if lat is not None and lon is not None else ""
    report(cell, "error", "import-coordinates",
           f"'{cell.value}' is not a point: write its latitude and longitude, such as '10.8231, 106.6297' or "
           f"22°32'N 113°57'E{swapped}")
    return None
