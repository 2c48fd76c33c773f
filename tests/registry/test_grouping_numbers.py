"""One number shared by two groups that other numbers keep apart decides neither: a mention that holds only
it, or holds no number at all, joins neither group, however the firms are listed and compared."""

from __future__ import annotations

import random
from itertools import permutations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from generator.registry import across, numbers
from tests.registry.test_group_cache_property import _cold, firms
from tests.registry.test_grouping_bounds import crowd_entities

NANYANG = "Nanyang Garment Co., Ltd."
USCC = "91330600MA2BCDEF1X"
# One USCC beside DUNS 111 in one mention and DUNS 222 in another: two sites, whichever the USCC is. The
# USCC-only mention joined DUNS 111's group in 60 of the 120 orders of the firms and DUNS 222's in the others;
# it and the mentions without a number fit both at this place, so they join neither.
TWO_SITES = [[(NANYANG, "TH", "Phichit", "", "111111111", USCC), (NANYANG, "TH", "Phichit", "", "", "")],
             [(NANYANG, "TH", "Phichit", "", "222222222", USCC)],
             [(NANYANG, "TH", "Phichit", "", "", USCC), (NANYANG, "TH", "Phichit", "", "", "")],
             [(NANYANG, "TH", "Phichit", "", "111111111", "")],
             [(NANYANG, "TH", "Phichit", "", "222222222", "")]]


def _groups_of(rows: list, order: list[int]) -> set[frozenset[tuple[int, int]]]:
    """The groups of `rows` given to firms in `order`, each mention named by its row and place in it."""
    found = {f"firm-{k}": (f"Firm {k}", rows[n]) for k, n in enumerate(order)}
    return {frozenset((order[int(cid.removeprefix("firm-"))], int(eid[1:])) for cid, eid in members)
            for *_, members in _cold(found)}


# The same, with DUNS 222 given no place: the USCC-only mention joined DUNS 222's group in half the orders of
# the firms, and with the mention without a number DUNS 111's in the other half.
UNPLACED = [[(NANYANG, "TH", "Phichit", "", "", ""), (NANYANG, "TH", "", "", "222222222", USCC)],
            [(NANYANG, "TH", "Phichit", "", "", USCC), (NANYANG, "TH", "Phichit", "", "111111111", USCC)],
            [(NANYANG, "TH", "Phichit", "", "111111111", ""), (NANYANG, "TH", "", "", "222222222", "")]]
CASES = {"two-sites": (TWO_SITES, {frozenset({(0, 0), (3, 0)}), frozenset({(1, 0), (4, 0)}),
                                   frozenset({(0, 1), (2, 1)})}),
         "unplaced": (UNPLACED, {frozenset({(1, 1), (2, 0)}), frozenset({(0, 1), (2, 1)})})}


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("pairs_each", [10**9, -1])   # every pair compared, or every name by place
def test_a_number_two_sites_share_joins_neither_in_any_order_of_the_firms(case: str, pairs_each: int) -> None:
    rows, groups = CASES[case]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(across, "PAIRS_EACH", pairs_each)
        found = [_groups_of(rows, list(order)) for order in permutations(range(len(rows)))]
    assert all(each == groups for each in found)


def _contested(marks: list[dict[str, str]]) -> set[numbers.Number]:
    holders: dict[numbers.Number, list[int]] = {}
    for i, one in enumerate(marks):
        for number in one.items():
            holders.setdefault(number, []).append(i)
    return numbers.contested(marks, holders)


def test_a_number_of_a_chain_that_holds_two_duns_is_contested_and_no_other() -> None:
    """USCC X and LEI L each join mentions that can be one, but together they chain DUNS 1 to DUNS 2."""
    marks = [{"duns": "1", "uscc": "X"}, {"uscc": "X", "lei": "L"}, {"lei": "L", "duns": "2"}, {"duns": "1"},
             {"os_id": "CN1"}, {"os_id": "CN1", "duns": "3"}]
    assert _contested(marks) == {("duns", "1"), ("uscc", "X"), ("lei", "L"), ("duns", "2")}
    # DUNS 1 still joins its two mentions: the USCC alone cannot say which site it is
    assert _contested([{"uscc": "X", "duns": "1"}, {"uscc": "X", "duns": "2"}, {"duns": "1"}]) == {
        ("uscc", "X")}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(firms, st.lists(crowd_entities, min_size=1, max_size=4)), min_size=2, max_size=8),
       st.randoms(use_true_random=False), st.sampled_from([10**9, -1]))
@example(TWO_SITES, random.Random(0), 10**9)
def test_the_groups_are_the_same_whichever_order_the_firms_come_in(rows: list, rng: random.Random,
                                                                 pairs_each: int) -> None:
    order = list(range(len(rows)))
    shuffled = rng.sample(order, len(order))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(across, "PAIRS_EACH", pairs_each)
        assert _groups_of(rows, shuffled) == _groups_of(rows, order)
