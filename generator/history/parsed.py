"""Historical versions loaded, validated and compared once, cached by blob id.

A blob's content never changes, so neither does its verdict nor the events between
two blobs. Both are kept in memory for the run and on disk for the next one: a small
index (verdict per version, events per pair of versions, the git walk) read whole,
and each version's data in an SQLite file, read only when a new comparison or a
withdrawn company's page needs it. A rebuild after one new commit loads and validates only
what that commit touched. The cache folder's name holds a fingerprint of the schema
and the checking code, so a new rule never meets an old verdict.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
import tempfile
from collections.abc import Mapping
from dataclasses import fields
from functools import cache
from pathlib import Path
from typing import Any

from ..check import checks, schema
from ..check.validation import check_bytes
from ..load import loader
from ..load.loader import DEFAULT_LIMITS
from ..problems import Problem
from .diff import Event, diff
from .gitlog import Blob, Change, Commit, GitUnavailable, blobs, extends, read_blobs, walk

MAX_BYTES = DEFAULT_LIMITS.max_bytes
Key = tuple[str, str]   # (blob id, path): the file name takes part in validation
_EVENT_FIELDS = tuple(f.name for f in fields(Event))
# Shared by every run in this process (`mkdocs serve` rebuilds): verdicts, data, events.
_MEMO: dict[str, Any] = {}


@cache
def _fingerprint() -> str:
    digest = hashlib.sha256(schema.SCHEMA_PATH.read_bytes())
    # Every module that decides a verdict: the loading and checking stages, and the text rules.
    package = Path(checks.__file__ or "").resolve().parents[1]
    for file in sorted([*package.glob("load/*.py"), *package.glob("check/*.py"), package / "text.py"]):
        digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def _id(key: Key) -> str:
    return hashlib.sha1(f"{key[0]}\0{key[1]}".encode()).hexdigest()


def parse_version(raw: bytes, path: str, today: dt.date) -> tuple[Mapping[str, Any] | None, str]:
    """The version's data, or None and the first error that makes it unreadable."""
    doc, problems = check_bytes(raw, path, today, errors_only=True)
    errors = [p for p in problems if p.is_error]
    if errors or doc.data is None:
        return None, errors[0].text() if errors else f"{path}: cannot be read"
    return doc.data, ""


def too_large(path: str, size: int) -> str:
    return Problem(path, 1, 1, "error", "file-too-large", f"unreadable: too large ({size:,} bytes; the limit "
                   f"is {MAX_BYTES:,}); this version was not read").text()


def judge(blob: Blob, path: str, today: dt.date) -> tuple[Mapping[str, Any] | None, str]:
    """A version's data and problem; one over the size limit is judged by its size alone."""
    if blob.content is None:
        return None, too_large(path, blob.size)
    return parse_version(blob.content, path, today)


def _write(file: Path, value: Any) -> None:
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=file.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            # dumps, not dump: only the one-shot encoder is the fast one written in C
            f.write(json.dumps(value, ensure_ascii=False))
        os.replace(tmp, file)
    except OSError:
        pass  # the cache only saves time; a read-only disk costs speed, not correctness


def _read(file: Path | None) -> Any:
    if file is None:
        return None
    try:
        with open(file, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):
        return None   # absent or damaged: work it out again


