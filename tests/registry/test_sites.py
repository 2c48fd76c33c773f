"""One factory disclosed by two firms, written differently, is one shared entity; a group's
plants in two towns, and similar names in one town, stay apart."""

from __future__ import annotations

import itertools
import random
import re
from collections import Counter

from benchmarks.matching import PAIRS, load, score
from generator.model import Disclosure
from generator.registry import sites
from generator.registry.registry import Registry


def firm(cid: str, *suppliers: dict) -> Disclosure:
    return Disclosure.of({
        "schema_version": "1.1", "company": {"id": cid, "name": cid.title()},
        "disclosure": {"period": {"start": "2025", "end": "2025"}, "published": "2026"},
        "suppliers": [{"relationship": "supplier", "country": "TH", **s} for s in suppliers],
    })


def test_the_labelled_set_is_large_and_holds_the_hard_cases() -> None:
    rows = load(PAIRS)
    patterns = Counter((r["pattern"], r["same"]) for r in rows)
    assert len(rows) >= 200
    for hard in ("same-group-other-town", "sister-plant-same-town", "similar-name-same-address", "city-trap",
                 "same-name-same-town-other-plot", "different-os-id"):
        assert patterns[(hard, "0")] >= 1, hard
    for variant in ("legal-form", "city-spelling", "name-spacing", "same-os-id-renamed", "no-place-one-side"):
        assert patterns[(variant, "1")] >= 1, variant


def test_precision_and_recall_on_the_labelled_set_meet_the_goal() -> None:
    precision, recall, _ = score(load(PAIRS))
    assert precision >= 0.98 and recall >= 0.9, (precision, recall)


def test_a_groups_plants_stay_apart_and_each_finds_its_counterpart() -> None:
    brand = firm("brand", {"id": "ny-phichit", "name": "Nan Yang Garment Co., Ltd.", "city": "Phichit"},
                 {"id": "ny-sampran", "name": "Nan Yang Garment Co., Ltd.", "city": "Sam Phran"})
    ngo = firm("ngo", {"id": "a", "name": "NANYANG GARMENT CO LTD", "city": "Phichit City"},
               {"id": "b", "name": "Nanyang Garment Company Limited", "address": "88/8 Moo 2, Sam Phran"})
    shared = Registry.of([brand, ngo]).shared_entities
    assert sorted(sorted(m.entity.id for m in s.mentions) for s in shared) == [["a", "ny-phichit"],
                                                                               ["b", "ny-sampran"]]
    assert len({s.slug for s in shared}) == 2


def test_a_mention_without_a_place_does_not_pick_one_of_several_plants() -> None:
    brand = firm("brand", {"id": "p1", "name": "Nan Yang Garment", "city": "Phichit"},
                 {"id": "p2", "name": "Nan Yang Garment", "city": "Mae Sot"})
    vague = firm("vague", {"id": "x", "name": "Nan Yang Garment Co., Ltd."})
    assert Registry.of([brand, vague]).shared_entities == ()
    single = firm("single", {"id": "p1", "name": "Nan Yang Garment", "city": "Phichit"})
    [shared] = Registry.of([single, vague]).shared_entities
    assert {m.entity.id for m in shared.mentions} == {"p1", "x"}


def test_different_os_ids_are_different_sites_even_with_one_name_and_town() -> None:
    a = firm("a", {"id": "x", "name": "Nan Yang Garment", "city": "Phichit", "identifiers": {"os_id": "TH1"}})
    b = firm("b", {"id": "y", "name": "Nan Yang Garment", "city": "Phichit", "identifiers": {"os_id": "TH2"}})
    c = firm("c", {"id": "z", "name": "Renamed Garment", "identifiers": {"os_id": "TH2"}})
    [shared] = Registry.of([a, b, c]).shared_entities
    assert {m.entity.id for m in shared.mentions} == {"y", "z"}


def cn(cid: str, *suppliers: dict) -> Disclosure:
    return firm(cid, *({"country": "CN", "city": "Shaoxing", **s} for s in suppliers))


def test_two_registration_numbers_are_two_firms_whatever_their_names() -> None:
    """Written alike, or one letter apart, in one town: a USCC or an LEI each decides."""
    name, slip = "Shaoxing Fengtian Distribution Co., Ltd.", "Shaoxing Fengtain Distribution Co Ltd"
    firms = [cn("a", {"id": "x", "name": name, "identifiers": {"uscc": "91330600MA2BCDEF1X"}},
                {"id": "l1", "name": "Yiwu Lanxin Trading", "identifiers": {"lei": "5493001KJTIIGC8Y1R12"}}),
             cn("b", {"id": "y", "name": name, "identifiers": {"uscc": "91330600MA2BCDEF2Y"}},
                {"id": "l2", "name": "Yiwu Lanxin Trading", "identifiers": {"lei": "5493001KJTIIGC8Y1R99"}}),
             cn("c", {"id": "w", "name": slip, "identifiers": {"uscc": "91330600MA2BCDEF3Z"}})]
    assert Registry.of(firms).shared_entities == ()


