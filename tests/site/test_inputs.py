"""A company page's key names the completeness profiles it shows: by content, not by object."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from generator.load.loader import load_file
from generator.model import Disclosure
from generator.pipeline import DEFAULTS
from generator.registry.completeness import Profile, completeness, load_profiles
from generator.registry.registry import Registry
from generator.site.inputs import company_key, links_digest
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
