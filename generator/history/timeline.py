"""Each company's versions from git, and the semantic changes between them.

A version that does not load or validate is kept as "unreadable" (shown, not fatal);
the next readable version is compared with the last readable one. A renamed file
continues its company's history; a deleted file withdraws the company and keeps its
last readable version. Without usable git, history is "unavailable", never an error.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property, partial
from pathlib import Path
from typing import Any

from ..load.forks import collector_off
from ..load.loader import Loaded
from .dates import in_utc
from .diff import Event
from .gitlog import Change, Commit, GitUnavailable, in_folder, locate
from .parsed import Key, VersionStore
from .workers import in_chunks, same_in_git


@dataclass(frozen=True)
class Version:
    commit: str
    date: str               # commit date, ISO 8601
    author: str             # name only: e-mail addresses are never kept
    message: str            # the commit's subject line
    company_id: str         # the file's stem at this version
    state: str              # readable, unreadable, withdrawn
    events: tuple[Event, ...] = ()
    problem: str = ""       # why an unreadable version could not be read

    def as_dict(self) -> dict[str, Any]:
        return {"commit": self.commit, "date": self.date, "author": self.author, "message": self.message,
                "id": self.company_id, "state": self.state, "problem": self.problem,
                "events": [e.as_dict() for e in self.events]}


@dataclass(frozen=True)
class Timeline:
    """One company's history, oldest version first."""

    id: str
    versions: tuple[Version, ...]
    former_ids: tuple[str, ...] = ()
    last: Mapping[str, Any] | None = None   # the last readable version's data
    withdrawn: bool = False

    @property
    def newest_first(self) -> tuple[Version, ...]:
        return tuple(reversed(self.versions))

    @property
    def last_changed(self) -> str:
        """The date of the last version that changed a disclosed fact (not only layout or order)."""
        changed = [v for v in self.versions if v.events]
        return (changed or self.versions)[-1].date if self.versions else ""

    @property
    def name(self) -> str:
        company = (self.last or {}).get("company")
        return str(company.get("name") or self.id) if isinstance(company, dict) else self.id


@dataclass(frozen=True)
class History:
    status: str                      # available, unavailable
    reason: str = ""                 # a stable code when unavailable: shallow, not-a-repository, …
    message: str = ""                # what to do about it, for the build log and the site
    timelines: tuple[Timeline, ...] = ()
    redirects: Mapping[str, str] = field(default_factory=dict)   # old company id → current id
    order: Mapping[str, int] = field(default_factory=dict)   # commit → its place in the walk, oldest 0

    @property
    def available(self) -> bool:
        return self.status == "available"

    @cached_property
    def _by_id(self) -> dict[str, Timeline]:
        # The first of a disclosed and a withdrawn company with one id: the disclosed one (see the sort)
        return {t.id: t for t in reversed(self.timelines)}

    def timeline(self, company_id: str) -> Timeline | None:
        return self._by_id.get(company_id)

    def last_changed(self, company_id: str) -> str | None:
        found = self.timeline(company_id)
        return found.last_changed if found and found.versions else None

    def withdrawn(self) -> list[Timeline]:
        return [t for t in self.timelines if t.withdrawn]

    def changes(self) -> list[tuple[Version, Timeline]]:
        """Every version with events, newest first (by the walk, then company). A commit's date is what
        its author's clock said: a commit dated in 2103 stayed first above every commit made after it."""
        found = [(v, t) for t in self.timelines for v in t.versions if v.events or v.state == "unreadable"]
        return sorted(found, key=lambda vt: (self.order.get(vt[0].commit, -1), vt[0].date, vt[0].commit, vt[1].id),
                      reverse=True)


@dataclass
class _Lineage:
    """A company as it moves through files: (commit, path, blob) entries in order."""

    path: str
    entries: list[tuple[Commit, str, str | None]] = field(default_factory=list)
    former: list[str] = field(default_factory=list)


def _stem(path: str) -> str:
    # As `Path.stem`: a file named only `.yaml` is its whole name, not the empty id (a changes row
    # whose company was empty stopped every build, the open data's company being required).
    name = path.rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[0] or name


def _lineages(commits: list[Commit], rel: str) -> list[_Lineage]:
    ours = partial(in_folder, rel=rel)
    live: dict[str, _Lineage] = {}
    gone: dict[str, _Lineage] = {}   # withdrawn, by id: a file added again continues its history
    every: list[_Lineage] = []
    for commit in commits:
        for change in _ordered(commit.changes):
            was = change.old_path if ours(change.old_path) and change.status in "RD" else None
            now = change.path if ours(change.path) and change.status != "D" else None
            lineage = live.pop(was, None) if was else live.get(now or "")
            if was and not now:
                if lineage:
                    lineage.entries.append((commit, was, None))
                    gone[_stem(was)] = lineage
                continue
            if not now:
                continue
            if lineage is None:
                lineage = gone.pop(_stem(now), None)
            if lineage is None:
                lineage = _Lineage(now)
                every.append(lineage)
            if was and _stem(was) != _stem(now):
                lineage.former.append(_stem(was))
            lineage.path = now
            live[now] = lineage
            lineage.entries.append((commit, now, change.blob))
    return every