def test_a_mention_without_a_number_never_makes_two_numbered_firms_one() -> None:
    numbered = [cn(f"f{n}", {"id": f"e{n}", "name": "Shaoxing Fengtian Distribution Co., Ltd.",
                            "identifiers": {"uscc": f"91330600MA2BCDEF{n}X"}}) for n in range(3)]
    plain = cn("plain", {"id": "p", "name": "SHAOXING FENGTIAN DISTRIBUTION CO LTD"})
    for firms in (numbered + [plain], [plain, *numbered]):
        for shared in Registry.of(firms).shared_entities:
            assert len(shared.identifiers.get("uscc", [])) <= 1, shared.identifiers
            assert "p" not in {m.entity.id for m in shared.mentions}   # it could be any of three
    for firms in ([numbered[0], plain], [plain, numbered[0]]):   # the only firm it could be
        [shared] = Registry.of(firms).shared_entities
        assert {m.entity.id for m in shared.mentions} == {"e0", "p"}


def test_mentions_without_a_number_each_join_the_one_numbered_firm_they_could_be() -> None:
    """Several firms name it without its number; and one without a place joins once the others have."""
    name = "Nan Yang Garment"
    numbered = firm("c", {"id": "n", "name": name, "city": "Phichit", "identifiers": {"duns": "111111111"}})
    plain = [firm("a", {"id": "p1", "name": name, "city": "Phichit"}),
             firm("b", {"id": "p2", "name": "NAN YANG GARMENT CO LTD", "city": "Phichit City"})]
    [shared] = Registry.of([*plain, numbered]).shared_entities
    assert {m.entity.id for m in shared.mentions} == {"n", "p1", "p2"}
    nowhere = firm("d", {"id": "z", "name": name})
    [shared] = Registry.of([numbered, plain[0], nowhere]).shared_entities
    assert {m.entity.id for m in shared.mentions} == {"n", "p1", "z"}


def _numbered(*rows: tuple[str, dict]) -> list[list[list[str]]]:
    """The groups of firms naming one site with these numbers, for every order of the firms."""
    found = []
    for order in itertools.permutations(rows):
        firms = [firm(f"f{n}", {"id": eid, "name": "Nan Yang Garment", "city": "Phichit", "identifiers": ids})
                 for n, (eid, ids) in enumerate(order)]
        found.append(sorted(sorted(m.entity.id for m in s.mentions) for s in Registry.of(firms).shared_entities))
    return found


def test_numbers_of_other_schemes_join_only_what_they_could_alone_be_in_any_order() -> None:
    """A DUNS and a USCC may name one factory; a USCC that could be either of two DUNS is neither."""
    duns, other_duns, uscc, other_uscc = {"duns": "111111111"}, {"duns": "222222222"}, \
        {"uscc": "91330600MA2BCDEF1X"}, {"uscc": "91330600MA2BCDEF2Y"}
    assert _numbered(("a", duns), ("b", uscc)) == [[["a", "b"]]] * 2
    assert _numbered(("a", duns), ("b", uscc), ("c", other_duns)) == [[]] * 6
    assert _numbered(("n", {**uscc, **duns}), ("x", other_uscc), ("y", other_duns)) == [[["x", "y"]]] * 6
    # each USCC could be either DUNS, and each DUNS either USCC
    assert _numbered(("d1", duns), ("d2", other_duns), ("u1", uscc), ("u2", other_uscc)) == [[]] * 24
    # once the DUNS and the USCC are one firm, a mention without a number could be that one alone
    assert _numbered(("d", duns), ("u", uscc), ("p", {})) == [[["d", "p", "u"]]] * 6


def test_one_registration_number_joins_names_written_apart() -> None:
    a = cn("a", {"id": "x", "name": "Shaoxing Fengtian Distribution Co., Ltd.",
                 "identifiers": {"uscc": "91330600MA2BCDEF1X"}})
    b = cn("b", {"id": "y", "name": "绍兴丰天分销有限公司", "identifiers": {"uscc": "91330600MA2BCDEF1X"}})
    [shared] = Registry.of([a, b]).shared_entities
    assert {m.entity.id for m in shared.mentions} == {"x", "y"}


def _keys(*names: str) -> sites.NameKeys:
    return tuple((n, frozenset(re.findall(r"\d+", n))) for n in names)


def test_close_spellings_finds_exactly_the_pairs_close_names_finds() -> None:
    """The block-at-a-time scoring against the pair-by-pair rule, on slips, numbers, other first letters
    and several names to a spelling, with blocks smaller than the list so that block edges are crossed."""
    rng = random.Random(7)
    stems = ["nanyanggarment", "mauritiuslace", "kashgarhongxintextile", "shijiedistribution", "xinjiangcotton"]
    spellings = []
    for _ in range(120):
        stem = rng.choice(stems)
        slip = rng.randrange(len(stem))
        name = rng.choice([stem, stem[:slip] + stem[slip + 1:], stem + rng.choice(["", "2", "no3"]),
                           "z" + stem[1:], stem[:slip] + "q" + stem[slip:]])
        spellings.append(_keys(*([name] if rng.random() < 0.7 else [name, rng.choice(stems)])))
    spellings = sorted(set(spellings))
    # through two names that differ: spellings that share a name are compared as such (`towns.Town.join`)
    expected = {(x, y) for x in range(len(spellings)) for y in range(x + 1, len(spellings))
                if any(a[0] != b[0] and sites.close_names((a,), (b,)) for a in spellings[x] for b in spellings[y])}
    old, sites.ROWS = sites.ROWS, 16
    try:
        found = sites.close_spellings(spellings)
        at_most = sites.close_spellings(spellings, len(expected)), sites.close_spellings(spellings, len(expected) - 1)
    finally:
        sites.ROWS = old
    assert found is not None and len(found) == len(set(found)) and set(found) == expected
    assert at_most == (found, None)   # more than `most`: none
    assert 50 < len(expected) < len(spellings) ** 2 / 2  # many close pairs, and many that are not
