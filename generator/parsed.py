"""Historical versions loaded and validated once, cached by blob id in memory and on disk.

A blob's content never changes, so its parsed form is kept for good: a rebuild after
one new commit loads and validates only the files that commit touched. The cache
folder's name holds a fingerprint of the schema and the checking code, so a new rule
never meets an old verdict.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from . import checks, loader, schema, validation
from .gitlog import blobs
from .loader import load_bytes
from .validation import validate_document


@dataclass(frozen=True)
class Parsed:
    data: Mapping[str, Any] | None   # None: the version does not load or validate
    problem: str = ""                # the first error, for an unreadable version


_MEMO: dict[str, Parsed] = {}


@cache
def _fingerprint() -> str:
    digest = hashlib.sha256(schema.SCHEMA_PATH.read_bytes())
    for module in (checks, loader, schema, validation):
        digest.update(Path(module.__file__ or "").read_bytes())
    return digest.hexdigest()[:16]


def _key(blob: str, path: str) -> str:
    # The file name takes part in validation (the stem must equal company.id).
    return hashlib.sha1(f"{_fingerprint()}\0{blob}\0{path}".encode()).hexdigest()


def parse_version(raw: bytes, path: str, today: dt.date) -> Parsed:
    doc = load_bytes(raw, path)
    errors = [p for p in validate_document(doc, today) if p.is_error]
    if errors or doc.data is None:
        return Parsed(None, errors[0].text() if errors else f"{path}: cannot be read")
    return Parsed(doc.data)


class VersionCache:
    def __init__(self, top: Path, folder: Path | None) -> None:
        self.top = top
        self.folder = folder / f"versions-{_fingerprint()}" if folder else None

    def parse(self, wanted: Mapping[tuple[str, str], dt.date]) -> dict[tuple[str, str], Parsed]:
        """(blob, path) → parsed version, reading from git only what no cache holds."""
        found: dict[tuple[str, str], Parsed] = {}
        missing: list[tuple[str, str]] = []
        for blob, path in wanted:
            key = _key(blob, path)
            hit = _MEMO.get(key) or self._read(key)
            if hit is None:
                missing.append((blob, path))
            else:
                found[(blob, path)] = _MEMO[key] = hit
        contents = blobs(self.top, sorted({blob for blob, _ in missing}))
        for blob, path in missing:
            raw = contents.get(blob)
            if raw is None:  # not cached: a later fetch may bring the object
                found[(blob, path)] = Parsed(None, f"{path}: missing from the repository")
                continue
            key = _key(blob, path)
            found[(blob, path)] = _MEMO[key] = parse_version(raw, path, wanted[(blob, path)])
            self._write(key, found[(blob, path)])
        return found

    def _file(self, key: str) -> Path | None:
        return self.folder / key[:2] / f"{key}.json" if self.folder else None

    def _read(self, key: str) -> Parsed | None:
        file = self._file(key)
        if file is None:
            return None
        try:
            with open(file, encoding="utf-8") as f:
                raw = json.load(f)
            return Parsed(raw["data"], raw["problem"])
        except (OSError, ValueError, KeyError, TypeError):
            return None   # absent or damaged: parse again

    def _write(self, key: str, parsed: Parsed) -> None:
        file = self._file(key)
        if file is None:
            return
        try:
            file.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=file.parent, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump({"data": parsed.data, "problem": parsed.problem}, f, ensure_ascii=False)
            os.replace(tmp, file)
        except OSError:
            pass  # the cache only saves time; a read-only disk costs speed, not correctness
