"""Women and men at a site as lists give them: a gender ratio in one cell ("60/40" under "Gender Ratio
(F/M)"), read for the women's side, which the disclosure holds as a count (`female_workers`); and a
column of men, read to check the women against the row's workers or, where the row gives no women,
to give them as the workers less the men.

A ratio is read only where its order is known, from the cell's own letters ("F 60 / M 40",
"Male/Female: 40/60") or else from the heading; a ratio that does not say which side is women
is left out with a warning at its cell, never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..problems import Problem
from .cells import Cell, Report, one_count
from .shares import comma_unsure, part_of_workers, share, share_count
from .worker_headings import FEMALE, MALE

# Numbers of at most nine digits (a longer one is no count of workers: it is split, and the cell refused), with
# their thousands grouped by commas ("1,200") or a decimal part after a dot or a comma ("45,5").
_TOKEN = re.compile(r"(\d{1,3}(?:,\d{3})+(?![\d,])|\d{1,9}(?:[.,]\d{1,9})?)\s*(%?)|([^\W\d_]+)")
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+")
# Words a ratio's cell may hold besides its sides and numbers.
_SPARE = frozenset({"approx", "ca", "about", "workers", "employees", "ratio", "gender", "and", "vs", "to"})
_EVEN = 1.0   # "59.5/40.5" and "33/67" are percents: within a point of 100


def _side(word: str) -> str | None:
    return "f" if word in FEMALE else "m" if word in MALE else None


def _read(text: str) -> tuple[list[tuple[float, bool]], list[tuple[str, int]]] | None:
    """The cell's numbers (value, written with %) and its sides (f or m, with the number each stands
    beside); None when it holds a word that is neither a side nor one a ratio may hold."""
    numbers: list[tuple[float, bool]] = []
    sides: list[tuple[str, int]] = []
    for number, percent, word in _TOKEN.findall(text.casefold()):
        if number:
            plain = number.replace(",", "") if _THOUSANDS.fullmatch(number) else number.replace(",", ".")
            numbers.append((float(plain), bool(percent)))
        elif side := _side(word):
            sides.append((side, len(numbers)))
        elif word not in _SPARE:
            return None
    return numbers, sides


def _women_first(order: str, sides: list[tuple[str, int]]) -> bool | None:
    """Whether the first number is the women's: by the cell's letters when they name both sides
    ("Male/Female: 40/60", "F 60 / M 40") or one before both numbers ("F 60/40"), else by the heading.
    A lone letter between the numbers ("60 F/40") could name either, and is left to the heading."""
    letters = [s for s, _ in sides]
    if sorted(letters) == ["f", "m"]:
        return letters[0] == "f"
    if len(sides) == 1 and sides[0][1] == 0:
        return letters[0] == "f"
    return {"fm": True, "mf": False}.get(order)


def female_percent(cell: Cell, report: Report, order: str) -> float | None:
    """The women's share in percent that a ratio cell gives, or None with a warning at the cell.
    `order` is the heading's: "fm", "mf" or "" when it names none."""
    read = _read(cell.value)
    if read is None or not 1 <= len(read[0]) <= 2:
        report(cell, "warning", "import-gender-ratio", f"'{cell.value}' is not a gender ratio such as 60/40 or "
               "F 60% / M 40%: not imported")
        return None
    numbers, sides = read
    if len(numbers) == 1:
        return _one_side(cell, report, numbers[0], [s for s, _ in sides])
    (first, first_pct), (second, second_pct) = numbers
    if first + second == 0:
        report(cell, "warning", "import-gender-ratio", f"'{cell.value}' gives no workers of either side: not imported")
        return None
    if (first_pct or second_pct) and abs(first + second - 100) > _EVEN:
        report(cell, "warning", "import-gender-ratio", f"'{cell.value}': the two shares add up to "
               f"{first + second:g}%, not 100%: not imported")
        return None
    women_first = _women_first(order, sides)
    if women_first is None and first != second:
        report(cell, "warning", "import-gender-order",
               f"'{cell.value}' does not say which number is women's and which men's, nor does its column's "
               "heading: not imported (write the order in the heading, such as 'Gender Ratio (F/M)', or in the "
               "cell, such as 'F 60 / M 40')")
        return None
    women = first if women_first in (True, None) else second
    return 100 * women / (first + second)   # 60/40 is 60%; 3:2 and 600/400 are 60% too


