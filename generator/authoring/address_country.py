"""The country an address ends in, where it names one: the country of a list with no country
column, and a check on the country column of a list that has one; and the province it ends in, where
no column gives the site's."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from ..check.countries import plain_name
from ..check.countries import resolve as resolve_country
from ..check.provinces import one_subdivision, subdivision
from ..problems import Problem
from .cells import Cell, Report
from .sheets import Row, Sheet

# Letters that end an address as a country's name, not as a state's code: no state, province or
# county is written so, and an address in the United States most often ends in "USA".
_SHORT_NAMES = frozenset({"usa", "uk", "uae", "prc", "ksa", "drc"})
# The sign of a number before a street's or a building's ("Pasaje 62, Nº 1071", "No. 12", "Nr. 3"): it folds
# to letters that are a country's code (NO, NR), and is never one.
_NUMBER_SIGN = re.compile(r"(?:n|no|nr|nro|num|núm|nos)\s*[.º°ª]*", re.IGNORECASE)


def country_at_end(address: str) -> tuple[str, str]:
    """The address's last part and the country it names ("" when none). A code there is more often a
    state ("Austin, TX", "Los Angeles, CA" is not Canada), so only a name counts, or the letters
    people write for a name (USA, UK, UAE); a postcode after it does not matter, and the sign of the
    number before it ("Nº 1071", "No. 12") is no country."""
    last = re.sub(r"[\d\s-]+$", "", address.rsplit(",", 1)[-1]).strip()
    named = not re.fullmatch(r"[A-Za-z]{2,3}", last) or last.casefold() in _SHORT_NAMES
    named = named and not _NUMBER_SIGN.fullmatch(last)
    found = resolve_country(last).code if last and named else ""
    return last, found


def check(address: Cell, country: Cell, code: str, report: Report) -> None:
    """A warning at the country cell when the address ends in another country: one of the two is
    wrong, and only the list's author knows which. A province of the row's own country named like a
    country (Georgia in the United States, Luxembourg in Belgium) is no other country."""
    last, found = country_at_end(address.value)
    if not found or found == code or subdivision(last, code):
        return
    named = "" if last.casefold() == plain_name(found).casefold() else f" ({plain_name(found)})"
    report(country, "warning", "import-country-address",
           f"the address ends in '{last}'{named}, but the country column says {plain_name(code)}; "
           f"{plain_name(code)} is imported: correct the address or the country, whichever is wrong")


_PART_END = re.compile(r"(?:[\d\s]|[^\w)\]）])+$")   # a postcode, a dot or a lost character (□) after a part


def province_at_end(address: str, code: str) -> tuple[str, str]:
    """The last part of an address, before its country and postcode, and the subdivision of the row's
    country it names ("" when none): "…, Kunshan, Jiangsu Province 215300, China" is Jiangsu (CN-JS), and a
    Location cell that is the province alone ("Xinjiang") too. Only a whole part counts, never a word in a
    street's name ("88 Xinjiang Road"); not a name that two subdivisions share (Dhaka, a division and a
    district), nor one after a part that names another ("…, Kalutara, Western Province"), nor a place ISO
    also lists as a country ("…, Taiwan" beside China)."""
    parts = [_PART_END.sub("", part).strip() for part in re.split(r"[,，\r\n]+", address)]
    parts = [part for part in parts if part]
    while parts and resolve_country(parts[-1]).code == code:
        parts.pop()
    if not parts:
        return "", ""
    last, before = parts[-1], parts[-2] if len(parts) > 1 else ""
    found = one_subdivision(last, code) or ""
    elsewhere = resolve_country(last).code if re.search(r"[^\W\d_]{4}", last) else ""
    if (elsewhere and found.endswith(f"-{elsewhere}")) or subdivision(before, code) not in (None, found):
        found = ""
    return last, found


def province(fields: dict, address: Cell | None, put: Callable[[str, str, Cell], None], report: Report) -> None:
    """A site with a country and no subdivision is placed in the province its address ends in, with a warning
    at the address: the province decides which regions' checks the site meets (Xinjiang's), so the officer
    checks what was read."""
    if fields.get("subdivision") or not fields.get("country") or address is None or not address.value:
        return
    last, found = province_at_end(address.value, fields["country"])
    if found:
        put("subdivision", found, address)
        report(address, "warning", "import-subdivision-from-address",
               f"no column gives the site's province or state: it is read from the end of the address, '{last}' "
               f"({found}); check it, or give it in a Province or State column")


_LINES = re.compile(r"[\r\n\v\f]+")


def several_sites(row: Row, columns: Mapping[str, list[int]], sheet: Sheet) -> list[Problem]:
    """An error at an address cell that holds several sites' addresses, one a line: two or more of its
    lines end in a country ("…, Kunshan, China" over "…, Chengdu, China"), or its lines are as many as
    those of the town cell beside it ("Kunshan" over "Chengdu"). Joined, they would make one site at
    an address that is none; a row is one site. A country alone on a line ends the address above it,
    and a state named like a country ("Atlanta, Georgia" over "Austin, USA") is no other site, nor is
    a town or district named like one in a row whose country is another ("…, Nathan Road, Jordan"
    over "Kowloon, Hong Kong" beside Hong Kong; "…, Lebanon" over "Tennessee, USA" beside USA)."""
    def lines(column: str) -> list[str]:
        return [line.strip() for i in columns.get(column, [])[:1] if i < len(row.cells)
                for line in _LINES.split(row.cells[i]) if line.strip()]
    address, towns, country = lines("address"), lines("city"), " ".join(lines("country"))
    own = resolve_country(country).code if country else ""
    ends = [(line, *country_at_end(line)) for line in address]
    ended = [(line, last, code) for line, last, code in ends if code and last != line]
    ended = [e for e in ended[:-1] if not subdivision(e[1], ended[-1][2])
             and (not own or e[2] in (own, ended[-1][2]))] + ended[-1:]
    sites = [line for line, _, _ in ended] if len(ended) > 1 else address if len(address) == len(towns) else []
    if len(sites) < 2:
        return []
    return [Problem(sheet.path, row.number, columns["address"][0] + 1, "error", "import-several-sites",
                    f"{sheet.where()}row {row.number}'s address cell holds the addresses of {len(sites)} sites, "
                    f"one a line ({' / '.join(line[:60] for line in sites[:3])}); a row is one site: write each "
                    "on a row of its own, with the name on each")]
