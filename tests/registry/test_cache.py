"""Screening kept per company: cached matches equal a cold screening, a changed file or watchlist
screens again, and a broken entry is a miss."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path

import pytest

from generator.check.validation import validate_document
from generator.load.loader import load_text
from generator.model import Disclosure
from generator.registry.cache import scored, screened
from generator.registry.completeness import completeness
from generator.registry.screening import screen_registry
from generator.registry.watchlists import Listed
from tests.cache_entries import entries, rewrite

from .test_screening import FIXTURE, disclosure, watchlists

OTHER = FIXTURE.replace("screen-example", "screen-other").replace("Screen Example Ltd", "Screen Other Ltd")


@pytest.fixture
def companies() -> list:
    doc = load_text(OTHER, "disclosures/screen-other.yaml")
    assert validate_document(doc, dt.date(2026, 6, 1)) == []
    return [disclosure(), Disclosure.of(doc.data)]


DIGESTS = {"screen-example": "a" * 64, "screen-other": "b" * 64}


def test_cached_matches_equal_a_cold_screening(tmp_path: Path, companies: list) -> None:
    lists, cache = watchlists(tmp_path), tmp_path / "cache"
    cold = screen_registry(companies, lists)
    assert len({m.company for m in cold}) == 2
    assert screened(companies, lists, DIGESTS, cache) == cold
    assert len(entries(cache)) == 2
    assert screened(companies, lists, DIGESTS, cache) == cold


def test_the_cache_is_read_and_a_changed_file_is_screened_again(tmp_path: Path, companies: list) -> None:
    lists, cache = watchlists(tmp_path), tmp_path / "cache"
    screened(companies, lists, DIGESTS, cache)
    rewrite(cache, lambda blob: b"[]")   # well formed: no matches, as only the cache says
    assert screened(companies, lists, DIGESTS, cache) == []
    changed = {**DIGESTS, "screen-other": "c" * 64}
    assert {m.company for m in screened(companies, lists, changed, cache)} == {"screen-other"}


def test_a_changed_watchlist_screens_every_company_again(tmp_path: Path, companies: list) -> None:
    lists, cache = watchlists(tmp_path), tmp_path / "cache"
    screened(companies, lists, DIGESTS, cache)
    first = lists[0]
    more = [replace(first, entries=(*first.entries, Listed(first.id, "Plain Example Buttons Ltd"))), *lists[1:]]
    fresh = screen_registry(companies, more)
    assert fresh != screen_registry(companies, lists)
    assert screened(companies, more, DIGESTS, cache) == fresh


@pytest.mark.parametrize("poison", ["{}", "not json", "[[1]]", '[["a","b","c","d","e","f","high","r","",""]]',
                                    '[[1,"b","c","d","e","f",100.0,"r","",""]]', "[" * 50_000])
def test_a_broken_entry_is_a_miss(tmp_path: Path, companies: list, poison: str) -> None:
    lists, cache = watchlists(tmp_path), tmp_path / "cache"
    cold = screened(companies, lists, DIGESTS, cache)
    rewrite(cache, lambda blob: poison.encode())
    assert screened(companies, lists, DIGESTS, cache) == cold
    assert all(isinstance(json.loads(e), list) for e in entries(cache).values())


# Completeness scores kept per company, like screening.

def _profiles() -> list:
    from generator.pipeline import DEFAULTS, load_all_profiles
    profiles, problems = load_all_profiles(DEFAULTS / "profiles")
    assert profiles and not problems
    return profiles


def test_cached_scores_equal_cold_scores_and_a_changed_file_or_profile_is_scored_again(tmp_path: Path,
                                                                                       companies: list) -> None:
    profiles, cache = _profiles(), tmp_path / "scores"
    cold = {c.id: completeness(c, profiles) for c in companies}
    assert scored(companies, profiles, DIGESTS, cache) == cold
    assert len(entries(cache)) == 2
    # well formed, but every item lacking: only the cache says so
    rewrite(cache, lambda blob: json.dumps([[[False, "cached"] for _ in row] for row in json.loads(blob)]).encode())
    taken = scored(companies, profiles, DIGESTS, cache)
    assert all(r.detail == "cached" for scores in taken.values() for s in scores for r in s.results)
    changed = scored(companies, profiles, {**DIGESTS, "screen-other": "c" * 64}, cache)
    assert changed["screen-other"] == cold["screen-other"] and changed["screen-example"] == taken["screen-example"]
    fewer = profiles[1:]
    assert scored(companies, fewer, DIGESTS, cache) == {c.id: completeness(c, fewer) for c in companies}


@pytest.mark.parametrize("poison", ["{}", "not json", "[]", "[[1]]", '[[[true, 1]]]', '[[["yes", "x"]]]',
                                    "[" * 50_000])
def test_a_broken_score_entry_is_a_miss(tmp_path: Path, companies: list, poison: str) -> None:
    profiles, cache = _profiles(), tmp_path / "scores"
    cold = scored(companies, profiles, DIGESTS, cache)
    rewrite(cache, lambda blob: poison.encode())
    assert scored(companies, profiles, DIGESTS, cache) == cold
