"""Bulk pages and downloads written straight to disk, in worker processes on every core.

Each page is rendered, filled into the shell of its depth and written by a worker, then
dropped: nothing holds the site in memory. Workers are forked (`load.forks.forked`,
as the history's are), so they inherit the registry instead of receiving it pickled, and
send back only how many files they made; a worker that fails has its share made here. With an
output cache, a file whose key is found there is linked from it instead of made again.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from ..load.forks import can_fork, cores, forked
from .outputs import Outputs
from .pages import Asset, Page
from .shell import Shell, depth

Item = Page | Asset
INLINE = 200  # fewer files than this to make are made in this process: a fork costs more than they do


@dataclass(frozen=True)
class Job:
    site_dir: Path
    shells: Mapping[int, Shell]   # depth → the shell of the pages at that depth
    version: str                  # the code's digest: part of every key
    outputs: Outputs | None = None


@dataclass(frozen=True)
class Written:
    urls: tuple[str, ...]   # of the pages written, for the sitemap
    made: int               # files rendered or made
    reused: int             # files linked from the output cache


_work: tuple[Job, Sequence[Item]] | None = None  # what forked workers inherit


@dataclass(frozen=True)
class Spooled:
    """An asset's content made early and kept in a file until it is copied into the site (MkDocs
    copies it): the open-data tables of 10,000 companies are too large to hold until then."""

    path: Path
    folder: Any = None  # what keeps the file: a TemporaryDirectory, removed once no asset needs it

    def __call__(self) -> bytes:
        return self.path.read_bytes()


def url(page: Page) -> str:
    return page.path.removesuffix("index.md")


def _target(job: Job, item: Item) -> str:
    """Where the item goes: a string, as every call it is handed to takes (a path object per file costs more)."""
    return f"{job.site_dir}/{url(item)}index.html" if isinstance(item, Page) else f"{job.site_dir}/{item.path}"


def key(job: Job, item: Item) -> str:
    """The item's own inputs, the code, and for a page the shell it is filled into; "" when not cached."""
    if not item.key or job.outputs is None:
        return ""
    shell = job.shells[depth(item)].digest if isinstance(item, Page) else ""
    parts = (job.version, shell, item.path, item.key)
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


_folders: set[str] = set()  # folders of the site made by this write, in this process: one mkdir each


def _folder_for(target: str) -> str:
    """`target`, its folder made: once a write, not once a file (16,000 folders, 60,000 files at 10,000 companies)."""
    folder = os.path.dirname(target)
    if folder not in _folders:
        os.makedirs(folder, exist_ok=True)
        _folders.add(folder)
    return target


def _make(job: Job, item: Item) -> None:
    target = _folder_for(_target(job, item))
    if isinstance(item, Page):
        data: str | bytes = job.shells[depth(item)].fill(item, url(item))
    else:
        data = item.data()
    _write_new(target, data.encode("utf-8") if isinstance(data, str) else data)


def _write_new(target: str, data: bytes) -> None:
    """A new file, never a write through a link into the cache: a file already there is replaced."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(target, flags, 0o666)
    except FileExistsError:   # asked first: a missing file would cost every file a call
        os.unlink(target)
        fd = os.open(target, flags, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)


def _make_span(span: tuple[int, int]) -> int:
    assert _work is not None
    job, items = _work
    for item in items[span[0]:span[1]]:
        _make(job, item)
        if k := key(job, item):
            job.outputs.keep(k, Path(_target(job, item)))  # type: ignore[union-attr]
    return span[1] - span[0]


def _make_spans(spans: list[tuple[int, int]]) -> int:
    return sum(_make_span(span) for span in spans)


def _spans(count: int, parts: int) -> Iterator[tuple[int, int]]:
    size = max(1, min(500, count // (parts * 8) or 1))  # small enough to even out across the workers
    return ((i, min(count, i + size)) for i in range(0, count, size))


def _in_workers(count: int, workers: int) -> None:
    """Spans dealt out in turn, so that each worker gets pages of every kind; a share whose worker
    could not start or failed is made here."""
    spans = list(_spans(count, workers))
    shares = [spans[w::workers] for w in range(workers)]
    done = forked([partial(_make_spans, share) for share in shares])
    for share, made in zip(shares, done, strict=True):
        if made is None:
            _make_spans(share)


def write(job: Job, items: Sequence[Item]) -> Written:
    """Write every item into the site, reusing cached files; the URLs of the pages written."""
    global _work
    to_make: list[Item] = []
    reused = 0
    _folders.clear()
    for item in items:
        k = key(job, item)
        if k and job.outputs is not None and job.outputs.reuse(k, _folder_for(_target(job, item))):
            reused += 1
        else:
            to_make.append(item)
    _work = (job, to_make)
    try:
        workers = cores()
        if workers < 2 or len(to_make) < INLINE or not can_fork():
            _make_span((0, len(to_make)))
        else:
            _in_workers(len(to_make), workers)
    finally:
        _work = None
    urls = tuple(url(i) for i in items if isinstance(i, Page))
    return Written(urls, len(to_make), reused)
