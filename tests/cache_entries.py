"""The entries of a cache folder, read and rewritten the way a hostile or broken cache might be."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from generator.check.packs import SUFFIX, read_pack, write_pack


def entries(folder: Path) -> dict[str, bytes]:
    """Every entry of the folder's packs, by name."""
    found: dict[str, bytes] = {}
    for pack in sorted(folder.glob(f"*{SUFFIX}")):
        found.update(read_pack(pack))
    return found


def rewrite(folder: Path, change: Callable[[bytes], bytes]) -> None:
    """Every entry changed, in one pack in place of the old ones."""
    changed = {name: change(blob) for name, blob in entries(folder).items()}
    for pack in folder.glob(f"*{SUFFIX}"):
        pack.unlink()
    write_pack(folder, changed)
