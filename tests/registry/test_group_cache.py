"""The grouping kept between builds: after a company is added, changed or deleted, grouping with
what the last build knew gives exactly the groups of a cold grouping, and an entry that is broken
or of another code version is not trusted."""

from __future__ import annotations

import hashlib
import json
import random
from pathlib import Path

import pytest

from benchmarks.matching import _entity, load
from benchmarks.synthetic import _entity as synthetic_entity
from benchmarks.synthetic import make_disclosure
from generator.check.cache import JsonStore, code_version
from generator.model import Disclosure, Entity
from generator.registry import group_cache
from generator.registry.registry import Registry
from tests.cache_entries import entries, rewrite
from tests.registry.test_group_cache_property import _cached as cached_groups
from tests.registry.test_group_cache_property import _cold as cold_groups


def _firm(cid: str, entities: list[dict], name: str | None = None) -> Disclosure:
    return Disclosure.of({"schema_version": "1.1", "company": {"id": cid, "name": name or cid},
                          "disclosure": {"period": {"start": "2025", "end": "2025"}, "published": "2026"},
                          "suppliers": entities})


def _labelled() -> list[Disclosure]:
    """The labelled pairs' hard cases, dealt to a few firms so that they meet in one registry."""
    sides: dict[str, list[dict]] = {}
    for k, row in enumerate(load()):
        for side, firms in (("a", 7), ("b", 5)):
            entity = {**_entity(row, side), "id": f"site-{k}"}
            sides.setdefault(f"{side}{k % firms}", []).append(entity)
    return [_firm(cid, entities) for cid, entities in sorted(sides.items())]


def _synthetic(companies: int, entities: int, seed: int) -> list[Disclosure]:
    rng = random.Random(seed)
    pool = [synthetic_entity(rng, n) for n in range(60)]
    return [Disclosure.of(make_disclosure(rng, n, pool, entities)) for n in range(companies)]


@pytest.fixture(scope="module")
def companies() -> list[Disclosure]:
    return [*_labelled(), *_synthetic(30, 25, seed=3)]


def _groups(registry: Registry) -> list[tuple[str, str, tuple[tuple[str, str], ...]]]:
    return [(s.slug, s.name, tuple((m.company.id, m.entity.id) for m in s.mentions))
            for s in registry.shared_entities]


def _cold(companies: list[Disclosure]) -> list[tuple[str, str, tuple[tuple[str, str], ...]]]:
    return _groups(Registry.of(companies))


def _cached(companies: list[Disclosure], folder: Path) -> list[tuple[str, str, tuple[tuple[str, str], ...]]]:
    return _groups(_cached_registry(companies, folder))


def _entry(folder: Path) -> dict:
    """The one entry the folder holds (packed with the other caches' entries), read."""
    [found] = entries(folder).values()
    return json.loads(found)


def _put(folder: Path, blob: bytes) -> None:
    """The one entry the folder holds, written over with `blob`."""
    rewrite(folder, lambda _: blob)


def _changed(company: Disclosure) -> Disclosure:
    """Its first supplier renamed by one letter, its second dropped, one supplier added in a town of others."""
    entities = [{"id": e.id, "name": e.name, "country": e.country, "relationship": "supplier",
                 **({"city": e.city} if e.city else {}), **({"address": e.address} if e.address else {})}
                for e in company.entities]
    entities[0]["name"] = entities[0]["name"].replace("a", "e", 1)
    del entities[1]
    entities.append({"id": "new-one", "name": "Nanyang Garment Co., Ltd.", "country": "TH", "city": "Phichit",
                     "relationship": "supplier"})
    return _firm(company.id, entities)


def _raw(e: Entity) -> dict:
    """All the grouping reads of an entity, written as a disclosure gives it."""
    optional = {"local_name": e.local_name, "aliases": list(e.aliases), "subdivision": e.subdivision, "city": e.city,
                "address": e.address, "identifiers": dict(e.identifiers),
                "coordinates": {"lat": e.coordinates[0], "lon": e.coordinates[1]} if e.coordinates else None}
    return {"id": e.id, "name": e.name, "country": e.country, "relationship": "supplier",
            **{k: v for k, v in optional.items() if v}}


def _renamed(company: Disclosure, firm: str | None = None) -> Disclosure:
    """Its first supplier renamed as its second is (so they meet), and the firm renamed when `firm` is
    given: as many entities as before, the others written as they were."""
    entities = [_raw(e) for e in company.entities]
    entities[0]["name"] = entities[1]["name"]
    return _firm(company.id, entities, firm or company.name)


def test_grouping_with_the_last_build_equals_a_cold_grouping_after_add_change_delete(
        tmp_path: Path, companies: list[Disclosure]) -> None:
    first, rest = companies[:-3], companies[-3:]
    assert _cached(first, tmp_path) == _cold(first)
    assert len(_cold(first)) > 20
    steps = [
        [*first, rest[0]],                                            # a company added
        [*first[:3], _renamed(first[3]), *first[4:], rest[0]],        # one entity of one changed in place
        [*first[:3], _renamed(first[3], "AAA first"), *first[4:], rest[0]],   # and the firm sorted first
        [*first[:3], _renamed(first[3]), *first[4:], rest[0]],        # and back
        [*first[:3], _changed(first[3]), *first[4:], rest[0]],        # one changed
        [*first[:3], _changed(first[3]), *first[5:], rest[0]],        # one deleted
        [_changed(c) for c in first[:10]] + first[10:],               # many changed at once
        first,                                                        # back to the start
    ]
    for step in steps:
        before = _entry(tmp_path)   # one entry: the last build's, none older
        assert before["groups"] and before["towns"], "the last build's groups are kept"
        assert _cached(step, tmp_path) == _cold(step)


