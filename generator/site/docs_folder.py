"""The folders of pages and theme files the build copies into the site: only their own files.

MkDocs follows symbolic links in them, so a link that a pull request adds (`docs/env.txt ->
/proc/self/environ`) would publish whatever it points to: a file outside the checkout or the
build's own environment. Such an entry is refused, never read, wherever it is in the folder.
"""

from __future__ import annotations

import mimetypes
import os
import re
import stat
from collections.abc import Sequence
from pathlib import Path

from ..load.files import NotAFile, read_regular
from ..text import printable


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
# An XML document is markup whatever its name: a host serves `feed.rss` or `map.kml` as XML, and an element in
# the XHTML namespace there runs. One begins, past a byte-order mark and blanks, with '<'.
_MARKUP_START = re.compile(rb"(?:\xef\xbb\xbf|\xff\xfe|\xfe\xff)?[\s\x00]*<")
_LEAD = 512
# XML names an element with any prefix bound to a namespace (`<x:script xmlns:x="…/svg">` is a script), writes
# a character as a reference (`&#106;avascript:`) and declares entities that stand for markup: each is read
# as the browser reads it before the image is searched.
_SVG_ACTIVE = re.compile(rb"<(?:[^\s<>/:]+:)?(?:script|foreignobject|iframe|embed|object)\b|\son[a-z]+\s*=|"
                         rb"<!entity|javascript:", re.I)
_REFERENCE = re.compile(rb"&#(?:x0*([0-9a-f]{1,8})|0*([0-9]{1,8}));?", re.I)
_URL_BLANKS = re.compile(rb"[\t\n\r]")   # a browser drops them from a link before reading its scheme
MAX_SVG = 5_000_000
_NOT_MARKUP = (".md", ".svg", ".svgz")


def _active(path: Path, shown: str) -> str | None:
    """Why a regular file of the docs folder would run in a reader's browser: an HTML or XML page not made
    from Markdown, or an SVG image holding a script or an event handler (opened on its own, it runs)."""
    suffix = path.suffix.lower()
    if suffix not in _NOT_MARKUP and (suffix in ACTIVE or _markup_type(path) or _begins_as_markup(path)):
        return (f"{shown}: is an HTML or XML file, which the site would publish as it is, scripts and all; "
                "write the page in Markdown")
    if suffix in (".svg", ".svgz") and (suffix == ".svgz" or _svg_active(path)):
        return (f"{shown}: is an SVG image holding a script, an event handler, a frame or an entity declaration "
                "(or one that cannot be read plainly), which runs when the image is opened; remove them")
    return None


def _markup_type(path: Path) -> bool:
    kind = mimetypes.guess_type(path.name, strict=False)[0] or ""
    return "html" in kind or kind.endswith(("/xml", "+xml"))


def _begins_as_markup(path: Path) -> bool:
    try:
        return _MARKUP_START.match(read_regular(path, _LEAD)) is not None
    except (NotAFile, OSError):
        return True


def _svg_active(path: Path) -> bool:
    """Read once, as a regular file and never through a link (one swapped in since the walk looked is
    refused), no more than the bound allows: too large to read is as bad as active."""
    try:
        data = read_regular(path, MAX_SVG)
    except (NotAFile, OSError):
        return True
    if len(data) > MAX_SVG:
        return True
    text = _REFERENCE.sub(_character, data)
    return _SVG_ACTIVE.search(text) is not None or _SVG_ACTIVE.search(_URL_BLANKS.sub(b"", text)) is not None


def _character(found: re.Match[bytes]) -> bytes:
    """The character a reference stands for, as UTF-8 (a number no character has stands for nothing)."""
    number = int(found.group(1), 16) if found.group(1) else int(found.group(2))
    return chr(number).encode("utf-8", "replace") if number < 0x110000 else b""


# A script or stylesheet the site serves from the package or the theme (assets/disclose.js, the theme's bundle,
# assets/disclose.css) is loaded by every page, and a file of docs/ at its path replaces it: docs/assets/disclose.js
# ran on every reader's page, and docs/assets/disclose.css hid every watchlist match of every company page.
SCRIPTS = (".js", ".mjs", ".cjs")
STYLES = (".css",)


def _replaces_script(path: Path, rel: str, shown: str, theirs: Sequence[Path]) -> str | None:
    suffix = path.suffix.lower()
    if suffix not in SCRIPTS + STYLES or not any((folder / rel).is_file() for folder in theirs):
        return None
    what = "stylesheet" if suffix in STYLES else "script"
    return (f"{shown}: would replace the site's own {what} {rel}, which every page loads; docs/ holds pages and "
            "what they show, not the site's code (remove it; a registry changes the theme through its custom_dir)")


def folder_problems(folder: Path, shown_as: str, pages: bool = False, theirs: Sequence[Path] = (),
                    theme: bool = False) -> list[str]:
    """Each entry of `folder` (the folder itself first) that the build must not read, as 'path: why';
    in a folder of `pages` (docs/), each file that would run as it is too, and each that would replace a
    script of the folders `theirs` (the packaged pages', the theme's); in a `theme` folder, each file
    other than a template (.html, which MkDocs renders, never copies) that would run as it is.

    `shown_as` is how the folder is named in the messages, such as 'docs'."""
    if not os.path.lexists(folder):
        return []
    if refused := _problem(folder, printable(shown_as)):
        return [refused]
    found = []
    for here, dirs, files in os.walk(folder):   # links to folders are listed, never entered
        for name in sorted(dirs + files):
            path = Path(here, name)
            # A name may hold a line break: shown as it is, it forged a line in the build's log.
            shown = printable(f"{shown_as}/{path.relative_to(folder).as_posix()}")
            refused = _problem(path, shown)
            if refused is None and pages and name in files:
                rel = path.relative_to(folder).as_posix()
                refused = _active(path, shown) or _replaces_script(path, rel, shown, theirs)
            elif refused is None and theme and name in files and path.suffix.lower() != ".html":
                refused = _active(path, shown)   # copied into the site as it is: overrides/x.svg, overrides/x.xhtml
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
                                     pages, theirs, theme=not pages)
    return found
