"""Text that cannot hide: no value holds a control character or a bidirectional override.

Such characters are invisible or reorder what a reader sees: a NUL or ESC reaches CSVs
and terminals, a carriage return starts a new spreadsheet row, U+202E makes a name read
backwards. Line breaks (\\n) are allowed in prose fields only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from ..load.loader import Loaded
from ..problems import Problem
from ..text import LONG_TEXT_FIELDS, hidden_character


def _strings(value: Any, path: list[Any], field: str) -> Iterator[tuple[list[Any], str, str]]:
    """Every string value with its path and the field it belongs to (a list item: its list's field)."""
    if isinstance(value, str):
        yield path, field, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, path + [k], str(k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _strings(v, path + [i], field)


def check_hidden_characters(doc: Loaded, today: dt.date) -> Iterator[Problem]:
    for path, field, value in _strings(doc.data, [], "the file"):
        long_text = field in LONG_TEXT_FIELDS
        found = hidden_character(value, line_breaks=long_text)
        if found is None:
            continue
        at, name = found
        yield doc.problem(path, "hidden-character", f"{field} holds {name} at character {at + 1}; {_fix(value, at)}",
                          kind=f"hidden-character:{field}")


def _fix(value: str, at: int) -> str:
    if value[at] != "\n":
        return "remove it (retype the text if it was pasted)"
    if at == len(value) - 1:   # what `|` and `>` block scalars add
        return "write it on one line, or write |- or >- instead of | or > so that it ends without one"
    return f"write it on one line (line breaks are allowed in {', '.join(sorted(LONG_TEXT_FIELDS))})"
