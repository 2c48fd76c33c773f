"""A page's key names what the page shows: by content, not by object, and nothing it does not show."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from benchmarks.synthetic import write_corpus
from generator.load.loader import load_file
from generator.model import Disclosure
from generator.pipeline import DEFAULTS, load_registry
from generator.registry.completeness import Profile, completeness, load_profiles
from generator.registry.registry import Registry, SharedEntity
from generator.site.inputs import company_key, links_digest
from generator.site.pages import Extras, entity_pages
from tests.sitebuild import FIXTURES


def _key(company: Disclosure, registry: Registry, profiles: Sequence[Profile]) -> str:
    context = {"timeline": None, "matches": [], "scores": completeness(company, profiles)}
    return company_key(company, {company.id: "digest"}, False, context, links_digest(registry, company))


def test_the_key_follows_the_profiles_content_and_not_which_objects_hold_it() -> None:
    company = Disclosure.of(load_file(FIXTURES / "alpha-vision.yaml").data)
    registry = Registry.of([company])
    profiles, problems = load_profiles(DEFAULTS / "profiles")
    assert profiles and not problems
    key = _key(company, registry, profiles)
    again, _ = load_profiles(DEFAULTS / "profiles")   # a later build's profiles: new objects, same content
    assert again[0] is not profiles[0] and _key(company, registry, again) == key
    first = profiles[0]
    relabelled = dataclasses.replace(first, items=(dataclasses.replace(first.items[0], label="Another label"),
                                                   *first.items[1:]))
    assert _key(company, registry, [relabelled, *profiles[1:]]) != key   # the page would show the new label
    retitled = dataclasses.replace(first, title="Another title")
    assert _key(company, registry, [retitled, *profiles[1:]]) != key


def test_the_key_follows_which_page_each_entity_links_to_and_nothing_else_of_the_registry() -> None:
    alpha, beta = (Disclosure.of(load_file(FIXTURES / f"{n}.yaml").data) for n in ("alpha-vision", "beta-apparel"))
    context = {"timeline": None, "matches": [], "scores": []}

    def key(registry: Registry) -> str:
        return company_key(alpha, {alpha.id: "digest"}, False, context, links_digest(registry, alpha))

    first = Registry.of([alpha, beta])
    assert key(Registry.of([beta, alpha])) == key(first)   # a new registry of the same files
    moved = Registry.of([alpha, beta])
    pages = dict(first.entity_pages)
    linked = next(k for k in pages if k[0] == alpha.id)
    pages[linked] = "another-page"   # the grouping gave one of alpha's entities another page
    moved.__dict__["entity_pages"] = pages
    assert key(moved) != key(first)
    others = Registry.of([alpha, beta])
    own = first.entity_pages
    others.__dict__["entity_pages"] = {k: v if k[0] == alpha.id else "another-page" for k, v in own.items()}
    assert key(others) == key(first)   # another company's links are not this page's


def _entity_keys(entity: SharedEntity, digests: dict[str, str], matches: dict | None = None) -> list[str]:
    return [p.key for p in entity_pages(entity, Extras(digests=digests, matches=matches or {}), per_page=2)]


def test_an_entity_pages_key_follows_its_heading_and_the_companies_it_lists_and_nothing_else(tmp_path) -> None:
    # One firm's change remakes the page that lists it: not every page of an entity that thousands name.
    write_corpus(tmp_path / "d", 40, 3)
    registry, _ = load_registry(tmp_path / "d")
    entity = max(registry.shared_entities, key=lambda e: len(e.mentions))
    assert len({m.company.id for m in entity.mentions[:4]}) == 4 and len(entity.mentions) > 4
    digests = {c.id: f"file of {c.id}" for c in registry.companies}
    keys = _entity_keys(entity, digests)
    assert len(set(keys)) == len(keys) > 2 and "" not in keys
    third = entity.mentions[2]
    changed = _entity_keys(entity, {**digests, third.company.id: "changed"})
    assert [a == b for a, b in zip(keys, changed, strict=True)] == [True, False, *[True] * (len(keys) - 2)]
    flagged = _entity_keys(entity, digests, {(third.company.id, third.entity.id): ["a match"]})
    assert [a == b for a, b in zip(keys, flagged, strict=True)] == [True, False, *[True] * (len(keys) - 2)]
    # Every page's heading: the names as disclosed and how many companies name it.
    fewer = SharedEntity(entity.slug, entity.name, entity.country, entity.mentions[:-1])
    assert all(a != b for a, b in zip(keys, _entity_keys(fewer, digests), strict=False))
    renamed = SharedEntity(entity.slug, "Another name", entity.country, entity.mentions)
    assert all(a != b for a, b in zip(keys, _entity_keys(renamed, digests), strict=True))
    assert _entity_keys(entity, {k: v for k, v in digests.items() if k != third.company.id})[1] == ""
