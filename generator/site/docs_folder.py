"""The folders of pages and theme files the build copies into the site: only their own files.

MkDocs follows symbolic links in them, so a link that a pull request adds (`docs/env.txt ->
/proc/self/environ`) would publish whatever it points to: a file outside the checkout or the
build's own environment. Such an entry is refused, never read, wherever it is in the folder.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


def _problem(path: Path, shown: str) -> str | None:
    try:
        mode = path.lstat().st_mode
    except OSError as e:
        return f"{shown}: cannot be read ({e.strerror})"
    if stat.S_ISLNK(mode):
        return f"{shown}: is a symbolic link; put the file itself there"
    if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        return f"{shown}: is not a regular file"
    return None


def folder_problems(folder: Path, shown_as: str) -> list[str]:
    """Each entry of `folder` (the folder itself first) that the build must not read, as 'path: why'.

    `shown_as` is how the folder is named in the messages, such as 'docs'."""
    if not os.path.lexists(folder):
        return []
    if refused := _problem(folder, shown_as):
        return [refused]
    found = []
    for here, dirs, files in os.walk(folder):   # links to folders are listed, never entered
        for name in sorted(dirs + files):
            path = Path(here, name)
            shown = f"{shown_as}/{path.relative_to(folder).as_posix()}"
            if refused := _problem(path, shown):
                found.append(refused)
        dirs.sort()
    return found


def copied_problems(here: Path, *folders: str | None) -> list[str]:
    """`folder_problems` of each folder given, named from the project folder `here` when inside it."""
    found = []
    for folder in (Path(f) for f in folders if f):
        found += folder_problems(folder, os.path.relpath(folder, here) if folder.is_relative_to(here) else str(folder))
    return found
