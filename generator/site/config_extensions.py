"""What a registry's mkdocs.yml may ask of its Markdown extensions: installed code only, and snippets
from plain files of their own folders.

A page includes any file under a snippets folder, following links: the project's own folder holds
.git (its config, with the remotes' credentials) and files git does not track (.env), and a link
planted in a folder of snippets (`includes/env.txt -> /proc/self/environ`) leads anywhere.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .docs_folder import folder_problems

CODE_HOOKS, CODE_PATH = "config-hooks", "config-outside"
SNIPPETS = "pymdownx.snippets"


def extension_problems(extensions: Any, here: Path, project: Path) -> list[tuple[tuple[str, ...], str, str]]:
    """Markdown extensions are installed code, and pymdownx.snippets includes only plain files of its own folders."""
    out = []
    for name, options in _named(extensions):
        top = name.split(".")[0] if isinstance(name, str) else ""
        if top and ((here / f"{top}.py").exists() or (here / top).is_dir()):
            out.append((("markdown_extensions",), CODE_HOOKS, f"the Markdown extension {name} is a module of this "
                                                              "repository: a build runs only installed extensions"))
        if str(name).split(":")[0] == SNIPPETS:
            out += [(("markdown_extensions",), CODE_PATH, message)
                    for message in _snippets(options if isinstance(options, dict) else {}, here, project)]
    return out


def _named(extensions: Any) -> list[tuple[Any, Any]]:
    """(name, options) of each extension, written as a list of names and mappings or as one mapping."""
    if isinstance(extensions, dict):
        return list(extensions.items())
    return [pair for item in as_list(extensions)
            for pair in (item.items() if isinstance(item, dict) else [(item, None)])]


def _snippets(options: dict, here: Path, project: Path) -> list[str]:
    """Why the snippets' settings may not be used, one message each."""
    out = []
    if ("restrict_base_path" in options and not options["restrict_base_path"]) or options.get("url_download"):
        out.append("pymdownx.snippets may not lift restrict_base_path nor download: a page would publish any file "
                   "the build can read, or any address's")
    for base in as_list(options.get("base_path", ".")):
        if not isinstance(base, str):
            continue
        if outside(base, here, project):
            out.append(f"pymdownx.snippets' base_path {base} is outside the project ({project})")
        elif (here / base).resolve() == project or hidden(base, here, project):
            out.append(f"pymdownx.snippets' base_path {base} would let a page include any file of "
                       f"{'the project' if (here / base).resolve() == project else 'a hidden folder'}, .git/config "
                       "and untracked files such as .env among them; set base_path to the folder of the snippets, "
                       "such as includes")
        elif linked := folder_problems(here / base, base):
            out.append(f"pymdownx.snippets would follow what its base_path holds: {linked[0]}")
    return out


def as_list(value: Any) -> list:
    return value if isinstance(value, list) else [] if value is None else [value]


def outside(value: Any, here: Path, project: Path) -> bool:
    """Whether a path setting leads out of the project; a NUL, which no path can hold (YAML writes it "\\0"),
    leads nowhere in it."""
    if not isinstance(value, str):
        return False
    return "\0" in value or not (here / value).resolve().is_relative_to(project)


def hidden(value: Any, here: Path, project: Path) -> bool:
    """A folder of the project that is, or is in, one named with a leading dot (.git, .cache, .venv)."""
    return isinstance(value, str) and any(
        part.startswith(".") for part in (here / value).resolve().relative_to(project).parts)
