"""Worker counts and shares as brands write them: an approximate count, its unit, a footnote mark; the
share of women under the headings retailers' lists use (invented sites)."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from generator.authoring.cells import Cell, workers
from generator.authoring.headings import resolve
from generator.authoring.importer import import_sheet
from generator.authoring.shares import part_of_workers
from generator.load.loader import load_file
from tests.authoring.test_import import disclosure
from tests.deadline import within

TODAY = dt.date(2026, 6, 1)


def _read(text: str) -> tuple[int | str | None, list[str]]:
    said: list[str] = []
    return workers(Cell(text, 2, 4), lambda cell, level, code, message: said.append(code)), said


@pytest.mark.parametrize(("text", "expected"), [
    ("approx. 300", 300), ("~250", 250), ("300 (approx)", 300), ("300 approx.", 300), ("ca. 400", 400),
    ("about 120", 120), ("1,200 employees", 1200), ("Approx 1000", 1000), ("+/- 500", 500), ("250*", 250),
    ("51-100 workers", "51-100"), ("approx. 1,000 - 2,000 workers", "1000-2000"), ("850 (estimated)", 850),
    ("≈ 1,200", 1200), ("～1200", 1200), ("约1200人", 1200), ("1200人", 1200), ("1,200名", 1200)])
def test_a_count_written_with_its_qualifier_or_unit_is_the_count(text: str, expected: int | str) -> None:
    assert _read(text) == (expected, [])


@pytest.mark.parametrize(("text", "expected"), [
    ("<100", "0-99"), ("< 100", "0-99"), ("less than 100", "0-99"), ("Under 1,000", "0-999"),
    ("fewer than 100", "0-99"), ("below 50", "0-49"), ("<1", 0),
    ("up to 100", "0-100"), ("≤100", "0-100"), ("<=100", "0-100"), ("<= 100", "0-100")])
def test_a_band_below_a_number_holds_it_only_when_it_says_so(text: str, expected: int | str) -> None:
    assert _read(text) == (expected, [])


@pytest.mark.parametrize("text", ["1000-", "1,000 -", "1000–", "1000+"])
def test_a_band_with_a_trailing_dash_is_open_as_a_plus_is(text: str) -> None:
    assert _read(text) == (None, ["import-workers-open"])


@pytest.mark.parametrize(("text", "expected"), [
    ("1K-5K", "1000-5000"), ("1k–5k", "1000-5000"), ("1.5k - 2k", "1500-2000"), ("500-5K", "500-5000"),
    ("1K - 4,999", "1000-4999"), ("5K", 5000), ("<1k", "0-999"), ("1,000 - 4,999", "1000-4999"),
    ("1001-5000", "1001-5000"), ("100 to 499", "100-499"), ("100 — 499", "100-499"), ("100~499", "100-499"),
    ("between 100 and 499", "100-499"), ("from 100 to 499 workers", "100-499"), ("Less than 100", "0-99"),
    ("Medium (100-499)", "100-499"), ("100-499 (medium)", "100-499"), ("Large: 1,000-4,999", "1000-4999")])
def test_a_band_as_brands_write_it_is_the_range_it_names(text: str, expected: int | str) -> None:
    assert _read(text) == (expected, [])


@pytest.mark.parametrize(("text", "code"), [
    (">5000", "import-workers-open"), ("10K+", "import-workers-open"), (">5k", "import-workers-open"),
    ("Large: 1000+", "import-workers-open"),
    # K written once, on a band whose lower number reads both ways: 1-5,000 or 1,000-5,000.
    ("1-5K", "import-workers-unsure"), ("Medium", "import-workers-unsure"), ("small size", "import-workers-unsure"),
    ("SME", "import-workers-unsure")])
def test_a_band_that_cannot_be_read_without_a_guess_is_a_warning(text: str, code: str) -> None:
    assert _read(text) == (None, [code])


def test_a_list_of_worker_bands_keeps_what_it_can_read_and_says_what_it_cannot(tmp_path: Path) -> None:
    """'1K-5K' stopped the whole import as no number of workers; '1-5K' and 'Medium' need a guess."""
    path = tmp_path / "list.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([["Factory Name", "Address", "Country", "Worker Band"],
                                 *([f"Example Mill {i}", f"{i} Example Road", "Portugal", band] for i, band in
                                   enumerate(["1K-5K", "1k–5k", "100 to 499", "1-5K", "Medium", ">5000"]))])
    target = disclosure(tmp_path)
    outcome = import_sheet(path, target, "suppliers", today=TODAY)
    assert outcome.ok and outcome.written, [p.text() for p in outcome.problems]
    got = [s.get("workers") for s in load_file(target).data["suppliers"] if s["name"].startswith("Example")]
    assert got == ["1000-5000", "1000-5000", "100-499", None, None, None]
    assert [(p.line, p.code) for p in outcome.problems] == [
        (5, "import-workers-unsure"), (6, "import-workers-unsure"), (7, "import-workers-open")]
    assert "'1-5K' may be 1-5000 or 1000-5000" in outcome.problems[0].message


@pytest.mark.parametrize("text", ["1000--", "<0", "many", "approx.", "300 tons", "3 shifts"])
def test_what_is_no_count_stays_an_error(text: str) -> None:
    assert _read(text) == (None, ["import-workers"])


def test_women_and_migrants_under_retailers_headings(tmp_path: Path) -> None:
    # Shaped after retailers' factory lists: counts headed 'Female', shares headed 'Women %'.
    path = tmp_path / "list.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([
            ["Factory Name", "Address", "Country", "Total Workers", "Female", "Male", "Women %", "% Foreign Workers"],
            ["Example Garments Ltd", "Road 1, Dhaka", "Bangladesh", "1,000", "600", "400", "", "0%"],
            ["Example Knit Sdn Bhd", "Lot 2, Bayan Lepas", "Malaysia", "500", "", "", "40%", "30%"]])
    target = disclosure(tmp_path)
    outcome = import_sheet(path, target, "suppliers", today=TODAY)
    assert outcome.ok, [p.text() for p in outcome.problems]
    got = {s["name"]: (s.get("female_workers"), s.get("migrant_workers")) for s in load_file(target).data["suppliers"]}
    assert got["Example Garments Ltd"] == (600, 0) and got["Example Knit Sdn Bhd"] == (200, 150)
    assert not outcome.problems   # 'Male' checks the women: 600 and 400 make the 1,000 workers


@pytest.mark.parametrize("heading", ["Women (%) Workers", "Women Workers (%)", "Female Workers [%]", "Women (%)"])
def test_a_percent_sign_in_brackets_is_the_columns_unit(heading: str) -> None:
    assert resolve(heading, {}) == "female_share"


def test_women_in_percent_under_a_merged_workers_heading(tmp_path: Path) -> None:
    # Shaped after a brand's XLSX list: a title, "Workers" merged over "Total · Women (%) · Migrants (%)",
    # the shares written as fractions.
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Example Brand supplier list"])
    sheet.append(["Factory Name", "Address", "Country", "Workers", None, None])
    sheet.append([None, None, None, "Total", "Women (%)", "Migrants (%)"])
    sheet.merge_cells("D2:F2")
    sheet.append(["Example Dye House", "Lot 7, Example Zone, Tirupur", "India", 250, 0.3, 0.5])
    sheet.append(["Example Knit Co", "Road 9, Example Town", "India", 100, 0.6, 0])
    book.save(tmp_path / "list.xlsx")
    target = disclosure(tmp_path)
    outcome = import_sheet(tmp_path / "list.xlsx", target, "suppliers", today=TODAY)
    assert outcome.ok, [p.text() for p in outcome.problems]
    got = {s["name"]: (s.get("workers"), s.get("female_workers"), s.get("migrant_workers"))
           for s in load_file(target).data["suppliers"]}
    assert got["Example Dye House"] == (250, 75, 125) and got["Example Knit Co"] == (100, 60, 0)


@pytest.mark.parametrize(("heading", "column"), [
    ("Headcount", "number_of_workers"), ("Total Headcount", "number_of_workers"), ("Workforce", "number_of_workers"),
    ("No. of Employees", "number_of_workers"), ("Total number of employees", "number_of_workers"),
    ("Worker Count", "number_of_workers"), ("Total No. of Workers", "number_of_workers"),
    ("Percentage of female workers (%)", "female_share"), ("% of female employees", "female_share"),
    ("Share of women (%)", "female_share"), ("Number of female workers (%)", "female_share"),
    ("Females", "female_workers"), ("Foreign Migrant Workers", "migrant_workers"),
    ("Number of Foreign Migrant Workers", "migrant_workers"), ("Migrant workers %", "migrant_share"),
    ("Line Workers", "workers_of_a_kind"), ("Temporary workers", "workers_of_a_kind"),
    ("Contract Workers", "workers_of_a_kind"), ("% Agency Workers", "workers_of_a_kind"),
    ("Female Supervisors", "female_supervisors"), ("Women-owned", "women_owned"), ("Total", "total")])
def test_workforce_headings_are_read_by_their_words(heading: str, column: str) -> None:
    assert resolve(heading, {}) == column


def test_workers_of_one_kind_are_said_not_to_be_held(tmp_path: Path) -> None:
    # Shaped after a sportswear brand's manufacturing map export: Total Workers, Line Workers, shares.
    path = tmp_path / "list.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([
            ["Factory Name", "Address", "Country", "Headcount", "Line Workers", "Temporary workers",
             "Foreign Migrant Workers", "% of female employees"],
            ["Example Footwear Co", "Road 1, Example Town", "Viet Nam", "2,000", "1,700", "150", "40", "45,5 %"]])
    target = disclosure(tmp_path)
    outcome = import_sheet(path, target, "suppliers", today=TODAY)
    assert outcome.ok, [p.text() for p in outcome.problems]
    site = next(s for s in load_file(target).data["suppliers"] if s["name"] == "Example Footwear Co")
    assert (site["workers"], site["female_workers"], site["migrant_workers"]) == (2000, 910, 40)
    said = [(p.column, p.code, "one kind of job" in p.message) for p in outcome.problems]
    assert said == [(5, "import-column-ignored", True), (6, "import-column-ignored", True)]


@pytest.mark.parametrize(("text", "expected"), [("1\u00a0200", 1200), ("1\u202f200", 1200), ("2\u2009500", 2500)])
def test_thousands_grouped_with_a_no_break_space_are_a_count(text: str, expected: int) -> None:
    assert _read(text) == (expected, [])


def test_parts_of_workers_that_are_no_one_number_are_warned_not_stopped(tmp_path: Path) -> None:
    # Shaped after lists that band their shares ('40-50%') and say whether a site has migrants ('Yes').
    path = tmp_path / "list.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([
            ["Factory Name", "Address", "Country", "Number of Workers", "% Female Workers", "Migrant Workers"],
            ["Example Garments Ltd", "Road 1, Dhaka", "Bangladesh", "1\u00a0000", "40-50%", "Yes"],
            ["Example Knit Sdn Bhd", "Lot 2, Bayan Lepas", "Malaysia", "500", "60 - 70", "20-30"],
            ["Example Denim Co", "Road 3, Dhaka", "Bangladesh", "200", "45,5 %", "No"]])
    target = disclosure(tmp_path)
    outcome = import_sheet(path, target, "suppliers", today=TODAY)
    assert outcome.ok, [p.text() for p in outcome.problems]
    got = {s["name"]: (s.get("workers"), s.get("female_workers"), s.get("migrant_workers"))
           for s in load_file(target).data["suppliers"] if s["name"].startswith("Example")}
    assert got == {"Example Garments Ltd": (1000, None, None), "Example Knit Sdn Bhd": (500, None, None),
                   "Example Denim Co": (200, 91, None)}
    assert sorted((p.line, p.column, p.code) for p in outcome.problems) == [
        (2, 5, "import-share-range"), (2, 6, "import-workers-whether"), (3, 5, "import-share-range"),
        (3, 6, "import-workers-band"), (4, 6, "import-workers-whether")]


def test_a_comma_before_three_digits_in_a_share_column_is_said_not_read(tmp_path: Path) -> None:
    """'1,200' under '% Female Workers' was read as 1.2%: 12 women of 1,000, without a word. It may as well
    be 1,200 women written in the wrong column; a decimal comma before one or two digits, or after a 0, is kept."""
    path = tmp_path / "list.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([
            ["Factory Name", "Address", "Country", "Number of Workers", "% Female Workers", "% Migrant Workers",
             "% Male"],
            ["Example Garments Ltd", "Road 1, Dhaka", "Bangladesh", "1,000", "1,200", "12,000 %", "1,200"],
            ["Example Knit Sdn Bhd", "Lot 2, Bayan Lepas", "Malaysia", "1,000", "45,5", "2,5", ""],
            ["Example Denim Co", "Road 3, Dhaka", "Bangladesh", "200", "45,5%", "1,5", "54,5"]])
    target = disclosure(tmp_path)
    outcome = import_sheet(path, target, "suppliers", today=TODAY)
    assert outcome.ok, [p.text() for p in outcome.problems]
    got = {s["name"]: (s.get("female_workers"), s.get("migrant_workers"))
           for s in load_file(target).data["suppliers"] if s["name"].startswith("Example")}
    assert got == {"Example Garments Ltd": (None, None), "Example Knit Sdn Bhd": (455, 25),
                   "Example Denim Co": (91, 3)}
    said = sorted((p.line, p.column, p.code) for p in outcome.problems)
    assert said == [(2, 5, "import-share-comma"), (2, 6, "import-share-comma"), (2, 7, "import-share-comma")]
    assert "could be 1.2% (a decimal comma) or 1,200 workers" in outcome.problems[0].message


@pytest.mark.parametrize("heading", ["Domestic Migrant Workers", "% Domestic Migrants", "Migrant Workers (Domestic)",
                                     "Internal Migrant Workers", "Domestic Migrants %",
                                     "Number of Domestic Migrant Workers", "Inter-provincial migrant workers"])
def test_migrants_from_within_the_country_are_a_column_of_their_own(heading: str) -> None:
    assert resolve(heading, {}) == "domestic_migrants"


@pytest.mark.parametrize(("heading", "column"), [("Non-Domestic Migrant Workers", "migrant_workers"),
                                                 ("Migrant Workers (Non-Domestic)", "migrant_workers"),
                                                 ("% Non-domestic Migrants", "migrant_share")])
def test_migrants_who_are_not_domestic_are_the_migrants(heading: str, column: str) -> None:
    """'Non-Domestic Migrant Workers', workers from abroad, were passed over as migrants from within the country."""
    assert resolve(heading, {}) == column


def test_domestic_migrants_are_said_at_their_heading_not_read_as_migrants(tmp_path: Path) -> None:
    """'Migrant Workers (Domestic)' was read as the migrants, whose field holds workers from another country;
    'Domestic Migrant Workers' was an unknown heading, to be named with --map."""
    path = tmp_path / "list.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([
            ["Factory Name", "Address", "Country", "Total Workers", "Foreign Migrant Workers",
             "Domestic Migrant Workers", "Migrant Workers (Domestic)"],
            ["Example Electronics Co", "Road 1, Example Town", "Malaysia", "1,000", "120", "300", "300"],
            ["Example Plastics Co", "Road 2, Example Town", "Malaysia", "400", "", "80", "80"]])
    target = disclosure(tmp_path)
    outcome = import_sheet(path, target, "suppliers", today=TODAY)
    assert outcome.ok, [p.text() for p in outcome.problems]
    got = {s["name"]: s.get("migrant_workers") for s in load_file(target).data["suppliers"]}
    assert got["Example Electronics Co"] == 120 and got["Example Plastics Co"] is None
    assert [(p.line, p.column, p.code) for p in outcome.problems] == [
        (1, 6, "import-column-ignored"), (1, 7, "import-column-ignored")]
    assert all("no field for workers who moved within the country" in p.message for p in outcome.problems)


@pytest.mark.parametrize("text", ["1" + " " * 32_000 + "x", "a" + " " * 32_000 + "(x", "1" + "*" * 32_000 + "x",
                                  "1 " + " " * 32_000 + "- x"])
def test_a_count_cell_as_long_as_excel_allows_is_read_at_once(text: str) -> None:
    """Spaces around a bracket, or a footnote's stars, were tried at every split of their run: a cell of 1,000
    spaces between two characters took 20 s, one of Excel's 32,767 characters hours."""
    with within(10):
        assert _read(text) == (None, ["import-workers"])


def test_a_share_cell_as_long_as_excel_allows_is_read_at_once() -> None:
    """A band of shares ('40% - 50%') was looked for with spaces before and after an optional '%', tried at every
    split of a run of spaces: 6 s for '1', 32,000 spaces and 'x' under '% Female Workers'."""
    said: list[str] = []
    with within(3):
        part_of_workers(Cell("1" + " " * 32_000 + "x", 2, 4), lambda cell, level, code, message: said.append(code),
                        1000, in_percent=True)
    assert said == ["import-workers"]
