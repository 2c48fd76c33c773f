"""YAML bytes → plain JSON-like data plus a source map, safely.

Untrusted input: every file may come from a stranger's pull request. So the loader
reads YAML 1.2 core scalars only (`NO` stays a string), refuses tags, duplicate keys,
several documents, deep nesting and alias bombs, and turns each of these into a located
`Problem` instead of an exception.
"""

from __future__ import annotations

import codecs
import gc
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..problems import Problem
from .files import NotAFile, read_regular
from .nodes import DEFAULT_LIMITS, PLAIN, Builder, Limits, Refused, deep_message
from .yaml_errors import position, yaml_problem

PathPart = str | int
_SURROGATE = re.compile("[\ud800-\udfff]")


# PyYAML built from source without libyaml's headers has no C loader. The edges stop with this message
# rather than fail at import, or read strangers' files with the pure-Python parser, whose limits differ.
LIBYAML_MISSING = None if hasattr(yaml, "CSafeLoader") else (
    "disclose needs PyYAML with libyaml, its C parser, and this PyYAML was built without it; reinstall it "
    "from a wheel: python -m pip install --force-reinstall --only-binary pyyaml 'pyyaml>=6.0.2'")


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml's parser and composer; scalar resolution is left to `nodes.plain_scalar`."""

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode and implicit[0]:
            return PLAIN
        return super().resolve(kind, value, implicit)


@dataclass
class SourceMap:
    """Finds the line and column of any value, or of its key, by a JSON path."""

    root: Node
    # Keys of each mapping looked up so far: a file with thousands of problems in one
    # large mapping must not scan it once per problem.
    _keys: dict[int, dict[str, tuple[Node, Node]]] = field(default_factory=dict, repr=False)

    def locate(self, path: Sequence[PathPart], key: bool = False) -> tuple[int, int]:
        node, key_node = self.root, None
        for part in path:
            child = self._child(node, part)
            if child is None:
                break
            key_node, node = child
        mark = (key_node if key and key_node is not None else node).start_mark
        return mark.line + 1, mark.column + 1

    def written(self, path: Sequence[PathPart]) -> str | None:
        """A scalar as the file writes it: `012345678`, not the number 12345678 it was read as."""
        node: Node | None = self.root
        for part in path:
            child = self._child(node, part) if node is not None else None
            node = child[1] if child else None
        return node.value if isinstance(node, ScalarNode) else None

    def holds(self, path: Sequence[PathPart]) -> bool:
        """Whether the file writes a value at `path`, one the schema rejected among them."""
        node: Node | None = self.root
        for part in path:
            child = self._child(node, part) if node is not None else None
            node = child[1] if child else None
        return node is not None

    def _child(self, node: Node, part: PathPart) -> tuple[Node | None, Node] | None:
        if isinstance(node, MappingNode):
            keys = self._keys.get(id(node))
            if keys is None:
                keys = self._keys[id(node)] = {}
                for k, v in node.value:  # the first of duplicate keys is the one kept
                    if isinstance(k, ScalarNode):
                        keys.setdefault(k.value, (k, v))
            return keys.get(str(part))
        if isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            return None, node.value[part]
        return None


@dataclass(frozen=True)
class Loaded:
    path: str
    data: Any
    source: SourceMap | None
    problems: tuple[Problem, ...] = ()
    digest: str = ""   # sha256 of the file's bytes, when read from a file: what caches key it by

    @property
    def ok(self) -> bool:
        return self.source is not None and not any(p.is_error for p in self.problems)

    def problem(self, path: Sequence[PathPart], code: str, message: str,
                level: str = "error", key: bool = False, kind: str = "") -> Problem:
        line, column = self.source.locate(path, key) if self.source else (1, 1)
        pointer = "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)
        return Problem(self.path, line, column, level, code, message, pointer, kind)  # type: ignore[arg-type]


# Nesting that libyaml's composer and the builder's recursion both handle safely; below
# it, the builder finds depth beyond the limit itself, so the exact count is skipped.
_SAFE_DEPTH = 200


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
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > limit:
                    m = event.start_mark
                    return Problem(path, m.line + 1, m.column + 1, "error", "too-deep",
                                   deep_message(limit))
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError as error:
        # libyaml from PyYAML 6.0.3 on refuses flow nesting past 1,000 levels while it scans
        # ahead, before the parser hands us the event that crosses our own limit.
        found = yaml_problem(path, error, text, limit)
        return found if found.code == "too-deep" else None
    return None


