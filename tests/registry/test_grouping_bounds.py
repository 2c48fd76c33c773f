"""The grouping's work grows with the mentions, not their square, where a name is written many times in one
town: a supplier of thousands of firms, each writing its address its own way, or a stranger's files of tens of
thousands of suppliers under one name. Counted in comparisons made, not seconds."""

from __future__ import annotations

import random
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rapidfuzz import process

from generator.registry import across, sites, towns
from generator.registry.registry import Registry
from tests.registry.test_group_cache_property import _cached, _cold, _edit, firms
from tests.registry.test_sites import firm

NAME = "Dongguan Hengli Precision Electronics Co., Ltd."


def _split(suppliers: list[dict], files: int = 2) -> list:
    return [firm(f"firm-{k}", *suppliers[k::files]) for k in range(files)]


def _counted(monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> list[int]:
    calls = [0]
    real: Callable[..., Any] = getattr(module, name)

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, counting)
    return calls


def test_a_name_at_thousands_of_addresses_in_one_town_compares_each_with_a_few(monkeypatch: pytest.MonkeyPatch) -> None:
    count = 3000
    calls = _counted(monkeypatch, sites, "same_place")
    suppliers = [{"id": f"s{i}", "name": NAME, "country": "CN", "city": "Dongguan",
                  "address": f"No. {i} Industrial Road, Tangxia"} for i in range(count)]
    assert Registry.of(_split(suppliers)).shared_entities == ()   # each its own plot
    assert calls[0] <= count * (towns.WINDOW + 1)   # all pairs: 4.5 million


def test_past_the_few_the_same_address_written_another_way_still_joins() -> None:
    """Case, punctuation, the order of words and a unit number apart: neighbours in an order the places are
    compared in."""
    streets = ["Industrial Road", "Xinhua Street", "Tangxia Avenue", "Huangjiang Lu"]
    rng = random.Random(7)
    plots = [(i, rng.choice(streets)) for i in range(400)]
    brand = firm("brand", *({"id": f"b{i}", "name": NAME, "country": "CN", "city": "Dongguan",
                             "address": f"No. {i} {street}, Dongguan"} for i, street in plots))
    # a unit number besides, on every other one: its number sorts first, far from the plot's
    ngo = firm("ngo", *({"id": f"n{i}", "name": NAME.upper(), "country": "CN", "city": "DONGGUAN",
                         "address": f"{f'UNIT {1000 + i}, ' if i % 2 else ''}DONGGUAN {street.upper()} NO {i}"}
                        for i, street in plots))
    places = 2 * len(plots)
    assert places * (places - 1) // 2 > towns.ALL_PAIRS   # past the few compared all with all
    shared = Registry.of([brand, ngo]).shared_entities
    assert sorted(sorted(m.entity.id for m in s.mentions) for s in shared) == sorted(
        [f"b{i}", f"n{i}"] for i, _ in plots)


def test_close_spellings_never_scores_names_with_other_numbers(monkeypatch: pytest.MonkeyPatch) -> None:
    """"Garments No. 1" to "No. 3000": never one site (`close_names`), so never scored against each other."""
    cells = [0]
    cdist = process.cdist

    def counting(queries: list[str], choices: list[str], **kwargs: Any) -> Any:
        cells[0] += len(queries) * len(choices)
        return cdist(queries, choices, **kwargs)

    monkeypatch.setattr(sites.process, "cdist", counting)
    spellings = [sites.keys_of((f"hengligarmentsno{i}",)) for i in range(3000)]
    spellings.append(sites.keys_of(("henglygarmentsno7",)))   # a slip
    assert list(sites.close_spellings(spellings)) == [(7, 3000)]
    assert cells[0] <= 10 * len(spellings)   # every name against every other: 4.5 million


def _brute(members: list[int], city: list[str]) -> Iterator[tuple[int, int]]:
    for x, i in enumerate(members):
        for j in members[x + 1:]:
            if not (city[i] and city[i] == city[j]):
                yield i, j


