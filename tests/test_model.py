"""The typed view of a disclosure: entities made by setting their slots equal those made by the constructor."""

from __future__ import annotations

import copy
import pickle
from dataclasses import fields, replace
from pathlib import Path

from generator.load.loader import load_file
from generator.model import ENTITY_LISTS, Disclosure, Entity, Source, entity_rows

CASES = Path(__file__).parent / "cases" / "valid"


def _entities() -> list[tuple[str, dict]]:
    found = []
    for case in sorted(CASES.glob("*.yaml")):
        data = load_file(case).data
        found += [(name, raw) for name in ENTITY_LISTS for raw in data.get(name, ())]
    return found


def test_an_entity_equals_the_one_its_constructor_makes() -> None:
    raws = _entities()
    assert len(raws) >= 5 and any(raw.get("identifiers") for _, raw in raws)
    for name, raw in raws:
        made = Entity.of(name, raw)
        built = Entity(**{f.name: getattr(made, f.name) for f in fields(Entity)})
        assert made == built and repr(made) == repr(built)
        assert made.list == name and made.id == raw["id"] and made.name == raw["name"]
        assert pickle.loads(pickle.dumps(made)) == made and copy.copy(made) == made
        assert replace(made, city="Elsewhere").city == "Elsewhere"


def test_every_field_is_set_even_when_the_entity_has_few_keys() -> None:
    made = Entity.of("suppliers", {"id": "a", "name": "A", "country": "CN"})
    assert made == Entity("suppliers", "a", "A", "CN", "supplier")
    assert all(hasattr(made, f.name) for f in fields(Entity))


def test_a_disclosure_holds_every_listed_entity_in_order() -> None:
    data = load_file(CASES / "full-example.yaml").data
    disclosure = Disclosure.of(data)
    assert [e.id for e in disclosure.entities] == [r["id"] for n in ENTITY_LISTS for r in data.get(n, ())]


def test_each_key_of_an_entity_goes_to_its_own_field() -> None:
    """Every field given a value of its own: none lands in another's place."""
    texts = ["local_name", "subdivision", "city", "address", "since", "until", "parent", "notes", "tier", "kind",
             "end_use"]
    raw = {**{key: f"the {key}" for key in ("id", "name", "country", "relationship", "status", *texts)},
           "aliases": ["an alias"], "identifiers": {"lei": "5493001KJTIIGC8Y1R12"},
           "coordinates": {"lat": 43.8, "lon": 87.6}, "sources": [{"title": "a source", "url": "https://a.example"}],
           "products": ["a product"], "workers": "100-150", "services": ["a service"]}
    made = Entity.of("suppliers", raw)
    expected = {**{key: f"the {key}" for key in ("id", "name", "country", "relationship", "status", *texts)},
                "aliases": ("an alias",), "identifiers": {"lei": "5493001KJTIIGC8Y1R12"}, "coordinates": (43.8, 87.6),
                "sources": (Source("a source", "https://a.example"),), "products": ("a product",),
                "workers": "100-150", "services": ("a service",)}
    assert made == Entity("suppliers", **expected)  # type: ignore[arg-type]
    assert {f.name for f in fields(Entity)} == {"list", *expected}
    assert type(made) is Entity and not hasattr(made, "__dict__")


def test_a_disclosure_made_of_its_entity_rows_read_before_is_the_same() -> None:
    for case in sorted(CASES.glob("*.yaml")):
        data = load_file(case).data
        assert Disclosure.of(data, entity_rows(data)) == Disclosure.of(data)
