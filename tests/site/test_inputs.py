"""A company page's key names the completeness profiles it shows: by content, not by object."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from generator.load.loader import load_file
from generator.model import Disclosure
from generator.pipeline import DEFAULTS
from generator.registry.completeness import Profile, completeness, load_profiles
from generator.registry.registry import Registry
from generator.site.inputs import company_key
from tests.sitebuild import FIXTURES


def _key(company: Disclosure, registry: Registry, profiles: Sequence[Profile]) -> str:
    context = {"timeline": None, "matches": [], "scores": completeness(company, profiles)}
    return company_key(company, registry, {company.id: "digest"}, False, context)


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
