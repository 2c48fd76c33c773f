"""A province, state or region cell → its ISO 3166-2 code, in the forms lists write it: ISO's
names with or without their qualifiers ("Province", 省, "Autonomous Region"), English names
where ISO gives the local one, acronyms and Chinese script (`country_names.SUBDIVISIONS`).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Any

import pycountry

from .country_names import SUBDIVISIONS

_QUALIFIERS = re.compile(r"\b(?:province|prov|state|special administrative region|sar|autonomous region|region"
                         r"|municipality|changwat|prefecture|governorate|county|sheng|shi|zizhiqu"
                         r"|uygur|uyghur|uighur|zhuangzu|zhuang|huizu|hui)\b")
_CJK_QUALIFIERS = re.compile(r"(?:维吾尔|維吾爾|壮族|壯族|回族)?(?:自治区|自治區|特别行政区|特別行政區|省|市)$")


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold().replace("đ", "d"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[\s.]+", " ", text)
    named = _QUALIFIERS.sub(" ", text)
    letters = r"[^a-z0-9\u3400-\u9fff]+"
    # A word that is all there is stays: "SAR" is the code of Saratov, "省" no name at all.
    return _CJK_QUALIFIERS.sub("", re.sub(letters, "", named)) or re.sub(letters, "", text)


def _rank(sub: Any, by_code: dict[str, Any]) -> tuple[bool, int, bool, str]:
    """Which subdivision a shared name means: an administrative one before ISO's geographical
    groupings (Indonesia's "Papua"), the highest level (Bangladesh's Dhaka division, not its
    district), a territory before a city of the same name (Uzbekistan's Toshkent), then the code."""
    depth, parent = 0, getattr(sub, "parent_code", None)
    while parent in by_code:
        depth, parent = depth + 1, getattr(by_code[parent], "parent_code", None)
    kind = sub.type.casefold()
    return "geographical" in kind, depth, "city" in kind or "municipality" in kind, sub.code


def _names(name: str) -> list[str]:
    """ISO's name, then its parts: "Catalunya [Cataluña]" → Catalunya, Cataluña."""
    outside = re.sub(r"\s*[\[(][^\])]*[\])]", "", name)
    inside = [re.sub(r"\b[A-Z]{2}-[A-Z0-9]{1,3}\b", "", part) for part in re.findall(r"\[([^\]]*)\]", name)]
    return [name, outside, *inside]


_CITY_LEVEL = re.compile(r"city|municipality|metropolitan", re.IGNORECASE)


def _pairs(country_code: str) -> list[tuple[str, str]]:
    """(folded name, code) of each name a subdivision goes by; the order decides which subdivision a shared
    name means, so it never depends on the order pycountry's set happens to give."""
    subs = list(pycountry.subdivisions.get(country_code=country_code) or ())
    by_code = {sub.code: sub for sub in subs}
    subs.sort(key=lambda sub: _rank(sub, by_code))
    return [(key, code) for key, code in [
        *((_fold(s.name), s.code) for s in subs),
        *((_fold(k), v) for k, v in SUBDIVISIONS.items() if v.startswith(f"{country_code}-")),
        *((_fold(n), s.code) for s in subs for n in _names(s.name)[1:]),
        *((_fold(f"{s.name} {s.type}"), s.code) for s in subs),  # "Dhaka District"
        # "Taipei City", "Hai Phong City": only where the subdivision is the city itself,
        # never a province named like its capital (Quezon City is not in Quezon)
        *((_fold(f"{n} city"), s.code) for s in subs if _CITY_LEVEL.search(s.type) for n in _names(s.name)),
        *((_fold(s.code.partition("-")[2]), s.code) for s in subs)] if key]


@cache
def _subdivisions(country_code: str) -> dict[str, str]:
    """Folded name → code: of a name several subdivisions share, the one `_rank` puts first."""
    found: dict[str, str] = {}
    for key, code in _pairs(country_code):
        found.setdefault(key, code)
    return found


@cache
def _shared(country_code: str) -> frozenset[str]:
    """The folded names that several subdivisions of the country go by (Bangladesh's Dhaka division and district)."""
    codes: dict[str, set[str]] = {}
    for key, code in _pairs(country_code):
        codes.setdefault(key, set()).add(code)
    return frozenset(key for key, named in codes.items() if len(named) > 1)


def one_subdivision(text: str, country_code: str) -> str | None:
    """The subdivision of the country that `text` names, as `subdivision` reads it, where no other goes by
    the same name: a place read from free text is no choice between two."""
    code = subdivision(text, country_code)
    forms = [text, re.sub(r"\([^)]*\)", " ", text), *re.findall(r"\(([^)]*)\)", text)]
    return code if code and not _shared(country_code) & set(map(_fold, forms)) else None


def subdivision(text: str, country_code: str | None) -> str | None:
    """An ISO 3166-2 code, from a code or a subdivision name of the row's country; None if neither.
    A name with a note in brackets is tried whole, then without it, then as the note
    ("Inner Mongolia Autonomous Region (IMAR)", "Xinjiang (新疆)"); a name beside its code, where
    the two agree ("BAHIA - BA")."""
    text = text.strip()
    if re.fullmatch(r"[A-Za-z]{2}-[A-Za-z0-9]{1,3}", text) and pycountry.subdivisions.get(code=text.upper()):
        return text.upper()
    if not country_code:
        return None
    names = _subdivisions(country_code)
    forms = [text, re.sub(r"\([^)]*\)", " ", text), *re.findall(r"\(([^)]*)\)", text)]
    found = next((names[key] for key in map(_fold, forms) if key in names), None)
    if found is None and (coded := _WITH_CODE.fullmatch(text)):   # "BAHIA - BA": the name and its code agree
        name, code = (coded[1], coded[2]) if coded[1] else (coded[4], coded[3])
        found = names.get(_fold(name))
        return found if found and found == names.get(_fold(code)) else None
    return found


# A name and the last part of its ISO code, as business systems export a state ("BAHIA - BA", "SP | Sao Paulo").
_WITH_CODE = re.compile(r"(.+?)\s*[-–—:|/]\s*([A-Za-z0-9]{1,3})|([A-Za-z0-9]{1,3})\s*[-–—:|/]\s*(.+)")


