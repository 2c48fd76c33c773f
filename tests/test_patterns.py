"""No regular expression of the package uses a construct that some Python 3.11 gets wrong.

Possessive quantifiers (`*+`, `++`, `?+`, `{m,n}+`) and atomic groups (`(?>…)`) came with 3.11, and
the `re` of 3.11.0 to 3.11.4 matches some of them wrongly or loops on them (CPython gh-106052,
gh-100061): Debian 12's python3 is 3.11.2. CI runs a later 3.11, where they work, so only this
check, which reads every compiled pattern the package holds, keeps them out. A pattern that needs
them for speed is built twice over (`seeded.not_alone`): the form without them is checked here, and
tests/history/test_seeded.py shows that both forms answer alike.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Iterator
from typing import Any

import generator
from generator.history import seeded

_parser: Any = getattr(re, "_parser")   # noqa: B009  (sre_parse, under its 3.11 name)
UNSOUND_BEFORE_3_11_5 = {"POSSESSIVE_REPEAT", "ATOMIC_GROUP"}
# Patterns made possessive only where `re` reads them rightly, and how each is made without.
BUILT_FOR_THE_PYTHON = {"generator.history.seeded._NOT_ALONE": lambda: seeded.not_alone(sound=False)}


def _patterns() -> Iterator[tuple[str, re.Pattern[str]]]:
    for info in pkgutil.walk_packages(generator.__path__, "generator."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            for item in value if isinstance(value, (tuple, list)) else value.values() \
                    if isinstance(value, dict) else [value]:
                if isinstance(item, re.Pattern):
                    yield f"{info.name}.{name}", item


def _ops(node: Any) -> Iterator[str]:
    if isinstance(node, _parser.SubPattern):
        for op, av in node.data:
            yield str(op)
            yield from _ops(av)
    elif isinstance(node, (tuple, list)):
        for item in node:
            yield from _ops(item)


def unsound(pattern: re.Pattern[str]) -> set[str]:
    """The constructs of `pattern` that the re of Python 3.11.0 to 3.11.4 gets wrong."""
    return set(_ops(_parser.parse(pattern.pattern, pattern.flags))) & UNSOUND_BEFORE_3_11_5


def test_no_pattern_uses_a_possessive_quantifier_or_an_atomic_group() -> None:
    found = dict(_patterns())
    assert len(found) > 50 and BUILT_FOR_THE_PYTHON.keys() <= found.keys()
    found.update((name, build()) for name, build in BUILT_FOR_THE_PYTHON.items())
    assert {name: unsound(p) for name, p in found.items() if unsound(p)} == {}


def test_the_check_sees_both_constructs_however_deep() -> None:
    assert unsound(re.compile(r"^(?:a|(?:b*+c))$")) == {"POSSESSIVE_REPEAT"}
    assert unsound(re.compile(r"x(?=(?>y+)z)")) == {"ATOMIC_GROUP"}
    assert unsound(re.compile(r"(?=(?P<a>y+))(?P=a)z")) == set()
