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
            ["Example Knit Sdn Bhd", "Lot 2, Bayan Lepas", "Malaysia", "500", "", "45:55", ""],
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


def _import_men(tmp_path: Path, rows: list[list[str]]) -> tuple[dict[str, object], list[tuple[int, int, str]]]:
    path = tmp_path / "list.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    target = disclosure(tmp_path)
    outcome = import_sheet(path, target, "suppliers", today=TODAY)
    assert outcome.ok, [p.text() for p in outcome.problems]
    women = {s["name"]: s.get("female_workers") for s in load_file(target).data["suppliers"]
             if s["name"].startswith("Example")}
    return women, [(p.line, p.column, p.code) for p in outcome.problems]


@pytest.mark.parametrize(("heading", "column"), [
    ("Male", "male_workers"), ("Men", "male_workers"), ("Male Workers", "male_workers"), ("% Male", "male_share"),
    ("Male (%)", "male_share"), ("Number of Male Workers", "male_workers")])
def test_men_are_a_known_column(heading: str, column: str) -> None:
    assert resolve(heading, {}) == column


def test_men_give_the_women_of_a_total_or_are_checked_against_it(tmp_path: Path) -> None:
    # Shaped after Open Supply Hub-style lists: Total Workers, Female Workers, Male Workers.
    women, said = _import_men(tmp_path, [
        ["Facility Name", "Address", "Country", "Total Workers", "Female Workers", "Male Workers"],
        ["Example Garments Ltd", "Road 1, Dhaka", "Bangladesh", "1,000", "", "400"],
        ["Example Knit Sdn Bhd", "Lot 2, Bayan Lepas", "Malaysia", "500", "300", "200"],
        ["Example Denim Co", "Road 3, Dhaka", "Bangladesh", "200", "120", "60"],
        ["Example Socks Co", "Road 4, Dhaka", "Bangladesh", "300", "", "450"],
        ["Example Caps Co", "Road 5, Dhaka", "Bangladesh", "100-150", "", "40"],
        ["Example Belts Co", "Road 6, Dhaka", "Bangladesh", "80", "", "most"]])
    assert women == {"Example Garments Ltd": 600, "Example Knit Sdn Bhd": 300, "Example Denim Co": 120,
                     "Example Socks Co": None, "Example Caps Co": None, "Example Belts Co": None}
    assert said == [(4, 6, "import-gender-total"), (5, 6, "import-gender-total"), (6, 6, "import-gender-total"),
                    (7, 6, "import-men")]


def test_shares_of_men_and_women_are_checked_as_rounded(tmp_path: Path) -> None:
    women, said = _import_men(tmp_path, [
        ["Factory Name", "Address", "Country", "Number of Workers", "% Female", "% Male"],
        ["Example Garments Ltd", "Road 1, Dhaka", "Bangladesh", "333", "45.5%", "54.5%"],
        ["Example Knit Sdn Bhd", "Lot 2, Bayan Lepas", "Malaysia", "200", "", "0.35"],
        ["Example Denim Co", "Road 3, Dhaka", "Bangladesh", "200", "0.5", "0.4"]])
    assert women == {"Example Garments Ltd": 152, "Example Knit Sdn Bhd": 130, "Example Denim Co": 100}
    assert said == [(4, 6, "import-gender-total")]


def test_men_without_a_number_of_workers_are_said_once_at_their_heading(tmp_path: Path) -> None:
    women, said = _import_men(tmp_path, [
        ["Factory Name", "Address", "Country", "Female", "Male"],
        ["Example Garments Ltd", "Road 1, Dhaka", "Bangladesh", "600", "400"],
        ["Example Knit Sdn Bhd", "Lot 2, Bayan Lepas", "Malaysia", "", "250"]])
    assert women == {"Example Garments Ltd": 600, "Example Knit Sdn Bhd": None}
    assert said == [(1, 5, "import-men-unused")]


@pytest.mark.parametrize(("text", "percent"), [("1,200/800", 60.0), ("1,200,000 / 800,000", 60.0),
                                               ("45,5/54,5", 45.5)])
def test_a_comma_of_thousands_is_not_read_as_a_decimal_comma(text: str, percent: float) -> None:
    """'1,200/800' was 1.2 women to 800 men: 3 women of 2,000 workers, without a word."""
    assert _percent(text, "fm") == (percent, [])


def test_a_ratio_of_numbers_too_long_to_be_counts_is_a_warning_not_a_crash() -> None:
    """Each side read as infinity made the share NaN, and rounding it ended the import."""
    assert _percent("1" * 400 + "/" + "1" * 400, "fm") == (None, ["import-gender-ratio"])
