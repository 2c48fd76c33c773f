"""Whether a list's items are unique, as JSON Schema's `uniqueItems` compares them, in one pass.

jsonschema sorts a list to compare neighbours, and compares every pair of one it cannot sort (texts
beside numbers): 25 million comparisons for a list of 5,000 in a stranger's file."""

from __future__ import annotations

from typing import Any

import jsonschema


def _key(value: Any) -> Any:
    """A value as JSON Schema compares values, hashable: 1 and 1.0 are one, true and 1 two."""
    if isinstance(value, bool) or value is None:
        return "literal", value
    if isinstance(value, int | float):
        return "number", value
    if isinstance(value, str):
        return "string", value
    if isinstance(value, list):
        return "array", tuple(map(_key, value))
    if isinstance(value, dict):
        return "object", frozenset((k, _key(v)) for k, v in value.items())
    raise TypeError(f"not a JSON value: {type(value).__name__}")


def unique(items: list[Any]) -> bool:
    """Whether no two of `items` are equal as JSON Schema compares them."""
    try:
        return len(set(map(_key, items))) == len(items)
    except TypeError:   # a value YAML gives and JSON has not: jsonschema's own way
        return bool(jsonschema._utils.uniq(items))
