"""A 500-row Open Supply Hub CSV and an XLSX merged into a real example disclosure."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import openpyxl
import pytest

from generator.authoring.importer import import_sheet
from generator.check.validation import validate_document
from generator.load.loader import load_file
from tests.authoring.test_import import HEADER, osh_rows, write_csv
from tests.sitebuild import ROOT

EXAMPLE = ROOT / "disclosures" / "linden-thread-example.yaml"
TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def example(tmp_path: Path) -> Path:
    target = tmp_path / "disclosures" / EXAMPLE.name
    target.parent.mkdir()
    shutil.copy(EXAMPLE, target)
    return target


def comments(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip().startswith("#")]


def suppliers(path: Path) -> list[dict]:
    return load_file(path).data["suppliers"]


def test_500_row_csv_merges_into_an_example_which_still_validates_with_its_comments(example, tmp_path):
    before, kept = suppliers(example), comments(example)
    outcome = import_sheet(write_csv(tmp_path / "osh.csv", osh_rows(500)), example, "suppliers", today=TODAY)
    assert outcome.ok and outcome.written, outcome.problems
    after = suppliers(example)
    assert len(after) == len(before) + len(outcome.added) and len(outcome.added) >= 499
    assert {s["id"] for s in before} <= {s["id"] for s in after}  # nothing hand-written lost
    assert comments(example) == kept
    assert not [p for p in validate_document(load_file(example), TODAY) if p.is_error]


def test_xlsx_merges_into_an_example(example, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in osh_rows(40):
        sheet.append(row)
    book.save(tmp_path / "osh.xlsx")
    kept = comments(example)
    outcome = import_sheet(tmp_path / "osh.xlsx", example, "suppliers", today=TODAY)
    assert outcome.ok and len(outcome.added) >= 39, outcome.problems
    assert comments(example) == kept
    assert not [p for p in validate_document(load_file(example), TODAY) if p.is_error]
