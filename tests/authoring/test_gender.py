"""Women and men as lists give them: a gender ratio in one cell, read for the women's side only where the
cell or its heading says which side that is (invented sites)."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from generator.authoring.cells import Cell
from generator.authoring.gender import female_percent
from generator.authoring.headings import resolve
from generator.authoring.importer import import_sheet
from generator.load.loader import load_file
from tests.authoring.test_import import disclosure

TODAY = dt.date(2026, 6, 1)


def _percent(text: str, order: str) -> tuple[float | None, list[str]]:
    said: list[str] = []
    found = female_percent(Cell(text, 2, 5), lambda cell, level, code, message: said.append(code), order)
    return (None if found is None else round(found, 1)), said


@pytest.mark.parametrize(("heading", "column"), [
    ("Gender Ratio (F/M)", "gender_ratio_fm"), ("Female/Male %", "gender_ratio_fm"),
    ("% Female / Male", "gender_ratio_fm"), ("Female : Male Workers", "gender_ratio_fm"),
    ("Gender split (M:F)", "gender_ratio_mf"), ("Male/Female", "gender_ratio_mf"), ("M/F ratio", "gender_ratio_mf"),
    ("Gender Ratio", "gender_ratio"), ("Sex ratio", "gender_ratio"), ("Gender breakdown (%)", "gender_ratio"),
    ("Female %", "female_share"), ("% Female Workers", "female_share"), ("Female Workers", "female_workers")])
def test_a_ratio_heading_says_which_side_it_writes_first(heading: str, column: str) -> None:
    assert resolve(heading, {}) == column


@pytest.mark.parametrize(("text", "order", "women"), [
    ("60/40", "fm", 60), ("60:40", "fm", 60), ("60% / 40%", "fm", 60), ("60 / 40", "mf", 40), ("60%/40%", "mf", 40),
    ("59.5/40.5", "fm", 59.5), ("45,5 / 54,5", "fm", 45.5), ("3:2", "fm", 60), ("600/400", "fm", 60),
    ("F 60 / M 40", "", 60), ("M 40 / F 60", "fm", 60), ("Male/Female: 40/60", "", 60), ("60% F / 40% M", "", 60),
    ("Women 70%, Men 30%", "", 70), ("F 60/40", "", 60), ("Female 60%", "", 60), ("40% M", "", 60),
    ("50/50", "", 50), ("100/0", "fm", 100)])
def test_the_womens_side_of_a_ratio(text: str, order: str, women: float) -> None:
    assert _percent(text, order) == (women, [])


@pytest.mark.parametrize(("text", "order", "code"), [
    ("60/40", "", "import-gender-order"), ("60 F/40", "", "import-gender-order"),
    ("60% / 30%", "fm", "import-gender-ratio"), ("60", "fm", "import-gender-ratio"),
    ("mostly women", "fm", "import-gender-ratio"), ("0/0", "fm", "import-gender-ratio"),
    ("20/30/50", "fm", "import-gender-ratio")])
def test_a_ratio_that_cannot_be_read_is_left_out_with_a_warning(text: str, order: str, code: str) -> None:
    assert _percent(text, order) == (None, [code])


def test_a_list_of_ratios_imports_and_warns_at_the_cell_it_cannot_read(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([
            ["Factory Name", "Address", "Country", "Total Workers", "Gender Ratio (F/M)", "Gender split (M:F)",
             "Gender Ratio"],
            ["Example Garments Ltd", "Road 1, Dhaka", "Bangladesh", "1,000", "60/40", "", ""],
            ["Example Knit Sdn Bhd", "Lot 2, Penang", "Malaysia", "500", "", "45:55", ""],
            ["Example Denim Co", "Road 3, Dhaka", "Bangladesh", "200", "", "", "F 70 / M 30"],
            ["Example Socks Co", "Road 4, Dhaka", "Bangladesh", "300", "", "", "70/30"]])
    target = disclosure(tmp_path)
    outcome = import_sheet(path, target, "suppliers", today=TODAY)
    assert outcome.ok, [p.text() for p in outcome.problems]
    women = {s["name"]: s.get("female_workers") for s in load_file(target).data["suppliers"]
             if s["name"].startswith("Example")}
    assert women == {"Example Garments Ltd": 600, "Example Knit Sdn Bhd": 275, "Example Denim Co": 140,
                     "Example Socks Co": None}
    said = [(p.line, p.column, p.code) for p in outcome.problems]
    assert said == [(5, 7, "import-gender-order")]
