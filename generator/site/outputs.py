"""The output cache: every bulk file of the last build, kept under the digest of what it was made from.

A rebuild links a file whose key it finds here into the new site instead of making it again.
Each build fills a new generation and it replaces the old one at the end, so that the cache
holds only what the last two builds used, and a build that fails leaves the last good ones. Keys
name the code too (`code_version`): a changed template or module rebuilds everything.

Two generations, not one: `disclose serve` builds with its own `site_url`, which is in every
page (the canonical link), so a `disclose build` after it finds its pages in the generation
before serve's instead of making them all again.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

from ..check.cache import code_version

__all__ = ["Outputs", "code_version", "place"]

CURRENT = "current"
PREVIOUS = "previous"


def place(source: str | Path, target: str | Path) -> None:
    """`target` becomes the same file as `source`: a hard link, or a copy across file systems."""
    try:
        os.link(source, target)
        return
    except FileExistsError:  # rare: asked first, a missing file would cost every link a call
        os.unlink(target)
        try:
            os.link(source, target)
            return
        except OSError:
            pass
    except OSError:
        pass
    with contextlib.suppress(FileNotFoundError):  # never copy into a file that may be a link into the cache
        os.unlink(target)
    shutil.copyfile(source, target)


def _linked(source: str, target: str) -> bool:
    """`place`, when `source` exists; one failed call, not a look first, when it does not (most files are found)."""
    try:
        os.link(source, target)
        return True
    except FileNotFoundError:
        return False
    except OSError:
        if not os.path.isfile(source):
            return False
    place(source, target)   # a file in the way, or another file system
    return True


class Outputs:
    """One build's view of the cache: the last generation to read, a new one to fill."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.old = folder / CURRENT
        self.older = folder / PREVIOUS
        folder.mkdir(parents=True, exist_ok=True)
        self.new = Path(tempfile.mkdtemp(prefix="next-", dir=folder))
        self.shards: set[str] = set()  # folders (key prefixes) of the new generation made so far, in this process
        self.moved: list[tuple[str, str]] = []  # entries moved into the new generation, and from where
        self.roots = (os.fspath(self.old), os.fspath(self.older))   # where `reuse` looks, newest first
        self.folders: set[str] = set()  # folders of the site made by `reuse` so far

    @staticmethod
    def _entry(root: str | Path, key: str) -> str:
        return f"{root}/{key[:2]}/{key}"

    def reuse(self, key: str, target: str | Path) -> bool:
        """Link the cached file of `key` to `target`, and move it into the new generation; False when there is none.

        Moved, not linked again: a link more per file, and the retired generation's removal at the
        commit, were a rebuild's largest costs after the pages it makes (two thirds of its writing time
        at 1,000 companies). Paths are strings and each folder is made once: at 45,000 files a rebuild,
        path objects and a `mkdir` per file cost more than the link and the move themselves."""
        target = os.fspath(target)
        folder = os.path.dirname(target)
        if folder not in self.folders:   # the page is made there if it is not found
            os.makedirs(folder, exist_ok=True)
            self.folders.add(folder)
        for root in self.roots:
            found = self._entry(root, key)
            if _linked(found, target):
                self._shard(key[:2])
                entry = self._entry(self.new, key)
                try:
                    os.rename(found, entry)
                except OSError:  # the generation's folder is not writable here: link it, as a file just made
                    place(target, entry)
                else:
                    self.moved.append((entry, found))
                return True
        return False

    def _shard(self, shard: str) -> None:
        if shard not in self.shards:
            (self.new / shard).mkdir(exist_ok=True)
            self.shards.add(shard)

    def keep(self, key: str, written: Path) -> None:
        """Remember a file just written under its key, for the next build."""
        entry = self._entry(self.new, key)
        self._shard(key[:2])
        place(written, entry)

    def commit(self) -> None:
        """The new generation becomes the current one, the current one the previous; the previous goes."""
        retired = Path(tempfile.mkdtemp(prefix="old-", dir=self.folder))
        if self.older.exists():
            self.older.rename(retired / PREVIOUS)
        if self.old.exists():
            self.old.rename(self.older)
        self.new.rename(self.old)
        shutil.rmtree(retired, ignore_errors=True)

    def abandon(self) -> None:
        """The new generation goes; the entries moved into it go back, so a failed build loses none."""
        for entry, found in reversed(self.moved):
            with contextlib.suppress(OSError):   # its shard of the old generation gone: a miss, made again
                os.rename(entry, found)
        self.moved = []
        shutil.rmtree(self.new, ignore_errors=True)
