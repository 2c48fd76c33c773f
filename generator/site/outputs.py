"""The output cache: every bulk file of the last builds, kept under the digest of what it was made from.

A rebuild links a file whose key it finds here into the new site instead of making it again.
Files stay where they are; each build lists the keys it used, and the files that neither of
the last two builds used are removed when a build ends. A build that fails lists nothing and
removes nothing. Keys name the code too (`code_version`): a changed template or module
rebuilds everything.

Two builds' lists, not one: `disclose serve` builds with its own `site_url`, which is in every
page (the canonical link), so a `disclose build` after it finds its pages from the build before
serve's instead of making them all again.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path

from ..check.cache import code_version
from ..load.files import write_whole

__all__ = ["Outputs", "code_version", "place"]

FILES = "files"
LAST = "last.keys"
BEFORE = "before.keys"
_RETIRED = ("current", "previous", "next-", "old-")   # an earlier layout's folders, removed at a commit


def place(source: str | Path, target: str | Path) -> None:
    """`target` becomes the same file as `source`: a hard link, or a copy across file systems. A
    symbolic link is never followed: what it points to is not the build's to publish."""
    try:
        os.link(source, target, follow_symlinks=False)
        return
    except FileExistsError:  # rare: asked first, a missing file would cost every link a call
        os.unlink(target)
        try:
            os.link(source, target, follow_symlinks=False)
            return
        except OSError:
            pass
    except OSError:
        pass
    with contextlib.suppress(FileNotFoundError):  # never copy into a file that may be a link into the cache
        os.unlink(target)
    shutil.copyfile(source, target, follow_symlinks=False)


def _linked(source: str, target: str) -> bool:
    """`place`, when `source` exists; one failed call, not a look first, when it does not."""
    try:
        os.link(source, target, follow_symlinks=False)
        return True
    except FileNotFoundError:
        return False
    except OSError:
        if not os.path.isfile(source):
            return False
    place(source, target)   # a file in the way, or another file system
    return True


def _keys(path: Path) -> set[str]:
    try:
        return set(path.read_text(encoding="ascii").split())
    except (OSError, ValueError):
        return set()


class Outputs:
    """One build's view of the cache: the files to link from, and the keys this build used.

    The files are listed once, when the build opens the cache: a rebuild then asks the file
    system nothing for a key it does not hold, and links only regular files. A restored cache
    is data: a symbolic link or a folder where a file should be is removed, never followed."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        files = folder / FILES
        if files.is_symlink():
            files.unlink()
        files.mkdir(parents=True, exist_ok=True)
        self.files = os.fspath(files)
        self.held = set() if folder.is_symlink() else _regular_files(self.files)   # keys found at the start
        self.used: set[str] = set()   # every key this build asked for: found here, or made and kept
        self.shards: set[str] = set()  # folders (key prefixes) known to exist, in this process

    def _entry(self, key: str) -> str:
        return f"{self.files}/{key[:2]}/{key}"

    def reuse(self, key: str, target: str) -> bool:
        """Link the cached file of `key` to `target`, in a folder that exists; False when there is none
        (the build makes it then, and keeps it).

        One link a file and nothing else: a rebuild at 10,000 companies links 45,000 files, and a
        move or a path object more per file cost more than the link itself."""
        self.used.add(key)
        return key in self.held and _linked(self._entry(key), target)

    def keep(self, key: str, written: Path) -> None:
        """Keep a file just written under its key, for the next builds (also in a forked writer); a
        file the cache cannot take is made again next time, and the build goes on."""
        self.used.add(key)   # a key held before and kept anew is this build's too: the commit must not remove it
        shard = key[:2]
        with contextlib.suppress(OSError):
            if shard not in self.shards:
                os.makedirs(f"{self.files}/{shard}", exist_ok=True)
                self.shards.add(shard)
            place(written, self._entry(key))

    def commit(self) -> None:
        """This build's keys become the last build's; files neither of the last two builds used go."""
        last, before = self.folder / LAST, self.folder / BEFORE
        kept = self.used | _keys(last)
        with contextlib.suppress(FileNotFoundError):
            os.replace(last, before)
        write_whole(last, ["\n".join(sorted(self.used)).encode("ascii")])
        if not self.folder.is_symlink():
            for key in self.held - kept:
                with contextlib.suppress(OSError):
                    os.unlink(self._entry(key))
            for entry in self.folder.iterdir():
                if entry.name.startswith(_RETIRED):
                    shutil.rmtree(entry, ignore_errors=True)

    def abandon(self) -> None:
        """A failed build lists no keys: the files it kept stay until a build that does not use them ends."""
        self.used = set()


def _regular_files(files: str) -> set[str]:
    """The names of the regular files two levels down; anything else there is removed."""
    found: set[str] = set()
    with os.scandir(files) as shards:
        for shard in shards:
            if not shard.is_dir(follow_symlinks=False):
                _remove(shard)
                continue
            with os.scandir(shard.path) as entries:
                for entry in entries:
                    if entry.is_file(follow_symlinks=False):
                        found.add(entry.name)
                    else:
                        _remove(entry)
    return found


def _remove(entry: os.DirEntry[str]) -> None:
    if entry.is_dir(follow_symlinks=False):
        shutil.rmtree(entry.path, ignore_errors=True)
    else:
        with contextlib.suppress(OSError):
            os.unlink(entry.path)
