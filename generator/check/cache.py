"""Checked files kept between builds: a file whose bytes did not change is neither parsed nor checked.

An entry is keyed by the digest of the file's bytes, the file's name, the code version, the
date the checks used and the loader's limits, and holds the data and every problem, as JSON: a cache restored
from another branch's CI run is read as plain data, never as code. An entry that does not
read back as exactly the expected shape is a miss, and the file is checked again.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import math
import os
import sys
from collections.abc import Callable
from pathlib import Path, PurePath
from typing import Any, TypeVar

from ..load.files import write_whole
from ..load.loader import Limits, Loaded
from ..problems import Problem
from .json_text import json_text
from .packs import Where, index, read_entry, read_header, write_pack

_PACKAGE = Path(__file__).resolve().parent.parent   # generator/
_LEVELS = ("error", "warning")
T = TypeVar("T")
S = TypeVar("S", bound="Store")


def code_version(package: Path = _PACKAGE) -> str:
    """A digest of every file of the package: its modules, templates and packaged defaults."""
    h = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            h.update(path.relative_to(package).as_posix().encode())
            h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def jsonable(value: Any, depth_left: int = 1000) -> bool:
    """Whether JSON gives `value` back equal and of the same types: text keys, finite numbers."""
    kind = type(value)
    if kind is str or kind is bool or kind is int or value is None:
        return True
    if kind is float:
        return math.isfinite(value)
    if kind is dict:
        return depth_left > 0 and all(type(k) is str and jsonable(v, depth_left - 1) for k, v in value.items())
    if kind is list:
        return depth_left > 0 and all(jsonable(v, depth_left - 1) for v in value)
    return False


# Strings this short repeat across files (keys, codes, cities, dates): held as the fast path
# holds them (`load.fast`), each once, not once per file, and sent from a worker once per batch.
_SHORT = 40


def interned(value: Any) -> Any:
    """JSON-decoded data with its keys and short strings held once (`sys.intern`)."""
    kind = type(value)
    if kind is dict:
        return {_intern(k): interned(v) if type(v) is not str else _intern(v) if len(v) <= _SHORT else v
                for k, v in value.items()}
    if kind is list:
        return [interned(v) if type(v) is not str else _intern(v) if len(v) <= _SHORT else v for v in value]
    if kind is str and len(value) <= _SHORT:
        return _intern(value)
    return value


_intern = sys.intern


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _problem_row(p: Problem) -> list[Any]:
    return [p.line, p.column, p.level, p.code, p.message, p.pointer, p.kind]


def _problem(row: Any, shown: str) -> Problem | None:
    if not (isinstance(row, list) and len(row) == 7):
        return None
    line, column, level, *texts = row
    if type(line) is not int or type(column) is not int or level not in _LEVELS \
            or not all(type(t) is str for t in texts):
        return None
    return Problem(shown, line, column, level, *texts)


def each_row(rows: Any, parse: Callable[[Any], T | None]) -> list[T] | None:
    """Every row of a cached list parsed, or None when it is not a list or any row does not parse."""
    if not isinstance(rows, list):
        return None
    found = [parse(row) for row in rows]
    return None if None in found else found  # type: ignore[return-value]


def _problems(rows: Any, shown: str) -> list[Problem] | None:
    return each_row(rows, lambda row: _problem(row, shown))


# Entries held before they are written as one pack: a bound on what a run on one core holds.
FLUSH_BYTES = 8 * 2**20


class Store:
    """Entries kept under a digest of (salt, key); only what one run used is kept. Each entry is
    a file of its own, or with `packed`, entries written together share a pack (`check.packs`)."""

    suffix = ""
    packed = False

    def __init__(self, folder: Path, salt: str) -> None:
        self.folder = folder
        self.salt = salt.encode("utf-8", "surrogatepass") + b"\0"
        self.used: set[str] = set()
        self.pending: dict[str, bytes] = {}
        self._pending_bytes = 0
        self._packs: dict[str, Where] | None = None   # read when first asked

    @classmethod
    def open(cls: type[S], folder: Path, salt: str) -> S | None:
        """The store in `folder`, or none when it cannot be made (a build still succeeds, uncached) or is a
        link: what a store does not use it deletes, and never in a folder a link leads to."""
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            return None
        return cls(folder, salt) if not folder.is_symlink() else None

    def _name(self, key: str) -> str:
        name = hashlib.sha256(self.salt + key.encode("utf-8", "surrogatepass")).hexdigest()
        self.used.add(name)
        return name

    def _entry(self, key: str) -> Path:
        return self.folder / f"{self._name(key)}{self.suffix}"

    def read(self, key: str) -> bytes | None:
        if self.packed:
            return self._read_packed(self._name(key))
        try:
            return self._entry(key).read_bytes()
        except OSError:
            return None

    def _read_packed(self, name: str) -> bytes | None:
        if name in self.pending:
            return self.pending[name]
        if self._packs is None:
            self._packs = index(self.folder)
        where = self._packs.get(name)
        return read_entry(where) if where is not None else None

    def write(self, key: str, blob: bytes) -> None:
        if self.packed:
            self.pending[self._name(key)] = blob
            self._pending_bytes += len(blob)
            if self._pending_bytes > FLUSH_BYTES:
                self.flush()
            return
        write_whole(self._entry(key), [blob])

    def flush(self) -> None:
        """The entries written since the last flush, in one pack (a packed store's)."""
        if not self.pending:
            return
        pack = write_pack(self.folder, self.pending)
        if pack is not None and self._packs is not None:
            self._packs.update(read_header(pack) or {})
        self.pending, self._pending_bytes = {}, 0

    def prune(self) -> None:
        """Only what this run used stays: a preview saving a file again and again adds no entries.
        Of packs, those that hold the copy read of an entry used (workers' packs too)."""
        self.flush()
        try:
            names = os.listdir(self.folder)
        except OSError:
            return
        if self.packed:
            where = index(self.folder)
            keep = {where[name][0].name for name in self.used if name in where}
        else:
            keep = {f"{name}{self.suffix}" for name in self.used}
        for name in names:
            if name not in keep:
                with contextlib.suppress(OSError):   # a folder in the store is none of its entries: left alone
                    (self.folder / name).unlink(missing_ok=True)


class JsonStore(Store):
    """Plain data kept as JSON, in packs."""

    packed = True

    def get(self, key: str) -> Any:
        """What was put under `key`, or None; the caller checks its shape before trusting it."""
        blob = self.read(key)
        try:
            return json.loads(blob) if blob is not None else None
        except (ValueError, RecursionError):
            return None

    def put(self, key: str, value: Any) -> None:
        try:
            blob = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        except ValueError:
            return
        self.write(key, blob)


def _key(digest: str, shown: str) -> str:
    # The name takes part in the checks (a company's id is its file's name): the same bytes under
    # another name are another entry, or a copy's id-mismatch is told of the file it copied.
    return f"{digest}\0{PurePath(shown).name}"


class CheckCache:
    """The checked files of one folder of the cache, for one code version, date and set of limits."""

    def __init__(self, store: JsonStore) -> None:
        self.store = store
        # Set in a checking worker, whose entries are sent back (`check.parallel`): strings held
        # once make the batch smaller, and are held once by the build. Here, the walk would
        # double the cost of a hit and spare no copy.
        self.interning = False

    @classmethod
    def open(cls, folder: Path, today: dt.date, limits: Limits) -> CheckCache | None:
        store = JsonStore.open(folder, f"{code_version()}\0{today.isoformat()}\0{limits!r}")
        return cls(store) if store is not None else None

    def get(self, digest: str, shown: str) -> tuple[Loaded, list[Problem]] | None:
        """The file's data and problems as a cold check gave them, or None."""
        entry = self.store.get(_key(digest, shown))
        if not isinstance(entry, dict) or entry.get("digest") != digest:
            return None
        data = entry.get("data")
        found, loaded = _problems(entry.get("problems"), shown), _problems(entry.get("loaded"), shown)
        if found is None or loaded is None or not (data is None or isinstance(data, dict)):
            return None
        try:
            data = interned(data) if self.interning else data
        except RecursionError:   # nested deeper than any file the loader lets through
            return None
        return Loaded(shown, data, None, tuple(loaded), digest), found

    def put(self, digest: str, doc: Loaded, found: list[Problem], plain: bool = False) -> None:
        """Keep a check's outcome; one that JSON would not give back the same is not kept.
        `plain`: the data is known to be what JSON gives back, and is not walked again to tell."""
        shown = doc.path
        if any(p.file != shown for p in (*found, *doc.problems)) or not (plain or jsonable(doc.data)):
            return
        data = json_text(doc.data)
        if data is None:
            return
        # The entry's JSON around the data's, written once (`json_text`): as `JsonStore.put` writes it.
        rest = (_compact([_problem_row(p) for p in found]), _compact([_problem_row(p) for p in doc.problems]))
        try:
            blob = f'{{"digest":{_compact(digest)},"data":{data},"problems":{rest[0]},"loaded":{rest[1]}}}'.encode()
        except UnicodeEncodeError:   # a lone surrogate, which JSON would not give back
            return
        self.store.write(_key(digest, shown), blob)

    def used(self) -> list[str]:
        """The entries this run used so far (a worker's, sent back to the build process)."""
        return sorted(self.store.used)

    def mark_used(self, names: list[str]) -> None:
        self.store.used.update(names)

    def flush(self) -> None:
        self.store.flush()

    def prune(self) -> None:
        self.store.prune()
