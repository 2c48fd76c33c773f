"""The country an address ends in, where it names one: the country of a list with no country
column, and a check on the country column of a list that has one."""

from __future__ import annotations

import re

from ..check.countries import plain_name
from ..check.countries import resolve as resolve_country
from ..check.provinces import subdivision
from .cells import Cell, Report


def country_at_end(address: str) -> tuple[str, str]:
    """The address's last part and the country it names ("" when none). A code there is more often a
    state ("Austin, TX", "Los Angeles, CA" is not Canada), so only a name counts; a postcode after it
    does not matter."""
    last = re.sub(r"[\d\s-]+$", "", address.rsplit(",", 1)[-1]).strip()
    found = resolve_country(last).code if last and not re.fullmatch(r"[A-Za-z]{2,3}", last) else ""
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
