"""Data-driven cases: every file in cases/valid has no problem; every file in cases/invalid
declares its exact problems in leading comments, one per line: `# expect: LINE:COLUMN [warning ]CODE`."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from generator.check.validation import validate_document
from generator.load.loader import load_file

CASES = Path(__file__).parents[1] / "cases"
TODAY = dt.date(2025, 7, 1)  # as conftest's LV_TODAY: stale and future-date checks stay put
EXPECT = re.compile(r"^# expect: (\d+):(\d+) (?:(warning) )?([a-z0-9-]+)$")
VALID = sorted((CASES / "valid").glob("*.yaml"))
INVALID = sorted((CASES / "invalid").glob("*.yaml"))


def expected(file: Path) -> list[tuple[int, int, str, str]]:
    found = []
    for line in file.read_text(encoding="utf-8-sig").splitlines():
        if not line.startswith("#"):
            break
        if match := EXPECT.match(line):
            row, column, warning, code = match.groups()
            found.append((int(row), int(column), warning or "error", code))
    return sorted(found)


def actual(file: Path) -> list[tuple[int, int, str, str]]:
    problems = validate_document(load_file(file), TODAY)
    return sorted((p.line, p.column, p.level, p.code) for p in problems)


def test_there_are_cases() -> None:
    assert len(VALID) >= 3
    assert len(INVALID) >= 15


@pytest.mark.parametrize("file", VALID, ids=lambda f: f.stem)
def test_valid_case(file: Path) -> None:
    doc = load_file(file)
    assert doc.data["company"]["id"] == file.stem
    assert actual(file) == []


@pytest.mark.parametrize("file", INVALID, ids=lambda f: f.stem)
def test_invalid_case(file: Path) -> None:
    wanted = expected(file)
    assert wanted, f"{file.name} declares no '# expect:' line"
    assert actual(file) == wanted
