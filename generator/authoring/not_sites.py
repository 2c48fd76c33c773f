"""The rows of a table that are not sites: a totals line, a footnote, a section heading, and what a
printed list heads each of its pages with (its title, its column headings, the page's number); and a
row whose site's name the list withholds.

Each is skipped with a warning naming its row, so that the officer sees what was passed over; a
firm named like one ('Source Fabrics Ltd' beside its country, 'Total' beside its address) is a site.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..check.countries import resolve as resolve_country
from ..problems import Problem
from .cells import Cell
from .sheets import Row, Sheet

# The whole cell ("Total", "Sub-total", "Grand Total:", "Total / Average", "Total (25 factories)", "Sum"):
# not "Total Garments"
_TOTALS = re.compile(r"(?:(?:grand\s+)?(?:sub[\s-]?)?totals?|sum|average)(?:\s*[/&,]\s*(?:average|avg\.?|mean))?"
                     r"\s*(?:\([^()]*\))?\s*:?", re.IGNORECASE)
_TOTAL_START = re.compile(r"(?:grand\s+)?(?:sub)?totals?\b|number of (?:factories|sites|suppliers)\b", re.IGNORECASE)
_NOTE_START = re.compile(r"(?:notes?|remarks?|sources?|disclaimer|definitions?|footnotes?|last updated|data as of)\b"
                         r"|[*†]", re.IGNORECASE)
_SECTION = re.compile(r"(?:tier|section|category)\b", re.IGNORECASE)


def _kind(cells: Sequence[str], width: int) -> str:
    """What a row that is not a site is, or "" for a site: a total, a note or a section heading. A row of
    one or two cells whose first starts with such a word ("Total number of factories", "Note:", "Source:
    …"), and a row of one cell that is a country or a tier ("TIER 1 - FINISHED GOODS"). A site has more, or
    is a name and its country alone ("Source Fabrics Ltd", "Bangladesh")."""
    if not cells:
        return ""
    short = len(cells) == 1 or (len(cells) == 2 and not resolve_country(cells[1]).code)
    if _TOTALS.fullmatch(cells[0]) and not _placed(cells[1:]):
        return "a total"
    if short and width >= 3 and _TOTAL_START.match(cells[0]):
        return "a total"
    if short and width >= 3 and _NOTE_START.match(cells[0]):
        return "a note"
    if len(cells) == 1 and width >= 3 and (_SECTION.match(cells[0]) or resolve_country(cells[0]).code):
        return "a section heading"
    return ""


def _placed(cells: Sequence[str]) -> bool:
    """Cells that place a site: a country and an address beside it (a street and a town, or a street with
    its number or a comma). A firm may be named 'Total' or 'Sum'; a totals row holds numbers, and a subtotal
    its country alone, or its country and its town ('Total | Bangladesh | Dhaka | 5000')."""
    countries = [c for c in cells if resolve_country(c).code]
    words = [c for c in cells if c not in countries and re.search(r"[^\W\d_]{2}", c)]
    return bool(countries) and (len(words) > 1 or any(re.search(r"[\d,]", w) for w in words))


def _is_note(row: Row, width: int) -> bool:
    """Below the table, any row of one cell is a footnote too."""
    cells = [c for c in row.cells if c]
    return bool(_kind(cells, width)) or (len(cells) == 1 and width >= 3)


_PAGE = re.compile(r"(?:page|p) \d+(?: of \d+)?")


def plain_cells(cells: Sequence[str]) -> tuple[str, ...]:
    """A row's cells as a page's heading is compared: case, punctuation and blank cells at its end do not count."""
    plain = [" ".join(re.sub(r"[\W_]+", " ", c.casefold()).split()) for c in cells]
    while plain and not plain[-1]:
        plain.pop()
    return tuple(plain)


def _repeated(row: Row, headings: Sequence[tuple[str, ...]], titles: Sequence[tuple[str, ...]],
              starts: frozenset[str]) -> str:
    """What of a page's heading a row writes again, or "": a printed list heads each of its pages with its
    title (a row above the table), its column headings (cell for cell, plain as `plain_cells` gives them) or
    the page's number. A site's row is passed over at its first cell, which is none of `starts` (the first
    cells of the headings and titles)."""
    given = [c for c in row.cells if c]
    first = plain_cells(given[:1])
    if not first or first[0] not in starts:
        return "a page's number" if len(given) == 1 and _PAGE.fullmatch(first[0] if first else "") else ""
    cells = plain_cells(row.cells)
    if cells in titles:
        return "the title above the table written again (a page's heading)"
    under = len(given) >= 2 and any(all(n < len(h) and c == h[n] for n, c in enumerate(cells) if c) for h in headings)
    if cells in headings or under:   # a group heading of one cell too ("Workers" over "Total" and "% Female")
        return "the column headings written again (a page's heading)"
    return ""


def not_sites(sheet: Sheet, rows: list[Row], width: int, headings: Sequence[tuple[str, ...]] = (),
              titles: Sequence[tuple[str, ...]] = (), names: Sequence[str] = ()) -> tuple[list[Row], list[Problem]]:
    """Footnotes and totals below the table, and section headings, notes, totals and the column headings
    written again inside it, are not sites: skipped, each with a warning."""
    problems = []
    starts = frozenset(next((c for c in h if c), "") for h in (*headings, *titles))
    end = len(rows)
    while end and _is_note(rows[end - 1], width):
        end -= 1
    kept: list[Row] = []
    for i, row in enumerate(rows):
        cells = [c for c in row.cells if c]
        kind = _repeated(row, headings, titles, starts) or _kind(cells, width)
        if i < end and not kind and (said := _continued(sheet, kept, row, names)):
            problems.append(said)
            continue
        if i < end and not kind:
            kept.append(row)
            continue
        text = cells[0][:60] if cells else ""
        # The cell that holds the text: a list may pad its table with an empty first column.
        column = next((n for n, c in enumerate(row.cells, 1) if c), 1)
        what = kind if i < end else "a note or a total below the table"
        problems.append(Problem(sheet.path, row.number, column, "warning", "import-note-row",
                                f"{sheet.where()}row {row.number} ('{text}') is read as {what}, not as a site; "
                                "it is not imported", kind="import-note-row"))
    return kept, problems


def _continued(sheet: Sheet, kept: list[Row], row: Row, names: Sequence[str]) -> Problem | None:
    """A row that holds one cell, not the first, right under a row holding a value in that column, is the rest of
    that cell wrapped onto a row of its own (a comment split over two lines: 'Running at 1/4 capacity' over
    'after December 2, 2016'): it is joined to the cell above, and said."""
    filled = [n for n, c in enumerate(row.cells) if c.strip()]
    above = kept[-1] if kept else None
    if (len(filled) != 1 or not filled[0] or above is None or above.number != row.number - 1
            or filled[0] >= len(above.cells) or not above.cells[filled[0]].strip()):
        return None
    n = filled[0]
    joined = f"{above.cells[n].strip()} {row.cells[n].strip()}"
    kept[-1] = Row(above.number, (*above.cells[:n], joined, *above.cells[n + 1:]))
    heading = f" ('{names[n]}')" if n < len(names) and names[n] else ""
    return Problem(sheet.path, row.number, n + 1, "warning", "import-continued-row",
                   f"{sheet.where()}row {row.number} holds one cell, column {n + 1}{heading}, right under row "
                   f"{above.number}: it is read as the rest of row {above.number}'s cell, wrapped onto a row of its "
                   f"own ('{joined[:80]}')", kind="import-continued-row")


# What a list writes where it withholds a site's name, as it withholds a figure (`cells.not_given`).
_WITHHELD = re.compile(r"(?:(?:name|site|factory|supplier)\s+)?(?:confidential|withheld|undisclosed|not\s+disclosed|"
                       r"not\s+public|redacted|n/a|n\.a\.?)(?:\s+(?:supplier|factory|site|facility|mill|name))?",
                       re.IGNORECASE)


def withheld(sheet: Sheet, name: Cell) -> Problem | None:
    """A warning for a row whose name cell withholds the site's name ("Confidential", "Not disclosed", "N/A"):
    a disclosure names each site it holds, so the row is not imported; None for any other name."""
    if not _WITHHELD.fullmatch(name.value.strip()):
        return None
    return Problem(sheet.path, name.line, name.column, "warning", "import-name-withheld",
                   f"{sheet.where()}row {name.line} withholds the site's name ('{name.value.strip()}'): a disclosure "
                   "holds named sites, so the row is not imported; name the site, or say in the disclosure's own "
                   "words what the list withholds", kind="import-name-withheld")
