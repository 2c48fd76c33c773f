"""A site's name written in two scripts in one cell: "Alpha Textiles 阿尔法纺织有限公司",
"Alpha Textiles / 阿尔法纺织", "阿尔法纺织 (Alpha Textiles)", as lists from China, Korea, Japan and
Thailand often write it. The Latin part is the name other firms' lists use, and the other is the
name in the local script: kept apart, each finds the site in a list that writes only one.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from ..check.provinces import subdivision

_SEPARATORS = " /|-–—:;,"
_OPEN, _CLOSE = "(（", ")）"
_APART = _SEPARATORS + _OPEN + _CLOSE   # what stands between the two names
# A legal form alone is no name: "ABC 株式会社" is one Japanese name, not "ABC" and a local name.
_FORMS = ("股份有限公司", "有限责任公司", "有限責任公司", "有限公司", "公司", "株式会社", "有限会社", "合同会社",
          "주식회사", "유한회사", "บริษัท", "จำกัด", "มหาชน")


def _latin(char: str) -> bool:
    return char.isalpha() and unicodedata.name(char, "").startswith("LATIN")


def _local(char: str) -> bool:
    return char.isalpha() and not _latin(char)


def _apart(before: str, after: str) -> bool:
    """Whether the two names stand apart: a space, a slash or a bracket between them, not a name
    whose script changes inside a word ("ABC株式会社" is one Japanese name)."""
    return bool(before) and bool(after) and (before[-1] in _APART or after[0] in _APART)


def split(name: str, country: str = "") -> tuple[str, str] | None:
    """(the Latin name, the name in the local script) of a cell holding both, one before the other;
    None for a name in one script, or in two mixed within it ("宁波ABC纺织"), or whose local part is a
    note in brackets ("Sample Co., Ltd（新疆）": the province, which identity reads as one)."""
    if name.isascii():   # most names, and no local letter: asked before any character's name is looked up
        return None
    local = [i for i, char in enumerate(name) if _local(char)]
    if len(local) < 2:
        return None
    first, last = local[0], local[-1] + 1
    if any(_latin(char) for char in name[first:last]):
        return None
    before, inside, after = name[:first], name[first:last], name[last:]
    latin, rest, at = (before, after, first) if any(map(_latin, before)) else (after, before, last)
    latin = _trimmed(latin)
    if rest.strip(_APART) or not _latin_named(latin) or not _apart(name[:at], name[at:]) \
            or not _named(inside) or _note(name[:first], inside, name[last:], country) or inside.endswith(_PLACES):
        return None
    return latin, inside.strip()


def _trimmed(latin: str) -> str:
    """The Latin name without what stood between it and the other: separators, and a bracket the other was
    written in ("Alpha (阿尔法)", "阿尔法 (Alpha)"); its own brackets stay ("Alpha (Shanghai) 上海阿尔法")."""
    latin = latin.strip(_SEPARATORS)
    inner = latin[1:-1]
    if latin[:1] in _OPEN and latin[-1:] in _CLOSE and not any(c in _OPEN + _CLOSE for c in inner):
        latin = inner
    return _unbracketed(latin.rstrip(_OPEN + _SEPARATORS).lstrip(_CLOSE + _SEPARATORS))


def _unbracketed(latin: str) -> str:
    """The Latin name without the bracket it was written in beside the other ("阿尔法 (Alpha)")."""
    latin = latin.strip()
    while latin[-1:] in _CLOSE and sum(map(latin.count, _OPEN)) < sum(map(latin.count, _CLOSE)):
        latin = latin[:-1].rstrip()
    return latin


def _note(before: str, local: str, after: str, country: str) -> bool:
    """A short text in brackets after a name is a note on it, most often its place (新疆, 苏州)."""
    bracketed = before.rstrip()[-1:] in _OPEN and after.lstrip()[:1] in _CLOSE
    return bracketed and (sum(map(_local, local)) < 4 or bool(subdivision(local, country)))


# Words of a Latin part that name no firm: a legal form, a plant's number, a place's short form. A local name
# followed by them alone ("阿尔法纺织 (HK)", "阿尔法纺织 Co., Ltd.", "アルファ工業 K.K.") is one name, not two.
_NOT_NAMES = frozenset({"co", "ltd", "limited", "company", "corp", "corporation", "inc", "llc", "kk", "gk", "plc",
                        "group", "factory", "plant", "branch", "mill", "unit", "no", "hk", "prc", "sdn", "bhd",
                        "pte", "pvt", "jsc", "tbk", "pt", "cv", "the", "and", "of"})
# A local part ending so is a place, not a name ("Alpha Textiles (苏州工业园区)").
_PLACES = ("市", "区", "區", "县", "縣", "镇", "鎮", "省", "州", "园区", "園區")


def _latin_named(latin: str) -> bool:
    words = re.findall(r"[^\W\d_]+", latin.casefold())
    return any(len(w) > 1 and w not in _NOT_NAMES and not re.fullmatch(r"[ivx]+", w) for w in words)


def _named(local: str) -> bool:
    for form in _FORMS:
        local = local.replace(form, "")
    return sum(map(_local, local)) >= 2


def keep_apart(fields: dict[str, Any], origin: dict[str, Any]) -> None:
    """A row's name in two scripts becomes its name and its local name, unless the row gives
    another local name of its own (then which is which is not known, and the cell stays whole)."""
    found = split(fields.get("name", ""), fields.get("country", ""))
    if found is None or fields.get("local_name", found[1]) != found[1]:
        return
    fields["name"], fields["local_name"] = found
    origin.setdefault("local_name", origin.get("name"))
