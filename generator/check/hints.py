"""What to write instead of a value people write otherwise: a country or subdivision by its name
('China', 'Guangdong Province', read as the importer reads a list's country and province
columns), a date in words or with slashes ('March 2020', '25/03/2024'), a count with a
thousands separator ('1,200')."""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from typing import Any

from .countries import explain, near, plain_name, resolve
from .provinces import subdivision as subdivision_code
from .walk import records

ID_PATTERN = r"[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?"


def country(value: Any) -> str:
    """The code of a country given by its name ('China', 'PRC', 'Türkiye') or its three-letter code;
    the countries a name could mean ('Korea'); else ""."""
    if not isinstance(value, str) or len(value) > 100:
        return ""
    bare = value.strip().strip("\u201c\u201d\u2018\u2019\u201e\u00ab\u00bb")   # Word's quotes, kept as letters
    if bare != value.strip() and (found := resolve(bare)).code:
        return (f" The typographic quotes around it are letters to YAML: delete them, and write its code: "
                f"'{found.code}' ({plain_name(found.code)}).")
    found = resolve(value)
    if found.code:
        return f" Write its code: '{found.code}' ({plain_name(found.code)})."
    return f" {explain(value, found)}" if found.ambiguous else ""


# A typo is looked for among 4,928 names, 50 ms each: a file of 1,000 unknown countries took validate 50 s.
TYPOS_GUESSED = 20


def typo(value: Any) -> str:
    """The code of the one country a name not known is a typo of ('Phillipines'); else ""."""
    if not isinstance(value, str) or len(value) > 100:
        return ""
    code = near(value)
    return f" Write its code: '{code}' ({plain_name(code)})." if code else ""


def subdivision(value: Any, data: Any, path: list[Any]) -> str:
    """The code of a subdivision given by its name, in the country beside it at `path`; else ""."""
    for key in path[:-1]:
        data = data[key] if isinstance(data, dict | list) else None
    beside = data.get("country") if isinstance(data, dict) else None
    if not isinstance(value, str) or len(value) > 100 or not isinstance(beside, str):
        return ""
    code = subdivision_code(value, beside)
    return f" Write its code: '{code}'." if code and code != value else ""


_MONTHS = {name.casefold(): n for n in range(1, 13)
           for name in (calendar.month_name[n], calendar.month_abbr[n], calendar.month_abbr[n] + ".")}


def _iso(year: int, month: int | None = None, day: int | None = None) -> str:
    """The date in the model's form, "" where there is none: a month or day written as 0 is no month or
    day ('15/00/2024' is not 15 January), as the model's own dates are not."""
    if month == 0 or day == 0:
        return ""
    try:
        return dt.date(year, month or 1, day or 1).isoformat()[: 10 if day else 7 if month else 4]
    except ValueError:
        return ""


# A day or a year among a date's words ('1st', '2020'): ASCII digits, as YAML's dates, and at most four
# ('March 99999999999999999999' stopped validate: no date holds such a year).
_NUMBER_WORD = re.compile(r"(\d{1,4})(?:st|nd|rd|th)?", re.ASCII)


