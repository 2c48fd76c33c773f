"""Places: ISO 3166 country and subdivision codes, and that they belong together."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from functools import cache

import pycountry

from ..load.loader import Loaded
from ..problems import Problem
from .walk import mappings


@cache
def _subdivision_country(code: str) -> str | None:
    found = pycountry.subdivisions.get(code=code)
    return found.country_code if found else None


@cache
def _is_country(code: str) -> bool:
    # XK (Kosovo) is user-assigned in ISO 3166-1, and the code data publishers use.
    return code == "XK" or pycountry.countries.get(alpha_2=code) is not None


_PLACE_KEYS = frozenset({"country", "jurisdiction", "headquarters", "subdivision"})
_COMMON_MISTAKES = {"UK": "GB", "EL": "GR"}


def check_places(doc: Loaded, today: dt.date) -> Iterator[Problem]:
    for path, value in mappings(doc.data, []):
        if value.keys().isdisjoint(_PLACE_KEYS):   # most mappings name no place
            continue
        for key in ("country", "jurisdiction", "headquarters"):
            code = value.get(key)
            if isinstance(code, str) and not _is_country(code):
                hint = (f"; for {code} write {_COMMON_MISTAKES[code]}" if code in _COMMON_MISTAKES
                        else "; write the two-letter code, such as CN, US or NO")
                yield doc.problem(path + [key], "unknown-country", f"'{code}' is not an ISO 3166-1 country code{hint}")
        if isinstance(value.get("subdivision"), str):
            code, country = value["subdivision"], value.get("country")
            owner = _subdivision_country(code)
            if owner is None:
                yield doc.problem(path + ["subdivision"], "unknown-subdivision",
                                  f"'{code}' is not an ISO 3166-2 subdivision code (Xinjiang is CN-XJ)")
            elif country and owner != country:
                yield doc.problem(path + ["subdivision"], "subdivision-country-mismatch",
                                  f"subdivision {code} is in {owner}, not in {country}; "
                                  "correct the country or the subdivision")
