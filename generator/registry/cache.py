"""Per-company results kept between builds: a company whose file did not change is not screened
or scored again.

Screening compares one disclosure with the watchlists and nothing else, so its matches are
kept under the digest of the company's file, salted with the watchlists themselves, the
threshold and the code version: a changed watchlist screens every company again. Completeness
scores likewise, salted with the profiles. Entries are JSON (see `check.cache`); one that does
not read back as exactly the expected shape is a miss.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import astuple, fields
from pathlib import Path
from typing import Any

from ..check.cache import JsonStore, code_version, each_row
from ..model import Disclosure
from .completeness import Profile, Result, Score, completeness
from .screening import THRESHOLD, Index, Match, screen_disclosure, screen_registry
from .watchlists import Watchlist

_FIELDS = tuple(f.name for f in fields(Match))
_NUMBERS = {"score"}


def _digest(records: Sequence[object]) -> str:
    """Of frozen records, whose repr is their content."""
    return hashlib.sha256(repr(tuple(records)).encode("utf-8", "surrogatepass")).hexdigest()


def _salt(watchlists: Sequence[Watchlist], threshold: float) -> str:
    lists = _digest(watchlists)
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


def _score(profile: Profile, row: Any) -> Score | None:
    if not (isinstance(row, list) and len(row) == len(profile.items)):
        return None
    results = []
    for item, cell in zip(profile.items, row, strict=True):
        if not (isinstance(cell, list) and len(cell) == 2 and type(cell[0]) is bool and type(cell[1]) is str):
            return None
        results.append(Result(item, cell[0], cell[1]))
    return Score(profile, tuple(results))


def _scores(profiles: Sequence[Profile], entry: Any) -> list[Score] | None:
    if not (isinstance(entry, list) and len(entry) == len(profiles)):
        return None
    found = [_score(p, row) for p, row in zip(profiles, entry, strict=True)]
    return None if None in found else found  # type: ignore[return-value]


def scored(disclosures: Iterable[Disclosure], profiles: Sequence[Profile], digests: Mapping[str, str],
           folder: Path | None) -> dict[str, list[Score]]:
    """company id → `completeness`, each company's taken from `folder` when its file is unchanged."""
    salt = f"completeness\0{code_version()}\0{_digest(profiles)}"
    store = JsonStore.open(folder, salt) if folder is not None else None
    found: dict[str, list[Score]] = {}
    for disclosure in disclosures:
        key = f"{disclosure.id}\0{digests.get(disclosure.id, '')}"
        cached = _scores(profiles, store.get(key)) if store is not None and disclosure.id in digests else None
        if cached is None:
            cached = completeness(disclosure, profiles)
            if store is not None and disclosure.id in digests:
                store.put(key, [[[r.covered, r.detail] for r in s.results] for s in cached])
        found[disclosure.id] = cached
    if store is not None:
        store.prune()
    return found
