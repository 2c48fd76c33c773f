"""A number that mentions share joins those it says are one, whatever the order of the firms: a registration's
holders place by place, each with the holders whose place agrees, never with one holder chosen to compare with;
and a mention that could be either of two sites the number names is joined with neither by it."""

from __future__ import annotations

import random
import tempfile
from itertools import permutations
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from generator.model import Entity
from generator.registry import across, numbers, sites, towns
from generator.registry.registry import Registry
from tests.registry.test_group_cache_property import _cached, _cold, firms
from tests.registry.test_grouping_bounds import crowd_entities
from tests.registry.test_sites import firm

NANYANG, ALPHA = "Nanyang Garment Co., Ltd.", "Alpha Textiles"
USCC, DUNS_1, DUNS_2 = "91330600MA2BCDEF1X", "111111111", "222222222"
# One USCC beside DUNS 111 in one mention and DUNS 222 in another, all at one Phichit address: the mention with the
# USCC alone joined DUNS 111's group in 60 of the 120 orders of the firms and DUNS 222's in the others. It could be
# either, so it joins neither; the two mentions without a number could each be any of the three, and join each other.
TWO_SITES = [[(NANYANG, "TH", "Phichit", "", DUNS_1, USCC), (NANYANG, "TH", "Phichit", "", "", "")],
             [(NANYANG, "TH", "Phichit", "", DUNS_2, USCC)],
             [(NANYANG, "TH", "Phichit", "", "", USCC), (NANYANG, "TH", "Phichit", "", "", "")],
             [(NANYANG, "TH", "Phichit", "", DUNS_1, "")],
             [(NANYANG, "TH", "Phichit", "", DUNS_2, "")]]
# One registration over two plants in two cities: A in Suzhou with DUNS 111, B in Changzhou with DUNS 222. F (Suzhou,
# the USCC alone) is A's plant, and G (Suzhou, no number) too; B stays apart.
TWO_PLANTS = [[(ALPHA, "CN", "Suzhou", "1 Gongye Rd", DUNS_1, USCC)], [(ALPHA, "CN", "Changzhou", "", DUNS_2, USCC)],
              [(ALPHA, "CN", "Suzhou", "", "", USCC)], [(ALPHA, "CN", "Suzhou", "", "", "")]]
# The USCC alone with no place, beside DUNS 111 and DUNS 222 in Phichit: either, so neither.
NO_PLACE = [[(NANYANG, "TH", "Phichit", "", DUNS_1, USCC)], [(NANYANG, "TH", "Phichit", "", DUNS_2, USCC)],
            [(NANYANG, "TH", "", "", "", USCC)], [(NANYANG, "TH", "Phichit", "", DUNS_1, "")]]
# The USCC alone in Phichit, beside DUNS 111 in Phichit and DUNS 222 with no place: the number cannot say which, and
# the name and place say what they say of a mention without a number, the one site of the name in Phichit.
ONE_PLACED = [[(NANYANG, "TH", "Phichit", "", "", ""), (NANYANG, "TH", "", "", DUNS_2, USCC)],
              [(NANYANG, "TH", "Phichit", "", "", USCC), (NANYANG, "TH", "Phichit", "", DUNS_1, USCC)],
              [(NANYANG, "TH", "Phichit", "", DUNS_1, ""), (NANYANG, "TH", "", "", DUNS_2, "")]]
# The plants of one registration, and a mention of it with no place: it could be either plant, so joins neither;
# the two Suzhou mentions are one.
PLANTS_AND_NO_PLACE = [[(ALPHA, "CN", "Suzhou", "1 Gongye Rd", "", USCC)], [(ALPHA, "CN", "Changzhou", "", "", USCC)],
                       [(ALPHA, "CN", "", "", "", USCC)], [(ALPHA, "CN", "Suzhou", "", "", USCC)]]
CASES = {
    "two-sites": (TWO_SITES, {frozenset({(0, 0), (3, 0)}), frozenset({(1, 0), (4, 0)}), frozenset({(0, 1), (2, 1)})}),
    "two-plants": (TWO_PLANTS, {frozenset({(0, 0), (2, 0), (3, 0)})}),
    "no-place": (NO_PLACE, {frozenset({(0, 0), (3, 0)})}),
    "one-placed": (ONE_PLACED, {frozenset({(0, 0), (1, 0), (1, 1), (2, 0)}), frozenset({(0, 1), (2, 1)})}),
    "plants-and-no-place": (PLANTS_AND_NO_PLACE, {frozenset({(0, 0), (3, 0)})}),
}


def _groups_of(rows: list, order: list[int], folder: Path | None = None) -> set[frozenset[tuple[int, int]]]:
    """The groups of `rows` given to firms in `order` (with the last build's in `folder`), each mention named by
    its row and its place in it."""
    found = {f"firm-{k}": (f"Firm {k}", rows[n]) for k, n in enumerate(order)}
    grouped = _cold(found) if folder is None else _cached(found, folder)
    return {frozenset((order[int(cid.removeprefix("firm-"))], int(eid[1:])) for cid, eid in members)
            for *_, members in grouped}


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("pairs_each", [10**9, -1])   # every pair compared, or every name by place
def test_a_shared_number_groups_alike_in_every_order_of_the_firms(case: str, pairs_each: int) -> None:
    rows, groups = CASES[case]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(across, "PAIRS_EACH", pairs_each)
        found = [_groups_of(rows, list(order)) for order in permutations(range(len(rows)))]
    assert all(each == groups for each in found)   # two-sites: all 120 orders of its five firms


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(firms, st.lists(crowd_entities, min_size=1, max_size=4)), min_size=2, max_size=8),
       st.randoms(use_true_random=False), st.sampled_from([10**9, -1]))
