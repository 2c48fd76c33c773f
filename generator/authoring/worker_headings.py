"""Headings of a site's workforce read by their words, where the headings table lists only the usual ones.

Lists word the same column many ways ("% Female / Male", "Gender split (M:F)"); each of these is
read from the words it is made of, so that a heading is recognised for what it says and a new
wording of a known column is not reported as unknown.
"""

from __future__ import annotations

import re

FEMALE = frozenset({"f", "female", "females", "women", "woman"})
MALE = frozenset({"m", "male", "males", "men", "man"})
# Words that say a column holds a gender ratio, and words any workforce heading may carry around them.
_RATIO = frozenset({"ratio", "split", "breakdown", "distribution", "balance", "mix", "composition"})
_GENDER = frozenset({"gender", "sex"})
_AROUND = frozenset({"of", "the", "number", "no", "nr", "total", "workers", "worker", "employees", "employee",
                     "staff", "workforce", "pct", "percent", "percentage", "share", "vs", "to", "per"})
# A ratio's two sides are written against each other: "F/M", "Female : Male", "women vs men".
_PAIR = re.compile(r"[/:]|\bvs\b|\bto\b", re.IGNORECASE)


def ratio_column(heading: str, words: list[str]) -> str | None:
    """The gender-ratio column a heading names, by the side it writes first: "gender_ratio_fm" for
    "Gender Ratio (F/M)" and "Female/Male %", "gender_ratio_mf" for "Gender split (M:F)", and
    "gender_ratio" where it names no order ("Gender Ratio"); None for any other heading."""
    sides = [("f" if w in FEMALE else "m") for w in words if w in FEMALE | MALE]
    rest = set(words) - FEMALE - MALE - _RATIO - _GENDER - _AROUND
    if rest:
        return None
    if set(sides) == {"f", "m"} and (_PAIR.search(heading) or _RATIO & set(words)):
        return f"gender_ratio_{sides[0]}{'m' if sides[0] == 'f' else 'f'}"
    if not sides and _GENDER & set(words) and _RATIO & set(words):
        return "gender_ratio"
    return None


_GROUPS = {"female": FEMALE, "male": MALE, "migrant": frozenset({"migrant", "migrants", "foreign"})}
_SHARES = frozenset({"pct", "percent", "percentage", "share", "proportion"})
_NOUNS = frozenset({"workers", "worker", "employees", "employee", "staff", "workforce", "headcount"})
_COUNTED = _AROUND - _SHARES | {"count", "headcount", "approx", "approximate", "estimated", "people", "persons"}
# Workers of one kind of job or contract: a disclosure holds a site's whole number, its women and migrants.
KINDS = frozenset({"line", "production", "direct", "indirect", "temporary", "temp", "contract", "contracted",
                   "contractual", "agency", "permanent", "casual", "seasonal", "daily", "dispatch", "dispatched",
                   "subcontracted", "outsourced", "apprentices", "trainees", "interns", "part", "time", "full"})


def _group(words: set[str]) -> str | None:
    """"female_share" for "% of female employees", "migrant_workers" for "Foreign Migrant Workers": one
    group, counted or shared, and nothing else."""
    groups = [name for name, members in _GROUPS.items() if words & members]
    if len(groups) != 1 or words - _GROUPS[groups[0]] - _COUNTED - _SHARES:
        return None
    return f"{groups[0]}_{'share' if words & _SHARES else 'workers'}"


# Migrants who moved within the country ("Domestic Migrant Workers", "% Internal Migrants"): the model's
# migrant_workers are workers from another country, as "Foreign Workers" are read, and it holds no others.
_DOMESTIC = frozenset({"domestic", "internal", "interprovincial", "provincial"})


def workforce_column(heading: str, key: str) -> str | None:
    """The workforce column a heading's words name, or None when they name none."""
    words = set(key.replace("non_domestic", "foreign").split("_"))   # "Non-Domestic Migrants" came from abroad
    if words & {"migrant", "migrants"} and words & _DOMESTIC:   # before "Migrant Workers (Domestic)" loses its note
        return "domestic_migrants"
    if found := ratio_column(heading, key.split("_")) or _group(words):
        return found
    if words & _NOUNS and words <= _COUNTED:   # "Headcount", "No. of Employees", "Total Workforce"
        return "number_of_workers"
    if words & KINDS and words & _NOUNS and not words - KINDS - _COUNTED - _SHARES - set().union(*_GROUPS.values()):
        return "workers_of_a_kind"
    return None
