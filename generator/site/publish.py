"""Build the site into a fresh folder and swap it in: a failed build leaves the old one."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path


def build(config_file: Path, site_dir: Path, source: Path | None = None, engine: str = "mkdocs",
          say: Callable[[str], None] = lambda text: print(text, file=sys.stderr)) -> int:
    """Run `<engine> build` into a temporary folder beside `site_dir`; swap it in on success.

    What the build prints (located problems, notes) is handed to `say`.
    """
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-new-", dir=site_dir.parent))
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
