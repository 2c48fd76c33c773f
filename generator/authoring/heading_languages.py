"""A heading that is a word of another language and an abbreviation in English, read by the headings
beside it: "CAP" is Italy's postcode in a list headed in Italian ('Indirizzo', 'Città', 'CAP'), and in
an English list a capacity or a corrective action plan, which no field of a disclosure holds."""

from __future__ import annotations

from collections.abc import Sequence

from .foreign_headings import ITALIAN
from .headings import column_key

_ITALIAN_KEYS = frozenset(map(column_key, ITALIAN))
# heading key → the headings of the one language in which it is the table's heading
_SHARED = {"cap": _ITALIAN_KEYS}


def english_words(header: Sequence[str]) -> dict[str, str]:
    """Each heading of `header` that is a word of another language while no heading beside it is of
    that language → "english_word": its column is not imported, and said why."""
    keys = {column_key(h) for h in header}
    return {h: "english_word" for h in header if (lang := _SHARED.get(column_key(h))) and not keys & lang}
