"""Walking a document with care: the schema may have left values out, so any key may be
missing and any item may be something other than a mapping."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

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
    global _held
    held = _held   # read once: a tuple is replaced whole, never changed
    if held[0] is not value or path:
        return iter(_walked(value, path))
    if held[1] is None:   # walked when a check first asks
        held = _held = (value, tuple(_walked(value, [])))
    return iter(held[1])


# The document being checked and its mappings: several checks read them in turn, and one
# walk serves them all. Held only while `walked_once` runs, so a document changed between
# two checks is never read from an old walk.
_held: tuple[Any, tuple[tuple[list[Any], dict[str, Any]], ...] | None] = (None, ())


@contextmanager
def walked_once(data: Any) -> Iterator[None]:
    global _held
    _held = (data, None)
    try:
        yield
    finally:
        _held = (None, ())


def _walked(value: Any, path: list[Any]) -> list[tuple[list[Any], dict[str, Any]]]:
    found: list[tuple[list[Any], dict[str, Any]]] = []
    if isinstance(value, dict):
        _in_mapping(value, path, found)
    elif isinstance(value, list):
        _in_list(value, path, found)
    return found


# Plain functions appending to one list, not generators yielding through each level:
# history checks every version it reads. (Depth is bounded by the loader's limit.)
def _in_mapping(node: dict[str, Any], at: list[Any], found: list[tuple[list[Any], dict[str, Any]]]) -> None:
    found.append((at, node))
    for k, v in node.items():
        if isinstance(v, dict):
            _in_mapping(v, at + [k], found)
        elif isinstance(v, list):
            _in_list(v, at + [k], found)


def _in_list(node: list[Any], at: list[Any], found: list[tuple[list[Any], dict[str, Any]]]) -> None:
    for i, v in enumerate(node):
        if isinstance(v, dict):
            _in_mapping(v, at + [i], found)
        elif isinstance(v, list):
            _in_list(v, at + [i], found)


def child(item: Any, part: Any) -> Any:
    if isinstance(item, dict):
        return item.get(part)
    return item[part] if isinstance(item, list) and isinstance(part, int) and part < len(item) else None


def ids_left_out(root: Node | None, data: Any, depth: int = 2) -> set[str]:
    """The ids written in lists the schema left out, as unknown fields ('Suppliers:', 'supplier:', a list
    indented under company) or as a mapping (an entry without its '- '): a reference to one of them is the
    same mistake, already reported."""
    found: set[str] = set()
    if not isinstance(root, MappingNode) or not isinstance(data, dict):
        return found
    for key, value in root.value:
        if not isinstance(key, ScalarNode):
            continue
        if key.value not in data and isinstance(value, SequenceNode | MappingNode):
            items = value.value if isinstance(value, SequenceNode) else [value]   # one entry without its '- '
            found.update(v.value for item in items if isinstance(item, MappingNode)
                         for k, v in item.value if isinstance(k, ScalarNode) and k.value == "id"
                         and isinstance(v, ScalarNode))
        elif depth > 1 and isinstance(value, MappingNode):
            found |= ids_left_out(value, data.get(key.value), depth - 1)
    return found