def date(value: Any) -> str:
    """The date written in the model's form: 'March 2020' → 2020-03, '1 March 2025' → 2025-03-01,
    '2024/03/01' → 2024-03-01, '25/03/2024' → 2024-03-25; both readings of '01/03/2024'."""
    if not isinstance(value, str) or len(value) > 40:
        return ""
    words = value.replace(",", " ").casefold().split()
    months = [_MONTHS[w] for w in words if w in _MONTHS]
    numbers = [int(found[1]) for w in words if (found := _NUMBER_WORD.fullmatch(w))]
    if len(months) == 1 and 0 < len(numbers) <= 2 and len(words) == len(numbers) + 1 and numbers[-1] > 31:
        found = _iso(numbers[-1], months[0], numbers[0] if len(numbers) == 2 else None)
        return f" Write it as '{found}'." if found else ""
    if match := re.fullmatch(r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?", value.strip()):   # '2024-1-5', '2024-13-01'
        found = _iso(int(match[1]), int(match[2]), int(match[3]) if match[3] else None)
        swapped = _iso(int(match[1]), int(match[3]), int(match[2])) if match[3] else ""
        return (f" Write it as '{found}'." if found else f" There is no month {int(match[2])}; if it is "
                f"{int(match[2])} {calendar.month_name[int(match[3])]}, write '{swapped}'." if swapped else "")
    if match := re.fullmatch(r"(?:Q([1-4])\s*[-/]?\s*(\d{4})|(\d{4})\s*[-/]?\s*Q([1-4]))", value.strip(), re.I):
        year, quarter = int(match[2] or match[3]), int(match[1] or match[4])
        last = dt.date(year, 3 * quarter, calendar.monthrange(year, 3 * quarter)[1])
        return (f" A quarter is not a date: write the month it starts, '{year}-{3 * quarter - 2:02d}', or, for an "
                f"end, its last day, '{last.isoformat()}'.")
    if match := re.fullmatch(r"FY\s*'?(\d{4}|\d{2})(?:\s*[-/]\s*\d{2,4})?|(\d{4})\s*/\s*\d{2}", value.strip(), re.I):
        full = match[1] if not match[1] or len(match[1]) == 4 else "20" + match[1]   # FY23
        year = "" if "/" in value or "-" in value else f", or the year alone, '{full}'"
        return f" A financial year is not a date: write the day it starts or ends as YYYY-MM-DD{year}."
    if match := re.fullmatch(r"(\d{4})[/.](\d{1,2})(?:[/.](\d{1,2}))?", value.strip()):
        found = _iso(int(match[1]), int(match[2]), int(match[3]) if match[3] else None)
        return f" Write it as '{found}'." if found else ""
    if match := re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", value.strip()):
        first, second, year = int(match[1]), int(match[2]), int(match[3])
        readings = dict.fromkeys(r for r in (_iso(year, second, first), _iso(year, first, second)) if r)
        if len(readings) < 2:   # a part over 12 is the day; '05/05/2024' reads alike either way
            return f" Write it as '{next(iter(readings))}'." if readings else ""
        one, other = readings
        return f" Write '{one}' if it is day then month, '{other}' if month then day."
    return ""


_ABOUT = re.compile(r"(?:about|around|approx(?:imately|\.)?|ca\.?|c\.|~|>|<|over|under|more than|less than)?\s*"
                    r"(\d{1,3}(?:,\d{3})+|\d{1,7})\s*"
                    r"(?:\+|\(?(?:workers|employees|people|staff|persons|women|migrants)\)?)?", re.I)


def count(value: Any, written: str | None = None) -> str:
    """A whole number written with thousands separators ('1,200', '12 000', '1.200', which YAML reads as 1.2), or
    with words about it ('1200 workers', 'approx. 1200', '1200+'); a range with spaces ('100 - 150')."""
    text = written if isinstance(value, float) and written else value
    if not isinstance(text, str) or len(text) > 40:
        return ""
    if re.fullmatch(r"\d{1,3}(?:[, .\u00a0\u202f]\d{3})+", text.strip(), re.ASCII):
        digits = re.sub(r"\D", "", text)
        return f" Write it as {digits}, without separators."
    if isinstance(value, str) and (found := _ABOUT.fullmatch(value.strip())) and found[1] != value.strip():
        return f" Write the number alone: {int(found[1].replace(',', ''))} (a note can say more)."
    if isinstance(value, str) and (found := re.fullmatch(r"(\d{1,7})\s*(?:-|–|to)\s*(\d{1,7})", value.strip())):
        low, high = sorted((int(found[1]), int(found[2])))   # '150 - 100' too: the smaller number first
        return f" Write it as \"{low}-{high}\", without spaces."
    return ""


def share(key: str, value: Any, workers: Any) -> str:
    """The message for women or migrant workers given as a share ('45%', 0.45): write how many they are."""
    if key not in ("female_workers", "migrant_workers"):
        return ""
    found = re.fullmatch(r"(\d{1,3}(?:[.,]\d+)?)\s*%", value.strip()) if isinstance(value, str) else None
    part = float(found[1].replace(",", ".")) / 100 if found else value if isinstance(value, float) else None
    if part is None or not 0 < part < 1:
        return ""
    whole = workers if isinstance(workers, int) and not isinstance(workers, bool) else None
    example = f" ({part * 100:.3g}% of {whole} workers is {round(part * whole)})" if whole else ""
    return f"{key} is a number of workers, not a share; write how many, as a whole number{example}"


def tier(value: Any) -> str:
    """A supplier's tier as a list names it: 'Tier 2', 'T1', 'raw material', 'Raw Materials'."""
    if not isinstance(value, str) or len(value) > 40:
        return ""
    if found := re.fullmatch(r"(?:tier|t)\s*-?\s*([1-4])(?:\s*\(.*\))?|([1-4])", value.strip(), re.I):
        return f" Write the number alone: {found[1] or found[2]}."
    if re.fullmatch(r"(?:tier\s*-?\s*)?raw[\s_-]*materials?", value.strip(), re.I):
        return " Write it as raw-material."
    return ""


def address(name: str, value: Any, contact: Any = None) -> str:
    """An e-mail address where a web address is asked, or the reverse: the field it belongs in, unless the
    company's `contact` holds that field already (moved there, the line would be a duplicate key)."""
    if not isinstance(value, str) or len(value) > 200:
        return ""
    mail = re.fullmatch(r"(?:mailto:)?([^@\s/:]+@[^@\s/]+\.[A-Za-z]{2,})", value.strip(), re.I)
    if name == "email" and mail:   # only a mailto: before it: the page's link adds its own
        return f" Write the address alone: 'email: {mail[1]}'."
    if name != "email" and mail:
        field, written = "email", mail[1]
    elif name == "email" and re.fullmatch(r"(?:https?://|www\.)\S+", value.strip(), re.I):
        field = "url"
        written = value.strip() if value.strip().lower().startswith("http") else f"https://{value.strip()}"
    else:
        return ""
    kind = "an e-mail address" if field == "email" else "a web address"
    if isinstance(contact, dict) and field in contact:
        wanted = "a web address" if field == "email" else "an e-mail address"
        return f" That is {kind}, and contact, under company, has its {field} already: write {wanted} here."
    return f" That is {kind}: write it under company, in contact, as '{field}: {written}'."


def rewrite(title: str, value: Any) -> str | None:
    """The value as it was probably meant, for an id or a web address; None when unsure."""
    if not isinstance(value, str) or len(value) > 200:
        return None
    if title == "id":
        plain = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()  # Ü → U
        slug = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:64].strip("-")
        return slug if re.fullmatch(ID_PATTERN, slug) else None
    if title == "url" and re.fullmatch(r"(?:www\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?:/\S*)?", value):
        return f"https://{value}"
    return None


REFERS = ("scope", "entities", "risks", "entity")
_LAST: list[tuple[Any, set[Any]]] = [(None, set())]   # the last file's ids, written and rewritten: its errors ask again


def ids(data: Any) -> set[Any]:
    """The ids a reference may be rewritten to: those of the file's entities and risks, and what the invalid
    ones among them will be once rewritten ('Pearl River Yarn' → 'pearl-river-yarn')."""
    last = _LAST[0]   # one tuple, replaced whole: a thread checking another file cannot mix the two
    if last[0] is not data:
        written = [item.get("id") for _, item in records(data, "partners", "suppliers", "government_counterparties",
                                                             "risks")]
        last = _LAST[0] = (data, {*written, *(rewrite("id", i) for i in written)})
    return last[1]
