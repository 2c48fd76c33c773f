"""A province named only at the end of an address, or alone in a Location column, is the site's subdivision,
said at its cell: the province decides which regions' checks a site meets (Xinjiang is CN-XJ)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from generator.authoring.cells import Cell
from generator.authoring.osh import row_fields
from tests.authoring.test_real_lists import imported


def _row(address: str, country: str = "China") -> tuple[dict, list[tuple[int, int, str]]]:
    given = {"name": Cell("Example Smelting", 3, 1), "address": Cell(address, 3, 2), "country": Cell(country, 3, 3)}
    fields, _, problems = row_fields(given, "list.csv")
    return fields, [(p.line, p.column, p.code) for p in problems]


@pytest.mark.parametrize(("address", "country", "code"), [
    ("Xinjiang", "China", "CN-XJ"),                                        # a smelter list's Location
    ("Guangdong", "China", "CN-GD"),                                       # a brand list's supplier_address
    ("Alabama", "United States", "US-AL"),
    ("No. 8 Example Road, Kunshan, Jiangsu", "CN", "CN-JS"),              # an Open Supply Hub address
    ("No. 8 Example Road, Huzhou, Zhejiang Province 313000, China", "CHINA", "CN-ZJ"),
    ("Example Industrial Zone, Foshan,Guangdong, China\u25a1", "CHINA", "CN-GD"),
    ("12 Example Street, Austin, TX 78701, USA", "US", "US-TX"),
])
def test_a_province_at_the_end_of_the_address_is_the_subdivision_with_a_warning(
        address: str, country: str, code: str) -> None:
    fields, problems = _row(address, country)
    assert fields["subdivision"] == code and fields["address"] == address
    assert problems == [(3, 2, "import-subdivision-from-address")]


@pytest.mark.parametrize(("address", "country"), [
    ("88 Xinjiang Road, Nanjing", "China"),                # a word in a street's name is no place
    ("No. 5 Guangdong Road, Nanjing, China", "China"),
    ("1 Example Road, Savar, Dhaka", "Bangladesh"),        # a division and a district of that name
    ("1 Example Road, Kalutara, Western Province", "Sri Lanka"),   # two subdivisions named
    ("1 Example Road, Taipei, Taiwan", "China"),           # a place ISO lists as a country too
])
def test_no_subdivision_is_guessed_where_the_address_does_not_name_exactly_one(address: str, country: str) -> None:
    fields, problems = _row(address, country)
    assert "subdivision" not in fields
    assert "import-subdivision-from-address" not in {code for _, _, code in problems}


def test_a_province_column_wins_and_nothing_is_said() -> None:
    given = {"name": Cell("Example Smelting", 3, 1), "address": Cell("1 Example Road, Urumqi, Xinjiang", 3, 2),
             "country": Cell("China", 3, 3), "subdivision": Cell("Xinjiang", 3, 4)}
    fields, _, problems = row_fields(given, "list.csv")
    assert fields["subdivision"] == "CN-XJ" and problems == []


def test_a_smelter_list_placed_by_location_imports_its_sites_provinces(tmp_path: Path) -> None:
    sheet = tmp_path / "smelters.csv"
    with open(sheet, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([["Country", "Location", "Company Name", "Comments"],
                                 ["China", "Xinjiang", "Example Aluminium", ""],
                                 ["China", "Inner Mongolia", "Example Aluminium", ""],
                                 ["China", "1 Example Road, Kunshan, Jiangsu", "Sample Metals", ""]])
    _, suppliers = imported(tmp_path, sheet)
    assert {i: e.get("subdivision") for i, e in suppliers.items() if "example" in i or "sample" in i} == {
        "example-aluminium-cn-xinjiang": "CN-XJ", "example-aluminium-cn-inner-mongolia": "CN-NM",
        "sample-metal-cn": "CN-JS"}
