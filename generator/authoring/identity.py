"""Which entity each spreadsheet row is: a row is a site, not a company (MODEL.md 1.1).

In order: the id column; else an `os_id` (one site), or an LEI or USCC together with the
site's place (one legal entity may run several plants); else the normalised name and the
place (address, else city, else subdivision) in the country. Rows that are one site
merge, with a warning naming both rows; only true conflicts are errors. New ids are
readable and depend only on the set of rows, never their order: `nan-yang-garment-th`,
or, when a name has several sites in a country, `nan-yang-garment-th-phichit`.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..check.countries import resolve
from ..check.provinces import subdivision
from ..problems import Problem
from ..registry.names import MAX_SLUG, ascii_letters, normalise, slug
from .cells import Cell
from .osh import LISTS, SITE_IDS


@dataclass
class Row:
    line: int
    fields: dict[str, Any]
    origin: dict[str, Cell]
    merged: list[int] = field(default_factory=list)  # lines of later rows that were the same site

    def cell(self, *keys: str) -> Cell:
        return next((self.origin[k] for k in keys if k in self.origin), self.origin.get("name") or Cell("", 1, 1))


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Case, accents and punctuation folded: the words a place or a name is compared by."""
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).casefold())
    return " ".join(re.findall(r"[a-z0-9]+|[^\W\d_a-z]+", "".join(c for c in text if not unicodedata.combining(c))))


# The words of a street address written short and long: "8 Huanghe Rd" and "No. 8 Huanghe Road" are one place.
_STREET_WORDS = {"rd": "road", "st": "street", "str": "street", "ave": "avenue", "av": "avenue", "blvd": "boulevard",
                 "hwy": "highway", "ln": "lane", "dist": "district", "ind": "industrial", "indl": "industrial",
                 "bldg": "building", "fl": "floor", "flr": "floor", "tp": "town", "vill": "village"}


def _address_key(text: str) -> str:
    words = fold(text).split()
    numbered = [w in ("no", "nr") and i + 1 < len(words) and words[i + 1][0].isdigit() for i, w in enumerate(words)]
    return " ".join(_STREET_WORDS.get(w, w) for w, dropped in zip(words, numbered, strict=True) if not dropped)


def place(fields: Mapping[str, Any]) -> str:
    """The site's place as a comparison key: address, else city, else subdivision."""
    for key in ("address", "city", "subdivision"):
        if fields.get(key):
            return f"{key}:{_address_key(str(fields[key])) if key == 'address' else fold(str(fields[key]))}"
    return ""


_NOTE = re.compile(r"[(（]([^()（）]*)[)）]")


@lru_cache(maxsize=65536)
def name_key(name: str, country: str = "") -> str:
    """The normalised name, with a note in brackets that names a province of the country
    compared as its code: "(Xinjiang)", "（新疆）" and "(XUAR)" are one place, wherever the
    name puts the note ("Co., Ltd. (Xinjiang)", "(Xinjiang) Co., Ltd.")."""
    codes = []

    def drop(note: re.Match[str]) -> str:
        code = subdivision(note.group(1), country) if country else None
        codes.append(code or "")
        return " " if code else note.group(0)

    bare = _NOTE.sub(drop, name)
    found = sorted(c for c in codes if c)
    return f"{normalise(bare)} @{' '.join(found)}" if found and normalise(bare) else normalise(name)


def site_key(fields: Mapping[str, Any]) -> tuple[str, ...]:
    if fields.get("id"):
        return ("id", fields["id"])
    ids = fields.get("identifiers") or {}
    for scheme in SITE_IDS:
        if ids.get(scheme):
            return (scheme, ids[scheme])
    for scheme in ("lei", "uscc"):
        if ids.get(scheme):
            return (scheme, ids[scheme], place(fields))
    return ("site", name_key(fields["name"], fields.get("country", "")), fields.get("country", ""), place(fields))


# A firm above the site and the list's notes are no facts of the site: a mill's rows under one id that name
# two groups above it (a brand's two traders) are one mill, the other group kept in its notes.
_BESIDE = frozenset({"parent", "notes"})


def _merge_key(row: Row) -> tuple[str, ...]:
    """Which rows are one site: `site_key`, a row whose town or province cell was not read (said at its cell)
    placed by that cell as written: two plants of one name in two states it cannot read are two sites."""
    key = site_key(row.fields)
    if key[0] != "site" or key[-1]:
        return key
    unread = [fold(row.origin[k].value) for k in ("city", "subdivision") if k in row.origin and row.origin[k].value]
    return (*key[:-1], "unread:" + "|".join(unread)) if unread else key


