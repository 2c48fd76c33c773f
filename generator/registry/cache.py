"""Per-company results kept between builds: a company whose file did not change is not screened again.

Screening compares one disclosure with the watchlists and nothing else, so its matches are
kept under the digest of the company's file, salted with the watchlists themselves, the
threshold and the code version: a changed watchlist screens every company again. Entries are
JSON (see `check.cache`); one that does not read back as a list of matches is a miss.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import astuple, fields
from pathlib import Path
from typing import Any

from ..check.cache import JsonStore, code_version, each_row
from ..model import Disclosure
from .screening import THRESHOLD, Index, Match, screen_disclosure, screen_registry
from .watchlists import Watchlist

_FIELDS = tuple(f.name for f in fields(Match))
_NUMBERS = {"score"}


def _salt(watchlists: Sequence[Watchlist], threshold: float) -> str:
    lists = hashlib.sha256(repr(tuple(watchlists)).encode("utf-8", "surrogatepass")).hexdigest()
    return f"screening\0{code_version()}\0{lists}\0{threshold!r}"


def _match(row: Any) -> Match | None:
    if not (isinstance(row, list) and len(row) == len(_FIELDS)):
        return None
    for name, value in zip(_FIELDS, row, strict=True):
        if not (type(value) in (int, float) if name in _NUMBERS else type(value) is str):
            return None
    return Match(*row)


def screened(disclosures: Iterable[Disclosure], watchlists: Sequence[Watchlist], digests: Mapping[str, str],
             folder: Path | None, threshold: float = THRESHOLD) -> list[Match]:
    """`screen_registry`, with each company's matches taken from `folder` when its file is unchanged."""
    store = JsonStore.open(folder, _salt(watchlists, threshold)) if folder is not None else None
    if store is None:
        return screen_registry(disclosures, watchlists, threshold)
    index: Index | None = None   # built only when some company must be screened
    matches: list[Match] = []
    for disclosure in disclosures:
        key = f"{disclosure.id}\0{digests.get(disclosure.id, '')}"
        found = each_row(store.get(key), _match) if disclosure.id in digests else None
        if found is None:
            if index is None:
                index = Index.of(watchlists)
            found = screen_disclosure(disclosure, index, threshold)
            if disclosure.id in digests:
                store.put(key, [list(astuple(m)) for m in found])
        matches.extend(found)
    store.prune()
    return sorted(matches, key=lambda m: (m.company, -m.score, m.entity, m.list, m.listed_name))