@example(TWO_SITES, random.Random(0), 10**9)
def test_the_groups_are_the_same_whichever_order_the_firms_come_in(rows: list, rng: random.Random,
                                                                 pairs_each: int) -> None:
    order = list(range(len(rows)))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(across, "PAIRS_EACH", pairs_each)
        assert _groups_of(rows, rng.sample(order, len(order))) == _groups_of(rows, order)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(firms, st.lists(crowd_entities, min_size=1, max_size=4)), min_size=2, max_size=8),
       st.integers(0, 99), st.sampled_from(("Aardvark", "Zebra")))
@example(TWO_SITES, 0, "Zebra")
def test_a_firm_renamed_to_another_place_in_the_order_leaves_the_groups_as_they_were(rows: list, which: int,
                                                                                     name: str) -> None:
    """Grouped with what the last build kept, only the renamed firm's parts again, in the order it now has."""
    found = {f"firm-{k}": (f"Firm {k}", r) for k, r in enumerate(rows)}
    with tempfile.TemporaryDirectory() as folder:
        before = _cached(found, Path(folder))
        renamed = sorted(found)[which % len(found)]
        found[renamed] = (name, found[renamed][1])
        after = _cached(found, Path(folder))
    assert after == _cold(found)
    assert {frozenset(members) for *_, members in after} == {frozenset(members) for *_, members in before}


# Places that agree, and do not, in no order: "Savar, Phichit" is both Savar and Phichit, which are two towns.
holders = st.tuples(st.sampled_from(("Phichit", "Bangkok", "", "", "Savar, Phichit", "Savar", "Phichit City")),
                    st.sampled_from(("", "", "12 Moo 3", "99 Rama IV Road", "12 Moo 3, Rama Road")),
                    st.sampled_from(("", "1", "2")), st.sampled_from(("", "X", "Y")),
                    st.sampled_from(("", "", "L", "M")))


def _holder(city: str, address: str, duns: str, uscc: str, lei: str) -> Entity:
    ids = {k: v for k, v in (("duns", duns), ("uscc", uscc), ("lei", lei)) if v}
    return Entity.of("suppliers", {"id": "s", "name": "Nanyang", "country": "TH", "relationship": "supplier",
                                   **({"city": city} if city else {}), **({"address": address} if address else {}),
                                   **({"identifiers": ids} if ids else {})})


def _joined(entities: list[Entity]) -> set[frozenset[int]]:
    parent = list(range(len(entities)))

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for i, j, _ in numbers.joined(entities, [sites.decisive(e) for e in entities]):
        parent[max(root(i), root(j))] = min(root(i), root(j))
    return {frozenset(i for i in range(len(entities)) if root(i) == r) for r in set(map(root, range(len(entities))))}


@settings(max_examples=300, deadline=None)
@given(st.lists(holders, min_size=2, max_size=9), st.randoms(use_true_random=False))
def test_the_mentions_a_number_joins_can_all_be_one_and_follow_no_order(rows: list, rng: random.Random) -> None:
    entities = [_holder(*row) for row in rows]
    groups = _joined(entities)
    order = rng.sample(range(len(rows)), len(rows))
    assert {frozenset(order[i] for i in group) for group in _joined([entities[i] for i in order])} == groups
    for group in groups:
        together: dict[str, str] = {}
        for i in group:
            assert not sites.conflicting(together, sites.decisive(entities[i]))
            together.update(sites.decisive(entities[i]))


def test_numbers_that_chain_two_duns_join_only_mentions_with_the_same_numbers() -> None:
    """USCC X beside DUNS 1, LEI L beside X, DUNS 2 beside L: each number alone joins two that can be one, but
    together they would make DUNS 1 and DUNS 2 one, and which link broke would follow the order."""
    chain = [_holder("Phichit", "", "1", "X", ""), _holder("Phichit", "", "", "X", "L"),
             _holder("Phichit", "", "2", "", "L"), _holder("Phichit", "", "", "X", "L")]
    assert _joined(chain) == {frozenset({0}), frozenset({1, 3}), frozenset({2})}
    assert _joined(chain[:2] + chain[3:]) == {frozenset({0, 1, 2})}


def test_a_registration_given_at_thousands_of_places_compares_each_with_a_few(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each holder with every other was 4.5 million comparisons; each with its nearest places, as a town's."""
    calls = [0]
    same_place = sites.same_place

    def counting(a: Entity, b: Entity) -> bool | None:
        calls[0] += 1
        return same_place(a, b)

    monkeypatch.setattr(sites, "same_place", counting)
    count = 3000
    suppliers = [{"id": f"s{i}", "name": f"Hengli Garments No. {i}", "country": "CN", "city": "Dongguan",
                  "address": f"No. {i} Industrial Road", "identifiers": {"uscc": USCC}} for i in range(count)]
    assert Registry.of([firm("a", *suppliers[::2]), firm("b", *suppliers[1::2])]).shared_entities == ()
    assert calls[0] <= count * (4 * towns.WINDOW + 2)
