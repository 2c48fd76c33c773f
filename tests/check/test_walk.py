"""The walk over a document's mappings: one walk serves every check of a document, and
gives what the recursive walk it replaced gave (paths, order, the mappings themselves)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.check import walk
from generator.check.checks import CHECKS, DOCUMENT_CHECKS, ITEM_CHECKS, semantic_problems
from generator.load.loader import Loaded


def _recursive(value: Any, path: list[Any]) -> Iterator[tuple[list[Any], dict[str, Any]]]:
    """The walk as it was written before: generators yielding through every level."""
    if isinstance(value, dict):
        yield path, value
        for k, v in value.items():
            if isinstance(v, (dict, list)):
                yield from _recursive(v, path + [k])
    elif isinstance(value, list):
        for i, v in enumerate(value):
            if isinstance(v, (dict, list)):
                yield from _recursive(v, path + [i])


_KEYS = st.sampled_from(["id", "country", "subdivision", "since", "until", "date", "name", "suppliers", "x"])
_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-5, 5), st.sampled_from(["CN", "CN-XJ", "2024-02-30", "a"]))
_VALUES = st.recursive(_SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                         st.dictionaries(_KEYS, inner, max_size=5)), max_leaves=30)


@settings(max_examples=150, deadline=None)
@given(st.one_of(_VALUES, st.dictionaries(_KEYS, _VALUES, max_size=6)))
def test_the_walk_gives_what_the_recursive_walk_gave(value: Any) -> None:
    expected = list(_recursive(value, ["top"]))
    found = list(walk.mappings(value, ["top"]))
    assert found == expected
    assert all(a[1] is b[1] for a, b in zip(found, expected, strict=True))
    assert list(walk.mappings(value, [])) == list(_recursive(value, []))


@settings(max_examples=100, deadline=None)
@given(st.dictionaries(_KEYS, _VALUES, max_size=6))
def test_checks_find_the_same_problems_with_one_walk_as_each_with_its_own(data: dict[str, Any]) -> None:
    doc, today = Loaded("disclosures/a.yaml", data, None), dt.date(2026, 1, 1)
    separately = [p for check in CHECKS for p in check(doc, today)]
    assert semantic_problems(doc, today) == separately


def test_a_document_changed_between_two_checks_is_walked_again() -> None:
    data: dict[str, Any] = {"suppliers": [{"id": "a", "country": "CN"}]}
    doc, today = Loaded("disclosures/a.yaml", data, None), dt.date(2026, 1, 1)
    assert semantic_problems(doc, today) == []
    data["suppliers"][0]["country"] = "ZZ"   # the same object, changed: an old walk would still see CN
    assert [p.code for p in semantic_problems(doc, today)] == ["unknown-country"]


def test_every_check_is_either_about_items_or_about_the_whole_document() -> None:
    # History checks only the items it has not seen with ITEM_CHECKS: a new check must say which it is.
    assert sorted(c.__name__ for c in CHECKS) == sorted(c.__name__ for c in ITEM_CHECKS + DOCUMENT_CHECKS)
    assert not set(ITEM_CHECKS) & set(DOCUMENT_CHECKS)
