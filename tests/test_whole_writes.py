"""Files the commands write over a user's own are written whole or not at all: a disk that fills up
part way (a file-size limit stands in for it) leaves what was there before, and no half a file."""

from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path

DISCLOSE = str(Path(sys.executable).parent / "disclose")


def _disclose(folder: Path, *args: str, limit: int | None = None) -> subprocess.CompletedProcess[str]:
    def limited() -> None:
        if limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run([DISCLOSE, *args], cwd=folder, capture_output=True, text=True, check=False, timeout=120,
                          preexec_fn=limited)


def _files(folder: Path) -> list[Path]:
    return sorted(p.relative_to(folder) for p in folder.rglob("*") if not p.is_dir())


def test_an_export_that_cannot_be_written_leaves_the_last_one_whole(tmp_path: Path) -> None:
    """It was cut to the limit (300 bytes of the last export), with no file named in the error."""
    assert _disclose(tmp_path, "new", "acme", "--name", "Acme").returncode == 0
    assert _disclose(tmp_path, "export", "--out", "out").returncode == 0
    before = {p: (tmp_path / "out" / p).read_bytes() for p in _files(tmp_path / "out")}
    assert before and all(len(b) > 100 for b in before.values())
    done = _disclose(tmp_path, "export", "--out", "out", "--format", "csv", limit=100)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert "acme's suppliers not exported into out: File too large; a file written there before is unchanged" \
        in done.stderr
    assert {p: (tmp_path / "out" / p).read_bytes() for p in _files(tmp_path / "out")} == before


def test_an_export_refuses_a_link_at_its_name_and_says_so(tmp_path: Path) -> None:
    """It was refused with 'Too many levels of symbolic links' and no file named."""
    assert _disclose(tmp_path, "new", "acme", "--name", "Acme").returncode == 0
    (tmp_path / "out").mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("the user's own file\n", encoding="utf-8")
    (tmp_path / "out" / "acme-suppliers.csv").symlink_to(victim)
    done = _disclose(tmp_path, "export", "--out", "out")
    assert done.returncode == 1 and "out/acme-suppliers.csv is a symbolic link" in done.stderr, done.stderr
    assert (tmp_path / "out" / "acme-suppliers.csv").is_symlink()
    assert victim.read_text(encoding="utf-8") == "the user's own file\n"


def test_an_init_that_cannot_be_written_leaves_no_file_and_can_be_run_again(tmp_path: Path) -> None:
    """It left half a mkdocs.yml, and the next run said 'already exists; nothing was written'."""
    done = _disclose(tmp_path, "init", ".", limit=100)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert "not set up in .: File too large; no file was left behind" in done.stderr
    assert _files(tmp_path) == []
    assert _disclose(tmp_path, "init", ".").returncode == 0
    assert (tmp_path / "mkdocs.yml").is_file() and (tmp_path / "docs" / "about.md").is_file()