# What a file saved as UTF-16 starts with: Windows editors' "Unicode", or git's checkout of a file that
# .gitattributes gives a working-tree-encoding.
_UTF16 = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_UTF16_TEXT = ("the file is UTF-16 text, not UTF-8: save it as UTF-8; "
               "if .gitattributes gives it a working-tree-encoding, remove that line, as git then checks it out "
               "as UTF-16")


def _utf16_problem(path: str) -> Problem:
    return Problem(path, 1, 1, "error", "not-utf8", _UTF16_TEXT)


def _utf16(text: str) -> bool:
    """UTF-16 without its byte-order mark: every other character of its start a NUL (ASCII text's high bytes)."""
    start = text[:200]
    return len(start) > 1 and any(set(start[k::2]) == {"\x00"} for k in (0, 1))


def _decode(raw: bytes, path: str) -> tuple[str | None, Problem | None]:
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as e:
        if raw.startswith(_UTF16):
            return None, _utf16_problem(path)
        before = raw[: e.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        return None, Problem(path, line, column, "error", "not-utf8",
                             f"byte {raw[e.start]:#04x} is not valid UTF-8 text; save the file as UTF-8")


def _compose(text: str, path: str, raw: bytes | None = None) -> tuple[Node | None, Problem | None]:
    loader = _Loader(raw if raw is not None else text)
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


@contextmanager
def collector_paused() -> Iterator[None]:
    """Millions of new nodes make the cyclic garbage collector run again and again (2.5 times
    slower on a 5 MB file) while finding nothing: the only cycle a tree can hold is a
    recursive alias, collected once the collector resumes."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_text(text: str, path: str, limits: Limits = DEFAULT_LIMITS, raw: bytes | None = None) -> Loaded:
    """`raw`, when given, is `text` as UTF-8 without a BOM: libyaml reads bytes twice as fast."""
    if "\x00" in text:
        if _utf16(text):
            return Loaded(path, None, None, (_utf16_problem(path),))
        line, column = position(text, text.index("\x00"))
        return Loaded(path, None, None, (Problem(path, line, column, "error", "not-utf8",
                                                 "the file contains a NUL byte; it is not a text file"),))
    if surrogate := _SURROGATE.search(text):
        # Text decoded with errors="surrogateescape" keeps undecodable bytes as these.
        line, column = position(text, surrogate.start())
        return Loaded(path, None, None, (Problem(path, line, column, "error", "not-utf8",
                                                 "this is not valid UTF-8 text; save the file as UTF-8"),))
    if _depth_bound(text) > max(limits.max_depth, _SAFE_DEPTH):
        try:
            deep = _too_deep(text, path, limits.max_depth)
        except yaml.YAMLError as e:
            deep = yaml_problem(path, e, text)
        if deep:
            return Loaded(path, None, None, (deep,))
    with collector_paused():
        root, problem = _compose(text, path, raw)
        if root is None:
            return Loaded(path, None, None, (problem,) if problem else ())
        builder = Builder(path, limits)
        try:
            data, _, _ = builder.build(root)
        except Refused as e:
            builder.report(e.node or root, e.code, e.message, always=True)
            return Loaded(path, None, None, tuple(builder.problems))
        if not isinstance(data, dict):
            builder.report(root, "not-a-mapping", "the file must be a mapping of keys "
                           "(schema_version:, company:, disclosure:, …)", always=True)
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
    return load_text(text, path, limits, raw.removeprefix(b"\xef\xbb\xbf"))


def read_file(file: Path, shown: str, limits: Limits = DEFAULT_LIMITS) -> tuple[bytes | None, Problem | None]:
    """The file's bytes, at most one more than the size limit, or the problem that stops reading it."""
    try:
        return read_regular(file, limits.max_bytes), None
    except NotAFile as e:   # a link, FIFO, device or folder: never opened or followed
        return None, Problem(shown, 1, 1, "error", "not-a-file", e.message)
    except OSError as e:
        return None, Problem(shown, 1, 1, "error", "unreadable", f"cannot read the file: {e.strerror}")


def load_file(file: Path, shown_as: str | None = None, limits: Limits = DEFAULT_LIMITS) -> Loaded:
    shown = shown_as or str(file)
    raw, problem = read_file(file, shown, limits)
    if raw is None:
        return Loaded(shown, None, None, (problem,) if problem else ())
    return load_bytes(raw, shown, limits)
