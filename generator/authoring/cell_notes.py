"""What a list writes beside a cell's value that is not the value: a note that dates a count of workers
("1200 (2023)", "1,200 as of Dec 2023", "1200 - 2023 audit"), and a region of the world beside a country
("Asia - China", "EMEA / Turkey", what a brand's Region and Country write when merged into one column).
"""

from __future__ import annotations

import re

# A year ("2023", "FY2023", "2023/24"), or a month with the year's last two digits ("Dec-23", "FY23").
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)|(?:\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
                   r"[-/' ]?|\bfy\s*)\d\d\b")
# After the count, each holding a year: a note in brackets ("(2023)", "(as of Dec 2023)", "(2023 audit)", "[FY23]");
# "as of", "as at", "in" or "per" and a date; a dash and a year with words after it ("- 2023 audit": "1200 - 2023"
# alone is a range, and stays one), or words with a date in them ("- Dec 2023"). Only a cell's last 80 characters
# are looked at, however long the cell.
_NOTES = (re.compile(r"\s*[(\[]([^()\[\]]{1,40})[)\]]$"),
          re.compile(r"\s+(?:as (?:of|at|on)|in|per)\s+([^()]{1,30})$"),
          re.compile(r"\s*[-–—,]\s*((?:19|20)\d\d\s+[a-z][a-z .]{0,30})$"),
          re.compile(r"\s*[-–—,:]\s*([a-z][^()]{0,30})$"))


def undated(text: str) -> str:
    """A count's text (case folded) without the note that dates it: the count is the list's as published."""
    start = max(len(text) - 80, 0)
    for pattern in _NOTES:
        if (found := pattern.search(text, start)) and _YEAR.search(found[1]):
            return text[:found.start()].strip()
    return text


# Words in brackets after a count that say what it holds ("50 (seasonal)", "1200 (incl. 200 contract)"): not a
# date, which `undated` drops, nor "approx.", which the count's reading drops.
_WORDED = re.compile(r"(\S*\d[^()\[\]]*?)\s*[(\[]([^()\[\]]*[^\W\d_]{2}[^()\[\]]*)[)\]]")


def worded(text: str) -> tuple[str, str]:
    """A count and the words in brackets after it ("50 (seasonal)" → "50", "seasonal"); else the text and ""."""
    found = _WORDED.fullmatch(text.strip()) if len(text) <= 200 else None
    return (found[1], found[2]) if found else (text, "")


def with_notes(held: object, imported: str) -> str:
    """An entity's notes once a list's are imported: those the file holds stay, the list's after them unless
    they already say them (importing the same list again changes nothing)."""
    held = held.strip() if isinstance(held, str) else ""
    if not held or imported in held:
        return held or imported
    return f"{held}{' ' if held[-1] in '.;!?' else '; '}{imported}"


_WORLD = {"asia", "europe", "africa", "americas", "north america", "south america", "latin america", "oceania",
          "central america", "middle east", "emea", "apac", "asia pacific", "south asia", "southeast asia",
          "south east asia", "east asia", "north asia", "greater china", "eu", "mena", "latam", "caribbean",
          "se asia", "sea", "ne asia", "central asia", "sub saharan africa", "north africa", "western europe",
          "eastern europe", "southern europe", "northern europe", "indian subcontinent", "americas region"}


# A point of the compass written short before a region, as brands' exports write their regions ("S ASIA", "N ASIA").
_COMPASS = {"n": "north", "s": "south", "e": "east", "w": "west", "c": "central", "se": "southeast",
            "ne": "northeast", "sw": "southwest", "nw": "northwest"}
_WORLD |= {"northeast asia", "north east asia", "west asia", "western asia", "southwest asia", "southern asia",
           "eastern asia", "northern asia", "asia pac", "americas", "latin america and caribbean", "west africa",
           "east africa", "southern africa", "central africa", "middle east and africa", "emeia", "australasia",
           "europe middle east and africa", "west europe", "east europe", "north europe", "south europe",
           "central europe", "southeast europe", "nordics", "benelux", "dach", "rest of world"}


def world_region(text: str) -> bool:
    words = re.sub(r"[^a-z]+", " ", text.casefold()).split()
    compass = [_COMPASS.get(words[0], words[0]), *words[1:]] if words else []
    return " ".join(words) in _WORLD or " ".join(compass) in _WORLD


# A region and a country in one cell, either first: "Asia - China", "EMEA / Turkey", "Europe: Portugal",
# "Sub-Saharan Africa - Kenya", "China (Asia)". A country cell is short: a longer one is not split.
_BETWEEN = re.compile(r"\s*[-–—/:|,]\s*")
_BRACKETED = re.compile(r"(.+?)\s*\(([^()]+)\)")


def without_region(text: str) -> str:
    """The country of a cell that writes a region of the world beside it, or ""."""
    text = text.strip()
    if len(text) > 80:
        return ""
    halves = [(text[:m.start()], text[m.end():]) for m in _BETWEEN.finditer(text)]
    halves += [(b[1], b[2]) for b in [_BRACKETED.fullmatch(text)] if b]
    for first, second in halves:
        if world_region(first) and second and not world_region(second):
            return second
        if world_region(second) and first and not world_region(first):
            return first
    return ""
