"""A date cell (`since`, `until`) as lists write it, read as the model's YYYY-MM-DD, YYYY-MM or YYYY.

Lists write the start of a relationship as Excel shows a date (`03/01/2019`, `1.3.2019`),
as a month (`Mar 2019`), with the time a system export adds, or as the serial number Excel
keeps for a date in a cell not formatted as one (`43525`). None of these is a reason to stop
a whole list: a cell that is no date is left out with a warning at it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from ..problems import Problem
from .cells import Cell, Report
from .sheets import Sheet

_MONTHS = {name: n for n, names in enumerate(
    (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
     ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
     ("dec", "december")), start=1) for name in names}
_EXCEL_EPOCH = dt.date(1899, 12, 30)   # Excel's day 0, counting its false 29 February 1900
_SERIALS = range(20000, 60000)         # 1954 to 2064: a relationship's start, never a year or a count
_ISO = re.compile(r"(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?(?:[ t]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_NUMERIC = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?: \d{1,2}:\d{2}(?::\d{2})?)?")
_MONTH_YEAR = re.compile(r"(\d{1,2})[/.-](\d{4})")
_WORDS = re.compile(r"(?:(\d{1,2})\s+)?([a-z]+)\.?,?\s+(?:(\d{1,2}),?\s+)?(\d{4})")
# What lists write around a date that does not change it: "Since 2019", "seit 2019"; and the forms of
# Chinese and Japanese lists and of Excel's "mmm-yy" shown as text ("2019年3月", "Mar-19", "Mar-2019").
_SINCE = re.compile(r"^(?:since|from|seit|ab|desde|depuis|dal|sejak)\s+")
_CJK = re.compile(r"(\d{4})\s*年\s*(?:(\d{1,2})\s*月\s*(?:(\d{1,2})\s*日)?)?")
_MONTH_DASH = re.compile(r"([a-z]{3,9})\.?[-/](\d{2}|\d{4})")
# A calendar quarter or half ("Q1 2019", "2019 Q3", "Q1/2019", "1Q 2019", "H1 2020", "2020-H2") is within its year; a
# fiscal year ("FY2019", "FY 2019/20", "Q3 FY2019") starts in a month the firm's own calendar sets.
_PART = r"(?:q[1-4]|[1-4]q|h[12]|[12]h)"
_PART_OF_YEAR = re.compile(rf"{_PART}\s*[-/' ]?\s*(\d{{4}})|(\d{{4}})\s*[-/ ]?\s*{_PART}")
_FISCAL = re.compile(r"(?:(?:q[1-4]|h[12])\s*[-/ ]?\s*)?fy\s*[-'’]?\s*\d{2}(?:\d{2})?(?:\s*[-/–]\s*\d{2}(?:\d{2})?)?"
                     r"(?:\s*[-/ ]?\s*(?:q[1-4]|h[12]))?")


def _iso(year: int, month: int = 0, day: int = 0) -> str | None:
    """The model's form of a date, or None when no such day exists."""
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError:
        return None
    return f"{year:04d}" + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if day else "")


def _excel_serial(text: str) -> str | None:
    if re.fullmatch(r"[0-9]{1,6}", text) and int(text) in _SERIALS:   # not str.isdigit: '2019²' is digits to it
        return (_EXCEL_EPOCH + dt.timedelta(days=int(text))).isoformat()
    return None


def _numeric(found: re.Match[str], cell: Cell, report: Report, order: str) -> str | None:
    """`dd/mm/yyyy` or `mm/dd/yyyy`: a part over 12 is the day; a dot is written day first; else the
    column's `order` ("dmy", "mdy") where its other cells show it; otherwise only the year is kept."""
    first, mark, second, year = int(found[1]), found[2], int(found[3]), int(found[4])
    if mark == "." or first > 12 or first == second or (order == "dmy" and second <= 12):
        return _iso(year, second, first)
    if second > 12 or order == "mdy":
        return _iso(year, first, second)
    report(cell, "warning", "import-date-order",
           f"'{cell.value}' may be day then month or month then day; only its year, {year}, is imported "
           "(write the date as YYYY-MM-DD)")
    return _iso(year)


