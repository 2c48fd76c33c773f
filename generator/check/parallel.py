"""Many files checked on every core: the files dealt out to forked workers, gathered in order.

A file's check depends on the file alone (the check across files runs afterwards, on what
the files claim), so each worker checks a share of the files and sends back what it found:
their data, problems and claims, pickled. Reading that back costs a tenth of parsing the
files again. A share whose worker could not start or failed is checked here, so the result
is the same as checking every file in this process, in the same order.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Sequence
from functools import partial
from typing import TypeVar

from ..load.forks import can_fork, cores, forked
from .cache import CheckCache

T = TypeVar("T")
X = TypeVar("X")
# Fewer files than this for each worker are checked here: a fork costs more than they do.
PER_WORKER = 32
# Files pickled together: strings repeated across them (keys, codes, dates) are sent and
# kept once per batch; a batch of the whole share would make the pickler's memo as large
# as the share.
BATCH = 250


def each_checked(items: Sequence[X], check: Callable[[X], T], cache: CheckCache | None,
                 workers: int | None = None) -> list[T]:
    """`check` of every item, in order; on `workers` cores (all of them when None) when there are enough items."""
    workers = min(cores() if workers is None else workers, len(items) // PER_WORKER)
    if workers < 2 or not can_fork():
        return [check(item) for item in items]
    shares = [list(range(w, len(items), workers)) for w in range(workers)]
    outcomes = forked([partial(_share, [items[i] for i in share], check, cache) for share in shares])
    done: dict[int, T] = {}
    for share, outcome in zip(shares, outcomes, strict=True):
        if outcome is None:
            found = [check(items[i]) for i in share]
        else:
            blobs, used = outcome
            found = [one for blob in blobs for one in pickle.loads(blob)]
            if cache is not None:
                cache.mark_used(used)
        done.update(zip(share, found, strict=True))
    return [done[i] for i in range(len(items))]


def _share(items: list[X], check: Callable[[X], T], cache: CheckCache | None) -> tuple[list[bytes], list[str]]:
    """In a worker: its items checked, in batches of pickled results; and the cache entries it used."""
    blobs = [pickle.dumps([check(item) for item in items[start:start + BATCH]], protocol=pickle.HIGHEST_PROTOCOL)
             for start in range(0, len(items), BATCH)]
    if cache is None:
        return blobs, []
    cache.flush()   # what this worker checked, in its own packs
    return blobs, cache.used()
