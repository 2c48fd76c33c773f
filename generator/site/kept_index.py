"""The search index kept between builds: a build whose records are the last index's links its files.

Pagefind indexes every record again at every build (19 CPU s at 10,000 companies), though most
edits (workers, dates, products, an audit's findings) change no record: the index is a function of the records
and of Pagefind's version. Its files are kept in the output cache (`outputs.py`) under the digest
of the requests that made it, and listed there under the digest of the registry's records alone,
which is known when Pagefind would start: a build that finds that list waits to see whether the
pages' records match too, and starts Pagefind only if they do not.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import shutil
from importlib import metadata
from pathlib import Path

from .outputs import Outputs, code_version

# What Pagefind writes: folders and names of letters, digits, dots, dashes and underscores.
_SAFE = re.compile(r"(?:[A-Za-z0-9_-][A-Za-z0-9._-]*/)*[A-Za-z0-9_-][A-Za-z0-9._-]*")
_MAX_FILES = 1_000_000
_MAX_LISTING = 64 * 2**20   # bytes: far above any index's list of files (about 40 bytes a file)


@functools.cache   # asked once per file of the index: metadata reads every installed package's
def _version() -> str:
    try:
        return metadata.version("pagefind")
    except metadata.PackageNotFoundError:
        return "unknown"


def _key(*parts: str) -> str:
    return hashlib.sha256("\0".join(("search-index", _version(), *parts)).encode()).hexdigest()


class KeptIndex:
    """The search index's files in the output cache: `started` is the digest of the registry's records."""

    def __init__(self, outputs: Outputs, started: str) -> None:
        self.outputs = outputs
        self.code = code_version()
        self.listing = _key(self.code, started)

    def expected(self) -> bool:
        """Whether the last builds kept an index begun with these records: worth waiting for the rest."""
        return self.listing in self.outputs.held

    def reuse(self, digest: str, out: Path, scratch: Path) -> int | None:
        """Link the index of the requests `digest` into `out`: the number of records it holds; None, with `out`
        removed, when the cache holds no such index or not all of it."""
        found = self._listed(digest, scratch)
        if found is None:
            return None
        count, names = found
        made: set[str] = set()   # folders made: an index of 10,000 companies has 13,000 files in a few folders
        try:
            for name in names:
                folder, _, _ = name.rpartition("/")
                if folder not in made:
                    (out / folder).mkdir(parents=True, exist_ok=True)
                    made.add(folder)
                target = out / name
                if not self.outputs.reuse(_key(self.code, digest, name), os.fspath(target)):
                    raise FileNotFoundError(name)
        except OSError:   # a file gone from the cache, or a folder where a file should be
            shutil.rmtree(out, ignore_errors=True)
            return None
        return count

    def keep(self, digest: str, count: int, out: Path, scratch: Path) -> None:
        """Keep every file of the index just written in `out` as the index of the requests `digest`."""
        names = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
        for name in names:
            self.outputs.keep(_key(self.code, digest, name), out / name)
        listing = scratch / "kept-index"
        listing.unlink(missing_ok=True)   # it may be a link to the kept listing, which stays as it is
        listing.write_text("\n".join([f"{digest} {count}", *names]), encoding="utf-8")
        self.outputs.keep(self.listing, listing)

    def _listed(self, digest: str, scratch: Path) -> tuple[int, list[str]] | None:
        """The records and files of the kept index, when it was made from the requests `digest`: a restored cache
        is data, so a name that could leave the index's folder makes it none."""
        listing = scratch / "kept-index"
        if not self.outputs.reuse(self.listing, os.fspath(listing)):
            return None
        try:
            if listing.stat().st_size > _MAX_LISTING:
                return None
            first, *names = listing.read_text(encoding="utf-8").split("\n")
        except (OSError, ValueError):
            return None
        made, _, count = first.partition(" ")
        whole = made == digest and count.isascii() and count.isdigit() and len(names) <= _MAX_FILES
        if not whole or not all(map(_SAFE.fullmatch, names)):
            return None
        return int(count), names
