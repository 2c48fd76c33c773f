"""Rows that do not fit the list's pattern, as published lists hold them: one mill listed twice under one id with two
firms above it, a comment wrapped onto a row of its own, a misspelt heading. One such row never stops the list."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from generator.authoring.importer import import_sheet
from generator.load.loader import load_file
from tests.authoring.test_import import TODAY, disclosure


def _imported(tmp_path: Path, rows: list[list[str]], **options):
    tmp_path.mkdir(parents=True, exist_ok=True)
    sheet = tmp_path / "list.csv"
    with open(sheet, "w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(rows)
    target = disclosure(tmp_path)
    outcome = import_sheet(sheet, target, "suppliers", today=TODAY, **options)
    sites = {e["name"]: e for e in load_file(target).data.get("suppliers") or []} if outcome.written else {}
    return outcome, sites


MILLS = ["Consumer Brand", "UML Id", "Name", "Country", "Province", "District", "Latitude", "Longitude",
         "Parent Company", "Parent Group"]


@pytest.mark.parametrize("order", [1, -1], ids=["as listed", "reversed"])
def test_a_mill_under_one_id_with_two_groups_above_it_is_one_mill_the_other_group_in_its_notes(
        tmp_path: Path, order: int) -> None:
    rows = [["Brand A", "PO1000000999", "Unit Contoh", "Indonesia", "Sumatera Utara", "Asahan", "3.04", "99.58", "",
             group] for group in ("Alpha Agri", "Beta International Ltd")]
    outcome, sites = _imported(tmp_path, [MILLS, *rows[::order]])
    assert outcome.ok and outcome.written, [p.text() for p in outcome.problems]
    mill = sites["Unit Contoh"]
    assert {mill["parent"], mill["notes"]} == {"Alpha Agri", "Parent Group: Beta International Ltd"}
    (said,) = [p.message for p in outcome.problems if p.code == "import-duplicate-row"]
    assert "'Alpha Agri'" in said and "'Beta International Ltd'" in said and "notes" in said


def test_merged_rows_that_differ_say_the_field_and_both_values_and_keep_the_other(tmp_path: Path) -> None:
    rows = [["Factory Name", "Address", "Country", "Supplier Group", "Number of Workers"],
            ["Alpha Knit Co. Ltd.", "1 Example Rd", "Vietnam", "Alpha Holdings", "1200"],
            ["Alpha Knit Co. Ltd.", "1 Example Rd", "Vietnam", "Omega Group", "1200"]]
    outcome, sites = _imported(tmp_path, rows)
    assert outcome.ok, [p.text() for p in outcome.problems]
    site = sites["Alpha Knit Co. Ltd."]
    other = ({"Alpha Holdings", "Omega Group"} - {site["parent"]}).pop()
    assert site["notes"] == f"Supplier Group: {other}"
    (said,) = [p.message for p in outcome.problems if p.code == "import-duplicate-row"]
    assert "parent 'Alpha Holdings'" in said or "parent 'Omega Group'" in said
    assert "'Alpha Holdings'" in said and "'Omega Group'" in said


@pytest.mark.parametrize(("lat", "lng"), [("Lattitude", "Longitude"), ("Latitude", "Longtitude"), ("Lat", "Lng"),
                                          ("Lat.", "Long.")])
def test_coordinates_under_misspelt_or_short_headings_are_read(tmp_path: Path, lat: str, lng: str) -> None:
    rows = [["Factory Name", "Address", "Country", lat, lng], ["Alpha Knit Co. Ltd.", "1 Example Rd", "Vietnam",
                                                               "10.8231", "106.6297"]]
    outcome, sites = _imported(tmp_path, rows)
    assert outcome.ok, [p.text() for p in outcome.problems]
    assert sites["Alpha Knit Co. Ltd."]["coordinates"] == {"lat": 10.8231, "lon": 106.6297}


def test_a_latitude_with_no_longitude_column_is_said_once_at_its_heading_not_at_every_row(tmp_path: Path) -> None:
    rows = [["Factory Name", "Address", "Country", "Latitude", "Longitud E"],
            *[[f"Site {n}", f"{n} Example Rd", "Vietnam", "10.8", "106.6"] for n in range(3)]]
    outcome, _ = _imported(tmp_path, rows)
    assert outcome.ok and len(outcome.added) == 3, [p.text() for p in outcome.problems]
    (said,) = [p for p in outcome.problems if p.code == "import-half-point"]
    assert (said.line, said.column) == (1, 4) and "'Latitude'" in said.message
    assert "--map 'Longitud E=longitude'" in said.message


def test_a_comment_wrapped_onto_a_row_of_its_own_is_joined_to_the_cell_above(tmp_path: Path) -> None:
    rows = [["Country", "Location", "Smelter", "Comments"],
            ["Australia", "Portland, Victoria", "Example Aluminium Ltd.", "Running at 1/4 capacity"],
            ["", "", "", "after December 2, 2016"],
            ["Australia", "Tomago", "Sample Smelting Pty. Ltd.", ""]]
    outcome, sites = _imported(tmp_path, rows, mapping={"Comments": "notes"})
    assert outcome.ok, [p.text() for p in outcome.problems]
    assert sites["Example Aluminium Ltd."]["notes"] == "Running at 1/4 capacity after December 2, 2016"
    (said,) = [p for p in outcome.problems if p.code == "import-continued-row"]
    assert (said.line, said.column) == (3, 4) and "'Comments'" in said.message


UML = ["uml_id", "group_name", "parent_com", "mill_name", "country", "province", "latitude", "longitude"]
SEDENAK = ["PO1000000999", "Contoh Group Berhad", "Contoh Management Sdn Bhd", "Contoh Sedenak", "Malaysia", "Johor",
           "1.71", "103.52"]


def test_a_mill_lists_parent_company_is_the_parent_and_its_group_kept_in_the_notes(tmp_path: Path) -> None:
    outcome, sites = _imported(tmp_path, [UML, SEDENAK])
    assert outcome.ok, [p.text() for p in outcome.problems]
    mill = sites["Contoh Sedenak"]
    assert (mill["parent"], mill["notes"]) == ("Contoh Management Sdn Bhd", "group_name: Contoh Group Berhad")


@pytest.mark.parametrize("named", ["group_name", "parent_com"])
def test_a_column_named_with_map_is_read_before_any_the_importer_reads_by_itself(tmp_path: Path, named: str) -> None:
    outcome, sites = _imported(tmp_path, [UML, SEDENAK], mapping={named: "parent"})
    assert outcome.ok, [p.text() for p in outcome.problems]
    assert sites["Contoh Sedenak"]["parent"] == SEDENAK[UML.index(named)]


def test_map_with_no_field_leaves_a_column_out_and_says_so_once(tmp_path: Path) -> None:
    outcome, sites = _imported(tmp_path, [UML, SEDENAK, [*SEDENAK[:2], "", *SEDENAK[3:]]],
                               mapping={"group_name": ""})
    assert outcome.ok, [p.text() for p in outcome.problems]
    mill = sites["Contoh Sedenak"]
    assert mill["parent"] == "Contoh Management Sdn Bhd" and "notes" not in mill
    said = [p for p in outcome.problems if p.column == 2]
    assert [(p.line, p.code) for p in said] == [(1, "import-column-ignored")] and "--map" in said[0].message


def test_company_as_the_lists_only_name_and_comments_as_notes_are_read(tmp_path: Path) -> None:
    rows = [["Country", "Location", "Company", "Plant Capacity (t/year)", "Comments"],
            ["Australia", "Tomago", "Sample Smelting Pty. Ltd.", "540000", "Closed 31 July 2014"]]
    outcome, sites = _imported(tmp_path, rows)
    assert outcome.ok, [p.text() for p in outcome.problems]
    assert sites["Sample Smelting Pty. Ltd."]["notes"] == "Closed 31 July 2014"


def test_a_mill_lists_rspo_column_is_a_certification_not_imported_and_said_why(tmp_path: Path) -> None:
    outcome, _ = _imported(tmp_path, [[*UML, "RSPO"], [*SEDENAK, "RSPO Certified, IP"]])
    (said,) = [p for p in outcome.problems if p.column == len(UML) + 1]
    assert said.code == "import-column-ignored" and "certification" in said.message


def test_a_district_read_as_the_town_is_said_at_its_heading(tmp_path: Path) -> None:
    outcome, sites = _imported(tmp_path, [[*UML, "district"], [*SEDENAK, "Kulaijaya"]])
    assert sites["Contoh Sedenak"]["city"] == "Kulaijaya"
    (said,) = [p for p in outcome.problems if p.code == "import-district-as-city"]
    assert said.column == len(UML) + 1 and "--map 'district=address'" in said.message
    outcome, _ = _imported(tmp_path / "named", [[*UML, "district"], [*SEDENAK, "Kulaijaya"]],
                           mapping={"district": "city"})
    assert not [p for p in outcome.problems if p.code == "import-district-as-city"]
