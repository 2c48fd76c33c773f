"""The plugin's folders, `source` (the disclosures), `watchlists` and `profiles`: each a folder, or absent
where that is no mistake.

A folder that is not there was read as one holding nothing, without a word: `source: disclosure`
(a letter short) published a registry of no company over the real one, and `watchlists:
watchlist` screened every entity without the registry's own lists. Only the folder the plugin
reads when nothing is written may be absent, and a folder of disclosures whose last company
withdrew (git keeps no empty folder, and the withdrawn companies' pages come from its history).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..history.gitlog import ever_held

DEFAULTS = {"source": "disclosures", "watchlists": "watchlists", "profiles": "profiles"}
_HELD = {"source": "the disclosures, one YAML file per company", "watchlists": "the registry's own watchlists",
         "profiles": "the registry's own completeness profiles"}
_LOST = {"source": "the site would list no company", "watchlists": "every entity would be screened without the "
         "registry's own lists", "profiles": "the registry's own profiles would be left out"}


def folder_problem(key: str, value: Any, here: Path) -> str | None:
    """Why `value`, the plugin's setting `key` in a mkdocs.yml in `here`, names no folder; None when it does."""
    if not isinstance(value, str) or "\0" in value or key not in DEFAULTS:
        return None   # MkDocs names a value of another type; a NUL is refused as leading out of the project
    folder = here / value
    if folder.is_dir():
        return None
    if folder.exists() or folder.is_symlink():
        return f"{key} is {value}, which is not a folder: it is the folder of {_HELD[key]} ({key}: {DEFAULTS[key]})"
    if Path(value) == Path(DEFAULTS[key]) or (key == "source" and ever_held(folder)):
        return None   # none yet, or (of disclosures) none left
    where = "here, nor in git's history" if key == "source" else "here"
    return (f"{key} is {value}: there is no such folder {where}, so {_LOST[key]}; name the folder of {_HELD[key]} "
            f"(such as {key}: {DEFAULTS[key]}), or create it")