def _one_side(cell: Cell, report: Report, number: tuple[float, bool], letters: list[str]) -> float | None:
    """One number named by its side: "Female 60%" is 60% women, "40% M" 60%."""
    value, _ = number
    if len(letters) == 1 and value <= 100:
        return value if letters[0] == "f" else 100 - value
    report(cell, "warning", "import-gender-ratio", f"'{cell.value}' gives one number, and does not say whose: a "
           "ratio column holds two, such as 60/40: not imported")
    return None


def women_of_ratio(cell: Cell, report: Report, order: str, total: int | str | None) -> int | None:
    """The number of women a ratio cell gives of the row's whole number of workers."""
    percent = female_percent(cell, report, order)
    if percent is None:
        return None
    return share_count(cell, report, total, percent, f"{cell.value} ({percent:.3g}% women)")


def women(cell: Cell, report: Report, total: int | str | None, in_percent: bool = False,
          fraction: bool = False) -> int | None:
    """The number of women a cell of women gives: a count or a share (`shares.part_of_workers`), or a share
    written beside its side, as a ratio's cell writes it ("Female: 60%", "60% F / 40% M", "F 60% M 40%")."""
    read = _read(cell.value)
    if read and read[1] and read[0] and (in_percent or "%" in cell.value):
        return women_of_ratio(cell, report, "", total)
    return part_of_workers(cell, report, total, in_percent, fraction)


def _men(cell: Cell, report: Report, total: int | str | None, in_percent: bool, fraction: bool) -> int | None:
    """The number of men a cell gives: a count, or a share of an integer total; None otherwise (said
    where it is no number; a share of a range or of no total is simply of no use)."""
    text = cell.value.strip()
    if in_percent or text.endswith("%"):
        if comma_unsure(cell, report):
            return None
        value = share(text, fraction)
        if value is None:
            report(cell, "warning", "import-men", f"'{text}' is not a share between 0% and 100%: not read")
            return None
        return round(total * value / 100) if isinstance(total, int) else None
    count = one_count(text)
    if not isinstance(count, int):
        report(cell, "warning", "import-men", f"'{text}' is not a whole number of men: not read")
        return None
    return count


def women_from_men(men_cell: Cell, report: Report, fields: Mapping[str, Any], in_percent: bool = False,
                   fraction: bool = False, exact: bool = True) -> int | None:
    """The number of women where the row gives none: its workers less its men. Where it gives them, women
    and men are checked against the workers, and a gap is said at the men's cell (`exact`: the women
    were a count, not a share rounded to one). The disclosure holds no men, so nothing else is kept."""
    total, women = fields.get("workers"), fields.get("female_workers")
    men = _men(men_cell, report, total, in_percent, fraction)
    if men is None or total is None:
        return None
    low, high = (total, total) if isinstance(total, int) else map(int, str(total).split("-"))
    slack = (not exact) + (in_percent or men_cell.value.strip().endswith("%"))   # each share rounded once
    if men > high:
        report(men_cell, "warning", "import-gender-total", f"'{men_cell.value}' men are more than the {total} "
               "workers this row gives: not read, and no number of women is taken from it")
    elif women is None and low == high:
        return high - men
    elif women is None:
        report(men_cell, "warning", "import-gender-total", f"'{men_cell.value}' men of a range of workers "
               f"({total}) do not tell how many are women: no number of women is imported (write it, or the "
               "row's whole number of workers)")
    elif not low - slack <= women + men <= high + slack:
        report(men_cell, "warning", "import-gender-total",
               f"{women} women and {men} men make {women + men}, not the {total} workers this row gives: "
               "one of the three is wrong (the women are imported as the list gives them)")
    return None


MEN = ("male_workers", "male_share")


def men_unused(shown: str, line: int, header: list[str], columns: Mapping[str, list[int]]) -> list[Problem]:
    """A column of men in a list with no number of workers can neither check the women nor give them: said
    once, at its heading, rather than as a column the importer does not know."""
    if "number_of_workers" in columns:
        return []
    return [Problem(shown, line, i + 1, "warning", "import-men-unused",
                    f"column '{header[i]}' is read only with a number of workers, to check the women against it or "
                    "to give them as the workers less the men; this list has no number of workers, so the men "
                    "are not read (the disclosure holds no number of men)")
            for column in MEN for i in columns.get(column, [])]
