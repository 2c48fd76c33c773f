"""Entity lists written back in the Open Supply Hub layout, as CSV or JSON."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..text import csv_line
from .osh import COLUMNS, entity_row

FORMATS = ("csv", "json")


def export_rows(data: Mapping[str, Any], list_name: str) -> list[dict[str, str]]:
    return [entity_row(e) for e in data.get(list_name) or []]


def as_csv(rows: list[dict[str, str]]) -> str:
    # Lines starting like a formula get an apostrophe, which import removes again.
    return csv_line(COLUMNS) + "".join(csv_line(row.get(c, "") for c in COLUMNS) for row in rows)


def as_json(rows: list[dict[str, str]]) -> str:
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


def write_export(data: Mapping[str, Any], list_name: str, out: Path, fmt: str) -> Path:
    """OUT/<company-id>-<list>.<fmt>; returns the path written."""
    rows = export_rows(data, list_name)
    target = out / f"{data['company']['id']}-{list_name}.{fmt}"
    out.mkdir(parents=True, exist_ok=True)
    # Never through a link left in the folder: it could point at any file of the user's.
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0), 0o644)
    with open(fd, "w", encoding="utf-8", newline="") as f:
        f.write(as_csv(rows) if fmt == "csv" else as_json(rows))
    return target
