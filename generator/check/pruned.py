"""A document with the values the schema rejected left out, for the semantic checks to read."""

from __future__ import annotations

import copy
from collections.abc import Iterable, Sequence
from typing import Any


def without(data: Any, paths: Iterable[Sequence[Any]]) -> Any:
    """`data` with the values at `paths` left out: keys removed, list items set to None (so that
    the other items keep their places). Containers on a path are copied; `data` is unchanged."""
    copied: dict[int, Any] = {}

    def own(value: Any) -> Any:
        if id(value) not in copied:
            fresh = copied[id(value)] = copy.copy(value)
            copied[id(fresh)] = fresh
        return copied[id(value)]

    root = own(data)
    for path in sorted(paths, key=len):
        node = root
        for i, part in enumerate(path):
            child = _child(node, part)
            if child is _MISSING:
                break
            if i == len(path) - 1:
                if isinstance(node, dict):
                    del node[part]
                else:
                    node[part] = None
            elif isinstance(child, (dict, list)):
                child = own(child)
                node[part] = child
                node = child
            else:
                break
    return root


_MISSING = object()


def _child(node: Any, part: Any) -> Any:
    if isinstance(node, dict):
        return node.get(part, _MISSING) if isinstance(part, str) else _MISSING
    if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
        return node[part]
    return _MISSING
