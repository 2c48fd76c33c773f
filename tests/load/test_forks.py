"""Freezing the collector's view of what is alive: nested blocks, and a fork inside one."""

from __future__ import annotations

import gc
import weakref

from generator.load.forks import can_fork, forked, frozen


def test_a_nested_block_leaves_the_outer_ones_objects_frozen() -> None:
    assert gc.get_freeze_count() == 0
    kept = [object() for _ in range(100)]
    with frozen():
        outer = gc.get_freeze_count()
        assert outer >= len(kept)
        with frozen():
            pass
        assert gc.get_freeze_count() >= outer   # the inner block's end did not thaw them
        if can_fork():
            assert forked([lambda: 1]) == [1]
            assert gc.get_freeze_count() >= outer
    assert gc.get_freeze_count() == 0


def test_what_is_let_go_inside_a_block_is_still_freed() -> None:
    class Cell:
        pass

    cells = [Cell() for _ in range(1000)]
    refs = [weakref.ref(c) for c in cells]
    with frozen():
        assert gc.get_freeze_count() >= len(cells)
        del cells   # frozen, yet reference counting frees them
        assert all(r() is None for r in refs)