class VersionStore:
    def __init__(self, top: Path, folder: Path | None) -> None:
        self.top = top
        self.folder = folder / f"history-{_fingerprint()}" if folder else None
        index = _read(self.folder / "index.json" if self.folder else None)
        index = index if isinstance(index, dict) else {}
        self.verdicts: dict[str, str] = {**(index.get("verdicts") or {}), **_MEMO.setdefault("verdicts", {})}
        self.events: dict[str, list[Any]] = {**(index.get("events") or {}), **_MEMO.setdefault("events", {})}
        self.data: dict[str, Any] = _MEMO.setdefault("data", {})
        self.pending: list[tuple[str, str]] = []   # data to store, written in one transaction
        self._connection: sqlite3.Connection | None = None
        self.walked: dict[str, Any] = _MEMO.get("walk") or index.get("walk") or {}
        self.missing: dict[str, str] = {}
        self.changed = False

    def commits(self, rel: str, head: str) -> list[Commit]:
        """Every commit touching `rel` up to `head`: a remembered walk, extended by the new commits only."""
        walked = self.walked if self.walked.get("rel") == rel else {}
        known = [Commit(*c[:4], tuple(Change(*x) for x in c[4])) for c in walked.get("commits", ())]
        if walked.get("head") == head:
            return known
        try:
            if walked.get("head") and extends(self.top, walked["head"], head):
                found = known + walk(self.top, rel, f"{walked['head']}..{head}")
            else:
                found = walk(self.top, rel, head)
        except GitUnavailable:   # the remembered head is gone (rewritten history): walk it all
            found = walk(self.top, rel, head)
        rows = [[c.sha, c.date, c.author, c.message,
                 [[x.status, x.old_path, x.path, x.blob, x.old_blob] for x in c.changes]] for c in found]
        self.walked = _MEMO["walk"] = {"rel": rel, "head": head, "commits": rows}
        self.changed = True
        return found

    def prepare(self, wanted: Mapping[Key, dt.date]) -> None:
        """Load and validate every version not yet judged, reading their blobs in batches as they come."""
        missing = [k for k in wanted if _id(k) not in self.verdicts]
        paths: dict[str, list[str]] = {}
        for blob, path in missing:
            paths.setdefault(blob, []).append(path)
        with loader.collector_paused():  # once for the run, not once per version (see validation)
            for found in read_blobs(self.top, sorted(paths), MAX_BYTES):
                for path in paths.pop(found.sha, ()):
                    key = (found.sha, path)
                    self._judged(key, *judge(found, path, wanted[key]))
        for blob, left in paths.items():   # not remembered: a later fetch may bring the object
            for path in left:
                self.missing[_id((blob, path))] = f"{path}: missing from the repository"

    def _judged(self, key: Key, data: Mapping[str, Any] | None, problem: str) -> None:
        kid = _id(key)
        self.verdicts[kid] = _MEMO["verdicts"][kid] = problem
        self.changed = True
        if data is not None:
            self.data[kid] = data
            if self.folder:
                self.pending.append((kid, json.dumps(data, ensure_ascii=False)))

    def problem(self, key: Key) -> str:
        kid = _id(key)
        return self.missing.get(kid) or self.verdicts.get(kid, "")

    def version(self, key: Key) -> Mapping[str, Any] | None:
        kid = _id(key)
        if kid not in self.data:
            found = self._stored(kid)
            if not isinstance(found, dict):   # the data file is lost: judge the version again
                blob = blobs(self.top, [key[0]], MAX_BYTES).get(key[0], Blob(key[0], 0, b""))
                data, problem = judge(blob, key[1], dt.date.today())
                self._judged(key, data, problem)
                return data
            self.data[kid] = found
        return self.data[kid]

    def compare(self, old: Key | None, new: Key) -> list[Event]:
        pair = f"{_id(old) if old else '-'}:{_id(new)}"
        if pair not in self.events:
            found = diff(self.version(old) if old else None, self.version(new))
            self.events[pair] = _MEMO["events"][pair] = [[getattr(e, f) for f in _EVENT_FIELDS] for e in found]
            self.changed = True
        return [Event(*row) for row in self.events[pair]]

    def _db(self) -> sqlite3.Connection | None:
        """One SQLite file holds every version's data: thousands of small files cost more to write."""
        if self._connection is None and self.folder:
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
                self._connection = sqlite3.connect(self.folder / "data.sqlite")
                self._connection.execute("CREATE TABLE IF NOT EXISTS data (key TEXT PRIMARY KEY, json TEXT)")
            except (OSError, sqlite3.Error):
                self.folder, self._connection = None, None   # no usable cache: carry on without one
        return self._connection

    def _stored(self, kid: str) -> Any:
        db = self._db()
        try:
            row = db.execute("SELECT json FROM data WHERE key = ?", (kid,)).fetchone() if db else None
            return json.loads(row[0]) if row else None
        except (sqlite3.Error, ValueError):
            return None

    def save(self) -> None:
        db = self._db() if self.pending else None
        if db is not None:
            try:
                with db:
                    db.executemany("INSERT OR REPLACE INTO data VALUES (?, ?)", self.pending)
                self.pending = []
            except sqlite3.Error:
                pass  # the cache only saves time
        if self._connection is not None:
            self._connection.close()
            self._connection = None
        if self.folder and self.changed:
            _write(self.folder / "index.json", {"verdicts": self.verdicts, "events": self.events, "walk": self.walked})
