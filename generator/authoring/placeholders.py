"""What a list writes in a cell that is no part of the value: a placeholder among an address's parts ("Bavet, N/A,
Svay Rieng"), a character lost before the list reached us (the box "□" or "�" a font or an encoding left in
place of a character), and a postcode column's values that are no postcode (a telephone number, a tax id, a
code of the list's own, the address's own words again), and a town cell that names the row's country ('India.'
beside 'India'). Each is kept out of the site's fields; what was damaged
or is not a postcode is said once at its column, naming its rows.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..check.countries import resolve
from ..problems import Problem
from .cells import not_given
from .headings import column_key
from .identity import fold
from .sheets import Row, Sheet

# Where a town and its country share a name, a town cell that names the country is the town.
_CITY_STATES = frozenset({"SG", "HK", "MO", "MC", "KW", "PA", "DJ", "MX", "GT", "LU", "SM", "VA", "GI"})
_LOST = re.compile(r"[□\ufffd]+")
_POSTCODE_KEYS = ("postal_code", "post_code", "postcode", "zip_code", "zipcode", "zip", "postal", "zip_postal_code",
                  "postal_zip_code", "pin_code", "pincode")
# Countries whose postcodes are digits alone, in groups parted by a dash, a dot or a space ("95.175-000",
# "123-4567"); a telephone number has more groups, a tax id a longer one.
_DIGITS_ONLY = frozenset(re.findall(r"[A-Z]{2}", "AT AU BD BE BG BR CH CL CN CO CZ DE DK DO EC EE EG ES ET FI FR "
                                    "GE GR GT HN HR HU ID IL IN IT JO JP KE KH KR KZ LA LK LT MA MD MG MK MM MN MU "
                                    "MX MY NI NO NP NZ PE PH PK PL PT PY RO RS RU SA SE SG SI SK SV TH TN TR TW UA "
                                    "US UY UZ VN ZA"))
_DIGITS = re.compile(r"\d{3,8}|\d{2,5}(?:\s?[ .-]\s?\d{3,4}){1,2}")
_ANY = re.compile(r"(?=[^\d]*\d)[A-Z0-9]{1,5}(?:[- ]?[A-Z0-9]{1,4})?", re.IGNORECASE)


def _postcode(value: str, country: str) -> bool:
    text = value.strip()
    return bool((_DIGITS if country in _DIGITS_ONLY else _ANY).fullmatch(text)) and len(text) <= 10


def _without_placeholders(address: str) -> str:
    """An address without its parts that only say 'not given' ("N/A", "-"), its parts as written."""
    parts = address.split(",")
    kept = [p for p in parts if not not_given(p)]
    return ",".join(kept).strip().strip(",").strip() if len(kept) < len(parts) else address


def cleaned(sheet: Sheet, columns: dict[str, list[int]]) -> tuple[Sheet, list[Problem]]:
    """The sheet with each cell's placeholders and lost characters taken out, and a postcode column's cells that
    hold no postcode (or only what the address already says) emptied; with a warning for each column where
    characters were lost, and for each postcode column that held other values."""
    addresses = set(columns.get("address", []))
    postcodes = {i for i in addresses if i < len(sheet.header) and column_key(sheet.header[i]).endswith(_POSTCODE_KEYS)}
    towns = set(columns.get("city", []))
    lost: dict[int, list[int]] = {}
    countries: dict[int, list[tuple[int, str]]] = {}
    junk: dict[int, list[tuple[int, str]]] = {}
    rows = []
    for row in sheet.rows:
        cells = list(row.cells)
        for i, text in enumerate(cells):
            if _LOST.search(text):
                lost.setdefault(i, []).append(row.number)
                text = re.sub(r"\s{2,}", " ", _LOST.sub(" ", text)).strip()
            cells[i] = _without_placeholders(text) if i in addresses - postcodes else text
        country = _country(cells, columns)
        for i in towns:
            if i < len(cells) and country and resolve(cells[i]).code == country and country not in _CITY_STATES:
                countries.setdefault(i, []).append((row.number, cells[i]))
                cells[i] = ""
        street = fold(" ".join(cells[i] for i in addresses - postcodes if i < len(cells)))
        for i in postcodes:
            value = cells[i].strip() if i < len(cells) else ""
            if not value or not_given(value):
                continue
            if fold(value) in street:
                cells[i] = ""
            elif not _postcode(value, country):
                junk.setdefault(i, []).append((row.number, value))
                cells[i] = ""
        rows.append(Row(row.number, tuple(cells)))
    return replace(sheet, rows=tuple(rows)), _said(sheet, lost, junk) + _towns_said(sheet, countries)


def _country(cells: list[str], columns: dict[str, list[int]]) -> str:
    values = [cells[i] for i in columns.get("country", []) if i < len(cells) and cells[i].strip()]
    return (resolve(values[0]).code or "") if values else ""


def _said(sheet: Sheet, lost: dict[int, list[int]], junk: dict[int, list[tuple[int, str]]]) -> list[Problem]:
    problems = []
    for i, lines in sorted(lost.items()):
        shown = ", ".join(map(str, lines[:5])) + (", …" if len(lines) > 5 else "")
        problems.append(Problem(sheet.path, lines[0], i + 1, "warning", "import-lost-character",
                                f"{sheet.where()}column '{sheet.header[i]}' holds a box (□ or �) where a character "
                                f"was lost before the list was published, on {len(lines)} row(s) ({shown}): the box "
                                "is left out; compare these cells with the list's source, a character is missing"))
    for i, found in sorted(junk.items()):
        shown = ", ".join(f"'{v[:30]}' on row {n}" for n, v in found[:3]) + (", …" if len(found) > 3 else "")
        problems.append(Problem(sheet.path, found[0][0], i + 1, "warning", "import-not-postcode",
                                f"{sheet.where()}column '{sheet.header[i]}' holds values that are no postcode of "
                                f"the row's country on {len(found)} row(s) ({shown}), such as a telephone number "
                                "or a tax id: they are not added to the address; the column's postcodes are"))
    return problems


def _towns_said(sheet: Sheet, found: dict[int, list[tuple[int, str]]]) -> list[Problem]:
    return [Problem(sheet.path, rows[0][0], i + 1, "warning", "import-city-is-country",
                    f"{sheet.where()}column '{sheet.header[i]}' names the row's country, not a town, on {len(rows)} "
                    f"row(s) ({', '.join(f'{v!r} on row {n}' for n, v in rows[:3])}{', …' if len(rows) > 3 else ''}): "
                    "not imported as the site's city")
            for i, rows in sorted(found.items())]
