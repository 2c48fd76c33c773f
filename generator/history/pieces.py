"""Versions of a file share most of their text: each piece of it is parsed once.

A commit changes a few lines of a disclosure, most of which is a few long lists of
entities. So a version's text is cut where YAML lets nothing run across the cut: before
each top-level key (a line at column 0), and in a top-level block list before each item
(a `- ` at the list's own indentation). A piece met in an earlier version is not parsed
again; the others are parsed by the fast path's parser, with the fast path's rules.

The data is what `load.fast.load_fast` gives for the whole text, or None: then the whole is
read as before. A cut that the text does not bear out (a piece that does not parse, or parses
to more or less than one key or item: a quoted or flow value running across lines, a tab
after a dash, two keys on a line broken by a lone carriage return) falls back to the whole
top-level piece, and that to the whole text. The fast path's tests of the text (characters,
markers, anchors and tags, `1_000`, `0b1`, deep indentation) look at one line at a time, so
they give the same answer piece by piece. The data of equal pieces is one object, shared by
the versions that hold them: it is read, never changed.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

from ..load.fast import _NotPlain, _read_otherwise, _shared, deeply_indented
from ..load.loader import DEFAULT_LIMITS, Limits

# Each starts with a line break: a pattern that starts with a fixed character is found fast.
_TOP = re.compile(r"\n(?=[^\s#-])")                # a top-level key starts after it
_FIRST_ITEM = re.compile(r"\n( *)-(?=[ \r\n]|$)")
_NOT_A_KEY = ("", " ", "\t", "\r", "\n", "#", "-")
_FAILED = object()                                 # a piece the fast path does not read
# Text kept in the memo at most (characters); past it, the memo starts again. With the data
# parsed from it, about 40 MB: what a chunk of history versions shares.
MEMO_CHARS = 4_000_000
MEMO_ITEMS = 200_000
# Pieces of one file at most. A piece costs far more than its share of a whole parse: a hostile
# file of half a million one-line items took 14 times as long by pieces (6.6 s against 0.5 s).
MAX_KEYS, MAX_ITEMS = 100, 5_000


class Pieces:
    """The parsed pieces of every version read so far (bounded: see MEMO_CHARS).

    A piece is parsed with a line after it like the one that follows it in the text (a key
    at column 0, or an item at the list's indentation), or with none at the end of the text:
    how a value ends can depend on what comes next (an empty `|` block at the very end of a
    text is read as a line break by the parser)."""

    def __init__(self, limits: Limits = DEFAULT_LIMITS) -> None:
        self.limits = limits
        # By the piece's level (its depth is checked there) and the line put after it, then its text.
        self.memo: dict[tuple[int, str], dict[str, Any]] = {}
        self.chars = 0
        # Parts of a file found free of item errors (see `history.verdict`), by identity (each is
        # held, so its id stays its own), where they sit (a list's name, or a key's), and schema_version.
        self.clean: dict[tuple[int, tuple[str, bool], Any], Any] = {}

    def is_clean(self, where: tuple[str, bool], version: Any, part: Any) -> bool:
        return self.clean.get((id(part), where, version)) is part

    def found_clean(self, version: Any, parts: list[tuple[tuple[str, bool], Any]]) -> None:
        if len(self.clean) > MEMO_ITEMS:
            self.clean = {}
        for where, part in parts:
            self.clean[(id(part), where, version)] = part

    def load(self, raw: bytes) -> dict[str, Any] | None:
        """The file's data as `load_fast` would give it, or None: then read the whole."""
        text = decoded(raw, self.limits)
        found = top_starts(text) if text is not None else None
        if text is None or found is None:
            return None
        data: dict[str, Any] = {}
        for start, end in itertools.pairwise([*found, len(text)]):
            entry = self._top(text[start:end], end == len(text))
            if entry is None or entry[0] in data:   # a key given twice: the whole text says how
                return None
            data[entry[0]] = entry[1]
        return data

    def remember(self, entries: list[tuple[tuple[int, str], str, Any]], chars: int) -> None:
        """Pieces whose data is known without parsing them (see `history.seeded`): (level, the
        line put after), the piece, its data with what that line adds. `chars`: the text's length."""
        if self.chars + chars > MEMO_CHARS:
            self.memo, self.chars, self.clean = {}, 0, {}
        for where, piece, value in entries:
            self.memo.setdefault(where, {})[piece] = value
            self.chars += len(piece)

    def _top(self, piece: str, last: bool) -> tuple[str, Any] | None:
        """A top-level key and its value: a list item by item where it is one, else whole."""
        listed = self._listed(piece, last)
        if listed is not None:
            return listed
        value = self._parsed(1, piece, "" if last else _KEY_AFTER)
        entries = _without_after(value, "" if last else _KEY_AFTER)
        if entries is None or len(entries) != 1 or type(entries[0][0]) is not str:
            return None
        return entries[0]

    def _listed(self, piece: str, last: bool) -> tuple[str, list[Any]] | None:
        cut = item_cuts(piece, self.limits)
        if cut is None:
            return None
        next_item, cuts = cut
        # The key with its first item: parsed together, so that YAML says the list is the key's value.
        after = next_item if len(cuts) > 2 else "" if last else _KEY_AFTER
        entries = _without_after(self._parsed(1, piece[:cuts[1]], after), after)
        if entries is None or len(entries) != 1:
            return None
        ((key, items),) = entries
        if type(key) is not str or type(items) is not list or len(items) != (2 if after == next_item else 1):
            return None
        found = [items[0]]
        # Most items were met before: looked up here, without a call each (a stale memo still holds true values).
        seen = self.memo.get((2, next_item)) or {}
        for start, end in itertools.pairwise(cuts[1:]):
            after = "" if last and end == len(piece) else next_item
            value = (after and seen.get(piece[start:end])) or self._parsed(2, piece[start:end], after)
            if type(value) is not list or len(value) != (2 if after else 1) or (after and value[1] != _AFTER_ITEM):
                return None
            found.append(value[0])
        return key, found

    def _parsed(self, level: int, piece: str, after: str) -> Any:
        """A piece's data, with what `after` adds (`_FAILED` when the fast path would not take
        it), parsed once. `level`: 1 for a key and its value, 2 for an item of a top-level list."""
        memo = self.memo.get((level, after))
        found = memo.get(piece) if memo is not None else None
        if found is None:
            if self.chars > MEMO_CHARS:
                self.memo, self.chars, self.clean = {}, 0, {}
            found = _parse(piece, after, self.limits.max_depth - level)
            self.memo.setdefault((level, after), {})[piece] = found
            self.chars += len(piece)
        return found


def decoded(raw: bytes, limits: Limits) -> str | None:
    if len(raw) > limits.max_bytes or limits.max_depth < 1:
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def top_starts(text: str) -> list[int] | None:
    """Where each top-level key's piece starts; None past MAX_KEYS (not a disclosure: the whole says why)."""
    starts = [m.start() + 1 for m in _TOP.finditer(text)]
    if text[:1] in _NOT_A_KEY:   # comments and blank lines before the first key go with it
        starts = starts[1:]
    starts.insert(0, 0)
    return starts if len(starts) <= MAX_KEYS else None


_ITEM: dict[str, re.Pattern[str]] = {}   # an item's start, by the list's indentation (a few, bounded by depth)


def item_cuts(piece: str, limits: Limits) -> tuple[str, list[int]] | None:
    """A top-level piece cut before each item of its list: the line that stands for a next item,
    and where each item starts (the first with its key), then the piece's end. None: read it whole."""
    first = _FIRST_ITEM.search(piece)
    if first is None or limits.max_depth < 3:
        return None
    indent = first.group(1)
    item = _ITEM.get(indent) or _ITEM.setdefault(indent, re.compile(f"\n{indent}-(?=[ \r\n]|$)"))
    cuts = [m.start() + 1 for m in item.finditer(piece)] + [len(piece)]
    if len(cuts) > MAX_ITEMS:   # each piece costs a parser's call: a list this long is read whole
        return None
    return f"{indent}- 0\n", cuts


_KEY_AFTER = '"\\u0000": 0\n'   # a key no disclosure has (a piece with it is refused as a duplicate)
_AFTER_KEY, _AFTER_ITEM = "\0", 0


def _without_after(value: Any, after: str) -> list[tuple[Any, Any]] | None:
    """A key's piece as (key, value) entries, without the line put after it; None if it is not one."""
    if type(value) is not dict:
        return None
    entries = list(value.items())
    if after == _KEY_AFTER:
        if not entries or entries[-1][0] != _AFTER_KEY or entries[-1][1] != _AFTER_ITEM:
            return None
        return entries[:-1]
    # With the next item put after it, the item is in the key's list.
    if after and (len(entries) != 1 or type(entries[0][1]) is not list or entries[0][1][-1:] != [_AFTER_ITEM]):
        return None
    return entries


def _parse(piece: str, after: str, depth_left: int) -> Any:
    if deeply_indented(piece) or _read_otherwise(piece):
        return _FAILED
    import yaml_rs  # as in load.fast: only where the fast path is taken

    try:
        value = yaml_rs.loads(piece + after, parse_datetime=False,
                              duplicate_key_policy=yaml_rs.DuplicateKeyPolicy.Error)
    except (ValueError, TypeError, RecursionError):
        return _FAILED
    if type(value) is not dict and type(value) is not list:   # a key and its value, or an item
        return _FAILED
    try:   # the piece's values sit one level below it; shared as the fast path shares a whole file's
        return _shared(value, depth_left + 1)
    except _NotPlain:
        return _FAILED
