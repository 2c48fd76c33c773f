"""Whether a site is still supplied, as lists write it: a Status column ('Active', 'Closed',
'On hold', 'Phased out') or Open Supply Hub's is_closed. A cell whose words do not say which of the
model's active, suspended or ended it is gives none, with a warning at it: 'Inactive' may be either
of the last two, 'Pending' or 'Approved' is where the brand's approval of the site stands, and a
list is not stopped for one cell.
"""

from __future__ import annotations

import re

from .cell_notes import undated
from .cells import Cell, Report

_STATUS = {
    "active": ("active", "current", "open", "operating", "operational", "in operation", "ongoing", "new", "existing",
               "continuing"),
    "suspended": ("suspended", "on hold", "paused"),
    "ended": ("ended", "closed", "terminated", "exited", "discontinued", "ceased", "no longer active", "phased out",
              "offboarded", "off boarded", "delisted"),
}
_WORDS = {word: status for status, words in _STATUS.items() for word in words}
# Where a supplier stands in the brand's approval, which the model holds no status for: not whether it supplies.
_STAGES = frozenset({"approved", "conditionally approved", "pending", "pending approval", "awaiting approval",
                     "under review", "in review", "under evaluation", "onboarding", "on boarding", "in onboarding",
                     "prospective", "potential", "in progress"})
_TRUE, _FALSE = {"true", "yes", "y", "1", "closed"}, {"false", "no", "n", "0", "open", ""}


# A change back, written in the note that dates it ("Closed (reopened 2024)"): the site is supplied again.
_AGAIN = {word: "active" for word in ("reinstated", "reopened", "re opened", "resumed", "reactivated",
                                       "re activated", "restarted", "re onboarded", "re instated")}
_BOTH = re.compile(r"(.+?)\s*\((.+)\)")
_OF_WHAT = re.compile(r"\s*[*†]+$|\s+(?:supplier|factory|site|facility|vendor|relationship)$"
                      r"|\s*[-–—,:]?\s*(?:19|20)\d\d$")   # "Exited - 2023", "Closed 2022": a year, not a count's range


def _words(value: str) -> str:
    """A status's words, without the date of a change ("Exited (2023)", "Phased out in 2023", "Terminated - Dec
    2023"), a footnote's mark ("Active*") or what it is the status of ("New supplier")."""
    text = _OF_WHAT.sub("", undated(" ".join(value.casefold().split())))
    return " ".join(text.replace("-", " ").replace("_", " ").split())


def _in_note(value: str) -> set[str]:
    """The statuses the note set aside with its date names ("Suspended - reinstated 2024": active): such a
    note says the status changed since, and is no date alone."""
    text = " ".join(value.casefold().split())
    note = " ".join(text[len(undated(text)):].replace("-", " ").replace("_", " ").split())
    return {status for word, status in (_WORDS | _AGAIN).items() if re.search(rf"\b{word}\b", note)}


def status(cell: Cell, report: Report) -> str | None:
    """active, suspended or ended, from the words a list writes for them."""
    words = _words(cell.value)
    found = _WORDS.get(words)
    if found is None and (both := _BOTH.fullmatch(words)) and _WORDS.get(both[1]) == _WORDS.get(both[2]):
        found = _WORDS.get(both[1])   # "Active (New)": two words of one status
    if found is not None and _in_note(cell.value) - {found}:
        found = None   # "Closed (reopened 2024)", "Active, ended 2023": two statuses that disagree
    if found is None:
        why = "is a stage of the site's approval, for which the model has no status" if words in _STAGES else \
            "does not say whether the site is active, suspended or ended"
        report(cell, "warning", "import-status",
               f"'{cell.value}' {why}; not imported, and a site without a status reads as active, the model's "
               "default (write active, suspended or ended, or leave out a site that does not supply you yet)")
    return found


def closed(cell: Cell, report: Report) -> bool | None:
    """is_closed: True or False, as Open Supply Hub writes it."""
    text = cell.value.strip().casefold()
    if text in _TRUE | _FALSE:
        return text in _TRUE
    report(cell, "warning", "import-closed", f"'{cell.value}' is not True or False; not imported")
    return None
