"""The history cache's index read back only in the shape it was written, part by part.

What a build writes, it reads again; anything else is a damaged cache and is worked out
again from git. A commit is read only as a commit's hexadecimal name: the remembered walk's
head goes to `git rev-list`, where text such as `--output=FILE` would be an option.
"""

from __future__ import annotations

import re
from typing import Any

from .gitlog import NOT_FILES

_SHA = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")


def _texts(row: Any, count: int) -> bool:
    return isinstance(row, list) and len(row) == count and all(type(x) is str for x in row)


def _event(row: Any) -> bool:
    """An `Event` as a row: kind, list, id, field, old, new and label; old and new are any JSON."""
    return isinstance(row, list) and len(row) == 7 and all(type(row[i]) is str for i in (0, 1, 2, 3, 6))


_ENTRY = re.compile(rf"(?:(?:{'|'.join(NOT_FILES.values())}):)?(?:[0-9a-f]{{40}}|[0-9a-f]{{64}})")


def _blob(value: Any) -> bool:
    """A tree entry's id as `gitlog.entry` writes it (`symlink:…` for one that is not a file), or null:
    an added file has no old blob, a deleted one no new blob."""
    return value is None or (type(value) is str and bool(_ENTRY.fullmatch(value)))


def _change(row: Any) -> bool:
    return isinstance(row, list) and len(row) == 5 and _texts(row[:3], 3) and _blob(row[3]) and _blob(row[4])


def _commit(row: Any) -> bool:
    """sha, date, author, message, then each change: status, old path, path, blob, old blob."""
    return (isinstance(row, list) and len(row) == 5 and _texts(row[:4], 4) and bool(_SHA.fullmatch(row[0]))
            and isinstance(row[4], list) and all(map(_change, row[4])))


def verdicts(value: Any) -> dict[str, str]:
    """Version id → '' (readable) or why not; {} when any entry is not so."""
    ok = isinstance(value, dict) and all(type(v) is str for v in value.values())
    return value if ok else {}


def events(value: Any) -> dict[str, list[Any]]:
    """A pair of versions → the events between them, as rows; {} when any entry is not so."""
    ok = isinstance(value, dict) and all(isinstance(rows, list) and all(map(_event, rows)) for rows in value.values())
    return value if ok else {}


def walk(value: Any) -> dict[str, Any]:
    """The remembered walk: the folder, the head commit, and every commit touching it; {} when not so."""
    if not (isinstance(value, dict) and type(value.get("rel")) is str and type(value.get("head")) is str):
        return {}
    rows = value.get("commits")
    ok = _SHA.fullmatch(value["head"]) and isinstance(rows, list) and all(map(_commit, rows))
    return value if ok else {}
