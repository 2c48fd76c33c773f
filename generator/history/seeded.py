"""The working tree's version of a file, already read and checked whole, lends its pieces.

The registry loads every current file before history runs, and the versions git holds of a
file share most of their text with it. Its pieces (see `history.pieces`) are remembered with
the values the whole reading gave, so the older versions parse only what differs; and its
parts, free of errors, are remembered as such (see `history.verdict`).

A piece's value alone equals its value in the whole only if nothing runs across a cut. So a
text lends its pieces only when every line stands alone: a key with a plain, a quoted (closed
on its line) or a flat flow value, a list item of the same, a comment or a blank line; nothing
multi-line (block scalars, quotes or brackets left open, explicit keys), no tab, no lone
carriage return, no character YAML 1.1 reads as a line break. Each piece must also start with its
own key, and a list must have as many items as cuts. Any text that does not qualify is simply
not lent: its versions are parsed as before.

The values lent are the registry's reading of the text, whichever reader made it (the fast
path, or `loader` where the fast path declined). A later version holding the same piece gets
that value; had it been read whole, it would have got the same one: `loader` gives the fast
path's data wherever the fast path reads a text, and a piece that stands alone means the same
in any text. A version with an error is still read again whole (see `history.verdict`).
"""

from __future__ import annotations

import itertools
import re
import sys
from collections.abc import Mapping
from typing import Any

from ..load.fast import _UNUSUAL_CHARACTER, deeply_indented
from .pieces import _AFTER_ITEM, _AFTER_KEY, _KEY_AFTER, Pieces, decoded, item_cuts, top_starts

# Possessive parts: a hostile line of a million spaces is scanned once, never backtracked into.
# The `re` of Python 3.11.0 to 3.11.4 (Debian 12's python3 is 3.11.2) matches possessive
# quantifiers wrongly, or loops on them; there each is written as a lookahead that captures and
# a backreference that consumes, which means the same at about twice the cost.
SOUND_POSSESSIVE = sys.version_info >= (3, 11, 5)


def not_alone(sound: bool = SOUND_POSSESSIVE) -> re.Pattern[str]:
    """A line that does not stand alone (see above): its text lends no piece."""
    names = itertools.count()

    def once(repeated: str) -> str:   # `repeated`, ending in a quantifier, made possessive
        name = f"a{next(names)}"
        return f"{repeated}+" if sound else f"(?=(?P<{name}>{repeated}))(?P={name})"

    def value() -> str:   # quoted (closed on its line), flat flow (no nesting, no quotes), or plain
        double = '"' + once(r'(?:[^"\\\r\n]|\\[^\r\n])*') + '"'
        single = "'" + once(r"(?:[^'\r\n]|'')*") + "'"
        flat = r"[^\r\n\"'#\[\]{}]*"
        flows = r"\[" + once(flat) + r"\]|\{" + once(flat) + r"\}"
        plain = r"(?:[^\s\"'\[\]{}#&*!|>%@`,?:\-]|-(?=[0-9.]))" + once(r"[^\r\n#]*")   # no indicator first, no comment
        return f"(?:{double}|{single}|{flows}|{plain})"

    key = "[A-Za-z_]" + once(r"[A-Za-z0-9_.\-]*")
    items = once("(?:-(?:" + once(" +") + r"|(?=\r?$)))*")
    entry = once(f"(?:{key}:" + once("(?:" + once(" +") + value() + ")?") + f"|(?<=- ){value()})?")
    comment = once(r"(?:(?<![^ \n])#" + once(r"[^\r\n]*") + ")?")
    line = once(" *") + items + entry + once(" *") + comment + r"\r?$"
    return re.compile(f"^(?!{line})", re.M)


_NOT_ALONE = not_alone()
Entry = tuple[tuple[int, str], str, Any]


def lend(pieces: Pieces, raw: bytes, data: Mapping[str, Any]) -> bool:
    """Remember the pieces of `raw`, whose data (read whole, free of errors) is `data`;
    whether it qualified (see above)."""
    text = decoded(raw, pieces.limits)
    if text is None or "\t" in text or not _stands_alone(text):
        return False
    starts = top_starts(text)
    if starts is None or len(starts) != len(data):
        return False
    entries: list[Entry] = []
    for (start, end), (key, value) in zip(itertools.pairwise([*starts, len(text)]), data.items(), strict=True):
        found = _entries(pieces, text[start:end], end == len(text), key, value)
        if found is None:
            return False
        entries += found
    pieces.remember(entries, len(text))
    return True


def _stands_alone(text: str) -> bool:
    # NEL and the Unicode line separators (among the unusual characters) are line breaks to YAML 1.1.
    return not (("\r" in text and re.search(r"\r(?!\n)", text)) or deeply_indented(text)
                or _UNUSUAL_CHARACTER.search(text) or _NOT_ALONE.search(text))


def _entries(pieces: Pieces, piece: str, last: bool, key: Any, value: Any) -> list[Entry] | None:
    """The memo's entries for a top-level piece, as `Pieces._top` would make them."""
    if type(key) is not str or not re.match(rf"(?:(?: *#[^\r\n]*)?\r?\n)*{re.escape(key)}:", piece):
        return None
    after_key = "" if last else _KEY_AFTER
    tail = {} if last else {_AFTER_KEY: _AFTER_ITEM}
    cut = item_cuts(piece, pieces.limits)
    if cut is None or type(value) is not list:   # read as one piece (a list found under a mapping, too)
        return [((1, after_key), piece, {key: value, **tail})]
    next_item, cuts = cut
    if len(value) != len(cuts) - 1:
        return None
    first = ((1, next_item), piece[:cuts[1]], {key: [value[0], _AFTER_ITEM]}) if len(cuts) > 2 else \
        ((1, after_key), piece[:cuts[1]], {key: [value[0]], **tail})
    found = [first]
    for item, (start, end) in zip(value[1:], itertools.pairwise(cuts[1:]), strict=True):
        after = "" if last and end == len(piece) else next_item
        found.append(((2, after), piece[start:end], [item, _AFTER_ITEM] if after else [item]))
    return found
