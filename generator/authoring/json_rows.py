"""A list exported as JSON (`disclose export --format json`, or an API's list of objects) read
as a sheet: the objects' keys are the headings, in the order first met, and each object a row.

Rows are numbered as the same list exported as CSV would number them (headings on row 1),
since a JSON file's lines say nothing about its objects. Only flat objects are read: a value
that is itself a list or an object is a located problem, never flattened by guesswork.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..problems import Problem
from ..text import unguard
from .sheets import Limits, Row, Sheet, open_file, problem, sheet_of


def read_json(path: Path, shown: str, limits: Limits) -> tuple[Sheet | None, list[Problem]]:
    raw, problems = open_file(path, shown, limits)
    if raw is None:
        return None, problems
    with raw:
        data = raw.read()
    try:
        items = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as e:
        return None, [problem(shown, 1, 1, "not-utf8", f"this JSON file is not UTF-8 (byte {e.start + 1})")]
    except json.JSONDecodeError as e:
        return None, [problem(shown, e.lineno, e.colno, "json-syntax", f"this is not valid JSON: {e.msg}")]
    except RecursionError:
        return None, [problem(shown, 1, 1, "json-syntax", "this JSON nests too deeply to be a list of rows")]
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        return None, [problem(shown, 1, 1, "json-shape", "a JSON list to import is a list of objects, one per "
                              "site, such as `disclose export --format json` writes")]
    if len(items) > limits.max_rows:
        return None, [problem(shown, 1, 1, "too-many-rows", f"more than {limits.max_rows:,} rows; split the file")]
    return _sheet(items, shown, limits)


def _sheet(items: list[dict], shown: str, limits: Limits) -> tuple[Sheet | None, list[Problem]]:
    keys = list(dict.fromkeys(str(k) for item in items for k in item))[: limits.max_columns]
    rows = [Row(1, tuple(unguard(k.strip()) for k in keys))]
    for number, item in enumerate(items, start=2):
        cells = []
        for column, key in enumerate(keys, start=1):
            value = item.get(key)
            if isinstance(value, (list, dict)):
                return None, [problem(shown, number, column, "json-shape", f"row {number}'s '{key}' is a "
                                      "list or an object; a list to import holds only texts and numbers")]
            text = "" if value is None else "true" if value is True else "false" if value is False else str(value)
            if len(text) > limits.max_cell:
                return None, [problem(shown, number, column, "cell-too-long",
                                      f"this value holds more than {limits.max_cell:,} characters")]
            cells.append(unguard(text.strip()))
        rows.append(Row(number, tuple(cells)))
    return sheet_of(shown, "", rows)
