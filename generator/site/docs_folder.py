"""The folders of pages and theme files the build copies into the site: only their own files.

MkDocs follows symbolic links in them, so a link that a pull request adds (`docs/env.txt ->
/proc/self/environ`) would publish whatever it points to: a file outside the checkout or the
build's own environment. Such an entry is refused, never read, wherever it is in the folder.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Sequence
from pathlib import Path

from ..load.files import NotAFile, read_regular


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


# Files a browser runs as a page of the site, published as they are, without the policy every page gets.
ACTIVE = (".html", ".htm", ".xhtml", ".xht", ".shtml", ".xml", ".xsl", ".xslt")
_SVG_ACTIVE = re.compile(rb"<script|<foreignobject|\son[a-z]+\s*=|javascript:|<iframe|<embed|<object", re.I)
MAX_SVG = 5_000_000


def _active(path: Path, shown: str) -> str | None:
    """Why a regular file of the docs folder would run in a reader's browser: an HTML page not made
    from Markdown, or an SVG image holding a script or an event handler (opened on its own, it runs)."""
    suffix = path.suffix.lower()
    if suffix in ACTIVE:
        return (f"{shown}: is an HTML or XML file, which the site would publish as it is, scripts and all; "
                "write the page in Markdown")
    if suffix in (".svg", ".svgz") and (suffix == ".svgz" or _svg_active(path)):
        return (f"{shown}: is an SVG image holding a script, an event handler or a frame (or one that "
                "cannot be read plainly), which runs when the image is opened; remove them")
    return None


def _svg_active(path: Path) -> bool:
    """Read once, as a regular file and never through a link (one swapped in since the walk looked is
    refused), no more than the bound allows: too large to read is as bad as active."""
    try:
        data = read_regular(path, MAX_SVG)
    except (NotAFile, OSError):
        return True
    return len(data) > MAX_SVG or _SVG_ACTIVE.search(data) is not None


# A script the site serves from the package or the theme (assets/disclose.js, the theme's bundle) runs on
# every page, and a file of docs/ at its path replaces it: docs/assets/disclose.js ran on every reader's page.
SCRIPTS = (".js", ".mjs", ".cjs")


def _replaces_script(path: Path, rel: str, shown: str, theirs: Sequence[Path]) -> str | None:
    if path.suffix.lower() not in SCRIPTS or not any((folder / rel).is_file() for folder in theirs):
        return None
    return (f"{shown}: would replace the site's own script {rel}, which every page runs; docs/ holds pages and "
            "what they show, not the site's code (remove it; a registry changes the theme through its custom_dir)")


def folder_problems(folder: Path, shown_as: str, pages: bool = False, theirs: Sequence[Path] = ()) -> list[str]:
    """Each entry of `folder` (the folder itself first) that the build must not read, as 'path: why';
    in a folder of `pages` (docs/, not a theme's templates), each file that would run as it is too, and
    each that would replace a script of the folders `theirs` (the packaged pages', the theme's).

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
            refused = _problem(path, shown)
            if refused is None and pages and name in files:
                rel = path.relative_to(folder).as_posix()
                refused = _active(path, shown) or _replaces_script(path, rel, shown, theirs)
            if refused:
                found.append(refused)
        dirs.sort()
    return found


def copied_problems(here: Path, docs: str | None, theme: str | None, theirs: Sequence[Path] = ()) -> list[str]:
    """`folder_problems` of the docs folder (its pages, none replacing a script of `theirs`) and the
    theme's, named from the project folder `here` when inside it."""
    found = []
    for folder, pages in ((docs, True), (theme, False)):
        if folder:
            path = Path(folder)
            found += folder_problems(path, os.path.relpath(path, here) if path.is_relative_to(here) else str(path),
                                     pages, theirs)
    return found
