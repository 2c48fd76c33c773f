"""Part of a site's workers (its women, its migrants) as lists write it: a count, or a share of the
row's whole number of workers turned into the count a disclosure holds."""

from __future__ import annotations

import re

from .cell_notes import undated
from .cells import Cell, Report, one_count, without_qualifiers

_SHARE = re.compile(r"(\d{1,3}(?:[.,]\d+)?|[.,]\d+)\s*(%?)")
# "1,200" is 1.2 with a decimal comma, or a count of 1,200 with a comma of thousands: in a share
# column, where counts are written too, neither can be trusted ("45,5" and "0,125" can only be shares).
_THOUSANDS = re.compile(r"([1-9]\d{0,2}),(\d{3})\s*%?")


def share(text: str, fraction: bool = False) -> float | None:
    """A share in percent: "63%", "63" (in a % column), "0.63" (a column of fractions); None for
    "1,200", which may be a count (`comma_unsure` says so at its cell)."""
    match = _SHARE.fullmatch(text.strip())
    if not match or _THOUSANDS.fullmatch(text.strip()):
        return None
    value = float(match.group(1).replace(",", "."))
    if fraction and not match.group(2):
        value *= 100
    return value if 0 <= value <= 100 else None


def comma_unsure(cell: Cell, report: Report) -> bool:
    """Whether a share cell is a number whose comma may group thousands ("1,200"), said at the cell."""
    found = _THOUSANDS.fullmatch(cell.value.strip())
    if found:
        whole, part = found.groups()
        decimal = f"{float(f'{whole}.{part}'):g}%"
        report(cell, "warning", "import-share-comma",
               f"'{cell.value.strip()}' could be {decimal} (a decimal comma) or {whole},{part} workers (a comma of "
               f"thousands: a count in a column of shares): not imported (write {decimal}, or the count in a column "
               "of counts)")
    return found is not None


def share_count(cell: Cell, report: Report, total: int | str | None, value: float, shown: str) -> int | None:
    """The count a share in percent gives of the row's whole number of workers. A share of a range
    (45% of 1001-5000) or of no number gives none: the disclosure keeps counts, so it is dropped, said
    at its cell."""
    if isinstance(total, int):
        return round(total * value / 100)
    of = f"a range of workers ({total})" if total else "no number of workers"
    report(cell, "warning", "import-share-dropped",
           f"'{shown}' is a share, and this row gives {of}: the disclosure keeps a count, so the share "
           "was not imported (write a count, or the row's whole number of workers)")
    return None


_RANGE = re.compile(r"\d[\d.,]*\s*(?:%\s*)?(?:-|–|to)\s*\d[\d.,]*\s*%?")
# A share given by one bound ("<1%", "less than 5%", ">90%"): where a site's migrants are too few to count.
_BOUND = re.compile(r"(?:[<>≤≥]=?|less than|fewer than|under|below|up to|over|more than|above)\s*\d[\d.,]*\s*%?",
                    re.IGNORECASE)
_WHETHER = frozenset({"yes", "no", "y", "n", "true", "false", "x"})


def _not_one_number(text: str, in_percent: bool) -> tuple[str, str] | None:
    """What lists write for a part of the workers that is no number of them, and can be warned about
    rather than stop the list: a band of shares ("40-50%"), or whether the site has such workers ("Yes")."""
    if _RANGE.fullmatch(text) and (in_percent or "%" in text):
        return "import-share-range", (f"'{text}' is a band of shares, and the disclosure keeps one count: not "
                                      "imported (write one share, such as 45%, or a count)")
    if _BOUND.fullmatch(text) and (in_percent or "%" in text):
        return "import-share-range", (f"'{text}' is a bound, not one share, and the disclosure keeps one count: not "
                                      "imported (write one share, such as 0.5%, or a count)")
    if text.casefold() in _WHETHER:
        return "import-workers-whether", (f"'{text}' says whether the site has such workers, not how many: not "
                                          "imported (write a count, or a share of the workers)")
    return None


def part_of_workers(cell: Cell, report: Report, total: int | str | None, in_percent: bool = False,
                    fraction: bool = False) -> int | None:
    """A count; or a share ("63%", or any number in a % column) of an integer total, turned
    into a count (the model holds counts). A share of a range or of no total is dropped, with a warning."""
    text = cell.value.strip()
    if (cut := undated(text.casefold())) != text.casefold() and text[:len(cut)].casefold() == cut:
        text = text[:len(cut)]   # "60% (2023)": the share, as a count of workers is read without its date
    plain = " ".join(text.casefold().split())   # a run of spaces as one, as a count is read (a long run is slow)
    if (bare := without_qualifiers(plain)) != plain and bare:
        text = bare   # "approx. 60%", "~60%", "60% (approx.)"
    if said := _not_one_number(text, in_percent):
        report(cell, "warning", *said)
        return None
    if in_percent or text.endswith("%"):
        if comma_unsure(cell, report):
            return None
        value = share(text, fraction)
        if value is None:
            report(cell, "error", "import-workers", f"'{text}' is not a share between 0% and 100%")
        elif in_percent and not fraction and not text.endswith("%") and 0 < value < 1:
            # The column holds percents (some number in it is over 1), yet this one reads as a
            # fraction: 0.8 could be 80% or 0.8%, and a hundredfold error is worse than a gap.
            report(cell, "warning", "import-share-ambiguous",
                   f"'{text}' could be a fraction ({value * 100:g}%) or a percent ({value:g}%): other numbers in "
                   f"this column are percents; not imported (write {value * 100:g}% or {value:g}%)")
        else:
            return share_count(cell, report, total, value, text if text.endswith("%") else f"{text} ({value:g}%)")
        return None
    count = one_count(text)
    if isinstance(count, int):
        return count
    if count is not None:   # "40-50": a band, where the disclosure holds one number
        report(cell, "warning", "import-workers-band", f"'{text}' is a band, and the disclosure keeps these workers "
               "as one count: not imported (write one number)")
        return None
    report(cell, "error", "import-workers", f"'{text}' is not a whole number of workers; write a count such as 120")
    return None
