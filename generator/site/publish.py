"""Build the site into a fresh folder and swap it in: a failed build leaves the old one."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

# The configuration of a folder that has disclosures but no mkdocs.yml: the same as the one
# `disclose init` writes, with every folder made absolute (the file itself lives elsewhere).
BUILTIN = """\
site_name: Human-rights disclosures
theme: {{name: material}}
docs_dir: {docs}
plugins:
  - search: {{lang: [en, zh], separator: '[\\s\\u200b\\-]'}}
  - disclose: {{source: {source}, watchlists: {watchlists}, profiles: {profiles}, cache: {cache}}}
"""


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
    What the build prints (located problems, notes) is handed to `say`.
    """
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-new-", dir=site_dir.parent))
    with tempfile.TemporaryDirectory(prefix="disclose-config-") as scratch:
        config = config_file or builtin_config(Path.cwd(), Path(scratch), source)
        return _build(config, site_dir, fresh, source, engine, say)


def _build(config_file: Path, site_dir: Path, fresh: Path, source: Path | None, engine: str,
           say: Callable[[str], None]) -> int:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if source is not None:
        env["DISCLOSE_SOURCE"] = str(source.resolve())
    command = [sys.executable, "-m", engine, "build", "--strict", "--quiet",
               "--config-file", str(config_file), "--site-dir", str(fresh)]
    try:
        done = subprocess.run(command, env=env, check=False, capture_output=True, text=True)
        output = "\n".join(line for line in (done.stdout + done.stderr).splitlines() if not _noise(line))
        if output:
            say(output)
        if done.returncode != 0:
            return done.returncode
        _swap(fresh, site_dir)
        return 0
    finally:
        shutil.rmtree(fresh, ignore_errors=True)


def _noise(line: str) -> bool:
    """jieba's start-up chatter, which says nothing about the site."""
    return line.startswith(("Building prefix dict", "Loading model", "Prefix dict has been built", "Dumping model"))


def _swap(fresh: Path, site_dir: Path) -> None:
    old = site_dir.with_name(f".{site_dir.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(old)
    fresh.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)
