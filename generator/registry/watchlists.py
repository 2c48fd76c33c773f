"""Watchlists: files in watchlists/, one list each, read into plain records.

A list is a CSV file (columns `name`, `aliases` separated by `;`, `identifiers` as
`scheme:value` separated by `;`, `source`, `date_listed`; others are kept as extra) or
a YAML file (`title`, `url`, `entries:` with the same keys, lists as YAML lists). The
file stem is the list's id, the id a disclosure's `screening[].list` refers to.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..load.files import NotAFile, link_problem, open_regular
from ..load.loader import load_bytes, read_file
from ..model import IDENTIFIER_SCHEMES
from ..problems import Bounded, Problem

MAX_BYTES = 50_000_000
MAX_ENTRIES = 500_000
SUFFIXES = (".csv", ".yaml", ".yml")
SCHEMES = IDENTIFIER_SCHEMES


@dataclass(frozen=True)
class Listed:
    list: str
    name: str
    aliases: tuple[str, ...] = ()
    identifiers: Mapping[str, str] = field(default_factory=dict)
    source: str = ""
    date_listed: str = ""
    line: int = 0

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Watchlist:
    id: str
    title: str
    entries: tuple[Listed, ...]
    url: str = ""


def _split(value: Any) -> tuple[str, ...]:
    if isinstance(value, list):
        return tuple(str(v).strip() for v in value if str(v).strip())
    return tuple(v.strip() for v in str(value or "").split(";") if v.strip())


def _identifiers(value: Any) -> dict[str, str]:
    if isinstance(value, Mapping):
        pairs: Iterable[tuple[str, str]] = ((str(k), str(v)) for k, v in value.items())
    else:
        pairs = (tuple(p.split(":", 1)) for p in _split(value) if ":" in p)  # type: ignore[misc]
    return {k.strip().lower(): v.strip() for k, v in pairs if k.strip().lower() in SCHEMES and v.strip()}


def _entry(list_id: str, row: Mapping[str, Any], line: int) -> Listed:
    return Listed(list_id, str(row.get("name") or "").strip(), _split(row.get("aliases")),
                  _identifiers(row.get("identifiers")), str(row.get("source") or "").strip(),
                  str(row.get("date_listed") or "").strip(), line)


def _problem(path: Path, line: int, code: str, message: str) -> Problem:
    return Problem(str(path), line, 1, "error", code, message)


def _too_large(path: Path, size: int) -> Problem:
    return _problem(path, 1, "file-too-large",
                    f"the watchlist is larger than {MAX_BYTES:,} bytes, the limit ({size:,} bytes or more); "
                    "check that it is the right file")


def _read(path: Path) -> tuple[bytes | None, Problem | None]:
    """A CSV watchlist's bytes, read as a disclosure's are: only a regular file, never through a
    link (a pull request's link could point at a secret, or at a file of gigabytes), and its size
    known before a byte is read."""
    try:
        file, size = open_regular(path)
    except NotAFile as e:
        return None, _problem(path, 1, "not-a-file", e.message)
    except OSError as e:
        return None, _problem(path, 1, "unreadable", f"cannot read the watchlist: {e.strerror}")
    with file:
        if size > MAX_BYTES:
            return None, _too_large(path, size)
        raw = file.read(MAX_BYTES + 1)   # it may have grown since
    return (None, _too_large(path, len(raw))) if len(raw) > MAX_BYTES else (raw, None)


def _read_csv(path: Path, raw: bytes) -> tuple[list[Listed], list[Problem]]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], [_problem(path, 1, "not-utf8", "the watchlist is not UTF-8 text; save it as UTF-8")]
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if "name" not in (reader.fieldnames or []):
        return [], [_problem(path, 1, "watchlist-no-name", "a watchlist CSV needs a 'name' column")]
    entries, problems = [], Bounded()
    for row in reader:
        line = reader.line_num
        if len(entries) >= MAX_ENTRIES:
            problems.add(_problem(path, line, "watchlist-too-long", f"only the first {MAX_ENTRIES:,} rows are read"),
                         always=True)
            break
        entry = _entry(path.stem, row, line)
        if entry.name:
            entries.append(entry)
        else:
            problems.add(_problem(path, line, "watchlist-no-name", "this row has no name; it is skipped"))
    return entries, problems.listed()


def _read_yaml(path: Path, raw: bytes) -> tuple[list[Listed], list[Problem], str, str]:
    doc = load_bytes(raw, str(path))
    if doc.data is None:
        return [], list(doc.problems), "", ""
    rows = doc.data.get("entries")
    if not isinstance(rows, list):
        return [], [doc.problem([], "watchlist-no-entries", "a watchlist YAML needs 'entries:', a list")], "", ""
    entries, problems = [], Bounded()
    problems.extend(doc.problems)
    for i, row in enumerate(rows[:MAX_ENTRIES]):
        line = doc.source.locate(["entries", i])[0] if doc.source else 1
        entry = _entry(path.stem, row, line) if isinstance(row, dict) else None
        if entry and entry.name:
            entries.append(entry)
        else:
            problems.add(doc.problem(["entries", i], "watchlist-no-name", "this entry has no name; it is skipped"))
    url = str(doc.data.get("url") or "")
    url = url if url.startswith(("https://", "http://")) else ""  # shown as a link: no javascript: urls
    return entries, problems.listed(), str(doc.data.get("title") or ""), url


def load_watchlist(path: Path) -> tuple[Watchlist | None, list[Problem]]:
    """The list in a file; None when the file is not read (refused, too large or unreadable)."""
    # YAML is held to a disclosure's limit: its node tree costs a hundred times its size.
    raw, problem = _read(path) if path.suffix == ".csv" else read_file(path, str(path))
    if raw is None:
        return None, [problem] if problem else []
    if path.suffix == ".csv":
        entries, problems = _read_csv(path, raw)
        title, url = "", ""
    else:
        entries, problems, title, url = _read_yaml(path, raw)
    return Watchlist(path.stem, title or path.stem, tuple(entries), url), problems


def load_watchlists(folder: Path) -> tuple[list[Watchlist], list[Problem]]:
    """Every list in the folder, in name order; a folder that does not exist holds none. A name
    ending like a list that is not a regular file (a link, a folder, a FIFO) is a problem, never read."""
    if linked := link_problem(folder, "this folder"):
        return [], [linked]
    if not folder.is_dir():
        return [], []
    lists, problems = [], []
    for path in sorted(folder.iterdir()):
        if path.suffix in SUFFIXES:
            watchlist, found = load_watchlist(path)
            problems.extend(found)
            if watchlist:
                lists.append(watchlist)
    return lists, problems
