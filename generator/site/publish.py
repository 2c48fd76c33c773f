"""Build the site into a fresh folder and swap it in: a failed build leaves the old one.

The folder given with --site-dir is replaced whole, so it is checked first: only a folder
that is absent, empty, or carries the marker an earlier build left is replaced. The
project, its sources and anything else are refused, marker or not, and nothing outside a
folder made here is ever removed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from ..problems import as_text
from .cache_folder import PROJECT_ENV
from .config_file import config_problems
from .leftovers import claim
from .removal import mark, remove_later, sweep

# The configuration of a folder that has disclosures but no mkdocs.yml: the same as the one
# `disclose init` writes, with every folder made absolute (the file itself lives elsewhere).
BUILTIN = """\
site_name: Human-rights disclosures
theme: {{name: material}}
docs_dir: {docs}
plugins:
  - disclose: {{source: {source}, watchlists: {watchlists}, profiles: {profiles}, cache: {cache}}}
"""

# Written into every site built here: the sign that the folder may be replaced.
MARKER = ".disclose-site"
MARKER_TEXT = "Built by `disclose build`, which replaces this folder on each build.\n"
USAGE = 2


def site_problem(site_dir: Path, config_file: Path | None, source: Path | None = None) -> str | None:
    """Why `site_dir` must not be replaced by a build, in plain words; None when it may be.

    Without `config_file` (the built-in configuration), the project is the current folder.
    """
    if site_dir.is_symlink():
        return f"{site_dir} is a symbolic link; give the site folder itself"
    site = site_dir.resolve()
    project = config_file.resolve().parent if config_file else Path.cwd().resolve()
    sources = (source or project / "disclosures").resolve()
    named = {project: "the project folder (where mkdocs.yml is)", project / "docs": "the docs/ folder",
             sources: "the folder of disclosures"}
    for folder, what in named.items():
        if folder.is_relative_to(site):
            where = f"is {what}" if site == folder else f"holds {what}"
            return f"{site_dir} {where}; choose another --site-dir, such as site"
        if folder != project and site.is_relative_to(folder):
            return f"{site_dir} is inside {what}; choose another --site-dir, such as site"
    if ".git" in site.parts or (site / ".git").exists():
        return f"{site_dir} holds a git repository or is part of one's own files; choose another --site-dir"
    if not site.exists():
        return None
    if not site.is_dir():
        return f"{site_dir} is a file, not a folder; choose another --site-dir"
    if (site / MARKER).is_file() or not any(site.iterdir()):
        return None
    return (f"{site_dir} already holds files that `disclose build` did not make (no {MARKER} file in it), "
            "and building would replace them; choose an empty or new folder")


def builtin_config(folder: Path, target: Path, source: Path | None = None) -> Path:
    """Write the built-in configuration for the registry in `folder` into the folder `target`."""
    folder = folder.resolve()
    source = (source or folder / "disclosures").resolve()
    docs = folder / "docs" if (folder / "docs").is_dir() else target / "docs"
    docs.mkdir(exist_ok=True)
    paths = {"docs": docs, "source": source, "watchlists": folder / "watchlists",
             "profiles": folder / "profiles", "cache": folder / ".cache" / "disclose"}
    config = target / "mkdocs.yml"
    config.write_text(BUILTIN.format(**{k: json.dumps(str(v)) for k, v in paths.items()}), encoding="utf-8")
    return config


def build(config_file: Path | None, site_dir: Path, source: Path | None = None, engine: str = "mkdocs",
          say: Callable[[str], None] = lambda text: print(text, file=sys.stderr)) -> int:
    """Run `<engine> build` into a temporary folder beside `site_dir`; swap it in on success.

    Without `config_file`, the built-in configuration for the current folder is used.
    What the build prints (located problems, notes) is handed to `say`. Exit 2 when the
    folder may not be replaced.
    """
    if refused := site_problem(site_dir, config_file, source):
        say(f"refused: {refused}")
        return USAGE
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    sweep(site_dir.parent, _old_prefix(site_dir))   # old sites whose removal a stopped machine cut short
    # Named for this process: the next build removes it if this one is killed before its end.
    prefix = claim(f".{site_dir.name}-new-", site_dir.parent)
    if config_file is not None and (problems := config_problems(config_file)):
        say(as_text(problems))
        return 1
    fresh = Path(tempfile.mkdtemp(prefix=prefix, dir=site_dir.parent))
    with tempfile.TemporaryDirectory(prefix=claim("disclose-config-")) as scratch:
        config = config_file or builtin_config(Path.cwd(), Path(scratch), source)
        return _build(config, site_dir, fresh, source, engine, say, project=None if config_file else Path.cwd())


def _build(config_file: Path, site_dir: Path, fresh: Path, source: Path | None, engine: str,
           say: Callable[[str], None], project: Path | None = None) -> int:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if project is not None:   # the built-in configuration lives in a scratch folder, not in the project
        env[PROJECT_ENV] = str(project.resolve())
    if source is not None:
        env["DISCLOSE_SOURCE"] = str(source.resolve())
    # Through `engine.py`: the process ends once the engine's command returns, without taking apart
    # the objects of a large registry one by one (tens of seconds at 10,000 companies).
    command = [sys.executable, "-m", "generator.site.engine", engine, "build", "--strict", "--quiet",
               "--config-file", str(config_file), "--site-dir", str(fresh)]
    try:
        done = subprocess.run(command, env=env, check=False, capture_output=True, text=True)
        output = "\n".join(line for line in (done.stdout + done.stderr).splitlines() if not _noise(line))
        if output:
            say(output)
        if done.returncode != 0:
            return done.returncode
        (fresh / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        _swap(fresh, site_dir)
        return 0
    finally:
        shutil.rmtree(fresh, ignore_errors=True)


def _noise(line: str) -> bool:
    """jieba's start-up chatter, which says nothing about the site."""
    return line.startswith(("Building prefix dict", "Loading model", "Prefix dict has been built", "Dumping model"))


def _swap(fresh: Path, site_dir: Path) -> None:
    # The old site moves into a folder made here, so that removing it removes nothing else; it is
    # removed after the build returns (`removal`): 60,000 files at 10,000 companies take seconds.
    old = Path(tempfile.mkdtemp(prefix=_old_prefix(site_dir), dir=site_dir.parent))
    mark(old)
    try:
        moved = site_dir.exists()
        if moved:
            site_dir.rename(old / "site")
        try:
            fresh.rename(site_dir)
        except OSError:
            if moved:   # put the old site back: a failed swap must not lose it
                (old / "site").rename(site_dir)
            raise
    finally:
        remove_later(old)


def _old_prefix(site_dir: Path) -> str:
    return f".{site_dir.name}-old-"
