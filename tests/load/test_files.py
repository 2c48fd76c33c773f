"""Files are files: links, FIFOs, devices and folders named like a disclosure are located errors,
never opened or followed; names that are almost a disclosure's are warnings that say why."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.check.validation import validate_paths
from generator.load.files import write_whole
from generator.load.loader import load_file
from generator.pipeline import build_site

ROOT = Path(__file__).resolve().parents[2]
GOOD = (ROOT / "tests" / "cases" / "valid" / "full-example.yaml").read_text(encoding="utf-8")
SECRET = "token: ghp_not_a_real_token_0123456789\npassword: hunter2\n"


def validate(*args: str, cwd: Path) -> tuple[int, str]:
    """`disclose validate` in a subprocess: a hang fails the test by its generous timeout, not the run."""
    done = subprocess.run([sys.executable, "-m", "generator.cli", "validate", "--format", "json", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert "Traceback" not in done.stderr
    return done.returncode, done.stdout


def codes(output: str) -> dict[str, tuple[str, str]]:
    return {Path(p["file"]).name: (p["level"], p["code"]) for p in json.loads(output)}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    source = tmp_path / "repo" / "disclosures"
    source.mkdir(parents=True)
    (source / "full-example.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "outside.yaml").write_text(SECRET, encoding="utf-8")
    return source


def test_a_link_to_a_secret_outside_is_refused_and_never_printed(folder: Path, tmp_path: Path) -> None:
    (folder / "leak.yaml").symlink_to(tmp_path / "outside.yaml")
    code, output = validate(str(folder), cwd=tmp_path)
    assert code == 1
    assert codes(output)["leak.yaml"] == ("error", "not-a-file")
    assert "hunter2" not in output and "ghp_" not in output and "token" not in output
    assert "symbolic link" in output


def test_a_fifo_and_a_link_to_a_fifo_or_a_device_do_not_block(folder: Path, tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    os.mkfifo(folder / "fifo.yaml")
    (folder / "to-fifo.yaml").symlink_to(tmp_path / "pipe")
    (folder / "zero.yaml").symlink_to("/dev/zero")
    code, output = validate(str(folder), cwd=tmp_path)
    assert code == 1
    found = codes(output)
    assert {name: found[name] for name in ("fifo.yaml", "to-fifo.yaml", "zero.yaml")} == dict.fromkeys(
        ("fifo.yaml", "to-fifo.yaml", "zero.yaml"), ("error", "not-a-file"))
    assert "FIFO" in output


def test_a_file_named_directly_is_refused_when_it_is_not_regular(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "named.yaml")
    (tmp_path / "link.yaml").symlink_to(tmp_path / "named.yaml")
    code, output = validate(str(tmp_path / "named.yaml"), str(tmp_path / "link.yaml"), "/dev/null", cwd=tmp_path)
    assert code == 1
    assert set(codes(output).values()) == {("error", "not-a-file")}
    assert load_file(tmp_path / "named.yaml").problems[0].code == "not-a-file"


def test_a_source_folder_that_is_a_link_is_refused(folder: Path, tmp_path: Path) -> None:
    (tmp_path / "linked").symlink_to(folder)
    code, output = validate(str(tmp_path / "linked"), cwd=tmp_path)
    assert code == 1
    assert codes(output) == {"linked": ("error", "not-a-file")}
    site = build_site(tmp_path / "linked", None)
    assert not site.result.ok and site.pages == ()


def test_a_folder_named_like_a_disclosure_is_an_error(folder: Path, tmp_path: Path) -> None:
    (folder / "x.yaml").mkdir()
    assert codes(validate(str(folder), cwd=tmp_path)[1]) == {"x.yaml": ("error", "not-a-file")}


def test_a_folder_of_disclosures_inside_the_folder_is_named_not_left_out_without_a_word(folder: Path) -> None:
    (folder / "2024").mkdir()
    (folder / "2024" / "acme.yaml").write_text(GOOD, encoding="utf-8")
    (folder / "logos").mkdir()   # a folder that holds no disclosure is no one's mistake
    (folder / "logos" / "acme.svg").write_text("<svg/>", encoding="utf-8")
    result = validate_paths([folder], dt.date(2025, 7, 1))
    assert [(Path(p.file).name, p.level, p.code) for p in result.problems] == [("2024", "warning", "not-read")]
    assert "move each one there" in result.problems[0].message
    assert len(result.documents) == 1


@pytest.mark.parametrize(("name", "words"), [("acme.YAML", "rename it to acme.yaml"), ("acme.Yml", "lower case"),
                                             ("acme.yml.txt", "rename it to acme.yml")])
def test_a_near_name_is_a_warning_that_says_why(name: str, words: str, folder: Path, tmp_path: Path) -> None:
    (folder / name).write_text(GOOD, encoding="utf-8")
    result = validate_paths([folder], dt.date(2025, 7, 1))
    assert [(Path(p.file).name, p.level, p.code) for p in result.problems] == [(name, "warning", "not-read")]
    assert words in result.problems[0].message
    assert len(result.documents) == 1


def test_a_file_is_written_whole_or_left_as_it_was(tmp_path):
    target = tmp_path / "entry"
    assert write_whole(target, [b"head\n", b"body"]) and target.read_bytes() == b"head\nbody"
    assert write_whole(target, [b"new"]) and target.read_bytes() == b"new"

    def broken():
        yield b"half"
        raise OSError("disk full")
    assert not write_whole(target, broken())
    assert target.read_bytes() == b"new" and [p.name for p in tmp_path.iterdir()] == ["entry"]
    assert not write_whole(tmp_path / "missing" / "entry", [b"x"])   # a folder that is not there: no write, no raise
