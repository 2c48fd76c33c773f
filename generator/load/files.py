"""Files are files: only regular files are read, and links are never followed.

A pull request can add a symbolic link to a secret outside the checkout, a FIFO that
blocks a reader forever, or a folder named like a disclosure. Each is refused before it is
opened or followed: the file is opened with O_NOFOLLOW and O_NONBLOCK, and checked with
fstat (on the open file, so it cannot be swapped in between) before a byte is read.
What the caches write is written whole or not at all (`write_whole`).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..problems import Problem

SUFFIXES = (".yaml", ".yml")
_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
WHY_NO_LINKS = "links are not followed, so that no file outside the folder can be published or printed"


def link_problem(path: Path, what: str = "this") -> Problem | None:
    """The error of a path that is a symbolic link (`what` it is, as said), which is never followed; None
    for any other."""
    if not path.is_symlink():
        return None
    return Problem(str(path), 1, 1, "error", "not-a-file", f"{what} is a symbolic link; {WHY_NO_LINKS}")


class NotAFile(Exception):
    """A path that is not a regular file; `message` says what it is, in plain words."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def kind(mode: int) -> str:
    """What a non-regular file is, in words."""
    tests = ((stat.S_ISLNK, "a symbolic link"), (stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
             (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"))
    for test, words in tests:
        if test(mode):
            return words
    return "not a regular file"


def _refusal(mode: int) -> NotAFile:
    what = kind(mode)
    why = f"; {WHY_NO_LINKS}" if what == "a symbolic link" else "; only regular files are read"
    return NotAFile(f"this is {what}, not a file{why}")


def open_regular(path: Path) -> tuple[BinaryIO, int]:
    """A regular file opened for reading, and its size; never through a link, never blocking.

    Raises NotAFile for a link, FIFO, device or folder, and OSError when it cannot be opened.
    """
    try:
        fd = os.open(path, _FLAGS)
    except OSError as e:
        # ELOOP is how O_NOFOLLOW says "a link"; say it in words, not in errno.
        if os.path.islink(path):
            raise _refusal(stat.S_IFLNK) from None
        raise e
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise _refusal(info.st_mode)
        return os.fdopen(fd, "rb"), info.st_size
    except BaseException:
        os.close(fd)
        raise


def read_regular(path: Path, limit: int) -> bytes:
    """At most `limit` + 1 bytes of a regular file (one more than allowed tells it is too large)."""
    file, _ = open_regular(path)
    with file:
        return file.read(limit + 1)


def write_whole(target: Path, chunks: Iterable[bytes]) -> bool:
    """`target` holds the chunks, or stays as it was: written beside it, then put in its place, so a
    reader never sees half a file. False when it could not be (a cache only saves time: the build goes on)."""
    temporary = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "wb") as out:
            out.writelines(chunks)
        os.replace(temporary, target)
    except OSError:
        temporary.unlink(missing_ok=True)
        return False
    return True


def near_name(name: str) -> str | None:
    """Why a file named almost like a disclosure is not read; None for any other name."""
    lower = name.lower()
    if lower.endswith(SUFFIXES) and not name.endswith(SUFFIXES):
        stem = name.rsplit(".", 1)[0]
        return f"it is not read: only names ending in .yaml or .yml, in lower case, are; rename it to {stem}.yaml"
    for suffix in SUFFIXES:
        if f"{suffix}." in lower:
            stem = name[: lower.index(f"{suffix}.")]
            return f"it is not read: its name ends after {suffix}; rename it to {stem}{suffix}"
    return None


@dataclass(frozen=True)
class Entry:
    """One name in a folder of disclosures: a file to read, or why it is not read."""

    path: Path
    level: str = ""        # "" when it is read; "error" or "warning" when it is not
    message: str = ""


def entries(folder: Path) -> Iterator[Entry]:
    """The disclosures directly in `folder`, in name order, and every name that looks like one but is not."""
    with os.scandir(folder) as found:
        listed = sorted(found, key=lambda e: e.name)
    for entry in listed:
        path = Path(folder, entry.name)
        mode = entry.stat(follow_symlinks=False).st_mode
        if entry.name.endswith(SUFFIXES):
            yield Entry(path) if stat.S_ISREG(mode) else Entry(path, "error", _refusal(mode).message)
        elif why := near_name(entry.name):
            yield Entry(path, "warning", why)
        elif stat.S_ISDIR(mode) and _holds_disclosures(path):
            yield Entry(path, "warning", "it is a folder, and disclosures in a folder are not read: only the files "
                        f"directly in {folder.name}/ are; move each one there")


# How many names of a folder inside the disclosures are looked at for one that looks like a disclosure.
_LOOKED_AT = 1000


def _holds_disclosures(folder: Path) -> bool:
    """Whether a folder among the disclosures holds a name like one (`disclosures/2024/acme.yaml`):
    a contributor's file put there would be left out without a word."""
    try:
        with os.scandir(folder) as found:
            names = (e.name.lower() for _, e in zip(range(_LOOKED_AT), found, strict=False))
            return any(name.endswith(SUFFIXES) for name in names)
    except OSError:
        return False