@pytest.mark.parametrize("seed", range(20))
def test_pairs_across_towns_are_every_pair_not_of_one_city_in_order(seed: int) -> None:
    rng = random.Random(seed)
    city = [rng.choice(["", "", "dongguan", "shenzhen", "huizhou"]) for _ in range(60)]
    members = sorted(rng.sample(range(60), rng.randint(0, 60)))
    assert list(across._across_towns(members, city)) == list(_brute(members, city))


def test_mentions_without_place_or_number_of_a_common_name_are_not_compared_in_pairs(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Each could be any of the others, so none joins: 1,500 of them beside 1,500 in one town were
    2.2 million pairs, each a verdict kept to the end."""
    calls = _counted(monkeypatch, sites, "same_place")
    vague = [{"id": f"v{i}", "name": NAME, "country": "CN"} for i in range(1500)]
    town = [{"id": f"t{i}", "name": NAME, "country": "CN", "city": "Dongguan"} for i in range(1500)]
    [shared] = Registry.of(_split(vague + town)).shared_entities
    assert {m.entity.id for m in shared.mentions} == {f"t{i}" for i in range(1500)}
    assert calls[0] <= 3000   # linear: each mention once at most


# Mostly vague: a crowd of them, beside a mention in a town and one whose address names none.
crowd_entities = st.tuples(st.sampled_from(("Nanyang Garment", "NAN YANG GARMENT", "Hongming Textile")), st.just("TH"),
                           st.sampled_from(("", "", "Phichit", "Bangkok")),
                           st.sampled_from(("", "", "", "12 Moo 3, Tha Luang")), st.sampled_from(("", "", "111111111")),
                           st.just(""))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(firms, st.lists(crowd_entities, min_size=1, max_size=4)), min_size=2, max_size=8))
def test_leaving_out_the_pairs_of_a_crowd_gives_the_groups_of_comparing_them_all(rows: list) -> None:
    found = {f"firm-{k}": (f"Firm {k}", r) for k, r in enumerate(rows)}
    crowded = _cold(found)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(across, "CROWD", 10**9)
        patch.setattr(across, "PAIRS_EACH", 10**9)   # every pair, not a common name's places
        assert _cold(found) == crowded


def test_a_name_in_thousands_of_addresses_without_a_town_is_compared_by_place(monkeypatch: pytest.MonkeyPatch) -> None:
    """One firm gives each plot its city, another only the address: each pair across them was compared
    (2.2 million at 1,500 plots); now their places, each with its neighbours."""
    calls = _counted(monkeypatch, sites, "same_place")
    brand = firm("brand", *({"id": f"b{i}", "name": NAME, "country": "CN", "city": "Dongguan",
                             "address": f"No. {i} Industrial Road"} for i in range(1500)))
    ngo = firm("ngo", *({"id": f"n{i}", "name": NAME, "country": "CN",
                         "address": f"NO {i} INDUSTRIAL ROAD, DONGGUAN"} for i in range(1500)))
    shared = Registry.of([brand, ngo]).shared_entities
    assert sorted(sorted(m.entity.id for m in s.mentions) for s in shared) == sorted(
        [f"b{i}", f"n{i}"] for i in range(1500))
    assert calls[0] <= 3000 * 4 * towns.WINDOW


NANYANG = "Nanyang Garment Co., Ltd."
# A VN plant (DUNS 222) could be the USCC-only mention at "99 Rama IV Road" until that mention joined the one
# with DUNS 111: compared in that order, the stale choice kept the TH mention without a number out of the group
# it alone fits; compared the other way round (by place, or the firms listed otherwise) it joined.
STALE_CHOICE = [[(NANYANG, "TH", "Phichit", "", "", ""),
                 (NANYANG, "TH", "Phichit", "12 Moo 3, Tha Luang", "", "91330600MA2BCDEF2Y"),
                 (NANYANG, "VN", "Phichit", "99 Rama IV Road", "222222222", "")],
                [(NANYANG, "TH", "Phichit", "", "", ""),
                 (NANYANG, "VN", "", "99 Rama IV Road", "", "91330600MA2BCDEF2Y")],
                [(NANYANG, "TH", "Phichit", "", "111111111", ""),
                 (NANYANG, "VN", "", "99 Rama IV Road", "111111111", "91330600MA2BCDEF2Y")]]


# One USCC beside DUNS 222 and beside DUNS 111, at places that agree: the mentions with that USCC alone joined
# whichever DUNS group was met first, one way comparing every pair and the other comparing by place.
ONE_USCC_TWO_DUNS = [[(NANYANG, "TH", "Phichit", "", "", "")],
                     [(NANYANG, "TH", "Phichit", "12 Moo 3, Tha Luang", "222222222", ""),
                      (NANYANG, "TH", "Phichit", "99 Rama IV Road", "", "91330600MA2BCDEF1X"),
                      (NANYANG, "TH", "", "12 Moo 3, Tha Luang", "", "91330600MA2BCDEF1X")],
                     [(NANYANG, "TH", "Phichit", "", "222222222", "91330600MA2BCDEF1X"),
                      (NANYANG, "TH", "", "12 Moo 3, Tha Luang", "111111111", "91330600MA2BCDEF1X")]]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(firms, st.lists(crowd_entities, min_size=1, max_size=4)), min_size=2, max_size=8))
@example(STALE_CHOICE)
@example(ONE_USCC_TWO_DUNS)
def test_a_name_compared_by_place_never_joins_what_comparing_every_pair_keeps_apart(rows: list) -> None:
    found = {f"firm-{k}": (f"Firm {k}", r) for k, r in enumerate(rows)}
    exact = {frozenset(members) for *_, members in _cold(found)}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(across, "PAIRS_EACH", -1)   # every name too common to compare in pairs
        by_place = [frozenset(members) for *_, members in _cold(found)]
    assert all(any(group <= whole for whole in exact) for group in by_place)


@pytest.mark.parametrize("order", [(0, 1, 2), (1, 0, 2), (2, 1, 0)])
def test_comparing_every_pair_groups_alike_whichever_order_the_firms_come_in(order: tuple[int, ...]) -> None:
    """The mention without a number joins the one site it fits however the firms are listed: it stayed out when
    the VN plant was compared before the USCC-only mention joined DUNS 111."""
    found = {f"firm-{k}": (f"Firm {k}", STALE_CHOICE[n]) for k, n in enumerate(order)}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(across, "PAIRS_EACH", 10**9)
        assert sorted(len(members) for *_, members in _cold(found)) == [6]


def _close_names(count: int) -> list[str]:
    """`count` names each one to three letters from every other: all pairs of them close."""
    return [f"Dongguan Heng{chr(97 + i % 26)}i Precisi{chr(97 + i // 26 % 26)}n Electronics "
            f"Manufactu{chr(97 + i // 676 % 26)}ing Company" for i in range(count)]


def test_a_town_of_names_each_a_letter_from_the_others_compares_them_only_as_written(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """800 such names are 320,000 close pairs, each held and compared (4,000 took 61 s and 2.3 GB): a town
    with more than `sites.MOST_CLOSE` joins only the names written alike."""
    calls = _counted(monkeypatch, sites, "close_names")
    names = _close_names(800)
    suppliers = [{"id": f"s{i}", "name": name, "country": "CN", "city": "Dongguan"} for i, name in enumerate(names)]
    shared = Registry.of([firm("a", *suppliers), firm("b", *suppliers)]).shared_entities
    assert sorted(len(s.mentions) for s in shared) == [2] * 800
    assert calls[0] == 0
    assert sites.close_spellings([sites.keys_of((sites.compact(n.lower()),)) for n in names[:100]]) is not None


# Spellings a letter apart: the three Nanyang ones in one town are two close pairs, crowded past one.
slips = st.tuples(st.sampled_from(("Nanyang Garment", "Nanyang Garmemt", "Nanyang Garnent", "Hongming Textile",
                                   "Hongming Textlle")), st.just("TH"), st.sampled_from(("Phichit", "Bangkok", "")),
                  st.sampled_from(("", "12 Moo 3, Tha Luang")), st.just(""), st.just(""))
slip_firms = st.lists(slips, min_size=1, max_size=3)
slip_edits = st.one_of(st.tuples(st.just("entity"), st.integers(0, 99), st.integers(0, 3), slips),
                       st.tuples(st.just("add"), slip_firms), st.tuples(st.just("delete"), st.integers(0, 99)))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(start=st.lists(slip_firms, min_size=2, max_size=6), steps=st.lists(slip_edits, min_size=1, max_size=6))
def test_a_crowded_town_grouped_with_the_last_build_equals_a_cold_grouping(start: list, steps: list) -> None:
    """Every town with a close pair crowded: a build where a town turns crowded or stops being so groups as a
    cold one does."""
    found = {f"firm-{n:03d}": (f"Firm {n}", rows) for n, rows in enumerate(start)}
    with pytest.MonkeyPatch.context() as patch, tempfile.TemporaryDirectory() as folder:
        patch.setattr(sites, "MOST_CLOSE", 1)
        assert _cached(found, Path(folder)) == _cold(found)
        for made, edit in enumerate(steps, start=len(start)):
            _edit(found, edit, made)
            assert _cached(found, Path(folder)) == _cold(found)


def test_an_entity_is_compared_by_its_first_aliases_only() -> None:
    """A file may give each of thousands of suppliers the same 1,000 aliases (a YAML anchor): each one a name
    to pair every supplier by (100 suppliers took 25 s, 200 took 95 s). The first ten still join."""
    aliases = [f"Hengli Trading No. {i} Co" for i in range(1000)]   # other numbers: never a slip of another
    brand = firm("brand", {"id": "a", "name": NAME, "country": "CN", "city": "Dongguan", "aliases": aliases})
    ngo = firm("ngo", {"id": "b", "name": aliases[9], "country": "CN", "city": "Dongguan"})
    late = firm("late", {"id": "c", "name": aliases[10], "country": "CN", "city": "Dongguan"})
    [shared] = Registry.of([brand, ngo, late]).shared_entities
    assert {m.entity.id for m in shared.mentions} == {"a", "b"}
    assert len(sites.name_keys(brand.entities[0])) == 1 + sites.ALIASES_READ


def test_a_site_that_hundreds_of_firms_give_each_its_own_alias_is_one_entity_and_its_town_stays_open() -> None:
    """800 spellings sharing a name were 320,000 close pairs: the town was crowded, and neither the site nor a
    slip elsewhere in it joined. Spellings that share a name are compared as one cluster, not in pairs."""
    suppliers = [{"id": f"s{i}", "name": "Nanyang Garment", "country": "TH", "city": "Phichit",
                  "aliases": [f"Nanyang Trade Name {i}"]} for i in range(800)]
    slip = [{"id": "h1", "name": "Hongming Textile", "country": "TH", "city": "Phichit"}]
    other = [{"id": "h2", "name": "Hongmimg Textile", "country": "TH", "city": "Phichit"}]
    shared = Registry.of([firm("a", *suppliers[::2], *slip), firm("b", *suppliers[1::2], *other)]).shared_entities
    assert sorted(len(s.mentions) for s in shared) == [2, 800]


def test_close_spellings_each_at_many_addresses_compare_their_places_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """100 spellings a letter apart, each at 40 addresses: 4,950 pairs of spellings of 1,600 pairs of places
    each (8 million comparisons, each verdict kept); now the 4,000 places of the cluster, each with its nearest."""
    calls = _counted(monkeypatch, sites, "same_place")
    names = _close_names(100)
    suppliers = [{"id": f"s{i}", "name": names[i % 100], "country": "CN", "city": "Dongguan",
                  "address": f"No. {i} Industrial Road"} for i in range(4000)]
    assert Registry.of(_split(suppliers)).shared_entities == ()
    assert calls[0] <= 4000 * 4 * towns.WINDOW
