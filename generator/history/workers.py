"""Many versions judged on every core, a chunk of companies at a time.

Each company's versions depend on one another (each is compared with the one before), but
companies do not: their lineages are cut into chunks of about the same number of new
bytes, and worker processes (forked: they start at once and share what is loaded) build
the timelines of a chunk each. A chunk's versions are read from git in one batch and let
go once its timelines are built, so memory is bounded by the chunk, not by the history.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

from ..load.files import read_regular
from ..load.forks import can_fork, cores, forked
from ..load.loader import Loaded
from .gitlog import sizes
from .parsed import MAX_BYTES, Key, VersionStore

# New bytes per chunk at most: the parsed data of a chunk is held at once (about ten times its size).
CHUNK_BYTES = 8 * 1024 * 1024
# Less new work than this is done here: starting workers would cost more than it saves.
PARALLEL_BYTES = 2 * 1024 * 1024
# New bytes per chunk at least: each chunk starts two git processes.
SMALLEST_CHUNK = 256 * 1024
# What a version costs besides its bytes (reading, comparing), in bytes' worth.
VERSION_COST = 1024


Built = tuple[Any, "Key | None"]   # a timeline, and its last readable version
Work = Callable[[list[Any], VersionStore], list[Built]]
_JOB: tuple[Any, VersionStore, list[Any]] | None = None   # what forked workers inherit


def same_in_git(current: Iterable[Loaded], folder: Path, rel: str, head: str) -> dict[Key, Mapping[str, Any]]:
    """The working tree's files as git versions (blob id, path), where git would store the same bytes."""
    hashing = hashlib.sha256 if len(head) == 64 else hashlib.sha1   # a SHA-256 repository
    here = folder.resolve()
    ours: dict[Path, bool] = {}   # a folder's resolved path, once per folder named, not once per file
    found: dict[Key, Mapping[str, Any]] = {}
    for doc in current:
        file = Path(doc.path)
        if file.parent not in ours:
            ours[file.parent] = file.parent.resolve() == here
        if doc.data is None or not ours[file.parent] or file.is_symlink():
            continue
        try:
            raw = read_regular(file, MAX_BYTES)
        except (OSError, ValueError):
            continue
        blob = hashing(b"blob %d\0" % len(raw) + raw).hexdigest()
        found[(blob, f"{rel}/{file.name}" if rel else file.name)] = doc.data
    return found


def _chunks(lineages: list[Any], store: VersionStore) -> tuple[list[list[Any]], int]:
    """Lineages cut into chunks of about equal new work, in order; and the new work in all."""
    keys = {(blob, path) for lin in lineages for _, path, blob in lin.entries if blob}
    new = set(store.unjudged(keys))
    size = sizes(store.top, sorted({blob for blob, _ in new})) if new else {}
    # A version over the size limit is judged by its size alone: it costs nothing to read.
    costs = [sum(VERSION_COST + (size.get(blob, 0) if size.get(blob, 0) <= MAX_BYTES else 0)
                 for _, path, blob in lin.entries if (blob, path) in new) for lin in lineages]
    total = sum(costs)
    target = max(min(SMALLEST_CHUNK, CHUNK_BYTES), min(CHUNK_BYTES, total // (4 * cores())))
    chunks: list[list[Any]] = [[]]
    filled = 0
    for lineage, cost in zip(lineages, costs, strict=True):
        if chunks[-1] and filled + cost > target:
            chunks.append([])
            filled = 0
        chunks[-1].append(lineage)
        filled += cost
    return chunks, total


def in_chunks(lineages: list[Any], store: VersionStore, work: Work) -> list[Built]:
    """`work` over every lineage, a chunk at a time, in worker processes when there is much to do."""
    chunks, total = _chunks(lineages, store)
    workers = min(cores(), len(chunks))
    if workers < 2 or total < PARALLEL_BYTES or not can_fork():
        return [r for chunk in chunks for r in work(chunk, store)]
    global _JOB
    _JOB = (work, store, chunks)
    try:
        done: dict[int, list[Built]] = {}
        for share, outcome in _forked(_shares(chunks, workers)):
            for i, (built, fresh, lasts) in zip(share, outcome or (), strict=False):
                store.absorb(fresh, lasts)
                done[i] = [_with_last(r, store) for r in built]
        # A share whose worker could not start or stopped (a memory limit, a signal) is done here.
        for i, chunk in enumerate(chunks):
            if i not in done:
                done[i] = work(chunk, store)
        return [r for i in range(len(chunks)) for r in done[i]]
    finally:
        _JOB = None


def _shares(chunks: list[list[Any]], workers: int) -> list[list[int]]:
    """Chunks dealt out in turn: they are of about equal work, and many more than the workers."""
    return [list(range(w, len(chunks), workers)) for w in range(workers)]


def _forked(shares: list[list[int]]) -> list[tuple[list[int], list[Any] | None]]:
    """Each share of chunks done in a forked process; None for a share whose process failed."""
    return list(zip(shares, forked([partial(_run_share, share) for share in shares]), strict=True))


def _run_share(share: list[int]) -> list[Any]:
    return [_run(i) for i in share]


def _run(i: int) -> tuple[list[Any], Mapping[str, Any], Mapping[str, Any]]:
    """In a worker: one chunk's timelines, and what was worked out on the way (sent back to be kept)."""
    assert _JOB is not None
    work, store, chunks = _JOB
    store.start_over()
    built = work(chunks[i], store)
    # The working tree's data is in the parent already: not sent back.
    return [(_without_last(t, key, store), key) for t, key in built], store.fresh, store.unseeded_lasts()


def _without_last(timeline: Any, key: Key | None, store: VersionStore) -> Any:
    return replace(timeline, last=None) if key and store.is_seeded(key) else timeline


def _with_last(result: Built, store: VersionStore) -> Built:
    timeline, key = result
    if key and timeline.last is None:
        return replace(timeline, last=store.last(key)), key
    return result
