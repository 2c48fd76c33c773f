"""The grouping kept between builds: after a company is added, changed or deleted, grouping with
what the last build knew gives exactly the groups of a cold grouping, and an entry that is broken
or of another code version is not trusted."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from benchmarks.matching import _entity, load
from benchmarks.synthetic import _entity as synthetic_entity
from benchmarks.synthetic import make_disclosure
from generator.check.cache import JsonStore, code_version
from generator.model import Disclosure
from generator.registry import group_cache
from generator.registry.grouping import Known
from generator.registry.registry import Registry
from tests.cache_entries import entries, rewrite


def _firm(cid: str, entities: list[dict]) -> Disclosure:
    return Disclosure.of({"schema_version": "1.1", "company": {"id": cid, "name": cid},
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
    registry = Registry.of(companies)
    group_cache.grouped(registry, folder)
    return _groups(registry)


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


def test_grouping_with_the_last_build_equals_a_cold_grouping_after_add_change_delete(
        tmp_path: Path, companies: list[Disclosure]) -> None:
    first, rest = companies[:-3], companies[-3:]
    assert _cached(first, tmp_path) == _cold(first)
    assert len(_cold(first)) > 20
    steps = [
        [*first, rest[0]],                                            # a company added
        [*first[:3], _changed(first[3]), *first[4:], rest[0]],        # one changed
        [*first[:3], _changed(first[3]), *first[5:], rest[0]],        # one deleted
        [_changed(c) for c in first[:10]] + first[10:],               # many changed at once
        first,                                                        # back to the start
    ]
    for step in steps:
        before = _entry(tmp_path)   # one entry: the last build's, none older
        assert before["keys"] and before["towns"], "the last build's knowledge is kept"
        assert _cached(step, tmp_path) == _cold(step)


def test_what_a_build_keeps_is_what_it_used(tmp_path: Path, companies: list[Disclosure]) -> None:
    _cached(companies, tmp_path)
    kept = group_cache.known(_entry(tmp_path))
    names = {n for c in companies for e in c.entities for n in (e.name, e.local_name, *e.aliases) if n}
    assert set(kept.keys) == names
    again = Known(kept.keys, kept.towns)
    Registry.of(companies).group(again)
    assert (again.used_keys, again.used_towns) == (kept.keys, kept.towns)


@pytest.mark.parametrize("broken", [
    b"", b"{", b"[]", b'{"keys": {}, "towns": {}}', b'{"keys": {"x": 1}, "towns": []}',
    b'{"keys": {}, "towns": [["CN", "urumqi", [["a"], ["b"]], [[1, 0]]]]}',
    b'{"keys": {}, "towns": [["CN", "urumqi", [["a"], ["b"]], [[0, 2]]]]}',
    b'{"keys": {}, "towns": [["CN", "urumqi", [["a"], [""]], []]]}',
    b'{"keys": {}, "towns": [["CN", "urumqi", [["a"], 7], []]]}',
    b'{"keys": {}, "towns": [["CN", "urumqi", [], [], "more"]]}',
    b'{"keys": {}, "towns": [["CN", "urumqi", [["a"], ["b"]], [[0, true]]]]}',
])
def test_a_broken_entry_is_a_miss(tmp_path: Path, companies: list[Disclosure], broken: bytes) -> None:
    _cached(companies, tmp_path)
    _put(tmp_path, broken)
    if broken.startswith(b"{") and broken.endswith(b"}"):
        assert group_cache.known(json.loads(broken)) == Known()
    assert _cached(companies, tmp_path) == _cold(companies)
    assert group_cache.known(_entry(tmp_path)).keys


def test_an_entry_of_another_code_version_is_not_read_and_is_pruned(tmp_path: Path,
                                                                    companies: list[Disclosure]) -> None:
    name = companies[0].entities[0].name
    foreign = JsonStore.open(tmp_path, f"grouping\0{'0' * 64}")
    assert foreign is not None and code_version() != "0" * 64
    # well formed, and wrong: every name one key, every town's spellings all close
    foreign.put("grouping", {"keys": {name: "same"}, "towns": []})
    assert _cached(companies, tmp_path) == _cold(companies)
    entry = _entry(tmp_path)
    assert entry["keys"][name] != "same"
