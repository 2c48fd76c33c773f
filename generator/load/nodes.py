"""Composed YAML nodes → plain JSON-like data: YAML 1.2 core scalars, core tags only,
no duplicate keys, and the limits on nesting and alias expansion, as located problems."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode

from ..problems import Bounded, Problem


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 5_000_000
    max_depth: int = 40
    # Values counted after aliases are expanded: an alias bomb is refused at this count
    # without ever being expanded in memory.
    max_values: int = 2_000_000


DEFAULT_LIMITS = Limits()

PLAIN = "!plain"  # tag given to untagged plain scalars, resolved by YAML 1.2 rules below
_STR = "tag:yaml.org,2002:str"
_CORE_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "map", "seq")}

_INT_TAG = "tag:yaml.org,2002:int"
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"
MAX_DIGITS = 100

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?[0-9]+$")
_OCT = re.compile(r"^0o[0-7]+$")
_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")


def _is_integer(value: str) -> bool:
    return bool(_INT.match(value) or _OCT.match(value) or _HEX.match(value))


def plain_scalar(value: str) -> Any:
    """A plain scalar by the YAML 1.2 core schema; anything else is a string."""
    if _NULL.match(value):
        return None
    if value in _BOOL:
        return _BOOL[value]
    if _INT.match(value):
        return int(value)
    if _OCT.match(value):
        return int(value[2:], 8)
    if _HEX.match(value):
        return int(value[2:], 16)
    if _FLOAT.match(value):
        return float(value)
    return value


class Refused(Exception):
    """Stops construction; carries the one problem that says why."""

    def __init__(self, node: Node | None, code: str, message: str) -> None:
        super().__init__(message)
        self.node, self.code, self.message = node, code, message


@dataclass
class Builder:
    """Turns the composed node tree into plain data, collecting located problems (a file of a
    million duplicate keys keeps the first of them, and counts the rest)."""

    path: str
    limits: Limits
    found: Bounded = field(default_factory=Bounded)
    values: int = 0
    built: dict[int, tuple[Any, int]] = field(default_factory=dict)
    open: set[int] = field(default_factory=set)

    @property
    def problems(self) -> list[Problem]:
        return self.found.listed()

    def report(self, node: Node, code: str, message: str, always: bool = False) -> None:
        """`always`: listed however many came before (why the file could not be read at all)."""
        m = node.start_mark
        self.found.add(Problem(self.path, m.line + 1, m.column + 1, "error", code, message), always)

    def count(self, n: int, node: Node) -> None:
        self.values += n
        if self.values > self.limits.max_values:
            raise Refused(node, "too-many-values",
                           f"this file expands to more than {self.limits.max_values:,} values "
                           "(aliases repeat what they point to); write the data out plainly")

    def build(self, node: Node, depth: int = 0) -> tuple[Any, int, int]:
        """The node's value, how many values it expands to, and how deep it nests."""
        if isinstance(node, ScalarNode):
            self.count(1, node)
            return self.scalar(node), 1, 0
        if depth >= self.limits.max_depth:  # at the first list or mapping too deep, as the text shows it
            raise Refused(node, "too-deep", deep_message(self.limits.max_depth))
        key = id(node)
        if key in self.open:
            raise Refused(node, "recursive-alias",
                           "an alias here refers to the item that contains it; an item cannot contain itself")
        if key in self.built:  # an alias: reuse what was built, but count it again
            value, size, height = self.built[key]
            self.count(size, node)
        else:
            self.open.add(key)
            self.count(1, node)
            if node.tag not in _CORE_TAGS:
                self.report(node, "unsupported-tag", _tag_message(node.tag))
            elif node.tag != (_MAP_TAG if isinstance(node, MappingNode) else _SEQ_TAG):
                shown = node.tag.replace("tag:yaml.org,2002:", "!!")
                self.report(node, "bad-tagged-value", f"a list or mapping cannot be tagged {shown}; remove the tag")
            build = self.mapping if isinstance(node, MappingNode) else self.sequence
            value, size, height = build(node, depth)
            self.open.discard(key)
            self.built[key] = (value, size, height)
        # Aliases of aliases can nest deeper than the text shows; the limit holds for both.
        if depth + height > self.limits.max_depth:
            raise Refused(node, "too-deep",
                           deep_message(self.limits.max_depth))
        return value, size, height

    def sequence(self, node: Node, depth: int) -> tuple[list[Any], int, int]:
        items, size, height = [], 1, 0
        for child in node.value:
            value, n, h = self.build(child, depth + 1)
            items.append(value)
            size, height = size + n, max(height, h + 1)
        return items, size, height or 1

    def mapping(self, node: Node, depth: int) -> tuple[dict[str, Any], int, int]:
        out: dict[str, Any] = {}
        size, height = 1, 1
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.report(key_node, "complex-key", "a key must be a plain word, not a list or mapping")
                continue
            key = key_node.value
            if key in out:
                self.report(key_node, "duplicate-key",
                            f"the key '{key[:60]}' appears twice in this mapping; keep one of them")
                continue
            out[key], n, h = self.build(value_node, depth + 1)
            size, height = size + n, max(height, h + 1)
        return out, size, height

    def scalar(self, node: ScalarNode) -> Any:
        tag, value = node.tag, node.value
        if tag in (PLAIN, _INT_TAG) and len(value) > MAX_DIGITS and _is_integer(value):
            # Python refuses to print integers of more than 4,300 digits: stop long before.
            self.report(node, "number-too-long",
                        f"this number has more than {MAX_DIGITS} digits; no field takes such a number")
            return value
        if tag == PLAIN:
            return plain_scalar(value)
        if tag == _STR:
            return value
        if tag in _CORE_TAGS:
            resolved = plain_scalar(value)
            expected = tag.rsplit(":", 1)[1]
            if expected == "float" and _kind_of(resolved) == "int":
                return float(resolved)
            if _kind_of(resolved) != expected:
                self.report(node, "bad-tagged-value", f"'{value}' is not a valid {expected}")
            return resolved
        self.report(node, "unsupported-tag", _tag_message(tag))
        return None


def _kind_of(value: Any) -> str:
    return {bool: "bool", int: "int", float: "float", type(None): "null", str: "str"}[type(value)]


def deep_message(limit: int) -> str:
    return (f"lists and mappings are nested more than {limit} levels deep here; a disclosure needs far fewer: "
            "check the indentation and the brackets")


def _tag_message(tag: str) -> str:
    shown = tag.replace("tag:yaml.org,2002:", "!!")
    return (f"the tag {shown} is not allowed: a disclosure holds plain text, numbers, lists and mappings; "
            "remove the tag, or if it is text, put it in quotes")