def _ordered(changes: tuple[Change, ...]) -> list[Change]:
    # Deletions first: a commit that deletes a.yaml and adds b.yaml under another id
    # must not let b continue a's history unless git saw a rename.
    return sorted(changes, key=lambda c: c.status != "D")


Step = tuple[Commit, str, str, Key | None, Key | None]   # commit, path, state, the version, the one before


def _steps(lineage: _Lineage, store: VersionStore) -> Iterator[Step]:
    """Each entry's state, and which versions it compares (verdicts only: no data needed)."""
    current: Key | None = None   # the version the next one is compared with
    for commit, path, blob in lineage.entries:
        if blob is None:
            yield commit, path, "withdrawn", None, current
            current = None
            continue
        key = (blob, path)
        if store.problem(key):
            yield commit, path, "unreadable", key, current
            continue
        yield commit, path, "readable", key, current
        current = key


def _needed(lineage: _Lineage, store: VersionStore) -> Iterator[Key]:
    """The versions whose data this lineage's timeline needs: those of comparisons not yet made, and the last."""
    last = None
    for _, _, state, key, before in _steps(lineage, store):
        if state == "unreadable" or (state == "withdrawn" and before is None):
            continue
        if not store.known(before, key):
            yield from (k for k in (before, key) if k)
        last = key if state == "readable" else last
    if last:
        yield last


def _versions(lineage: _Lineage, store: VersionStore) -> tuple[Timeline, Key | None]:
    versions: list[Version] = []
    last: Key | None = None      # the last readable version, kept when the company is withdrawn
    for commit, path, state, key, before in _steps(lineage, store):
        meta = (commit.sha, commit.date, commit.author, commit.message, _stem(path))
        if state == "withdrawn":
            events = store.compare(before, None) if before else [
                Event("disclosure-withdrawn", "", _stem(path), "", None, None, "")]
            versions.append(Version(*meta, state, tuple(events)))
        elif state == "unreadable" and key:
            versions.append(Version(*meta, state, (), store.problem(key)))
        else:
            versions.append(Version(*meta, state, tuple(store.compare(before, key))))
            last = key
    withdrawn = bool(versions) and versions[-1].state == "withdrawn"
    former = tuple(dict.fromkeys(f for f in lineage.former if f != _stem(lineage.path)))
    data = store.last(last) if last else None
    return Timeline(_stem(lineage.path), tuple(versions), former, data, withdrawn), last


def _chunk(lineages: list[_Lineage], store: VersionStore) -> list[tuple[Timeline, Key | None]]:
    """Timelines of some lineages: their new versions judged in one batch, their data let go after."""
    days = {(blob, path): _day(c.date) for lin in lineages for c, path, blob in lin.entries if blob}
    store.prepare(days)
    store.load([k for lin in lineages for k in _needed(lin, store)], days)
    built = [_versions(lin, store) for lin in lineages]
    store.release(key for _, key in built if key)
    return built


def _redirects(timelines: list[Timeline]) -> dict[str, str]:
    taken = {t.id for t in timelines}
    return {old: t.id for t in timelines for old in t.former_ids if old not in taken}


def read_history(folder: Path, cache_dir: Path | None = None, current: Iterable[Loaded] = ()) -> History:
    """The history of every disclosure ever kept in `folder`; never raises for git's sake.

    `current`: the folder's files as already loaded and found free of errors; a version git
    holds with the same bytes is taken from them, neither loaded nor checked again."""
    # Every commit, change and version it makes lives as long as the history, and none is in a cycle: with
    # the collector on, each of its passes also walked the registry loaded beside it (3 of a warm 10k
    # history's 5 s). The build already reads it so (`collector_off`); `disclose history` now does too.
    with collector_off():
        return _read(folder, cache_dir, current)


def _read(folder: Path, cache_dir: Path | None, current: Iterable[Loaded]) -> History:
    store: VersionStore | None = None
    try:
        top, rel, head = locate(folder)
        store = VersionStore(top, cache_dir)
        commits = in_utc(store.commits(rel, head))
        lineages = _lineages(commits, rel)
        store.seed(same_in_git(current, folder, rel, head))
        built = in_chunks(lineages, store, _chunk)
        # A disclosed company comes before a withdrawn one that once had the same id.
        timelines = sorted((t for t, _ in built), key=lambda t: (t.id, t.withdrawn))
    except GitUnavailable as e:
        if store is not None:
            store.blobs.close()
        return History("unavailable", e.reason, e.message)
    store.save()
    return History("available", timelines=tuple(timelines), redirects=_redirects(timelines),
                   order={c.sha: i for i, c in enumerate(commits)})


def _day(iso: str) -> dt.date:
    """The day of a commit's date, which `dates.in_utc` made one that any parser reads."""
    return dt.datetime.fromisoformat(iso).date()

