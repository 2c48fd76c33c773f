"""Whether a build may use the folder it keeps its cache in.

A build trusts its cache: checked files are not checked again, pages found there are
published as they are, and files the last builds did not use are deleted. So the cache
must be the build's own work, or a CI cache restored from `main`, never a pull request's
files: a committed `.cache/disclose/` could publish pages that no check saw, and a
committed link in it could have a build delete files outside the project. A cache folder
that git tracks, that lies outside the project, or that is reached through a symbolic
link is refused before anything in it is read.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..history.gitlog import GitUnavailable, run
from ..problems import Problem

CODE = "cache-folder"
# The project of a build with the built-in configuration, which lives in a scratch folder:
# set by `disclose build` for its engine, never read from mkdocs.yml (a pull request's file).
PROJECT_ENV = "DISCLOSE_PROJECT"


def project_folder(config_folder: Path) -> Path:
    """The project a build's cache must lie in: the folder of its mkdocs.yml, or the one `disclose build` names."""
    return Path(os.environ.get(PROJECT_ENV) or config_folder)


def _problem(where: Path, message: str) -> list[Problem]:
    return [Problem(str(where), 1, 1, "error", CODE, message)]


def cache_problems(cache_dir: Path, project: Path) -> list[Problem]:
    """Why the build may not keep its cache in `cache_dir` (a folder of `project`); [] when it may."""
    project = project.absolute()
    folder = cache_dir if cache_dir.is_absolute() else project / cache_dir
    try:
        rel = folder.relative_to(project)
    except ValueError:
        rel = None
    if rel is None or ".." in rel.parts or not rel.parts:
        return _problem(folder, f"the cache folder must be a folder inside the project ({project}), not {folder}: "
                                "a build deletes what it no longer uses there")
    if ".git" in rel.parts or (folder / ".git").exists():
        return _problem(folder, f"the cache folder may not be git's own folder nor hold a repository ({rel}): "
                                "a build deletes what it no longer uses there")
    for depth in range(1, len(rel.parts) + 1):
        step = project.joinpath(*rel.parts[:depth])
        if step.is_symlink():
            return _problem(step, f"{step} is a symbolic link: the cache is kept only in a folder of its own, "
                                  "never through a link (remove the link)")
    tracked = _tracked(project, rel)
    if tracked:
        return _problem(project / tracked, f"the cache folder holds files committed to the repository ({tracked}): "
                                           "a cache is made by builds and is never committed, and a build would "
                                           f"publish what it holds; remove it with `git rm -r --cached {rel}`")
    return []


def _tracked(project: Path, rel: Path) -> str:
    """The first file git tracks in `rel`, or '' (also when the project is no git repository)."""
    try:
        out = run(project, "ls-files", "-z", "--", f":(literal){rel.as_posix()}")
    except GitUnavailable:
        return ""
    first = out.split(b"\0", 1)[0]
    return first.decode("utf-8", "replace")
