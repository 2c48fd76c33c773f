"""Removing a folder of a finished build without waiting for it.

An old site or an old generation of the output cache holds tens of thousands of files at
10,000 companies, and removing them takes seconds that no reader of the new site waits
for. A folder to remove is marked, then removed by a process of its own, marker last, so
that a removal cut short (the machine stopped) leaves a folder that the next build
recognises as its own and removes (`sweep`). Only a folder that carries the marker is
ever swept: a folder of the same name that someone else made stays.
"""

from __future__ import annotations

import glob
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

MARKER = ".disclose-remove"

# The removing process: the folder's content first, the marker last, then the folder.
_REMOVE = """
import os, shutil, sys
folder, marker = sys.argv[1:]
for name in os.listdir(folder):
    path = os.path.join(folder, name)
    if name == marker:
        continue
    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path)
    else:
        os.unlink(path)
os.unlink(os.path.join(folder, marker))
os.rmdir(folder)
"""


def mark(folder: Path) -> None:
    """Mark a folder made by the build as one to remove: before anything is moved into it."""
    (folder / MARKER).write_bytes(b"")


def remove_later(folder: Path) -> None:
    """Remove a marked folder in a process of its own; here, and waited for, when none can start."""
    try:
        subprocess.Popen([sys.executable, "-c", _REMOVE, str(folder), MARKER], start_new_session=True,
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)


def discard(folder: Path) -> None:
    """Remove a folder without waiting for it: it moves into a marked folder made beside it, which goes in a
    process of its own; removed here when it cannot be moved."""
    holder = Path(tempfile.mkdtemp(prefix=".disclose-discarded-", dir=folder.parent))
    mark(holder)
    try:
        folder.rename(holder / folder.name)
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)
    remove_later(holder)


def sweep(parent: Path, prefix: str) -> None:
    """Remove what a cut-short removal left in `parent`: marked folders whose names start with `prefix`."""
    for found in parent.glob(glob.escape(prefix) + "*"):
        if not found.is_symlink() and found.is_dir() and (found / MARKER).is_file():
            remove_later(found)
