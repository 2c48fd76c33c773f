"""Many files checked on every core: the files dealt out to forked workers, gathered in order.

A file's check depends on the file alone (the check across files runs afterwards, on what
the files claim), so each worker checks a share of the files and sends back what it found:
their data, problems and claims, pickled, a batch at a time. Reading that back costs a tenth
of parsing the files again, and half of decoding a known file's cache entry here; and what
the build makes of each file (`then`) is made here as each batch arrives, while the workers
go on. What a worker could not send (it could not
start, or died) is checked here, so the result is the same as checking every file in this
process, in the same order; except the file a worker died checking, which may be built to end
the process that reads it: it is checked again in a process of its own, and if that one dies
too, its outcome is `failed(item)`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from functools import partial
from typing import Any, TypeVar

from ..load.forks import can_fork, cores, forked, streamed
from .cache import CheckCache

T = TypeVar("T")
X = TypeVar("X")
# Fewer files than this for each worker are checked here: a fork costs more than they do.
PER_WORKER = 32
# Files pickled together: strings repeated across them (keys, codes, dates) are sent and kept
# once per batch. A batch of 100 files of 100 entities is about 1 MB, what a pipe holds
# (`forks.PIPE_BYTES`), and this process starts on the first batch after about a second.
BATCH = 100


def each_checked(items: Sequence[X], check: Callable[[X], T], cache: CheckCache | None,
                 workers: int | None = None, then: Callable[[T], T] | None = None,
                 failed: Callable[[X], T] | None = None) -> list[T]:
    """`then(check(item))` of every item, in order (`check(item)` without `then`); checked on
    `workers` cores (all of them when None) when there are enough items, with `then` in this
    process as each worker's results arrive. `failed(item)`: the outcome of an item whose check
    ended two processes (without it, the item is checked here, with the rest)."""
    both = check if then is None else (lambda item: then(check(item)))
    workers = min(cores() if workers is None else workers, len(items) // PER_WORKER)
    if workers < 2 or not can_fork():
        return [both(item) for item in items]
    shares = [list(range(w, len(items), workers)) for w in range(workers)]
    done: dict[int, T] = {}
    sent = [0] * workers   # of each share, how many items came back
    at = [-1] * workers    # of each share, the item being checked

    def arrived(w: int, value: tuple[str, Any]) -> None:
        kind, found = value
        if kind == "at":
            at[w] = found
            return
        if kind == "used":
            if cache is not None:
                cache.mark_used(found)
            return
        share = shares[w]
        for i, one in zip(share[sent[w]:sent[w] + len(found)], found, strict=True):
            done[i] = one if then is None else then(one)
        sent[w] += len(found)

    streamed([partial(_share, [items[i] for i in share], check, cache) for share in shares], arrived)
    for w, share in enumerate(shares):   # what a worker did not send back
        if sent[w] <= at[w] and failed is not None:   # it died checking this item
            i = share[at[w]]
            again = forked([partial(check, items[i])])[0]
            outcome = again if again is not None else failed(items[i])
            done[i] = outcome if then is None else then(outcome)
        done.update((i, both(items[i])) for i in share[sent[w]:] if i not in done)
    return [done[i] for i in range(len(items))]


def _share(items: list[X], check: Callable[[X], T], cache: CheckCache | None) -> Iterator[tuple[str, Any]]:
    """In a worker: its items checked, a batch at a time, each announced before it is checked
    (a few bytes: should the check end this process, the build knows which item did); then
    the cache entries it used. What it reads from the cache is sent back with its strings
    held once (`CheckCache.interning`)."""
    if cache is not None:
        cache.interning = True   # this process's copy of the cache
    for start in range(0, len(items), BATCH):
        found = []
        for k in range(start, min(start + BATCH, len(items))):
            yield "at", k
            found.append(check(items[k]))
        yield "checked", found
    if cache is not None:
        cache.flush()   # what this worker checked, in its own packs
        yield "used", cache.used()
