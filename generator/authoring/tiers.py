"""A site's tier as lists write it: "1", "Tier 1", "T2", "Tier II", "Second tier", "Tier 3 - Raw material
processing", "Raw materials". A site holds one tier: a cell that gives several ("Tier 1 & 2", "Tier I & II",
"Tiers 1-2") keeps the nearest to the firm, and says which it was given."""

from __future__ import annotations

import re
from collections.abc import Callable

from .cells import Cell, Report

# A tier in words or Roman figures: "Tier One", "Tier II", "Second tier", "1st Tier".
_ORDINALS = {w: n for n, words in enumerate((("one", "i", "first", "1st"), ("two", "ii", "second", "2nd"),
                                             ("three", "iii", "third", "3rd"), ("four", "iv", "fourth", "4th")), 1)
             for w in words}
_WORDS = "|".join(_ORDINALS)
_TIER_WORD = re.compile(rf"^tier[\s_-]*({_WORDS})\b|^({_WORDS})[\s_-]*tier\b")
_TIER = re.compile(r"(?:tiers?|t)?\s*[-_ ]?\s*([1-4])\b")
# More tiers after the first: "& 2", "and Tier 3", ", II", "/T2", a range ("1-2", "1 to 3").
_MORE_TIERS = re.compile(rf"\s*(&|and|,|/|\+|-|–|to)\s*(?:tiers?|t)?\s*([1-4]|{_WORDS})\b")


def _number(text: str) -> int:
    return int(text) if text.isdigit() else _ORDINALS[text]


def _more(text: str, first: int) -> list[int]:
    """The tiers written after the first: each one joined by '&', 'and', a comma or a slash; a range's all."""
    found = []
    for joint, number in _MORE_TIERS.findall(text[:40]):
        last = found[-1] if found else first
        found += list(range(last + 1, _number(number) + 1)) if joint in ("-", "–", "to") else [_number(number)]
    return found


def tier(cell: Cell, report: Report, note: Callable[[str], None] = lambda _: None) -> int | str | None:
    """1-4 from "1", "Tier 1", "T2", "Tier 3 - Raw material processing"; "raw-material" from "Raw materials".
    A site of several tiers keeps the lowest, the nearest to the firm, with a warning naming those given, and
    the cell is given whole to `note`."""
    text = _TIER_WORD.sub(lambda m: str(_ORDINALS[m[1] or m[2]]), cell.value.strip().casefold())
    match = _TIER.match(text)
    if match:
        given = sorted({int(match.group(1)), *_more(text[match.end():], int(match.group(1)))})
        if len(given) > 1:
            note(f"Tier: {cell.value.strip()}")
            report(cell, "warning", "import-tier-several", f"'{cell.value}' gives several tiers "
                   f"({', '.join(map(str, given))}), and a site holds one: kept tier {given[0]}, the nearest to "
                   "the firm, and the cell whole in the site's notes")
        return given[0]
    if "raw" in text:
        return "raw-material"
    report(cell, "warning", "import-tier", f"'{cell.value}' is not a tier the disclosure holds (1 to 4, or raw "
           "material): the row is imported without it")
    return None
