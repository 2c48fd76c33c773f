"""Historical versions loaded, validated and compared once, cached by blob id.

A blob's content never changes, so neither does its verdict nor the events between
two blobs. Both are kept in memory for the run and on disk for the next one: a small
index (verdict per version, events per pair of versions, the git walk) read whole, and
in an SQLite file the data of each company's last version that the working tree does not
hold (a withdrawn company's page shows it), read only when needed. A rebuild after one new
commit loads and validates only what that commit touched, and the version before it. The
cache folder's name holds a fingerprint of the schema and the checking code, so a new rule
never meets an old verdict.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import fields
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from ..check import checks, schema
from ..load import loader
from ..load.files import write_whole
from . import remembered
from .catfile import CatFile
from .diff import Event, diff
from .gitlog import Blob, Change, Commit, GitUnavailable, extends, kind_of, walk
from .pieces import Pieces
from .verdict import MAX_BYTES, judge, lend_current, not_a_file

Key = tuple[str, str]   # (blob id, path): the file name takes part in validation
_EVENT_FIELDS = tuple(f.name for f in fields(Event))
# Shared by every run in this process (`mkdocs serve` rebuilds): verdicts, data, events.
_MEMO: dict[str, Any] = {}


def decided_by() -> list[Path]:
    """Every module that decides a verdict or an event, whose outcomes the cache keeps: the loading and
    checking stages, the text rules, the model's lists and the problems' wording."""
    package = Path(checks.__file__ or "").resolve().parents[1]
    history = package / "history"
    return sorted([*package.glob("load/*.py"), *package.glob("check/*.py"), package / "text.py",
                   package / "model.py", package / "problems.py", history / "pieces.py", history / "seeded.py",
                   history / "verdict.py", history / "diff.py", history / "gitlog.py",
                   history / "metadata.py"])


@cache
def _fingerprint() -> str:
    digest = hashlib.sha256(schema.SCHEMA_PATH.read_bytes())
    for file in decided_by():
        digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


@lru_cache(maxsize=1 << 16)   # asked for many times per version as its timeline is built
def _id(key: Key) -> str:
    return hashlib.sha1(f"{key[0]}\0{key[1]}".encode()).hexdigest()


def _write(file: Path, value: Any) -> None:
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        return  # the cache only saves time; a read-only disk costs speed, not correctness
    # dumps, not dump: only the one-shot encoder is the fast one written in C
    write_whole(file, [json.dumps(value, ensure_ascii=False).encode("utf-8")])


def _read(file: Path | None) -> Any:
    if file is None:
        return None
    try:
        with open(file, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):
        return None   # absent or damaged: work it out again


class VersionStore:
    """Verdicts and events for the whole run; versions' data only while they are needed.

    Data is held for the lineages being worked on (`release` lets it go) and for each
    company's last readable version, which its page shows and the next commit is compared
    with. Only those last versions are written to disk, and only when the working tree does
    not already hold them (`seed`); any other version a later run needs is read from git again.
    """

    def __init__(self, top: Path, folder: Path | None) -> None:
        self.top = top
        self.folder = folder / f"history-{_fingerprint()}" if folder else None
        index = _read(self.folder / "index.json" if self.folder else None)
        index = index if isinstance(index, dict) else {}
        self.verdicts: dict[str, str] = {**remembered.verdicts(index.get("verdicts")),
                                         **_MEMO.setdefault("verdicts", {})}
        self.events: dict[str, list[Any]] = {**remembered.events(index.get("events")), **_MEMO.setdefault("events", {})}
        self.data: dict[str, Any] = dict(_MEMO.get("lasts") or {})
        self.seeded: set[str] = set()     # versions the working tree holds: never written to disk
        self.current: dict[str, str] = {}   # their blobs, by path
        self.stored: set[str] = set()     # versions read from disk: already written
        self.fresh: dict[str, dict[str, Any]] = {"verdicts": {}, "events": {}}   # what this run worked out
        self.lasts: dict[str, Any] = {}
        self._connection: sqlite3.Connection | None = None
        self.walked: dict[str, Any] = _MEMO.get("walk") or remembered.walk(index.get("walk"))
        self.missing: dict[str, str] = {}
        self.changed = False
        self.pieces = Pieces()   # what the versions' texts share, parsed once
        self.blobs = CatFile(top)   # one git for every blob this process reads

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

    def seed(self, versions: Mapping[Key, Mapping[str, Any]]) -> None:
        """Versions already loaded and found free of errors (the working tree's files, when git
        holds the same bytes). No error depends on the day of checking, so the verdict stands."""
        for key, data in versions.items():
            kid = _id(key)
            if self.verdicts.get(kid) != "":
                self._verdict(kid, "")
            self.data[kid] = data
            self.seeded.add(kid)
            self.current[key[1]] = key[0]

    def unjudged(self, keys: Iterable[Key]) -> list[Key]:
        return [k for k in keys if _id(k) not in self.verdicts]

    def prepare(self, wanted: Mapping[Key, dt.date], again: bool = False) -> None:
        """Load and validate every version not yet judged (with `again`: every one, for its
        data), reading their blobs in batches as they come."""
        missing = list(wanted) if again else self.unjudged(wanted)
        paths: dict[str, list[str]] = {}
        for blob, path in missing:
            if kind_of(blob):   # a link or a submodule: nothing to read
                self._judged((blob, path), None, not_a_file(kind_of(blob), path).text())
                continue
            paths.setdefault(blob, []).append(path)
        # The working tree's version of each file read here lends its pieces first (`history.seeded`).
        touched = {path for some in paths.values() for path in some}
        lenders = {blob: path for path, blob in self.current.items() if path in touched}
        order = sorted(paths.keys() | lenders.keys(),
                       key=lambda blob: (lenders.get(blob) or paths[blob][0], blob not in lenders, blob))
        with loader.collector_paused():  # once for the run, not once per version (see validation)
            # A file's versions one after another: what they share is still remembered (`pieces`).
            for found in self.blobs.read(order, MAX_BYTES):
                if found.sha in lenders:
                    self._lend(found, lenders[found.sha])
                for path in paths.pop(found.sha, ()):
                    key = (found.sha, path)
                    self._judged(key, *judge(found, path, wanted[key], self.pieces))
        for blob, left in paths.items():   # not remembered: a later fetch may bring the object
            for path in left:
                self.missing[_id((blob, path))] = f"{path}: missing from the repository"

    def _lend(self, found: Blob, path: str) -> None:
        data = self.data.get(_id((found.sha, path)))
        if found.content is not None and isinstance(data, dict):
            lend_current(self.pieces, found.content, data)

    def load(self, keys: Iterable[Key], days: Mapping[Key, dt.date]) -> None:
        """Make the data of these readable versions at hand: from disk, else from git again."""
        again = {}
        for key in keys:
            kid = _id(key)
            if kid in self.data or self.problem(key):
                continue
            found = self._stored(kid)
            # Only a readable version is stored: data of another shape is a damaged cache, not shown.
            if isinstance(found, dict) and schema.conforms(found):
                self.data[kid] = found
                self.stored.add(kid)
            else:
                again[key] = days.get(key) or dt.date.today()
        if again:
            self.prepare(again, again=True)

    def _verdict(self, kid: str, problem: str) -> None:
        self.verdicts[kid] = _MEMO["verdicts"][kid] = self.fresh["verdicts"][kid] = problem
        self.changed = True

    def _judged(self, key: Key, data: Mapping[str, Any] | None, problem: str) -> None:
        kid = _id(key)
        self._verdict(kid, problem)
        if data is not None:
            self.data[kid] = data

    def problem(self, key: Key) -> str:
        kid = _id(key)
        return self.missing.get(kid) or self.verdicts.get(kid, "")

    def known(self, old: Key | None, new: Key | None) -> bool:
        return _pair(old, new) in self.events

    def version(self, key: Key) -> Mapping[str, Any] | None:
        kid = _id(key)
        if kid not in self.data:
            self.load([key], {})
        return self.data.get(kid)

    def compare(self, old: Key | None, new: Key | None) -> list[Event]:
        pair = _pair(old, new)
        if pair not in self.events:
            found = diff(self.version(old) if old else None, self.version(new) if new else None)
            rows = [[getattr(e, f) for f in _EVENT_FIELDS] for e in found]
            self.events[pair] = _MEMO["events"][pair] = self.fresh["events"][pair] = rows
            self.changed = True
        return [Event(*row) for row in self.events[pair]]

    def release(self, keep: Iterable[Key]) -> None:
        """Let go of every version's data but these (and the working tree's)."""
        kept = {_id(k) for k in keep} | self.seeded
        self.data = {kid: d for kid, d in self.data.items() if kid in kept}

    def last(self, key: Key) -> Mapping[str, Any] | None:
        """A company's last readable version: kept for its page, and for the next run."""
        data = self.version(key)
        self.lasts[_id(key)] = data
        return data

    def is_seeded(self, key: Key) -> bool:
        return _id(key) in self.seeded

    def start_over(self) -> None:
        """In a forked worker: only what the worker works out is sent back; the parent's connection stays its own."""
        self.fresh, self.lasts, self._connection = {"verdicts": {}, "events": {}}, {}, None

    def unseeded_lasts(self) -> dict[str, Any]:
        return {kid: d for kid, d in self.lasts.items() if kid not in self.seeded}

    def absorb(self, fresh: Mapping[str, Mapping[str, Any]], lasts: Mapping[str, Any]) -> None:
        """What a worker process worked out, as if worked out here."""
        for kid, problem in fresh["verdicts"].items():
            self._verdict(kid, problem)
        for pair, rows in fresh["events"].items():
            self.events[pair] = _MEMO["events"][pair] = self.fresh["events"][pair] = rows
            self.changed = True
        self.lasts.update(lasts)
        self.data.update(lasts)

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
        self.blobs.close()
        pending = [(kid, json.dumps(data, ensure_ascii=False)) for kid, data in self.lasts.items()
                   if data is not None and kid not in self.seeded and kid not in self.stored]
        db = self._db() if pending else None
        if db is not None:
            try:
                with db:
                    db.executemany("INSERT OR REPLACE INTO data VALUES (?, ?)", pending)
            except sqlite3.Error:
                pass  # the cache only saves time
        if self._connection is not None:
            self._connection.close()
            self._connection = None
        # The working tree's versions are seeded again by the next run: not held here between runs.
        _MEMO["lasts"] = {kid: d for kid, d in self.lasts.items() if d is not None and kid not in self.seeded}
        if self.folder and self.changed:
            _write(self.folder / "index.json", {"verdicts": self.verdicts, "events": self.events, "walk": self.walked})


def _pair(old: Key | None, new: Key | None) -> str:
    return f"{_id(old) if old else '-'}:{_id(new) if new else '-'}"
