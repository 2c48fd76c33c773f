"""What a list writes beside a cell's value that is not the value: a note that dates a count of workers
("1200 (2023)", "1,200 as of Dec 2023", "1200 - 2023 audit"), and a region of the world beside a country
("Asia - China", "EMEA / Turkey", what a brand's Region and Country write when merged into one column).
"""

from __future__ import annotations

import re

_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# After the count, each holding a year: a note in brackets ("(2023)", "(as of Dec 2023)", "(2023 audit)");
# "as of", "as at", "in" or "per" and a date; a dash and a year with words after it ("- 2023 audit": "1200 - 2023"
# alone is a range, and stays one). Only a cell's last 80 characters are looked at, however long the cell.
_NOTES = (re.compile(r"\s*\(([^()]{1,40})\)$"),
          re.compile(r"\s+(?:as (?:of|at|on)|in|per)\s+([^()]{1,30})$"),
          re.compile(r"\s*[-–—,]\s*((?:19|20)\d\d\s+[a-z][a-z .]{0,30})$"))


def undated(text: str) -> str:
    """A count's text (case folded) without the note that dates it: the count is the list's as published."""
    start = max(len(text) - 80, 0)
    for pattern in _NOTES:
        if (found := pattern.search(text, start)) and _YEAR.search(found[1]):
            return text[:found.start()].strip()
    return text