def _same_data(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """The same facts, but for the lists a site's rows join (a refiner listed once per metal)."""
    def facts(fields: Mapping[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in fields.items() if k != "id" and k not in LISTS and k not in _BESIDE}
    return facts(a) == facts(b)


def _conflict(key: tuple[str, ...], first: Row, row: Row) -> str:
    if key[0] == "id" and normalise(first.fields["name"]) != normalise(row.fields["name"]):
        return f"the id {key[1]} is given to '{first.fields['name']}' and to '{row.fields['name']}'"
    if key[0] in SITE_IDS and not _same_data(first.fields, row.fields):
        return f"the {key[0]} {key[1]} is given with different data"
    return ""


def _rank(row: Row) -> tuple[int, str]:
    """Which of a site's rows leads: the fullest, then by content, so that row order never matters."""
    return -len(row.fields), json.dumps(row.fields, sort_keys=True, ensure_ascii=False, default=str)


def _shown(value: Any) -> str:
    if isinstance(value, Mapping):
        return ", ".join(str(v) for v in value.values())
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)


def _keep_other(lead: Row, row: Row, differ: list[str], header: Sequence[str]) -> str:
    """Each field the two rows give otherwise: the leading row's value stays, the other goes to the site's notes
    under its heading ('Parent Group: Wilmar International Ltd'); the two rows' notes are joined. Said in words."""
    notes = [n for n in str(lead.fields.get("notes") or "").split("; ") if n]
    said = []
    for k in differ:
        cell = row.origin.get(k)
        heading = header[cell.column - 1] if cell and 0 < cell.column <= len(header) else k
        kept, other = _shown(lead.fields[k]), _shown(row.fields[k])
        said += [] if k == "notes" else [f"{k} '{kept}' on row {lead.line}, '{other}' on row {row.line}"]
        notes += [n for n in (other.split("; ") if k == "notes" else [f"{heading}: {other}"]) if n not in notes]
    if differ:
        lead.fields["notes"] = "; ".join(notes)
        lead.origin.setdefault("notes", row.origin.get("notes") or row.cell())
    joined = "; their notes are joined" if "notes" in differ else ""
    return (f"; they differ ({'; '.join(said)}): row {lead.line}'s is kept, the other in the site's notes"
            if said else "") + joined


def merge_sites(rows: Iterable[Row], shown: str, where: str,
                header: Sequence[str] = ()) -> tuple[list[Row], list[Problem]]:
    """One row per site; the site's other rows fill the leading row's empty fields, and a field they give
    otherwise is said and kept in the site's notes."""
    groups: dict[tuple[str, ...], list[Row]] = defaultdict(list)
    for row in rows:
        groups[_merge_key(row)].append(row)
    problems: list[Problem] = []
    sites = []
    for key, group in groups.items():
        lead = min(group, key=_rank)
        sites.append(lead)
        for row in sorted(group, key=lambda r: r.line):
            if row is lead:
                continue
            first, later = sorted((lead, row), key=lambda r: r.line)
            if conflict := _conflict(key, lead, row):
                problems.append(Problem(shown, later.line, later.cell("id", f"identifiers/{key[0]}").column, "error",
                                        "import-conflicting-rows", f"{where}rows {first.line} and {later.line}: "
                                        f"{conflict}; one site has one id: correct one of the rows",
                                        kind="import-conflicting-rows"))
                continue
            differ = sorted(k for k, v in row.fields.items() if k not in ("id", "name") and k in lead.fields
                            and k not in LISTS and fold(str(lead.fields[k])) != fold(str(v))
                            and not (k == "address" and _address_key(str(v)) == _address_key(lead.fields[k])))
            both = [fold(str(r.fields["address"])) for r in (lead, row) if "address" in r.fields]
            spelt = len(both) == 2 and both[0] != both[1]
            joined = sorted(k for k in LISTS if isinstance(row.fields.get(k), list)
                            and isinstance(lead.fields.get(k), list) and set(row.fields[k]) != set(lead.fields[k]))
            kept = _keep_other(lead, row, differ, header)
            kept += f"; row {lead.line}'s spelling of the address is kept" if spelt and "address" not in differ else ""
            for k, v in row.fields.items():
                lead.fields.setdefault(k, v)
                lead.origin.setdefault(k, row.origin.get(k, row.cell()))
            lead.merged.append(row.line)
            kept += f"; their {' and '.join(joined)} are joined" if joined else ""
            kept += (f"; '{row.fields['name']}' is kept among its aliases"
                     if fold(str(row.fields.get("name", ""))) != fold(str(lead.fields["name"])) else "")
            problems.append(Problem(shown, later.line, later.cell("name").column, "warning", "import-duplicate-row",
                                    f"{where}rows {first.line} and {later.line} are the same site "
                                    f"('{lead.fields['name']}', {_written_place(lead.fields)}): "
                                    f"merged into one entity{kept}", kind="import-duplicate-row"))
        _join_lists(lead, group)
    return sorted(sites, key=lambda r: r.line), problems


def _written_place(fields: Mapping[str, Any]) -> str:
    return next((str(fields[k]) for k in ("address", "city", "subdivision") if fields.get(k)), "no place")


def _join_lists(lead: Row, group: list[Row]) -> None:
    """A site's rows each naming its products ("Knitwear" on one, "Woven" on the next): the site makes all.
    A row that writes the site's name otherwise gives it an alias: how other lists may spell it."""
    for key in sorted(LISTS):   # fields of several values: a site's rows add to them
        found = [r.fields[key] for r in sorted(group, key=_rank) if isinstance(r.fields.get(key), list)]
        if len(found) > 1:
            lead.fields[key] = list(dict.fromkeys(item for items in found for item in items))
    # By rank, capitals last: a list's capitals are a style, and the name is better kept as the firm writes it.
    names = sorted((str(r.fields["name"]) for r in sorted(group, key=_rank) if r.fields.get("name")), key=str.isupper)
    if names and str(lead.fields.get("name", "")).isupper():
        lead.fields["name"] = names[0]
    own = {fold(str(lead.fields.get(k, ""))) for k in ("name", "local_name")}
    aliases = list(lead.fields.get("aliases", []))
    seen = own | {fold(str(a)) for a in aliases}
    for name in names:
        if fold(name) not in seen:
            seen.add(fold(name))
            aliases.append(name)
    if aliases:
        lead.fields["aliases"] = aliases


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z]+[a-z0-9]*", ascii_letters(text.casefold()))  # words, not house numbers or postcodes


