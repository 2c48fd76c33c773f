"""A row's point once its latitude and longitude are read: both or neither, and not the 0, 0 that
lists write for a site they could not place (a point in the sea off West Africa, no site's place)."""

from __future__ import annotations

from typing import Any

from .cells import Cell, Report


def settle(fields: dict[str, Any], origin: dict[str, Cell], report: Report) -> None:
    coordinates = fields.get("coordinates")
    if coordinates is None:
        return
    cell = next(c for k, c in origin.items() if k.startswith("coordinates/"))
    if len(coordinates) == 1:
        report(cell, "error", "import-coordinates", "a row with a latitude needs a longitude too, and back")
        del fields["coordinates"]
    elif coordinates.get("lat") == 0 and coordinates.get("lon") == 0:
        report(cell, "warning", "import-coordinates-zero",
               "latitude 0 and longitude 0 is a point in the sea off West Africa, which lists write for a site "
               "they could not place; not imported (leave the cells empty, or write the site's own point)")
        del fields["coordinates"]
