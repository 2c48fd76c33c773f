"""A list exported as JSON read as a sheet: the objects' keys are the headings, in the order
first met, and each object a row. Read: a list of objects (`disclose export --format json`),
an object holding one such list (an API's `{"results": [...]}`), and a GeoJSON feature
collection (Open Supply Hub's API), whose points give each row `lat` and `lng`.

Rows are numbered as the same list exported as CSV would number them (headings on row 1),
since a JSON file's lines say nothing about its objects. A list of texts and numbers is one
cell, its items joined by `|` as Open Supply Hub's CSV joins them; a value that is an object
is not read, with one warning for its column, never flattened by guesswork.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..problems import Problem
from ..text import unguard
from .sheets import Limits, Row, Sheet, open_file, problem, sheet_of

_SCALAR = (str, int, float, bool, type(None))


class _TooMany(Exception):
    pass


def read_json(path: Path, shown: str, limits: Limits) -> tuple[Sheet | None, list[Problem]]:
    raw, problems = open_file(path, shown, limits)
    if raw is None:
        return None, problems
    with raw:
        data = raw.read()
    objects = _Objects(limits.max_rows * 4 + 16)   # a GeoJSON feature is four objects
    try:
        items = _items(json.loads(data.decode("utf-8-sig"), object_pairs_hook=objects))
    except UnicodeDecodeError as e:
        return None, [problem(shown, 1, 1, "not-utf8", f"this JSON file is not UTF-8 (byte {e.start + 1})")]
    except json.JSONDecodeError as e:
        return None, [problem(shown, e.lineno, e.colno, "json-syntax", f"this is not valid JSON: {e.msg}")]
    except (RecursionError, ValueError):   # a number of thousands of digits is a ValueError
        return None, [problem(shown, 1, 1, "json-syntax", "this JSON nests too deeply, or holds a number too long, "
                              "to be a list of rows")]
    except _TooMany:
        return None, [_too_many(shown, limits)]
    if items is None:
        return None, [problem(shown, 1, 1, "json-shape", "a JSON list to import is a list of objects, one per "
                              "site, such as `disclose export --format json` writes, or a GeoJSON feature collection")]
    if len(items) > limits.max_rows:
        return None, [_too_many(shown, limits)]
    sheet, found = _sheet(items, shown, limits)
    return sheet, found + ([Problem(shown, 1, 1, "warning", "json-duplicate-key", f"an object gives the key "
                                    f"'{objects.duplicated}' twice: the last is read, here and wherever a key is "
                                    "given twice")] if objects.duplicated else [])


def _too_many(shown: str, limits: Limits) -> Problem:
    return problem(shown, 1, 1, "too-many-rows", f"more than {limits.max_rows:,} rows; split the file")


class _Objects:
    """Each object as the parser makes it: past what the rows could hold, reading stops (a file of `{}`
    is millions of objects); the first key given twice is kept, to be said."""

    def __init__(self, limit: int) -> None:
        self.count, self.limit, self.duplicated = 0, limit, ""

    def __call__(self, pairs: list[tuple[str, Any]]) -> dict:
        self.count += 1
        if self.count > self.limit:
            raise _TooMany
        result = dict(pairs)
        if len(result) < len(pairs) and not self.duplicated:
            self.duplicated = next(k for i, (k, _) in enumerate(pairs) if k in dict(pairs[:i]))
        return result


def _items(data: Any) -> list[dict] | None:
    """The rows' objects, or None when the JSON holds no list of them."""
    if isinstance(data, dict) and data.get("type") == "FeatureCollection" and isinstance(data.get("features"), list):
        return [_feature(f) for f in data["features"]] if all(isinstance(f, dict) for f in data["features"]) else None
    if isinstance(data, dict):
        lists = [v for v in data.values() if isinstance(v, list) and v and all(isinstance(i, dict) for i in v)]
        data = lists[0] if len(lists) == 1 else None
    return data if isinstance(data, list) and all(isinstance(i, dict) for i in data) else None


def _feature(feature: dict) -> dict:
    properties = feature.get("properties") if isinstance(feature.get("properties"), dict) else {}
    geometry = feature.get("geometry") if isinstance(feature.get("geometry"), dict) else {}
    point = geometry.get("coordinates") if geometry.get("type") == "Point" else None
    if isinstance(point, list) and len(point) >= 2 and all(isinstance(c, (int, float)) for c in point[:2]):
        return {**properties, "lat": point[1], "lng": point[0]}   # GeoJSON writes longitude first
    return dict(properties)


def _text(value: Any) -> str | None:
    """A value as a cell's text; None when it is not one (an object, a list of objects)."""
    if isinstance(value, list):
        return "|".join(t for t in map(_text, value) if t) if all(isinstance(v, _SCALAR) for v in value) else None
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value) if isinstance(value, _SCALAR) else None


def _sheet(items: list[dict], shown: str, limits: Limits) -> tuple[Sheet | None, list[Problem]]:
    keys = list(dict.fromkeys(str(k) for item in items for k in item))[: limits.max_columns]
    rows, unread = [Row(1, tuple(unguard(k.strip()) for k in keys))], {}
    for number, item in enumerate(items, start=2):
        cells = []
        for column, key in enumerate(keys, start=1):
            text = _text(item.get(key))
            if text is None:
                unread.setdefault(column, number)
                text = ""
            if len(text) > limits.max_cell:
                return None, [problem(shown, number, column, "cell-too-long",
                                      f"this value holds more than {limits.max_cell:,} characters")]
            cells.append(unguard(text.strip()))
        rows.append(Row(number, tuple(cells)))
    sheet, problems = sheet_of(shown, "", rows)
    return sheet, problems + [Problem(shown, number, column, "warning", "json-nested",
                                      f"column '{keys[column - 1]}' holds objects (the first on row {number}), "
                                      "which are not read") for column, number in sorted(unread.items())]
