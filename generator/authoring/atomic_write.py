"""A file written whole or not at all: what `disclose new` and `init` make, and what the importer and
`disclose export` write over a user's files.

A new file is made only where none was (never through a link) and removed again when it cannot be
finished. Over a file, the text goes into a new file beside the target, which then takes the target's place in one
step: a disk that fills up, a Ctrl-C or a crash part way leaves the file as it was, never cut
short. A link at the target would be replaced, never followed (it could point at any file of the user's);
callers refuse one first, as it is the user's own.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def _new_file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask   # what open() gives a new file


def replace_file(target: Path, text: str, newline: str = "\n", mode: int | None = None) -> None:
    """`text` as the whole of `target`, with `newline` line endings and `mode` (a new file's when None:
    mkstemp makes a file only its owner may read)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline=newline) as f:
            f.write(text)
        os.chmod(tmp, _new_file_mode() if mode is None else mode)
        os.replace(tmp, target)
    except BaseException:
        os.unlink(tmp)
        raise


def write_new(target: Path, data: bytes) -> None:
    """`data` as a file that was not there, whole or not at all: FileExistsError when something is at
    `target`, a link included; a write that fails (a full disk, Ctrl-C) removes the file it made, which
    would otherwise stand in the way of the next attempt as "already there"."""
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o666)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
    except BaseException:
        target.unlink()   # made by this call (O_EXCL), so ours to remove
        raise
