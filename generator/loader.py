"""YAML bytes → plain JSON-like data plus a source map, safely.

Untrusted input: every file may come from a stranger's pull request. So the loader
reads YAML 1.2 core scalars only (`NO` stays a string), refuses tags, duplicate keys,
several documents, deep nesting and alias bombs, and turns each of these into a located
`Problem` instead of an exception.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .problems import Problem
from .yaml_errors import position, yaml_problem

PathPart = str | int


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 5_000_000
    max_depth: int = 40
    # Values counted after aliases are expanded: an alias bomb is refused at this count
    # without ever being expanded in memory.
    max_values: int = 2_000_000


DEFAULT_LIMITS = Limits()

_PLAIN = "!plain"  # tag given to untagged plain scalars, resolved by YAML 1.2 rules below
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


class _Loader(yaml.CSafeLoader):
    """libyaml's parser and composer; scalar resolution is left to `_scalar`."""

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode and implicit[0]:
            return _PLAIN
        return super().resolve(kind, value, implicit)


def _is_integer(value: str) -> bool:
    return bool(_INT.match(value) or _OCT.match(value) or _HEX.match(value))


def _scalar(value: str) -> Any:
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


@dataclass
class SourceMap:
    """Finds the line and column of any value, or of its key, by a JSON path."""

    root: Node

    def locate(self, path: Sequence[PathPart], key: bool = False) -> tuple[int, int]:
        node, key_node = self.root, None
        for part in path:
            child = _child(node, part)
            if child is None:
                break
            key_node, node = child
        mark = (key_node if key and key_node is not None else node).start_mark
        return mark.line + 1, mark.column + 1


def _child(node: Node, part: PathPart) -> tuple[Node | None, Node] | None:
    if isinstance(node, MappingNode):
        for k, v in node.value:
            if isinstance(k, ScalarNode) and k.value == str(part):
                return k, v
    elif isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        return None, node.value[part]
    return None


@dataclass(frozen=True)
class Loaded:
    path: str
    data: Any
    source: SourceMap | None
    problems: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        return self.source is not None and not any(p.is_error for p in self.problems)

    def problem(self, path: Sequence[PathPart], code: str, message: str,
                level: str = "error", key: bool = False, kind: str = "") -> Problem:
        line, column = self.source.locate(path, key) if self.source else (1, 1)
        pointer = "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)
        return Problem(self.path, line, column, level, code, message, pointer, kind)  # type: ignore[arg-type]


class _Refused(Exception):
    """Stops construction; carries the one problem that says why."""

    def __init__(self, node: Node | None, code: str, message: str) -> None:
        super().__init__(message)
        self.node, self.code, self.message = node, code, message


@dataclass
class _Builder:
    """Turns the composed node tree into plain data, collecting located problems."""

    path: str
    limits: Limits
    problems: list[Problem] = field(default_factory=list)
    values: int = 0
    built: dict[int, tuple[Any, int]] = field(default_factory=dict)
    open: set[int] = field(default_factory=set)

    def report(self, node: Node, code: str, message: str) -> None:
        m = node.start_mark
        self.problems.append(Problem(self.path, m.line + 1, m.column + 1, "error", code, message))

    def count(self, n: int, node: Node) -> None:
        self.values += n
        if self.values > self.limits.max_values:
            raise _Refused(node, "too-many-values",
                           f"this file expands to more than {self.limits.max_values:,} values "
                           "(aliases repeat what they point to); write the data out plainly")

    def build(self, node: Node, depth: int = 0) -> tuple[Any, int, int]:
        """The node's value, how many values it expands to, and how deep it nests."""
        if isinstance(node, ScalarNode):
            self.count(1, node)
            return self.scalar(node), 1, 0
        key = id(node)
        if key in self.open:
            raise _Refused(node, "recursive-alias",
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
            raise _Refused(node, "too-deep",
                           _deep_message(self.limits.max_depth))
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
                            f"the key '{key}' appears twice in this mapping; keep one of them")
                continue
            out[key], n, h = self.build(value_node, depth + 1)
            size, height = size + n, max(height, h + 1)
        return out, size, height

    def scalar(self, node: ScalarNode) -> Any:
        tag, value = node.tag, node.value
        if tag in (_PLAIN, _INT_TAG) and len(value) > MAX_DIGITS and _is_integer(value):
            # Python refuses to print integers of more than 4,300 digits: stop long before.
            self.report(node, "number-too-long",
                        f"this number has more than {MAX_DIGITS} digits; no field takes such a number")
            return value
        if tag == _PLAIN:
            return _scalar(value)
        if tag == _STR:
            return value
        if tag in _CORE_TAGS:
            resolved = _scalar(value)
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


