"""A column headed like a province ("Region") whose values are regions of the world ("S ASIA", "EMEA",
"LATAM"): a brand's sales region, no place of the site. It is said once, at its heading, and not imported,
rather than at each of its cells."""

from __future__ import annotations

from ..problems import Problem
from .cell_notes import world_region
from .cell_text import given
from .sheets import Sheet


def world_regions(sheet: Sheet, columns: dict[str, list[int]]) -> list[Problem]:
    """A warning at each subdivision column all of whose values are regions of the world, taken out of
    `columns`; a column that holds a province too is read cell by cell, each region said at its cell."""
    problems = []
    for i in list(columns.get("subdivision", [])):
        values = list(dict.fromkeys(v for row in sheet.rows if i < len(row.cells)
                                    and (v := given(row.cells[i].strip(), "subdivision"))))
        if values and all(map(world_region, values)):
            columns["subdivision"].remove(i)
            shown = ", ".join(f"'{v}'" for v in values[:4]) + (", …" if len(values) > 4 else "")
            problems.append(Problem(sheet.path, sheet.header_line, i + 1, "warning", "import-column-ignored",
                                    f"{sheet.where()}column '{sheet.header[i]}' is not imported: it holds regions of "
                                    f"the world ({shown}), not a province or state of a site's country"))
    if columns.get("subdivision") == []:
        del columns["subdivision"]
    return problems
