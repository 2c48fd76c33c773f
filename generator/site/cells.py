"""The open-data tables' cells: each value typed as its column says, and its text guarded.

Text is guarded once, here: the CSV, the SQLite database and the Parquet files carry the
same cells, and a spreadsheet shows a company's text as text, never runs it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from itertools import repeat
from operator import itemgetter
from typing import Any

from ..text import FORMULA_START, guard

Value = str | int | float | bool | tuple[str, ...] | None


def _string(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if type(value) is not str:
        value = (("true" if value else "false") if isinstance(value, bool) else str(value)
                 if isinstance(value, int | float) else json.dumps(value, ensure_ascii=False, sort_keys=True))
    # Company text is untrusted: every form carries what a spreadsheet would show as text, not run.
    return guard(value)


def _list(value: Any) -> tuple[str, ...] | None:
    return tuple(_string(v) or "" for v in value) if value else None


def _number(value: Any) -> int | bool | None:
    return value if isinstance(value, int) else None


def _real(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


_CELL: dict[str, Callable[[Any], Value]] = {"string": _string, "list": _list, "integer": _number, "boolean": _number,
                                           "number": _real}


def cell(value: Any, type: str) -> Value:
    """A typed value; text is guarded against spreadsheet formulas in every form alike."""
    return _CELL[type](value)


def dig(item: Mapping[str, Any], path: str) -> Any:
    value: Any = item
    for part in path.split("."):
        value = value.get(part) if isinstance(value, Mapping) else None
    return value


def values(name: str, records: list[dict[str, Any]]) -> list[Any]:
    """A column's values in the records, before typing."""
    if "." in name:  # conducted_by.name, coordinates.lat: a path into the item
        return [dig(record, name) for record in records]
    return list(map(dict.get, records, repeat(name)))


_PLAIN_FIRST = frozenset(FORMULA_START)
_TEXT_OR_NONE = frozenset((str, type(None)))


def _plain(values: list[Any]) -> bool:
    """Whether every value is None or one line of text that starts with no formula character: what
    `_string` gives back as it is. Told for the whole column at once, each step in C."""
    if not _TEXT_OR_NONE.issuperset(map(type, values)):
        return False
    texts = list(filter(None, values))
    if len(texts) + values.count(None) != len(values):
        return False   # an empty text, which is no value
    joined = "".join(texts)
    return "\n" not in joined and "\r" not in joined and _PLAIN_FIRST.isdisjoint(map(itemgetter(0), texts))


def typed(kind: str, values: list[Any]) -> list[Value]:
    """A column's cells as `cell` types them, a column at a time: a table has millions of cells, and
    the common ones (plain one-line text, whole numbers) are typed here without a call each."""
    if kind == "string":
        if _plain(values):
            return values
        return [None if v is None else v if (type(v) is str and v and v[0] not in _PLAIN_FIRST and "\n" not in v
                                             and "\r" not in v) else _string(v) for v in values]
    if kind == "list":
        items = [x for v in values if v for x in v]
        if None not in items and _plain(items):   # each item as it is: tuple() is what `_list` makes
            return [tuple(v) if v else None for v in values]
    if kind in ("integer", "boolean"):
        return [v if isinstance(v, int) else None for v in values]
    one = _CELL[kind]
    return [None if v is None else one(v) for v in values]
