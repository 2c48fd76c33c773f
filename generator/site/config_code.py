"""The functions a build's settings hand to the libraries that call them, each the library's own.

`!!python/name:` may name only what material, pymdownx and markdown hold, but a module holds
what it imports as well as what it defines: `material.plugins.blog.plugin.rmtree` is shutil's.
Given as the table of contents' `slugify`, it was called with each heading of a docs page,
and `## ../victim` deleted that folder. Once MkDocs has read the settings, every function in
them is checked for where it was written, before any page is read.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from typing import Any

# The packages whose functions a registry's settings may hand over: the theme, its extensions, Markdown,
# MkDocs itself (its defaults) and this package.
OWN = ("material", "pymdownx", "markdown", "mkdocs", "generator")
_DEPTH = 20   # settings nest a few levels; deeper is not searched for functions


def foreign_code(settings: Mapping[str, Any]) -> list[str]:
    """Each function in `settings` written outside OWN, as 'setting: module.name'."""
    return [f"{where}: {_name(_called(value))}" for where, value in _callables(settings, "", 0)
            if str(getattr(_called(value), "__module__", "") or "").split(".")[0] not in OWN]


def _called(value: Any) -> Any:
    """What calling `value` runs: a partial's function (the tags plugin's slugify is one), else the value."""
    while isinstance(value, functools.partial):
        value = value.func
    return value


def _callables(value: Any, where: str, depth: int) -> Iterator[tuple[str, Any]]:
    if depth > _DEPTH:
        return
    if isinstance(value, Mapping):
        for key, item in value.items():
            yield from _callables(item, f"{where}.{key}" if where else str(key), depth + 1)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _callables(item, where, depth + 1)
    elif callable(value):
        yield where, value


def _name(value: Any) -> str:
    return f"{getattr(value, '__module__', None) or '?'}.{getattr(value, '__qualname__', type(value).__name__)}"
