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

import os
import shutil
import tempfile
from pathlib import Path

from ..check.cache import code_version

__all__ = ["Outputs", "code_version", "place"]

CURRENT = "current"
PREVIOUS = "previous"


def place(source: Path, target: Path) -> None:
    """`target` becomes the same file as `source`: a hard link, or a copy across file systems."""
    try:
        os.link(source, target)
        return
    except FileExistsError:  # rare: asked first, a missing file would cost every link a call
        target.unlink()
        try:
            os.link(source, target)
            return
        except OSError:
            pass
    except OSError:
        pass
    target.unlink(missing_ok=True)  # never copy into a file that may be a link into the cache
    shutil.copyfile(source, target)


class Outputs:
    """One build's view of the cache: the last generation to read, a new one to fill."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.old = folder / CURRENT
        self.older = folder / PREVIOUS
        folder.mkdir(parents=True, exist_ok=True)
        self.new = Path(tempfile.mkdtemp(prefix="next-", dir=folder))
        self.shards: set[Path] = set()  # folders of the new generation made so far (in this process)

    def _entry(self, root: Path, key: str) -> Path:
        return root / key[:2] / key

    def reuse(self, key: str, target: Path) -> bool:
        """Link the cached file of `key` to `target` (and into the new generation); False when there is none."""
        found = self._entry(self.old, key)
        if not found.is_file():
            found = self._entry(self.older, key)
            if not found.is_file():
                return False
        target.parent.mkdir(parents=True, exist_ok=True)
        place(found, target)
        self.keep(key, target)
        return True

    def keep(self, key: str, written: Path) -> None:
        """Remember a file just written under its key, for the next build."""
        entry = self._entry(self.new, key)
        if entry.parent not in self.shards:
            entry.parent.mkdir(exist_ok=True)
            self.shards.add(entry.parent)
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
        shutil.rmtree(self.new, ignore_errors=True)