def test_a_rebuild_groups_again_only_the_parts_a_changed_company_touches(
        tmp_path: Path, companies: list[Disclosure]) -> None:
    """The other parts' groups are taken from the entry as they were, even those of the changed company's
    entities that read as before: a wrong name planted in one shows through, which it would not if that
    part were grouped again."""
    _cached(companies, tmp_path)
    entry = _entry(tmp_path)
    changed = companies[-1]
    number = next(k for k, row in enumerate(entry["companies"]) if row and row[0] == changed.id)
    step = [*companies[:-1], _renamed(changed)]
    touched = {entry["parts"][number][0]} | group_cache._touched(entry, [step[-1].entities[0]])
    far = next(row for row in entry["groups"] if row[0] in set(entry["parts"][number]) - touched)
    far[2] = "Planted"
    _put(tmp_path, json.dumps(entry).encode())
    names = {s.name for s in _cached_registry(step, tmp_path).shared_entities}
    assert "Planted" in names


def _cached_registry(companies: list[Disclosure], folder: Path) -> Registry:
    registry = Registry.of(companies)
    # a file's digest stands for its content: here the content's own
    group_cache.grouped(registry, folder, {c.id: hashlib.sha256(repr(c).encode()).hexdigest() for c in companies})
    return registry


def _valid(folder: Path) -> dict:
    entry = _entry(folder)
    assert group_cache._checked(entry) is entry
    return entry


@pytest.mark.parametrize("broken", [
    b"", b"{", b"[]", b'{"groups": []}',
    b'{"companies": [], "parts": [], "nodes": {}, "towns": {}, "groups": [], "next": -1}',
    b'{"companies": [["a", "d"]], "parts": [[0, 0]], "nodes": {}, "towns": {}, "groups": [], "next": 1, "x": 0}',
])
def test_a_broken_entry_is_a_miss(tmp_path: Path, companies: list[Disclosure], broken: bytes) -> None:
    _cached(companies, tmp_path)
    _put(tmp_path, broken)
    if broken.startswith(b"{") and broken.endswith(b"}") and b"x" not in broken:
        assert group_cache._checked(json.loads(broken)) is None
    assert _cached(companies, tmp_path) == _cold(companies)
    _valid(tmp_path)


@pytest.mark.parametrize("spoil", [
    lambda e: e["groups"][0][4].__setitem__(1, 10_000),           # a member past its company's entities
    lambda e: e["groups"][0][4].__setitem__(1, -1),               # or before them
    lambda e: e["groups"][0][4].__setitem__(0, 1.5),              # not a number
    lambda e: e["groups"][0].__setitem__(0, e["next"] + 7),       # members not of the group's part
    lambda e: e["groups"][0].__setitem__(2, 7),                   # a name that is not text
    lambda e: e["parts"].__setitem__(0, ["x"]),
    lambda e: e["companies"].__setitem__(0, None),                # a company without its parts
    lambda e: e["nodes"].__setitem__("n\0CN\0x", e["next"]),
    lambda e: e["towns"].__setitem__("CN\0urumqi", [[""]]),
])
def test_an_entry_spoilt_in_one_place_is_a_miss(tmp_path: Path, companies: list[Disclosure], spoil) -> None:
    registry = _cached_registry(companies, tmp_path)
    expected = _groups(registry)
    entry = _valid(tmp_path)
    spoil(entry)
    assert group_cache._checked(entry) is None
    _put(tmp_path, json.dumps(entry).encode())
    assert _groups(_cached_registry([*companies[:-1], _changed(companies[-1])], tmp_path)) == \
        _cold([*companies[:-1], _changed(companies[-1])])
    assert _groups(_cached_registry(companies, tmp_path)) == expected == _cold(companies)


def test_an_entry_of_another_code_version_is_not_read_and_is_pruned(tmp_path: Path,
                                                                    companies: list[Disclosure]) -> None:
    name = companies[0].entities[0].name
    foreign = JsonStore.open(tmp_path, f"grouping\0{'0' * 64}")
    assert foreign is not None and code_version() != "0" * 64
    # well formed, and wrong: every name one key, every town's spellings all close
    foreign.put("grouping", {"companies": [], "parts": [], "nodes": {}, "towns": {}, "groups": [], "next": 0})
    assert _cached(companies, tmp_path) == _cold(companies)
    assert _valid(tmp_path)["groups"], name


def test_a_spelling_back_in_its_town_finds_the_close_spelling_it_joins(tmp_path: Path) -> None:
    """A town keeps the spellings it had; one that comes back after its mention moved away is close to a
    spelling there as a new one is (it was taken for known, and its close spelling's part left alone)."""
    def supplier(name: str, city: str) -> tuple[str, ...]:
        return name, "TH", city, "", "", ""

    firms = {"firm-000": ("Firm 0", [supplier("Nanyang Garmemt", "Bangkok")]),
             "firm-001": ("Firm 1", [supplier("Nanyang Garment", "Bangkok")])}
    assert [g[3] for g in cached_groups(firms, tmp_path)] == [(("firm-000", "s0"), ("firm-001", "s0"))]
    firms["firm-001"] = ("Firm 1", [supplier("Nanyang Garment", "Phichit")])
    assert cached_groups(firms, tmp_path) == cold_groups(firms) == []
    firms["firm-003"] = ("Firm 3", [supplier("Nanyang Garment", "Bangkok")])
    assert cached_groups(firms, tmp_path) == cold_groups(firms) != []
