"""Whether a site is still supplied, as lists write it: a Status column ('Active', 'Closed',
'On hold') or Open Supply Hub's is_closed. A cell whose words do not say which of the model's
active, suspended or ended it is gives none, with a warning at it: 'Inactive' may be either of
the last two, and a list is not stopped for one cell.
"""

from __future__ import annotations

from .cells import Cell, Report

_STATUS = {
    "active": ("active", "current", "open", "operating", "operational", "in operation", "ongoing"),
    "suspended": ("suspended", "on hold", "paused"),
    "ended": ("ended", "closed", "terminated", "exited", "discontinued", "ceased", "no longer active"),
}
_WORDS = {word: status for status, words in _STATUS.items() for word in words}
_TRUE, _FALSE = {"true", "yes", "y", "1", "closed"}, {"false", "no", "n", "0", "open", ""}


def status(cell: Cell, report: Report) -> str | None:
    """active, suspended or ended, from the words a list writes for them."""
    found = _WORDS.get(" ".join(cell.value.casefold().split()))
    if found is None:
        report(cell, "warning", "import-status",
               f"'{cell.value}' does not say whether the site is active, suspended or ended; not imported "
               "(write one of active, suspended or ended)")
    return found


def closed(cell: Cell, report: Report) -> bool | None:
    """is_closed: True or False, as Open Supply Hub writes it."""
    text = cell.value.strip().casefold()
    if text in _TRUE | _FALSE:
        return text in _TRUE
    report(cell, "warning", "import-closed", f"'{cell.value}' is not True or False; not imported")
    return None