def _deep_message(limit: int) -> str:
    return (f"lists and mappings are nested more than {limit} levels deep here; a disclosure needs far fewer: "
            "check the indentation and the brackets")


def _tag_message(tag: str) -> str:
    shown = tag.replace("tag:yaml.org,2002:", "!!")
    return (f"the tag {shown} is not allowed: a disclosure holds plain text, numbers, lists and mappings; "
            "remove the tag, or if it is text, put it in quotes")


def _depth_bound(text: str) -> int:
    """A cheap upper bound of nesting depth, so that usual files skip the exact count.

    Block nesting needs indentation or `- `/`? ` at a line's start; flow nesting needs
    brackets. libyaml's composer recurses in C and crashes on very deep input, so depth
    must be known before composing.
    """
    lead = max((len(m) for m in re.findall(r"^[ ?-]*", text, re.M)), default=0)
    return 2 * lead + 2 + text.count("[") + text.count("{")


def _too_deep(text: str, path: str, limit: int) -> Problem | None:
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > limit:
                m = event.start_mark
                return Problem(path, m.line + 1, m.column + 1, "error", "too-deep",
                               _deep_message(limit))
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
    return None


def _decode(raw: bytes, path: str) -> tuple[str | None, Problem | None]:
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as e:
        before = raw[: e.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        return None, Problem(path, line, column, "error", "not-utf8",
                             f"byte {raw[e.start]:#04x} is not valid UTF-8 text; save the file as UTF-8")


def _compose(text: str, path: str) -> tuple[Node | None, Problem | None]:
    loader = _Loader(text)
    try:
        if not loader.check_node():
            return None, Problem(path, 1, 1, "error", "empty-file",
                                 "the file is empty; start from `disclose new ID --name NAME`")
        root = loader.get_node()
        if loader.check_node():
            m = loader.get_event().start_mark if loader.check_event() else None
            line = m.line + 1 if m else 1
            return None, Problem(path, line, 1, "error", "multiple-documents",
                                 "a disclosure file holds one YAML document; remove the second one (after ---)")
        return root, None
    except yaml.YAMLError as e:
        return None, yaml_problem(path, e, text)
    finally:
        loader.dispose()


def load_text(text: str, path: str, limits: Limits = DEFAULT_LIMITS) -> Loaded:
    if "\x00" in text:
        line, column = position(text, text.index("\x00"))
        return Loaded(path, None, None, (Problem(path, line, column, "error", "not-utf8",
                                                 "the file contains a NUL byte; it is not a text file"),))
    if _depth_bound(text) > limits.max_depth:
        try:
            deep = _too_deep(text, path, limits.max_depth)
        except yaml.YAMLError as e:
            deep = yaml_problem(path, e, text)
        if deep:
            return Loaded(path, None, None, (deep,))
    root, problem = _compose(text, path)
    if root is None:
        return Loaded(path, None, None, (problem,) if problem else ())
    builder = _Builder(path, limits)
    try:
        data, _, _ = builder.build(root)
    except _Refused as e:
        builder.report(e.node or root, e.code, e.message)
        return Loaded(path, None, None, tuple(builder.problems))
    if not isinstance(data, dict):
        builder.report(root, "not-a-mapping",
                       "the file must be a mapping of keys (schema_version:, company:, disclosure:, …)")
        return Loaded(path, None, None, tuple(builder.problems))
    return Loaded(path, data, SourceMap(root), tuple(builder.problems))


def load_bytes(raw: bytes, path: str, limits: Limits = DEFAULT_LIMITS) -> Loaded:
    if len(raw) > limits.max_bytes:
        return Loaded(path, None, None, (Problem(
            path, 1, 1, "error", "file-too-large",
            f"the file is larger than {limits.max_bytes:,} bytes, the limit; check that it is the right file, "
            "or raise the limit with --max-bytes"),))
    text, problem = _decode(raw, path)
    if text is None:
        return Loaded(path, None, None, (problem,) if problem else ())
    return load_text(text, path, limits)


def load_file(file: Path, shown_as: str | None = None, limits: Limits = DEFAULT_LIMITS) -> Loaded:
    shown = shown_as or str(file)
    try:
        with open(file, "rb") as f:
            raw = f.read(limits.max_bytes + 1)
    except OSError as e:
        return Loaded(shown, None, None, (Problem(shown, 1, 1, "error", "unreadable",
                                                  f"cannot read the file: {e.strerror}"),))
    return load_bytes(raw, shown, limits)
