"""The tools tests drive as a user would: uv (installed by the Makefile beside .venv)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def uv() -> str:
    """The Makefile's uv (it sets UV), else the one in .tools/, else one on PATH."""
    found = os.environ.get("UV") or next((str(p) for p in [ROOT / ".tools" / "bin" / "uv"] if p.is_file()), None)
    found = found or shutil.which("uv")
    if not found:
        pytest.fail("uv not found: run `make .venv/.installed-test` (it installs uv into .tools/)")
    return found


def fresh_venv(folder: Path, *requirements: str) -> Path:
    """A virtual environment of this Python in `folder` holding only `requirements`; its python."""
    env = dict(os.environ, UV_PYTHON_DOWNLOADS="never")
    env.pop("VIRTUAL_ENV", None)
    subprocess.run([uv(), "venv", "--quiet", "--python", sys.executable, str(folder)], check=True, env=env)
    python = folder / "bin" / "python"
    if requirements:
        subprocess.run([uv(), "pip", "install", "--quiet", "--python", str(python), *requirements],
                       check=True, env=env)
    return python
