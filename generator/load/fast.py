"""The fast path: most files are valid, and a valid file needs no source map.

`yaml_rs` (Rust, YAML 1.2 core) parses several times faster than libyaml's composer and
builds no node tree. It reads a few things differently from `loader` (`1_000`, `0b101`,
`.inf`, aliases, tags), so any text that might hold one of them, or that the located
loader would refuse, is left to `loader`: the fast path gives the same data or none.
"""

from __future__ import annotations

import math
import re
import sys
from typing import Any

from .nodes import DEFAULT_LIMITS, MAX_DIGITS, Limits

# Any character YAML does not allow unescaped (libyaml refuses these with a located
# error), and NEL and the Unicode line separators, which YAML 1.1 (libyaml) reads as line
# breaks and YAML 1.2 does not.
_UNUSUAL_CHARACTER = re.compile(
    r"[^\t\n\r\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
# Directives and document markers at a line's start: a line starts after "\n" only, as `^`
# means in re.M; searching for the newline first is several times faster than `^` is.
_MARKERS = ("%", "---", "...")
_MARKER_LINE = re.compile(r"\n(?:%|---|\.\.\.)")
_BINARY = re.compile(r"\b0b[01]")                            # 0b101: a number to one, text to the other
_NODE_PROPERTY = re.compile(r"(?:^|[\s\[{,])(?:[&*]\S|!)", re.M)  # anchors, aliases, tags
_LEADING_TAB = re.compile(r"^[ \t?-]*\t", re.M)   # `-\tb`: a list item to one parser, an error to the other
_LARGEST = 10**MAX_DIGITS
# yaml_rs recurses once per level: it refuses flow nesting (brackets) past about 256 levels
# itself, but block nesting past about 10,000 overflows its stack. Block nesting needs
# indentation or `- `/`? ` at a line's start, so 500 such characters bound it at 1,002.
# Searched for after a newline and on the first line, not with `^` at every character.
_DEEP_FIRST_LINE = re.compile(r"[ ?-]{500}")
_DEEP_LINE = re.compile(r"\n[ ?-]{500}")
_DIGITS = frozenset("0123456789")


def deeply_indented(text: str) -> bool:
    """Whether a line starts with 500 spaces, dashes or question marks (history's pieces ask too)."""
    return bool(_DEEP_FIRST_LINE.match(text) or _DEEP_LINE.search(text))


def load_fast(raw: bytes, limits: Limits = DEFAULT_LIMITS) -> dict[str, Any] | None:
    """The file's data as `loader` would give it, or None: then `loader` must read it."""
    if len(raw) > limits.max_bytes:
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    if deeply_indented(text) or _read_otherwise(text):
        return None
    import yaml_rs  # here, not at the top: it reserves about 100 MB of address space, which
    # commands that never take the fast path (import under a memory limit) need not pay for

    try:
        data = yaml_rs.loads(text, parse_datetime=False, duplicate_key_policy=yaml_rs.DuplicateKeyPolicy.Error)
    except (ValueError, TypeError, RecursionError):   # YAMLDecodeError is a ValueError
        return None
    if isinstance(data, dict):
        try:
            return _shared(data, limits.max_depth)
        except _NotPlain:
            return None
    return None


def _read_otherwise(text: str) -> bool:
    """Whether the text may hold something either parser reads otherwise, or `loader` refuses."""
    return bool(_UNUSUAL_CHARACTER.search(text) or text.startswith(_MARKERS) or _MARKER_LINE.search(text)
                or _digit_beside_underscore(text)
                or ("0b" in text and _BINARY.search(text)) or ("\t" in text and _LEADING_TAB.search(text))
                or (("&" in text or "*" in text or "!" in text) and _NODE_PROPERTY.search(text)))


def _digit_beside_underscore(text: str) -> bool:
    """1_000 is a number to one parser and text to the other. (A loop over the few `_`
    beats a regular expression that tries every character of the file.)"""
    at = text.find("_")
    while at != -1:
        if text[at - 1:at] in _DIGITS or text[at + 1:at + 2] in _DIGITS:
            return True
        at = text.find("_", at + 1)
    return False


class _NotPlain(Exception):
    """Something `loader` would not build: the file goes to `loader`."""


# Strings this short repeat across files (keys, codes, kinds, cities, dates): each is held
# once, not once per file. A registry of 10,000 files held its keys alone 10,000 times over.
_SHORT = 40


def _shared(value: Any, depth_left: int) -> Any:
    """The value with its keys and short strings shared, when it is only what `loader` builds:
    text keys, finite numbers that it reads as numbers, within depth."""
    kind = type(value)
    if kind is dict:
        if depth_left <= 0:
            raise _NotPlain
        shared = {}
        # Text, the most common value, and containers without a call for the value's kind:
        # this walk costs as much as the parse.
        for k, v in value.items():
            if type(k) is not str:
                raise _NotPlain
            held = type(v)
            if held is str:
                shared[_intern(k)] = _intern(v) if len(v) <= _SHORT else v
            elif held is dict or held is list:
                shared[_intern(k)] = _shared(v, depth_left - 1)
            else:
                shared[_intern(k)] = _scalar(v)
        return shared
    if kind is list:
        if depth_left <= 0:
            raise _NotPlain
        items: list[Any] = []
        add = items.append
        for v in value:
            held = type(v)
            if held is str:
                add(_intern(v) if len(v) <= _SHORT else v)
            elif held is dict or held is list:
                add(_shared(v, depth_left - 1))
            else:
                add(_scalar(v))
        return items
    if kind is str:
        return _intern(value) if len(value) <= _SHORT else value
    return _scalar(value)


def _scalar(value: Any) -> Any:
    kind = type(value)
    if kind is bool or value is None:
        return value
    if kind is float:
        if math.isfinite(value):
            return value
        raise _NotPlain
    if kind is int and -_LARGEST < value < _LARGEST:
        return value
    raise _NotPlain


_intern = sys.intern
