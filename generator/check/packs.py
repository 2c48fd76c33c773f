"""Many cache entries in one file: making a file costs about a millisecond on a slow disk, and
a cold build at 10,000 companies made 30,000 of them, one per company for each cache.

A pack is a header line, a JSON list of [entry name, length], then the entries one after
another. An entry is read alone (a seek and a read), so a rebuild still reads only what it
needs. A pack whose header does not read back as exactly that shape is ignored, and an entry
cut short is a miss: a pack is no more trusted than a loose entry.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Mapping
from pathlib import Path

from ..load.files import write_whole

SUFFIX = ".pack"
_NAME = re.compile(r"[0-9a-f]{64}")
# A header lists about 70 bytes per entry: this bounds what a hostile pack makes us read.
MAX_HEADER = 64 * 2**20

Where = tuple[Path, int, int]   # pack, start, length


def write_pack(folder: Path, entries: Mapping[str, bytes]) -> Path | None:
    """The entries in one new pack, written whole or not at all; its path, or None when it could not be."""
    if not entries:
        return None
    names = sorted(entries)
    header = json.dumps([[n, len(entries[n])] for n in names], separators=(",", ":")).encode() + b"\n"
    target = folder / f"{hashlib.sha256(header).hexdigest()}{SUFFIX}"
    return target if write_whole(target, [header, *(entries[n] for n in names)]) else None


def read_header(pack: Path) -> dict[str, Where] | None:
    """Where each entry of the pack is, or None when its header is not a well-formed one."""
    try:
        with open(pack, "rb") as f:
            line = f.readline(MAX_HEADER)
    except OSError:
        return None
    if not line.endswith(b"\n"):
        return None
    try:
        rows = json.loads(line)
    except (ValueError, RecursionError):
        return None
    if not isinstance(rows, list):
        return None
    found: dict[str, Where] = {}
    start = len(line)
    for row in rows:
        if not (isinstance(row, list) and len(row) == 2 and isinstance(row[0], str) and _NAME.fullmatch(row[0])
                and type(row[1]) is int and row[1] >= 0):
            return None
        found[row[0]] = (pack, start, row[1])
        start += row[1]
    return found


def index(folder: Path) -> dict[str, Where]:
    """Where each entry of the folder's packs is; an entry in two packs is read from the newer."""
    try:
        packs = [folder / name for name in os.listdir(folder) if name.endswith(SUFFIX)]
        dated = sorted((p.stat().st_mtime_ns, p.name, p) for p in packs)
    except OSError:
        return {}
    found: dict[str, Where] = {}
    for _, _, pack in dated:
        found.update(read_header(pack) or {})
    return found


def read_entry(where: Where) -> bytes | None:
    pack, start, length = where
    try:
        with open(pack, "rb") as f:
            f.seek(start)
            blob = f.read(length)
    except OSError:
        return None
    return blob if len(blob) == length else None


def read_pack(pack: Path) -> dict[str, bytes]:
    """Every whole entry of a pack (for tests and tools)."""
    found = {name: read_entry(where) for name, where in (read_header(pack) or {}).items()}
    return {name: blob for name, blob in found.items() if blob is not None}
