"""Entity lists written back in an Open Supply Hub layout, as CSV or JSON.

`osh-upload` (the default): the OSH upload columns, then the model's own fields, so
every field the importer reads comes back. `osh-download`: the columns of OSH's own
download, in its order (is_closed "True"/"False", lat and lng, several values joined
with '|'), then the entity id, so a re-import updates rather than duplicates.
"""

from __future__ import annotations

import errno
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..text import csv_line
from .atomic_write import replace_file
from .osh import LAYOUTS, entity_row

FORMATS = ("csv", "json")


def export_rows(data: Mapping[str, Any], list_name: str, layout: str = "osh-upload") -> list[dict[str, str]]:
    return [entity_row(e, LAYOUTS[layout]) for e in data.get(list_name) or []]


def as_csv(rows: list[dict[str, str]], layout: str = "osh-upload") -> str:
    # Lines starting like a formula get an apostrophe, which import removes again.
    columns = LAYOUTS[layout]
    return csv_line(columns) + "".join(csv_line(row.get(c, "") for c in columns) for row in rows)


def as_json(rows: list[dict[str, str]]) -> str:
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


def write_export(data: Mapping[str, Any], list_name: str, out: Path, fmt: str, layout: str = "osh-upload") -> Path:
    """OUT/<company-id>-<list>.<fmt> (osh-download: <company-id>-<list>-osh-download.<fmt>)."""
    rows = export_rows(data, list_name, layout)
    suffix = "" if layout == "osh-upload" else f"-{layout}"
    target = out / f"{data['company']['id']}-{list_name}{suffix}.{fmt}"
    out.mkdir(parents=True, exist_ok=True)
    if target.is_symlink():   # replacing it would be safe, but the link is the user's own: said, not undone
        raise OSError(errno.ELOOP, f"{target} is a symbolic link, and an export never writes through one "
                                   "nor replaces it; remove the link")
    replace_file(target, as_csv(rows, layout) if fmt == "csv" else as_json(rows), newline="", mode=0o644)
    return target
