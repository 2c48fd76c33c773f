"""The example disclosures: valid, invented, and together a tour of the whole schema.

The enum and field lists are read from the schema itself, so a value or field added
to the schema without an example, or an example edited away, fails here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.check.schema import schema
from generator.check.validation import validate_paths
from generator.load.loader import load_file

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "disclosures").glob("*.yaml"))

Pattern = tuple[str, ...]  # a data path; "*" stands for every item of a list


def _resolve(node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        name = node["$ref"].removeprefix("#/$defs/")
        node = {**schema()["$defs"][name], **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def _walk(node: dict[str, Any], path: Pattern = ()) -> Iterator[tuple[Pattern, dict[str, Any]]]:
    """Every (data path, schema node) pair, following $ref, items and anyOf."""
    node = _resolve(node)
    yield path, node
    for name, child in node.get("properties", {}).items():
        yield from _walk(child, (*path, name))
    if "items" in node:
        yield from _walk(node["items"], (*path, "*"))
    for branch in node.get("anyOf", []):
        yield from _walk(branch, path)


def _values(data: Any, path: Pattern) -> Iterator[Any]:
    if not path:
        yield data
    elif path[0] == "*" and isinstance(data, list):
        for item in data:
            yield from _values(item, path[1:])
    elif isinstance(data, dict) and path[0] in data:
        yield from _values(data[path[0]], path[1:])


def _allowed() -> dict[Pattern, set[Any]]:
    allowed: dict[Pattern, set[Any]] = {}
    for path, node in _walk(schema()):
        values = list(node.get("enum", [])) + ([node["const"]] if "const" in node else [])
        if values:
            allowed.setdefault(path, set()).update(values)
    return allowed


@pytest.fixture(scope="module")
def documents() -> list[Any]:
    return [load_file(path).data for path in EXAMPLES]


def test_there_are_at_least_five_examples() -> None:
    assert len(EXAMPLES) >= 5


def test_every_example_validates_without_errors() -> None:
    result = validate_paths(EXAMPLES)
    errors = [p for p in result.problems if p.is_error]
    assert errors == []
    assert len(result.documents) == len(EXAMPLES)


def test_one_example_is_stale_and_that_is_only_a_warning() -> None:
    # A fixed "today": as real time passes, every example goes stale in turn.
    result = validate_paths(EXAMPLES, today=dt.date(2026, 11, 23))
    stale = [p for p in result.problems if p.code == "stale"]
    assert [Path(p.file).name for p in stale] == ["amberline-footwear-example.yaml"]
    assert all(not p.is_error for p in stale)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_each_example_is_marked_as_invented_and_named_after_its_id(path: Path) -> None:
    data = load_file(path).data
    assert data["disclosure"]["example"] is True
    assert data["company"]["id"] == path.stem
    assert "(example)" in data["company"]["name"]
    assert path.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../schema/disclosure.schema.json\n")


def test_the_schema_walk_finds_the_enums_it_should() -> None:
    # Guards the walker itself: if it stopped following $ref or items, the coverage
    # test below would pass vacuously.
    allowed = _allowed()
    assert allowed[("partners", "*", "relationship")] >= {"joint-venture", "investor"}
    assert allowed[("operations", "*", "activities", "*")] >= {"manufacturing", "logistics"}
    assert "raw-material" in allowed[("suppliers", "*", "tier")]
    assert len(allowed) >= 15


def test_examples_use_every_enum_value_at_every_field(documents: list[Any]) -> None:
    missing = {}
    for path, values in _allowed().items():
        used = {v for data in documents for v in _values(data, path)}
        if values - used:
            missing[".".join(path)] = sorted(map(str, values - used))
    assert missing == {}


def _field(path: Pattern) -> Pattern:
    # The identifier schemes are one shared object: each must be shown once, not on
    # every kind of entity (a company has no Open Supply Hub facility ID).
    return ("identifiers", path[-1]) if "identifiers" in path[:-1] else path


def test_examples_use_every_field_of_the_schema(documents: list[Any]) -> None:
    fields = [path for path, _ in _walk(schema()) if path and path[-1] != "*"]
    used = {_field(p) for p in fields if any(True for d in documents for _ in _values(d, p))}
    unused = sorted({".".join(_field(p)) for p in fields} - {".".join(f) for f in used})
    assert unused == []


def test_examples_use_every_supplier_tier(documents: list[Any]) -> None:
    tiers = {t for d in documents for t in _values(d, ("suppliers", "*", "tier"))}
    assert tiers == {1, 2, 3, 4, "raw-material"}


def test_one_apparel_example_lists_at_least_200_suppliers(documents: list[Any]) -> None:
    assert max(len(d.get("suppliers", [])) for d in documents) >= 200


def test_entities_recur_across_examples_under_other_spellings(documents: list[Any]) -> None:
    local = "乌鲁木齐视界分销有限公司"
    holders = [d["company"]["id"] for d in documents
               if any(v == local for v in _values(d, ("partners", "*", "local_name")))]
    assert len(holders) == 2
    names = {v for d in documents for v in _values(d, ("partners", "*", "name")) if "shijie" in v.lower()}
    assert len(names) >= 3
    bureaus = [d["company"]["id"] for d in documents
               for e in d.get("government_counterparties", [])
               if e["kind"] == "public-security" and e.get("local_name") == "乌鲁木齐市示例公安局"]
    assert len(bureaus) == 2
