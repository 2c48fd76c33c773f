"""The plugin's `source`, the folder of disclosures: a folder, or one git's history still holds.

A folder that is not there builds a registry of no company without a word, so `source:
disclosure` (a letter short) published an empty registry over the real one. Only the folder
the plugin reads when nothing is written, and one whose last company withdrew (git keeps no
empty folder, and the withdrawn companies' pages come from its history), may be absent.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..history.gitlog import ever_held

DEFAULT_SOURCE = "disclosures"


def source_problem(value: Any, here: Path) -> str | None:
    """Why `value`, the source setting of a mkdocs.yml in `here`, names no folder of disclosures; None when it
    does."""
    if not isinstance(value, str) or "\0" in value:
        return None   # MkDocs names a value of another type; a NUL is refused as leading out of the project
    folder = here / value
    if folder.is_dir():
        return None
    if folder.exists() or folder.is_symlink():
        return (f"source is {value}, which is not a folder: the disclosures are read from a folder of YAML files, "
                f"one per company (source: {DEFAULT_SOURCE})")
    if Path(value) == Path(DEFAULT_SOURCE) or ever_held(folder):
        return None   # a registry with no disclosure yet, or none left
    return (f"source is {value}: there is no such folder here, nor in git's history, so the site would list no "
            f"company; name the folder of disclosures (such as source: {DEFAULT_SOURCE}), or create it")
