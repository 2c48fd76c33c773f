"""A brand's Region column of regions of the world ('S ASIA', 'EMEA') is no province: said once, at its heading,
and a warning repeated on many rows is listed three times, then counted, as every other is."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from generator.authoring.importer import import_sheet
from generator.load.loader import load_file
from generator.problems import collapse
from tests.authoring.test_real_lists import TODAY, disclosure

_REGIONS = ["S ASIA", "N ASIA", "SE ASIA", "EMEA", "AMERICAS", "LATAM", "APAC"]


def _import(tmp_path: Path, header: list[str], rows: list[list[str]]) -> tuple[list, dict]:
    sheet = tmp_path / "list.csv"
    with open(sheet, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([header, *rows])
    target = disclosure(tmp_path)
    outcome = import_sheet(sheet, target, "suppliers", today=TODAY)
    assert outcome.ok, [p.text() for p in outcome.problems]
    return outcome.problems, {e["name"]: e for e in load_file(target).data["suppliers"]}


@pytest.mark.parametrize("province", [True, False])
def test_a_region_column_of_world_regions_is_said_once_at_its_heading(tmp_path: Path, province: bool) -> None:
    rows = [[f"Example Factory {i}", "India", f"{i} Example Road", "Bengaluru", *(["Karnataka"] * province), region]
            for i, region in enumerate(_REGIONS * 4)]
    problems, suppliers = _import(tmp_path, ["Factory_Name", "Country", "Address", "City",
                                             *(["Province"] * province), "Region"], rows)
    assert [(p.line, p.column, p.code) for p in problems] == [(1, 5 + province, "import-column-ignored")]
    assert "regions of the world" in problems[0].message and "'S ASIA'" in problems[0].message
    assert {e.get("subdivision") for n, e in suppliers.items() if n.startswith("Example")} == (
        {"IN-KA"} if province else {None})


def test_a_region_column_that_holds_provinces_too_is_read_cell_by_cell(tmp_path: Path) -> None:
    problems, suppliers = _import(tmp_path, ["Factory Name", "Country", "City", "Region"],
                                  [["Example One", "India", "Bengaluru", "Karnataka"],
                                   ["Example Two", "India", "Chennai", "S ASIA"]])
    assert suppliers["Example One"]["subdivision"] == "IN-KA" and "subdivision" not in suppliers["Example Two"]
    assert [(p.line, p.code) for p in problems] == [(3, "import-world-region")]


def test_columns_that_differ_on_many_rows_are_listed_three_times_then_counted(tmp_path: Path) -> None:
    pairs = [("Vietnam", "TH"), ("India", "BD"), ("China", "VN"), ("Turkey", "PT"), ("Egypt", "MA"), ("Peru", "CL"),
             ("Kenya", "ET"), ("Italy", "FR")]   # each row's warning its own, as a list's are
    rows = [[f"Example Factory {i}", country, code, f"{i} Example Road"] for i, (country, code) in enumerate(pairs)]
    problems, _ = _import(tmp_path, ["Factory Name", "Country", "Country Code", "Address"], rows)
    shown = [p for p in collapse(problems) if p.code == "import-columns-differ"]
    assert len(shown) == 4 and "occurs 5 more times" in shown[-1].message
