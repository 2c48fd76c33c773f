"""Places: ISO 3166 country and subdivision codes, and that they belong together; and a site's point, that it
lies in its country and is not the country's centre that geocoders give for an address they could not place;
and a site in China whose address or name names Xinjiang but not its code, which every count of Xinjiang misses."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from functools import cache

import pycountry

from ..load.loader import Loaded
from ..problems import Problem
from .countries import plain_name
from .country_boxes import centre, outside
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
        if value.get("country") == "CN" and value.get("subdivision") != XINJIANG:
            yield from _names_xinjiang(doc, path, value)
        if isinstance(value.get("coordinates"), dict) and isinstance(value.get("country"), str):
            yield from _point(doc, path, value["country"], value["coordinates"])


def _point(doc: Loaded, path: list, country: str, point: dict) -> Iterator[Problem]:
    """A warning where the point lies outside its country's box, or is the country's centre: not the site's."""
    lat, lon = point.get("lat"), point.get("lon")
    if not all(isinstance(n, (int, float)) and not isinstance(n, bool) for n in (lat, lon)):
        return   # the schema says what is wrong with them
    name = plain_name(country)
    if centre(country, lat, lon):
        yield doc.problem(path + ["coordinates", "lat"], "coordinates-country-centre",
                          f"{lat}, {lon} is the centre of {name} that geocoders give for an address they could not "
                          "place: likely the country's centre, not the site's; write the site's own point, or "
                          "leave the coordinates out", level="warning", kind="coordinates-country-centre")
    elif outside(country, lat, lon):
        swapped = " (or latitude and longitude swapped)" if not outside(country, lon, lat) else ""
        yield doc.problem(path + ["coordinates", "lat"], "coordinates-outside-country",
                          f"the point {lat}, {lon} lies outside {name}: a point of another site{swapped}? correct "
                          "the point or the country", level="warning", kind="coordinates-outside-country")


XINJIANG = "CN-XJ"
# Xinjiang as lists and firms write it: the region's names (and the misspellings lists hold), its cities, and
# the Production and Construction Corps (the Bingtuan), in Latin letters and in Chinese.
_XINJIANG_WORDS = re.compile(   # Latin words whole ('Changjiang Town' is in Jiangsu); Chinese inside any text
    r"\b(?:xinjiang|xinjang|xinjinag|xingjiang|sinkiang|xuar|[üu]r[üu]mqi|urumchi|kashgar|kashi|k?hotan|aksu|korla|"
    r"shihezi|turpan|hami|yining|ghulja|karamay|changji|bingtuan|xpcc|production and construction corps)\b|"
    r"新疆|乌鲁木齐|烏魯木齊|喀什|和田|阿克苏|库尔勒|石河子|吐鲁番|哈密|伊宁|克拉玛依|昌吉|兵团", re.I)


def _names_xinjiang(doc: Loaded, path: list, site: dict) -> Iterator[Problem]:
    """A warning where a site in China names Xinjiang in its address or town (with no subdivision, in its name
    too) but has not CN-XJ: its region's page, map and counts leave it out. A firm named for Xinjiang may have a
    plant elsewhere, so a name beside another subdivision says nothing."""
    keys = ("address", "city") if site.get("subdivision") else ("address", "city", "name", "local_name")
    for key in keys:
        found = _XINJIANG_WORDS.search(site[key]) if isinstance(site.get(key), str) else None
        if found:
            given = f"subdivision {site['subdivision']}" if site.get("subdivision") else "no subdivision"
            yield doc.problem(path + [key], "names-xinjiang",
                              f"{key} names '{found.group(0)}', in Xinjiang, but the site has {given}: if it lies in "
                              f"Xinjiang, write subdivision: {XINJIANG}, or Xinjiang's page, map and counts leave it "
                              "out", level="warning", kind="names-xinjiang")
            return