def _in_words(found: re.Match[str]) -> str | None:
    """`Mar 2019`, `1 March 2019`, `March 1, 2019`."""
    month = _MONTHS.get(found[2])
    day = found[1] or found[3]
    if month is None or (found[1] and found[3]):
        return None
    return _iso(int(found[4]), month, int(day or 0))


def date(cell: Cell, report: Report, order: str = "") -> str | None:
    """The date a cell gives, in the model's form; None, said at the cell, when it gives none. `order`
    is its column's order of day and month (`column_orders`), "" where the column does not show one."""
    text = _SINCE.sub("", " ".join(cell.value.split()).casefold())
    text = _CJK.sub(lambda m: "-".join(p for p in m.groups() if p), text)
    if (dashed := _MONTH_DASH.fullmatch(text)) and dashed[1] in _MONTHS:   # Excel's "Mar-19" is March 2019
        year = int(dashed[2])
        text = f"{dashed[1]} {year if year > 99 else 2000 + year if year < 30 else 1900 + year}"
    if part := _PART_OF_YEAR.fullmatch(text):   # "Q1 2019": the year, as the month is not known
        text = part[1] or part[2]
    elif _FISCAL.fullmatch(text):
        report(cell, "warning", "import-date-fiscal",
               f"'{cell.value}' is a fiscal year, which starts in the month the firm's own year does (a firm's "
               "FY2019 may begin in 2018 or in 2019); not imported: write the calendar year, YYYY, or YYYY-MM")
        return None
    if iso := _ISO.fullmatch(text):
        found = _iso(int(iso[1]), int(iso[2] or 0), int(iso[3] or 0))
    elif numeric := _NUMERIC.fullmatch(text):
        return _numeric(numeric, cell, report, order) or _not_a_date(cell, report)
    elif month_year := _MONTH_YEAR.fullmatch(text):
        found = _iso(int(month_year[2]), int(month_year[1]))
    elif words := _WORDS.fullmatch(text):
        found = _in_words(words)
    elif serial := _excel_serial(text):
        report(cell, "warning", "import-date-serial",
               f"'{cell.value}' is read as the date Excel keeps as that number, {serial}; if it is not, "
               "write the date as YYYY-MM-DD")
        return serial
    else:
        found = None
    return found or _not_a_date(cell, report)


def _not_a_date(cell: Cell, report: Report) -> None:
    report(cell, "warning", "import-date",
           f"'{cell.value}' is not a date; not imported (write YYYY-MM-DD, or YYYY-MM or YYYY where only the "
           "month or year is known)")


def _shown_order(text: str) -> str:
    """"dmy" or "mdy" where a date written with slashes or dashes shows its order by a part over 12
    (`25/03/2019`, `03/25/2019`); "" where it does not."""
    found = _NUMERIC.fullmatch(" ".join(text.split()))
    if not found or found[2] == ".":
        return ""
    first, second = int(found[1]), int(found[3])
    return "dmy" if first > 12 >= second else "mdy" if second > 12 >= first else ""


def column_orders(sheet: Sheet, columns: Mapping[str, list[int]]) -> tuple[dict[int, str], list[Problem]]:
    """Each date column's order of day and month (by its column number), read from the cells that show it:
    `25/03/2019` on one row reads `03/01/2019` on another as 3 January. A column that shows both orders
    is said at its heading, and each of its dates is read on its own."""
    orders, problems = {}, []
    for i in (i for column in ("since", "until") for i in columns.get(column, [])):
        shown: dict[str, tuple[int, str]] = {}
        for row in sheet.rows:
            if i < len(row.cells) and (order := _shown_order(row.cells[i])):
                shown.setdefault(order, (row.number, row.cells[i]))
        if len(shown) == 1:
            orders[i + 1] = next(iter(shown))
        elif shown:
            (day_row, day), (month_row, month) = shown["dmy"], shown["mdy"]
            problems.append(Problem(sheet.path, sheet.header_line, i + 1, "warning", "import-date-orders",
                                    f"{sheet.where()}column '{sheet.header[i]}' writes dates day first ('{day}', "
                                    f"row {day_row}) and month first ('{month}', row {month_row}): each is read on "
                                    "its own, and one whose day and month could be either keeps its year only"))
    return orders, problems