def _place_words(fields: Mapping[str, Any]) -> str:
    """Readable words for an id: the city, else the subdivision, else the address's last
    part that names a town (lists write "street, district, town 66000"): not the country or the
    province every plant there shares ("..., Kunshan, Jiangsu, China" is Kunshan), unless that
    province is the town itself ("12 Rd, Shanghai, China")."""
    city = [w for w in _words(str(fields.get("city") or "")) if w not in ("city", "town")]
    if city:
        return "-".join(city[:3])
    if fields.get("subdivision"):
        return str(fields["subdivision"]).lower()
    country = str(fields.get("country") or "")
    named = [words for words in map(_words, str(fields.get("address") or "").split(",")) if words]
    inland = [words for words in named if not (country and resolve(" ".join(words)).code == country)]
    towns = [words for words in inland if not subdivision(" ".join(words), country)]
    return "-".join((towns[-1] if len(towns) > 1 else inland[-1] if inland else named[-1] if named else [])[:3])


def _named(row: Row) -> Mapping[str, Any]:
    """The fields an id's words come from: a province read from the address's end is its address's, which
    names the town too ("…, Kunshan, Jiangsu" is Kunshan, not cn-js)."""
    from_address = "subdivision" in row.origin and row.origin["subdivision"] == row.origin.get("address")
    return {k: v for k, v in row.fields.items() if k != "subdivision"} if from_address else row.fields


def _join(base: str, country: str, tail: str) -> str:
    """base (name-country) + tail, the name shortened at a word when the whole is too long."""
    suffix = f"-{tail}"
    if len(base) + len(suffix) <= MAX_SLUG:
        return base + suffix
    cc = f"-{country.lower()}" if base.endswith(f"-{country.lower()}") else ""
    name = base[: len(base) - len(cc)]
    room = MAX_SLUG - len(cc) - len(suffix)
    name = name[:room].rsplit("-", 1)[0] if len(name) > room and "-" in name[:room] else name[:room]
    return f"{name}{cc}{suffix}"[:MAX_SLUG].strip("-")


def _digest(row: Row) -> str:
    return hashlib.sha256("\x1f".join(_merge_key(row)).encode("utf-8")).hexdigest()[:6]


def new_ids(rows: list[Row], taken: set[str]) -> None:
    """Ids for rows that match no entity: the name-country slug when it is free and the only
    site of that name; else with the place, and a short digest of the site if still not unique."""
    by_base: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        by_base[slug(row.fields["name"], row.fields.get("country", ""))].append(row)
    for base, group in sorted(by_base.items()):
        country = group[0].fields.get("country", "")
        if len(group) == 1 and base not in taken:
            group[0].fields["id"] = base
            taken.add(base)
            continue
        wanted = {id(r): _join(base, country, _place_words(_named(r))) if _place_words(_named(r)) else base
                  for r in group}
        counts = defaultdict(int)
        for value in wanted.values():
            counts[value] += 1
        for row in sorted(group, key=lambda r: site_key(r.fields)):
            candidate = wanted[id(row)]
            if counts[candidate] > 1 or candidate in taken:
                candidate = _join(candidate, country, _digest(row))
            row.fields["id"] = candidate
            taken.add(candidate)
