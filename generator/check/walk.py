"""Walking a document with care: the schema may have left values out, so any key may be
missing and any item may be something other than a mapping."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..model import ENTITY_LISTS


def records(data: dict[str, Any], *names: str) -> Iterator[tuple[list[Any], dict[str, Any]]]:
    """The mappings in the top-level lists `names`, with their paths."""
    for name in names:
        items = data.get(name)
        for i, item in enumerate(items if isinstance(items, list) else ()):
            if isinstance(item, dict):
                yield [name, i], item


def entities(data: dict[str, Any]) -> Iterator[tuple[list[Any], dict[str, Any]]]:
    return records(data, *ENTITY_LISTS)


def texts(item: dict[str, Any], key: str) -> list[tuple[int, str]]:
    values = item.get(key)
    return [(j, v) for j, v in enumerate(values if isinstance(values, list) else ()) if isinstance(v, str)]


def mappings(value: Any, path: list[Any]) -> Iterator[tuple[list[Any], dict[str, Any]]]:
    """Every mapping in the document with its path, depth first. Paths are made for
    containers only: a disclosure holds far more scalars, and history checks thousands."""
    if isinstance(value, dict):
        yield path, value
        for k, v in value.items():
            if isinstance(v, (dict, list)):
                yield from mappings(v, path + [k])
    elif isinstance(value, list):
        for i, v in enumerate(value):
            if isinstance(v, (dict, list)):
                yield from mappings(v, path + [i])


def child(item: Any, part: Any) -> Any:
    if isinstance(item, dict):
        return item.get(part)
    return item[part] if isinstance(item, list) and isinstance(part, int) and part < len(item) else None
