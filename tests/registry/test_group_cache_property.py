"""Any run of edits (an entity rewritten in place, a company added, deleted or renamed), each grouped with
what the build before kept, gives exactly the groups of a cold grouping after every edit."""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.model import Disclosure
from generator.registry import group_cache
from generator.registry.registry import Registry

NAMES = ("Nanyang Garment Co., Ltd.", "Nanyang Garments Co Ltd", "Nan Yang Garment", "Hongming Textile",
         "Hongming Textiles No.2", "Hongming Textile Co.")
CITIES = ("Phichit", "Phichit City", "", "Bangkok")
ADDRESSES = ("", "12 Moo 3, Tha Luang", "99 Rama IV Road")
DUNS = ("", "111111111", "222222222")
USCC = ("", "91330600MA2BCDEF1X", "91330600MA2BCDEF2Y")   # one firm's plants may share one

entities = st.tuples(st.sampled_from(NAMES), st.sampled_from(("TH", "VN")), st.sampled_from(CITIES),
                     st.sampled_from(ADDRESSES), st.sampled_from(DUNS),
                     st.sampled_from(USCC))
firms = st.lists(entities, min_size=1, max_size=4)
edits = st.one_of(
    st.tuples(st.just("entity"), st.integers(0, 99), st.integers(0, 3), entities),
    st.tuples(st.just("add"), firms),
    st.tuples(st.just("delete"), st.integers(0, 99)),
    st.tuples(st.just("rename"), st.integers(0, 99), st.sampled_from(("Alpha", "Omega", "Mid"))),
)


def _firm(cid: str, name: str, rows: list[tuple[str, str, str, str, str, str]]) -> Disclosure:
    suppliers = []
    for n, (entity_name, country, city, address, duns, uscc) in enumerate(rows):
        item = {"id": f"s{n}", "name": entity_name, "country": country, "relationship": "supplier"}
        item.update({k: v for k, v in (("city", city), ("address", address)) if v})
        identifiers = {k: v for k, v in (("duns", duns), ("uscc", uscc)) if v}
        if identifiers:
            item["identifiers"] = identifiers
        suppliers.append(item)
    return Disclosure.of({"schema_version": "1.1", "company": {"id": cid, "name": name},
                          "disclosure": {"period": {"start": "2025", "end": "2025"}, "published": "2026"},
                          "suppliers": suppliers})


def _groups(registry: Registry) -> list[tuple[str, str, str, tuple[tuple[str, str], ...]]]:
    return [(s.slug, s.name, s.country, tuple((m.company.id, m.entity.id) for m in s.mentions))
            for s in registry.shared_entities]


def _cached(firms: dict[str, tuple[str, list]], folder: Path) -> list:
    companies = [_firm(cid, name, rows) for cid, (name, rows) in sorted(firms.items())]
    registry = Registry.of(companies)
    digests = {c.id: hashlib.sha256(repr(c).encode()).hexdigest() for c in companies}
    group_cache.grouped(registry, folder, digests)
    return _groups(registry)


def _cold(firms: dict[str, tuple[str, list]]) -> list:
    return _groups(Registry.of([_firm(cid, name, rows) for cid, (name, rows) in sorted(firms.items())]))


def _edit(firms: dict[str, tuple[str, list]], edit: tuple, made: int) -> None:
    kind, *args = edit
    ids = sorted(firms)
    if kind == "add":
        firms[f"firm-{made:03d}"] = (f"Firm {made}", list(args[0]))
    elif not ids:
        return
    elif kind == "delete":
        del firms[ids[args[0] % len(ids)]]
    elif kind == "rename":
        cid = ids[args[0] % len(ids)]
        firms[cid] = (args[1], firms[cid][1])
    else:
        cid = ids[args[0] % len(ids)]
        rows = list(firms[cid][1])
        rows[args[1] % len(rows)] = args[2]
        firms[cid] = (firms[cid][0], rows)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(start=st.lists(firms, min_size=4, max_size=8), steps=st.lists(edits, min_size=1, max_size=6))
def test_every_edit_grouped_with_the_last_build_equals_a_cold_grouping(start: list, steps: list) -> None:
    firms = {f"firm-{n:03d}": (f"Firm {n}", rows) for n, rows in enumerate(start)}
    with tempfile.TemporaryDirectory() as folder:
        assert _cached(firms, Path(folder)) == _cold(firms)
        for made, edit in enumerate(steps, start=len(start)):
            _edit(firms, edit, made)
            assert _cached(firms, Path(folder)) == _cold(firms)


@settings(max_examples=200, deadline=None)
@given(start=st.lists(firms, min_size=2, max_size=8))
def test_no_group_holds_two_numbers_of_one_scheme(start: list) -> None:
    """However names, places and mentions without a number link them, two DUNS or USCCs are two entities."""
    registry = Registry.of([_firm(f"firm-{n:03d}", f"Firm {n}", rows) for n, rows in enumerate(start)])
    for shared in registry.shared_entities:
        assert all(len(set(values)) <= 1 for values in shared.identifiers.values()), shared.identifiers
