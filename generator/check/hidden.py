"""Text that cannot hide: no value holds a control character or a bidirectional override.

Such characters are invisible or reorder what a reader sees: a NUL or ESC reaches CSVs
and terminals, a carriage return starts a new spreadsheet row, U+202E makes a name read
backwards. Line breaks (\\n) are allowed in prose fields only.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from ..load.loader import Loaded
from ..problems import Problem
from ..text import BIDI, LONG_TEXT_FIELDS, hidden_character
from .json_text import json_text


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


# In JSON, a control character below U+0020 is written as an escape; the others stay as they are.
# A match may be a false alarm (a backslash written in the text): the walk below decides.
_ESCAPED = re.compile(r"\\(?:u00[01]|[btnfr])")
_RAW = re.compile(f"[\x7f-\x9f{BIDI}]")


def _maybe_hidden(data: Any) -> bool:
    """A quick look at the whole document at once: most hold no line break or control at all."""
    text = json_text(data)
    if text is None:
        return True
    return bool(("\\" in text and _ESCAPED.search(text)) or _RAW.search(text))


def check_hidden_characters(doc: Loaded, today: dt.date) -> Iterator[Problem]:
    if not _maybe_hidden(doc.data):
        return
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


# A value a word processor put in its quotes ('name: “Acme Ltd”'), which YAML keeps as letters of the value.
_QUOTED = re.compile(r"\s*([\u201c\u201e\u00ab\u2018])[^\u201c\u201d\u201e\u00ab\u00bb]*"
                     r"([\u201d\u201c\u00bb\u2019])\s*")


def check_typographic_quotes(doc: Loaded, today: dt.date) -> Iterator[Problem]:
    text = json_text(doc.data)
    if text is not None and not re.search("[\u201c\u201e\u00ab\u2018]", text):
        return
    for path, field, value in _strings(doc.data, [], "the file"):
        if len(value) < 1000 and (found := _QUOTED.fullmatch(value)):
            if not value.strip()[1:-1].strip():   # 'name: “”': deleting the quotes leaves no name
                yield doc.problem(path, "typographic-quotes",
                                  f"{field} holds only the typographic quotes {found[1]}{found[2]}, which YAML keeps "
                                  f"as its text: write the {field} itself in their place",
                                  kind=f"typographic-quotes:{field}")
                continue
            yield doc.problem(path, "typographic-quotes",
                              f"{field} is written between the typographic quotes {found[1]} {found[2]}, which "
                              "YAML keeps as part of it; delete them (or, where YAML needs quotes, use straight "
                              "ones: \"…\")",
                              level="warning", kind=f"typographic-quotes:{field}")
