"""Women and men at a site as lists give them: a gender ratio in one cell ("60/40" under "Gender Ratio
(F/M)"), read for the women's side, which the disclosure holds as a count (`female_workers`).

A ratio is read only where its order is known, from the cell's own letters ("F 60 / M 40",
"Male/Female: 40/60") or else from the heading; a ratio that does not say which side is women
is left out with a warning at its cell, never guessed.
"""

from __future__ import annotations

import re

from .cells import Cell, Report
from .shares import share_count
from .worker_headings import FEMALE, MALE

_TOKEN = re.compile(r"(\d+(?:[.,]\d+)?)\s*(%?)|([^\W\d_]+)")
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
            numbers.append((float(number.replace(",", ".")), bool(percent)))
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
